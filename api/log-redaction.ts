/**
 * What pino must never print: credentials in headers (bearer tokens, the session cookie as it
 * comes and as it is set, the CSRF token), passwords, and any personal value that could ride
 * along in a logged object. Request logs carry method, url (ids only) and status.
 */
export const logRedactPaths = [
  // Headers as Fastify's request/response objects and hand-written log objects carry them.
  'headers.authorization', '*.headers.authorization', 'headers.cookie', '*.headers.cookie',
  'headers["set-cookie"]', '*.headers["set-cookie"]', 'headers["x-csrf-token"]', '*.headers["x-csrf-token"]',
  'password', 'token', 'csrfToken', 'email',
  '*.nationalId', '*.lastName', '*.firstName', '*.initials', '*.birthDate', '*.grossMonthlySalary',
  '*.street', '*.postalCode', '*.partnerLastName', '*.oldValue', '*.newValue', '*.token', '*.password', '*.passwordHash',
  '*.csrfToken', '*.email', '*.apiKey', '*.credentials', '*.callbackToken', '*.errorText',
];

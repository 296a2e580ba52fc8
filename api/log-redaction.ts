/**
 * What pino must never print: credentials in headers, and any personal value that could
 * ride along in a logged object. Request logs carry method, url (ids only) and status.
 */
export const logRedactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.nationalId', '*.lastName', '*.firstName', '*.initials', '*.birthDate', '*.grossMonthlySalary',
  '*.street', '*.postalCode', '*.partnerLastName', '*.oldValue', '*.newValue', '*.token', '*.password',
  '*.apiKey', '*.credentials', '*.callbackToken', '*.errorText',
];

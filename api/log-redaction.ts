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

/**
 * Request and response as pino prints them: method, path without its query string (a filter may
 * name a person, a search a name), the route pattern, the caller's address, the status. Never
 * headers: the redaction above covers hand-written lines that carry them.
 */
export const logSerializers = {
  req(req: { method?: string; url?: string; routeOptions?: { url?: string }; ip?: string; id?: string }) {
    return { method: req.method, url: withoutQuery(req.url), route: req.routeOptions?.url, remoteAddress: req.ip };
  },
  res(res: { statusCode?: number }) {
    return { statusCode: res.statusCode };
  },
};

/** A URL's path only: `/api/persons?search=Jansen` → `/api/persons`. */
const withoutQuery = (url: string | undefined) => (url === undefined ? undefined : url.split(/[?#]/, 1)[0]);

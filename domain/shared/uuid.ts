/**
 * What an id of ours looks like as text: a UUID in its 8-4-4-4-12 hex shape, either case, as
 * PostgreSQL reads a `uuid`. Text from outside (a cursor, a callback's key, a CSV cell) is held to
 * it before it reaches a query: PostgreSQL refuses anything else with an error, not a miss.
 */
export const UUID_TEXT = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

const UUID = new RegExp(`^${UUID_TEXT}$`);

export const isUuid = (text: string): boolean => UUID.test(text);

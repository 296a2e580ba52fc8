import type { FastifyReply } from 'fastify';

/**
 * Answers a list page whose items are JSON text already (db/queries/row-json.ts): joined, not
 * parsed and written again. A string with a JSON content type skips the route's serializer.
 */
export function sendJsonPage(reply: FastifyReply, items: readonly string[], nextCursor: string | null): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(`{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`);
}

/** Adds fields computed in JavaScript (a domain rule's answer) to a non-empty object's JSON text. */
export function withFields(objectJson: string, fields: Record<string, unknown>): string {
  return `${objectJson.slice(0, -1)},${JSON.stringify(fields).slice(1)}`;
}

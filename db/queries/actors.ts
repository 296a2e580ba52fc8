import { eq } from 'drizzle-orm';
import { PRINCIPAL_REF, userActor } from '../../domain/shared/actor';
import type { Db } from '../client';
import { apiTokens, users } from '../schema';

type Q = Pick<Db, 'select'>;

/**
 * The actor as events, tasks and cases record it, from what a workflow carries: `user:<id>` or
 * `token:<id>` become the user's or token's readable actor (as `api/actor.ts` `actorOf` writes it);
 * anything else (`system`, `schedule`, an actor from a history recorded before ids) stays as it is.
 * An id whose user or token is gone stays an id.
 */
export async function actorName(q: Q, actor: string): Promise<string> {
  const m = PRINCIPAL_REF.exec(actor);
  if (!m) return actor;
  const [kind, id] = [m[1].toLowerCase(), m[2].toLowerCase()];
  if (kind === 'user') {
    const [u] = await q.select({ email: users.email }).from(users).where(eq(users.id, id));
    return u ? userActor(u.email) : actor;
  }
  const [t] = await q.select({ name: apiTokens.name }).from(apiTokens).where(eq(apiTokens.id, id));
  return t ? userActor(t.name) : actor;
}

import type { FastifyRequest } from 'fastify';
import { principalRef, userActor } from '../domain/shared/actor';

/** The signed-in user who made the request, as events and tasks record them. */
export const actorOf = (request: FastifyRequest): string => userActor(request.principal!.name);

/** The caller by id, for workflow arguments (`by`, `startedBy`): no e-mail address enters a history. */
export const workflowActorOf = (request: FastifyRequest): string => principalRef(request.principal!.kind, request.principal!.id);

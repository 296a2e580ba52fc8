import type { FastifyRequest } from 'fastify';
import { userActor } from '../domain/shared/actor';

/** The signed-in user who made the request, as events and tasks record them. */
export const actorOf = (request: FastifyRequest): string => userActor(request.principal!.name);

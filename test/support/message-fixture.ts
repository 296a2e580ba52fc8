import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { FastifyInstance } from 'fastify';
import { hashToken } from '../../api/plugins/auth';
import { Db } from '../../db/client';
import { createEnrollmentMessages, MessageRow } from '../../db/queries/messages';
import { employerSuppliers, employers, enrollments, messages, persons, plans, suppliers } from '../../db/schema';
import { DEFAULT_PROFILE } from '../../domain/mapping-profile';
import { addDays } from '../../domain/message-rules';
import { buildSimulator } from '../../simulator/app';
import { TEST_SECRETS } from './harness';

export const SIM_API_KEY = 'sim-key-for-tests';
export const today = () => new Date().toISOString().slice(0, 10);
export { addDays };

let bsnSeed = 20_000_000 + Math.floor(Math.random() * 1_000_000) * 10;
/** A fresh BSN passing the 11-check (unique per test run, so the simulator's registry never collides). */
export function nextBsn(): string {
  for (;;) {
    const first8 = String(bsnSeed++).padStart(8, '0');
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(first8[i]);
    const last = sum % 11;
    if (last < 10) return `${first8}${last}`;
  }
}

export interface Simulator { app: FastifyInstance; url: string; callbackToken: string }

export async function startSimulator(opts: { delayMs?: number; today?: () => string } = {}): Promise<Simulator> {
  const callbackToken = `cb-${randomUUID()}`;
  const app = buildSimulator({ apiKey: SIM_API_KEY, callbackToken, processingDelayMs: opts.delayMs ?? 10, callbackBackoffMs: 50, today: opts.today });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url, callbackToken };
}

export interface World {
  employerId: string;
  supplierId: string;
  planId: string;
  collectiveNumber: string;
}

/** An employer (valid KvK) linked to a health insurer reached over HTTP at the simulator. */
export async function createWorld(db: Db, sim: Simulator, opts: { deliverFrom?: string; apiKey?: string; register?: boolean } = {}): Promise<World> {
  const companyNumber = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
  const collectiveNumber = `ZZ-${randomUUID().slice(0, 8)}`;
  const [employer] = await db.insert(employers).values({ name: 'Msg employer', country: 'NL', companyNumber, mappingProfile: DEFAULT_PROFILE }).returning();
  const [supplier] = await db.insert(suppliers).values({
    name: 'Zorgverzekeraar (simulator)', kind: 'health_insurer',
    channel: { transport: 'http', baseUrl: sim.url, answers: 'callback', pollEveryMinutes: 60, timeoutSeconds: 5 },
    credentialsEncrypted: TEST_SECRETS.seal({ apiKey: opts.apiKey ?? SIM_API_KEY }), callbackTokenHash: hashToken(sim.callbackToken),
  }).returning();
  const [plan] = await db.insert(plans).values({ supplierId: supplier.id, name: 'Basis', code: 'BASIS' }).returning();
  await db.insert(employerSuppliers).values({
    employerId: employer.id, supplierId: supplier.id, collectiveNumber, startDate: '2020-01-01', deliverFrom: opts.deliverFrom ?? '2020-01-01',
  });
  if (opts.register !== false) {
    await sim.app.inject({ method: 'POST', url: '/admin/collectives', payload: { collectiveNumber, companyNumber } });
  }
  return { employerId: employer.id, supplierId: supplier.id, planId: plan.id, collectiveNumber };
}

export const PERSON_NAMES = ['Verhoeven-Brandsma', 'Oudshoorn'];

export async function createPerson(db: Db, world: World, over: Record<string, string | null> = {}): Promise<{ personId: string; nationalId: string }> {
  const nationalId = nextBsn();
  const data = {
    employeeNumber: `E-${randomUUID().slice(0, 8)}`, nationalId, lastName: PERSON_NAMES[0], firstName: 'Anouk', initials: 'A.', birthDate: '1988-03-14',
    gender: 'F', nationality: 'NL', street: 'Lange Voorhout', houseNumber: '12', postalCode: '2514ED', city: 'Den Haag', country: 'NL',
    hireDate: '2024-01-01', exitDate: null, ...over,
  };
  const [p] = await db.insert(persons).values({
    employerId: world.employerId, employeeNumber: data.employeeNumber!, data, status: 'active', lastImportId: randomUUID(),
  }).returning();
  return { personId: p.id, nationalId };
}

/** An enrollment and its enrollment message, as the API creates them. */
export async function enroll(db: Db, world: World, personId: string, startDate: string, asOf = today()): Promise<MessageRow> {
  return db.transaction(async (tx) => {
    const [e] = await tx.insert(enrollments).values({ personId, planId: world.planId, startDate, source: 'manual' }).returning();
    const [m] = await createEnrollmentMessages(tx, [e.id], 'enrollment', 'user:test', asOf);
    return m;
  });
}

export async function messageRow(db: Db, id: string) {
  const [m] = await db.select().from(messages).where(eq(messages.id, id));
  return m;
}

/** Polls until `check` holds (real time; the workflow runs on its own). */
export async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (check(v)) return v;
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

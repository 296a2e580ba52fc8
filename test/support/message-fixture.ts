import { bsnAtOrAfter } from '../../domain/shared/identifiers';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { hashToken } from '../../api/plugins/auth';
import type { Db } from '../../db/client';
import type { MessageRow } from '../../db/queries/messages';
import { createEnrollmentMessages } from '../../db/queries/messages';
import { employerSuppliers, employers, enrollments, messages, payrollImports, persons, plans, suppliers } from '../../db/schema';
import { DEFAULT_PROFILE } from '../../domain/payroll/mapping-profile';
import { addDays, addPeriods, employerToday, utcDate } from '../../domain/shared/calendar';
import { buildSimulator } from '../../simulator/app';
import type { Harness} from './harness';
import { TEST_SECRETS, startHarness, uploadForm } from './harness';

const SIM_API_KEY = 'sim-key-for-tests';
/** Today for the test employers (all Dutch): the date their messages are assessed for. */
export const today = () => employerToday('NL', Date.now());
export { addDays };

let bsnSeed = 20_000_000 + Math.floor(Math.random() * 1_000_000) * 10;
/** A fresh BSN passing the 11-check (unique per test run, so the simulator's registry never collides). */
export function nextBsn(): string {
  const { bsn, used } = bsnAtOrAfter(bsnSeed);
  bsnSeed = used + 1;
  return bsn;
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
export async function createWorld(db: Db, sim: Simulator, opts: { deliverFrom?: string; apiKey?: string; register?: boolean; answers?: 'callback' | 'polling' } = {}): Promise<World> {
  const companyNumber = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
  const collectiveNumber = `ZZ-${randomUUID().slice(0, 8)}`;
  const [employer] = await db.insert(employers).values({ name: 'Msg employer', country: 'NL', companyNumber, mappingProfile: DEFAULT_PROFILE }).returning();
  const [supplier] = await db.insert(suppliers).values({
    name: 'Zorgverzekeraar (simulator)', kind: 'health_insurer',
    channel: { transport: 'http', baseUrl: sim.url, answers: opts.answers ?? 'callback', pollEveryMinutes: 60, timeoutSeconds: 5 },
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

/** A period's payroll import, completed and its messages recorded: what a monthly cycle waits for. */
export async function completedImport(db: Db, employerId: string, period: string, id: string = randomUUID()): Promise<string> {
  await db.insert(payrollImports).values({
    id, employerId, period, status: 'completed', stage: 'completed', fileName: 'p.csv', fileSha256: randomUUID(), fileSize: 1,
    uploadedBy: 'test', workflowId: `test-${id}`, completedAt: new Date(), messagesCreatedAt: new Date(),
  });
  return id;
}

/** An enrollment whose message waits for the employer's confirmation (a confirm_enrollment task of the cycle). */
export async function enrollmentToConfirm(db: Db, personId: string, planId: string, startDate: string, asOf = today()): Promise<MessageRow> {
  return db.transaction(async (tx) => {
    const [e] = await tx.insert(enrollments).values({ personId, planId, startDate }).returning();
    const [m] = await createEnrollmentMessages(tx, [e.id], 'enrollment', 'system:test', asOf, () => true);
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

// ---------------------------------------------------------------------------------------------
// Through the API only (end-to-end tests): the same world as createWorld, built the way a user would.

type Injected = Awaited<ReturnType<FastifyInstance['inject']>>;

/** A JSON call to the API with the harness token; fails the test on any other status than `expected`. */
export async function api(h: Harness, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown, expected?: number): Promise<any> {
  const res: Injected = await h.app.inject({ method, url, headers: h.auth, ...(payload === undefined ? {} : { payload: payload as object }) });
  const want = expected ?? (method === 'POST' ? 201 : 200);
  if (res.statusCode !== want) throw new Error(`${method} ${url}: expected ${want}, got ${res.statusCode} ${res.body}`);
  return res.json();
}

export interface ApiWorld extends World {
  companyNumber: string;
  planCode: string;
  /** The simulator, started with the callback token the API issued for the supplier. */
  sim: Simulator;
}

/**
 * Employer (NL, KvK), health insurer reached over HTTP at a simulator, the collective registered
 * there, a plan and the employer–supplier link — every step through the API. The supplier is
 * created first: its answer carries the one-time callback token the simulator must sign with;
 * the simulator then starts with that token and the channel is pointed at it.
 */
export async function createApiWorld(h: Harness, opts: { delayMs?: number; timeoutSeconds?: number; linkStart?: string } = {}): Promise<ApiWorld> {
  const companyNumber = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
  const collectiveNumber = `ZZ-${randomUUID().slice(0, 8)}`;
  const planCode = `BASIS-${randomUUID().slice(0, 4)}`;
  const employer = await api(h, 'POST', '/api/employers', { name: 'E2E employer', country: 'NL', companyNumber });
  const channel = { transport: 'http', baseUrl: 'http://127.0.0.1:9', answers: 'callback', timeoutSeconds: opts.timeoutSeconds ?? 2 };
  const supplier = await api(h, 'POST', '/api/suppliers', { name: 'Zorgverzekeraar (simulator)', kind: 'health_insurer', channel, credentials: { apiKey: SIM_API_KEY } });
  if (!supplier.callbackToken) throw new Error('no callback token issued');
  if (supplier.callbackUrl !== `${h.publicUrl}/api/supplier-callbacks/${supplier.id}`) throw new Error(`unexpected callbackUrl ${supplier.callbackUrl}`);

  const app = buildSimulator({ apiKey: SIM_API_KEY, callbackToken: supplier.callbackToken, processingDelayMs: opts.delayMs ?? 50, callbackBackoffMs: 50 });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const sim: Simulator = { app, url, callbackToken: supplier.callbackToken };
  try {
    const moved = await api(h, 'PUT', `/api/suppliers/${supplier.id}/channel`, { channel: { ...channel, baseUrl: url } });
    if (moved.callbackToken !== undefined || !moved.hasCredentials) throw new Error('the channel update should keep token and credentials');
    const registered = await app.inject({ method: 'POST', url: '/admin/collectives', payload: { collectiveNumber, companyNumber } });
    if (registered.statusCode !== 201) throw new Error(`register collective: ${registered.statusCode}`);
    const plan = await api(h, 'POST', '/api/plans', { supplierId: supplier.id, name: 'Basis', code: planCode });
    const link = await api(h, 'POST', `/api/employers/${employer.id}/suppliers`, {
      supplierId: supplier.id, collectiveNumber, startDate: opts.linkStart ?? addDays(today(), -365),
    });
    if (!link.canSend) throw new Error(`the link cannot send: ${link.blockers.join('; ')}`);
    return { employerId: employer.id, supplierId: supplier.id, planId: plan.id, collectiveNumber, companyNumber, planCode, sim };
  } catch (err) {
    await app.close();
    throw err;
  }
}

/** A payroll export uploaded through the API, waiting for the import to complete. */
export async function importPayroll(h: Harness, employerId: string, csv: string, period: string): Promise<any> {
  const res = await h.app.inject({
    method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: h.auth, payload: uploadForm(csv, `payroll-${period}.csv`, period),
  });
  if (res.statusCode !== 201) throw new Error(`payroll import ${period}: ${res.statusCode} ${res.body}`);
  const view = res.json();
  if (view.status !== 'completed') throw new Error(`payroll import ${period} ended ${view.status}: ${res.body}`);
  return view;
}

/** The employer's persons by employee number (GET /api/persons, every page). */
export async function personIdsByEmployeeNumber(h: Harness, employerId: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const page: { items: { id: string; employeeNumber: string }[]; nextCursor: string | null } =
      await api(h, 'GET', `/api/persons?employerId=${employerId}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    for (const p of page.items) ids.set(p.employeeNumber, p.id);
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** A message as GET /api/messages(/:id) shows it (the fields the tests look at). */
export interface ApiMessage {
  id: string; employerId: string; supplierId: string; personId: string; enrollmentId: string | null;
  kind: 'enrollment' | 'termination' | 'change'; status: string; version: number; factDate: string; sendDate: string;
  missingFields: string[]; changedFields: string[]; changedSinceSent: string[]; supplierReference: string | null;
  receiptDate: string | null; errorCode: string | null; errorText: string | null; createdBy: string;
  events?: { version: number; from: string | null; to: string; at: string; cause: string; actor: string; detail: unknown }[];
}

export const getMessage = (h: Harness, id: string): Promise<Required<ApiMessage>> => api(h, 'GET', `/api/messages/${id}`);

/** Every message of an employer (GET /api/messages, every page), optionally of one status. */
export async function listMessages(h: Harness, employerId: string, status?: string): Promise<ApiMessage[]> {
  const items: ApiMessage[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: ApiMessage[]; nextCursor: string | null } = await api(h, 'GET',
      `/api/messages?employerId=${employerId}&limit=100${status ? `&status=${status}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export interface SimRecord { idempotencyKey: string; messageId: string; version: number; kind: string; status: string; reference: string; receiptDate: string; errorCode: string | null; callback: string; callbackAttempts: number }

/** What the simulator received (no personal data). */
export async function simRecords(sim: Simulator): Promise<SimRecord[]> {
  return (await sim.app.inject({ method: 'GET', url: '/admin/messages' })).json().messages;
}

/**
 * For a describe block: a listening harness (worker included) and an API world whose simulator
 * answers after 50 ms, started before its tests and closed after them; `use` receives both.
 */
export function useApiWorld(use: (h: Harness, world: ApiWorld) => void): void {
  let h: Harness | undefined;
  let world: ApiWorld | undefined;
  beforeAll(async () => {
    h = await startHarness({ listen: true });
    world = await createApiWorld(h, { delayMs: 50 });
    use(h, world);
  });
  afterAll(async () => {
    await world?.sim.app.close();
    await h?.close();
  });
}

/** `YYYY-MM` of the month `back` months before the current one (UTC). */
export const monthsAgo = (back: number) => addPeriods(utcDate(Date.now()).slice(0, 7), -back);

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { addDays, employerToday } from '../domain/shared/calendar';
import { buildSimulator } from '../simulator/app';

const DEMO_SUPPLIER = 'Zorgverzekeraar Simulatie (demo)';
const COLLECTIVE = 'ZZ-40117';

// Days around the demo employer's today (a Dutch employer).
const isoDay = (offset: number) => addDays(employerToday('NL', Date.now()), offset);

export interface DemoMessages {
  simulator: FastifyInstance;
  simulatorUrl: string;
  supplierId: string;
}

/**
 * The message half of the demo: the insurer simulator on its own port, a health insurer
 * reached through it, a plan and the employer's link, and enrollments of a few employees whose
 * messages then move through their statuses by themselves — processed, one waiting for its
 * send date, one failed on the 120-day rule, one rejected (insured elsewhere), one incomplete.
 */
export async function loadDemoMessages(opts: {
  base: string; token: string; employerId: string; simulatorPort: number; host: string; say: (line: string) => void;
  /** The simulator keeps what it received under this folder: a restarted demo's insurer still knows its messages. */
  dataDir?: string;
}): Promise<DemoMessages> {
  const { base, say } = opts;
  const headers = { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json() as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.message}`);
    return json;
  };
  const simulatorUrl = `http://${opts.host}:${opts.simulatorPort}`;
  const apiKey = randomBytes(18).toString('base64url');
  const channel = { transport: 'http', baseUrl: simulatorUrl, answers: 'callback', timeoutSeconds: 10 };

  // A demo restarted on the same data finds its supplier again: new key, new callback token.
  const suppliers = await call('GET', '/api/suppliers') as any[] | { items: any[] };
  const list = Array.isArray(suppliers) ? suppliers : suppliers.items;
  let supplier = list.find((s) => s.name === DEMO_SUPPLIER);
  const fresh = !supplier;
  supplier = fresh
    ? await call('POST', '/api/suppliers', { name: DEMO_SUPPLIER, kind: 'health_insurer', channel, credentials: { apiKey } })
    : await call('PUT', `/api/suppliers/${supplier.id}/channel`, { channel, credentials: { apiKey }, rotateCallbackToken: true });

  const statePath = opts.dataDir ? join(opts.dataDir, 'simulator', 'state.json') : undefined;
  const simulator = buildSimulator({ apiKey, callbackToken: supplier.callbackToken, processingDelayMs: 4_000, statePath });
  await simulator.listen({ host: opts.host, port: opts.simulatorPort });
  await simulator.inject({ method: 'POST', url: '/admin/collectives', payload: { collectiveNumber: COLLECTIVE, companyNumber: '12345678' } });
  if (!fresh) return { simulator, simulatorUrl, supplierId: supplier.id };

  const plan = await call('POST', '/api/plans', { supplierId: supplier.id, name: 'Basisverzekering collectief', code: 'BASIS' });
  await call('POST', `/api/employers/${opts.employerId}/suppliers`, { supplierId: supplier.id, collectiveNumber: COLLECTIVE, startDate: '2026-01-01' });
  await call('POST', `/api/employers/${opts.employerId}/onboarding-profiles`, { name: 'Iedereen: basisverzekering', plans: [{ planId: plan.id, startOffsetDays: 0 }] });

  const people = await call('GET', `/api/persons?employerId=${opts.employerId}&status=active&limit=11`);
  const personIds: string[] = people.items.map((p: any) => p.id);
  const starts = [-10, -9, -8, -7, -6, -5, -4, -3, 20, -130];
  for (let i = 0; i < Math.min(personIds.length, starts.length); i++) {
    if (i === 0) {
      // Insured through another employer that never de-enrolled: the insurer will refuse.
      const person = await call('GET', `/api/persons/${personIds[i]}`);
      await simulator.inject({ method: 'POST', url: '/admin/insured', payload: { nationalId: person.data.nationalId, collectiveNumber: 'ZZ-OTHER' } });
    }
    await call('POST', '/api/enrollments', { personId: personIds[i], planId: plan.id, startDate: isoDay(starts[i]) });
  }
  if (personIds.length > starts.length) {
    // An address gap: the message waits, incomplete, until HR fills it in (PATCH /api/persons/:id).
    const id = personIds[starts.length];
    await call('PATCH', `/api/persons/${id}`, { street: null });
    await call('POST', '/api/enrollments', { personId: id, planId: plan.id, startDate: isoDay(-2) });
  }
  say(`demo messages: ${Math.min(personIds.length, starts.length + 1)} enrollments with ${DEMO_SUPPLIER} (simulator at ${simulatorUrl})`);
  return { simulator, simulatorUrl, supplierId: supplier.id };
}

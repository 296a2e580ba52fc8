import { bsnAtOrAfter } from '../../domain/shared/identifiers';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

export const API_KEY = 'sim-test-api-key';
export const CALLBACK_TOKEN = 'sim-test-callback-token';
export const TODAY = '2026-11-02';
const COLLECTIVE = 'ZZ-40117';
const COMPANY = '12345678';

let seed = 10_000_000;

/** A fresh BSN passing the 11-check. */
export function nextBsn(): string {
  const { bsn, used } = bsnAtOrAfter(seed);
  seed = used + 1;
  return bsn;
}

/** A valid INSZ (born before 2000) from nine digits. */
export function insz(first9: string): string {
  return `${first9}${String(97 - (Number(first9) % 97)).padStart(2, '0')}`;
}

export { addDays } from '../../domain/shared/calendar';

export type Kind = 'enrollment' | 'termination' | 'change';

export interface MessageOverrides {
  kind?: Kind;
  nationalId?: string;
  lastName?: string;
  collectiveNumber?: string;
  companyNumber?: string;
  country?: 'NL' | 'BE';
  startDate?: string;
  endDate?: string | null;
  callbackUrl?: string;
  version?: number;
}

/** A message as Mutaflow sends it (docs/http-message-channel.md). */
export function message(o: MessageOverrides = {}) {
  const kind = o.kind ?? 'enrollment';
  return {
    messageId: randomUUID(),
    version: o.version ?? 1,
    kind,
    collectiveNumber: o.collectiveNumber ?? COLLECTIVE,
    employer: { country: o.country ?? 'NL', companyNumber: o.companyNumber ?? COMPANY },
    insured: 'employee',
    person: {
      employeeNumber: 'E0001', nationalId: o.nationalId ?? nextBsn(), lastName: o.lastName ?? 'Boer', namePrefix: 'de',
      firstName: 'Tomasz', initials: 'T.', birthDate: '1977-12-01', gender: 'M', nationality: 'NL',
      street: 'Stationsplein', houseNumber: '226', postalCode: '3511CD', city: 'Utrecht', country: 'NL',
      partnerLastName: null, partnerNamePrefix: null,
    },
    coverage: {
      planId: 'plan-1', planName: 'Basis', startDate: o.startDate ?? '2026-11-01',
      endDate: o.endDate === undefined ? (kind === 'termination' ? '2026-12-31' : null) : o.endDate,
    },
    changedFields: kind === 'change' ? ['street'] : [],
    ...(o.callbackUrl ? { callbackUrl: o.callbackUrl } : {}),
  };
}

export const keyOf = (m: { messageId: string; version: number }) => `${m.messageId}:${m.version}`;
export const auth = { authorization: `Bearer ${API_KEY}` };

export function send(app: FastifyInstance, body: unknown, key?: string) {
  const k = key ?? keyOf(body as { messageId: string; version: number });
  return app.inject({ method: 'POST', url: '/messages', headers: { ...auth, 'idempotency-key': k }, payload: body as object });
}

export async function registerCollective(app: FastifyInstance, collectiveNumber = COLLECTIVE, companyNumber = COMPANY) {
  const res = await app.inject({ method: 'POST', url: '/admin/collectives', payload: { collectiveNumber, companyNumber } });
  if (res.statusCode !== 201) throw new Error(`collective not registered: ${res.body}`);
}

export interface Polled { status: string; reference: string; receiptDate: string; errorCode: string | null; errorText: string | null }

export async function poll(app: FastifyInstance, key: string) {
  return app.inject({ method: 'GET', url: `/messages/${encodeURIComponent(key)}`, headers: auth });
}

/** Polls until the simulator has decided. */
export async function decided(app: FastifyInstance, key: string, timeoutMs = 3_000): Promise<Polled> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await poll(app, key);
    const body = res.json() as Polled;
    if (res.statusCode === 200 && body.status !== 'received') return body;
    if (Date.now() > until) throw new Error(`no decision for ${key}: ${res.statusCode} ${res.body}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Sends a message and waits for its decision. */
export async function sendAndDecide(app: FastifyInstance, body: ReturnType<typeof message>): Promise<Polled> {
  const res = await send(app, body);
  if (res.statusCode !== 202) throw new Error(`not accepted: ${res.statusCode} ${res.body}`);
  return decided(app, keyOf(body));
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

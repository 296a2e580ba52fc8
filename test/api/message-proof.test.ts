/**
 * Proof of what was sent: the exact body of each version is kept sealed with its hash, and
 * GET /api/messages/:id/proof serves it as it went on the wire, with the events, the supplier's
 * answer and the receipts — one audited read.
 */
import { createHash } from 'node:crypto';
import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, messageBodies } from '../../db/schema';
import { canonicalCsv, personRow } from '../support/canonical-csv';
import type { Harness } from '../support/harness';
import { startHarness } from '../support/harness';
import type { ApiWorld } from '../support/message-fixture';
import { addDays, api, createApiWorld, eventually, getMessage, importPayroll, nextBsn, personIdsByEmployeeNumber, today } from '../support/message-fixture';

describe('GET /api/messages/:id/proof', () => {
  let h: Harness;
  let world: ApiWorld;
  const wire: { key: string; body: string }[] = [];
  /** Idempotency keys whose first delivery the proxy answers 503 (the supplier down for a moment). */
  const failOnce = new Set<string>();
  const proxy = createServer((req: IncomingMessage, res) => {
    // Between Mutaflow and the simulator: records each body byte for byte, then passes it on.
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const key = String(req.headers['idempotency-key']);
      if (req.method === 'POST') wire.push({ key, body });
      if (req.method === 'POST' && failOnce.delete(key.split(':')[0])) {
        res.writeHead(503);
        res.end();
        return;
      }
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'idempotency-key']) if (req.headers[name]) headers[name] = String(req.headers[name]);
      fetch(`${world.sim.url}${req.url}`, { method: req.method, headers, body: req.method === 'POST' ? body : undefined })
        .then(async (r) => { res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' }); res.end(await r.text()); })
        .catch(() => { res.writeHead(502); res.end(); });
    });
  });

  beforeAll(async () => {
    h = await startHarness({ listen: true });
    world = await createApiWorld(h, { delayMs: 20 });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as AddressInfo;
    await api(h, 'PUT', `/api/suppliers/${world.supplierId}/channel`, { channel: { transport: 'http', baseUrl: `http://127.0.0.1:${port}`, answers: 'callback', timeoutSeconds: 5 } });
  });
  afterAll(async () => {
    proxy.close();
    await world?.sim.app.close();
    await h?.close();
  });

  it('serves each version\'s body exactly as sent, sealed at rest, with events, answer and receipts', async () => {
    const bsn = nextBsn();
    await importPayroll(h, world.employerId, canonicalCsv(personRow({ employeeNumber: 'P1', nationalId: bsn, lastName: 'Bewijs' })), today().slice(0, 7));
    const personId = (await personIdsByEmployeeNumber(h, world.employerId)).get('P1')!;
    const created = await api(h, 'POST', '/api/enrollments', { personId, planId: world.planId, startDate: addDays(today(), -3) });
    const messageId: string = created.messages[0].id;
    await eventually(() => getMessage(h, messageId), (m) => m.status === 'processed', 30_000);

    const res = await h.app.inject({ method: 'GET', url: `/api/messages/${messageId}/proof`, headers: h.auth });
    expect(res.statusCode).toBe(200);
    const proof = res.json();
    const sent = wire.filter((w) => w.key === `${messageId}:1`);
    expect(sent).toHaveLength(1);
    expect(proof.versions).toEqual([{ version: 1, handedOverAt: expect.any(String), sha256: createHash('sha256').update(sent[0].body).digest('hex'), size: Buffer.byteLength(sent[0].body), body: sent[0].body }]);
    expect(JSON.parse(proof.versions[0].body)).toMatchObject({ messageId, version: 1, person: { nationalId: bsn, lastName: 'Bewijs' } });
    expect(proof.message).toMatchObject({ id: messageId, status: 'processed' });
    expect(proof.events.map((e: { cause: string }) => e.cause)).toEqual(expect.arrayContaining(['created', 'handed_to_transport', 'delivered', 'supplier_answer']));
    expect(proof.answers).toEqual([expect.objectContaining({ version: 1, status: 'processed', via: 'callback', applied: true })]);
    expect(proof.receipts).toEqual([{ version: 1, at: expect.any(String), accepted: true, httpStatus: expect.any(Number), reference: expect.stringMatching(/^SIM-/) }]);

    // Sealed at rest: neither the national id nor the name is readable in the table.
    const [row] = await h.db.select().from(messageBodies).where(eq(messageBodies.messageId, messageId));
    expect(row.bodySealed).not.toContain(bsn);
    expect(row.bodySealed).not.toContain('Bewijs');

    // The body alone, byte for byte, with its hash.
    const raw = await h.app.inject({ method: 'GET', url: `/api/messages/${messageId}/versions/1/body`, headers: h.auth });
    expect(raw.statusCode).toBe(200);
    expect(raw.body).toBe(sent[0].body);
    expect(raw.headers['x-content-sha256']).toBe(row.sha256);
    expect((await h.app.inject({ method: 'GET', url: `/api/messages/${messageId}/versions/2/body`, headers: h.auth })).statusCode).toBe(404);

    // Each read is in the audit trail, naming the person.
    const audited = await h.db.select().from(auditLog).where(and(eq(auditLog.route, '/api/messages/:id/proof'), eq(auditLog.personId, personId)));
    expect(audited).toEqual([expect.objectContaining({ action: 'read', status: 200, resourceId: messageId })]);
  });

  it('sends the kept body again on a retry, even when the data changed in between', async () => {
    const bsn = nextBsn();
    await importPayroll(h, world.employerId, canonicalCsv(personRow({ employeeNumber: 'P2', nationalId: bsn, lastName: 'Eerst' })), today().slice(0, 7));
    const personId = (await personIdsByEmployeeNumber(h, world.employerId)).get('P2')!;
    const created = await api(h, 'POST', '/api/enrollments', { personId, planId: world.planId, startDate: addDays(today(), -3) });
    const messageId: string = created.messages[0].id;
    failOnce.add(messageId);
    await eventually(async () => wire.filter((w) => w.key === `${messageId}:1`).length, (n) => n >= 1, 30_000);
    // Behind the workflow's back (no signal): the retry must not pick this up under the same key.
    await h.db.execute(sql`update persons set data = jsonb_set(data, '{lastName}', '"Later"') where id = ${personId}`);
    await eventually(() => getMessage(h, messageId), (m) => m.status === 'processed', 60_000);
    const sent = wire.filter((w) => w.key === `${messageId}:1`);
    expect(sent).toHaveLength(2);
    expect(sent[1].body).toBe(sent[0].body);
    expect(JSON.parse(sent[1].body).person.lastName).toBe('Eerst');
    const proof = await api(h, 'GET', `/api/messages/${messageId}/proof`);
    expect(proof.versions.map((v: { body: string }) => v.body)).toEqual([sent[0].body]);
  });
});

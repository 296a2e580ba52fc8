/**
 * A monthly cycle end to end for one employer with three suppliers of different kinds: a
 * health insurer reached by messages (the simulator), a group insurer taking an XLSX report
 * over SFTP encrypted with PGP (real sshd, real gpg), and a lease-car company taking a CSV report
 * by e-mail (a real SMTP server). The cycle stops at a confirmation task an HR user completes.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { REPORT_COLUMNS } from '../../domain/reports/format';
import { generateSigningKey } from '../../infra/pgp';
import { canonicalCsv, personRow } from '../support/canonical-csv';
import type { GpgHome} from '../support/gpg';
import { createGpgHome } from '../support/gpg';
import type { Harness} from '../support/harness';
import { startHarness } from '../support/harness';
import type { ApiWorld} from '../support/message-fixture';
import { api, createApiWorld, eventually, importPayroll, listMessages, nextBsn, personIdsByEmployeeNumber, monthsAgo } from '../support/message-fixture';
import type { TestSmtp} from '../support/smtp';
import { attachment, startSmtp } from '../support/smtp';
import type { TestSshd} from '../support/sshd';
import { startSshd } from '../support/sshd';

const M1 = monthsAgo(2);
const M2 = monthsAgo(1);

describe('a monthly cycle with three suppliers', () => {
  let h: Harness;
  let world: ApiWorld;
  let sshd: TestSshd;
  let smtp: TestSmtp;
  let gpg: GpgHome;
  let mutaflowKey: { publicKey: string; privateKey: string };

  beforeAll(async () => {
    mutaflowKey = await generateSigningKey({ name: 'Mutaflow test', email: 'mutaflow@test.invalid' });
    [sshd, smtp, gpg] = await Promise.all([startSshd(), startSmtp(), createGpgHome()]);
    h = await startHarness({ listen: true, smtpUrl: smtp.url, signingKey: async () => mutaflowKey.privateKey });
    world = await createApiWorld(h, { delayMs: 50 });
  }, 120_000);
  afterAll(async () => {
    await world?.sim.app.close();
    await h?.close();
    await sshd?.stop();
    await smtp?.stop();
    await gpg?.cleanup();
  });

  it('waits on the confirmation task, then sends messages and delivers both reports', async () => {
    const { employerId, planId: insurerPlan } = world;
    // The group insurer: XLSX over SFTP, encrypted to its key. The lease-car company: CSV by e-mail.
    const group = await api(h, 'POST', '/api/suppliers', { name: 'Pensioenfonds Groep', kind: 'group_insurance' });
    const groupPlan = await api(h, 'POST', '/api/plans', { supplierId: group.id, name: 'Pensioen', code: 'PEN' });
    await api(h, 'POST', `/api/employers/${employerId}/suppliers`, { supplierId: group.id, collectiveNumber: 'GRP-1', startDate: `${M1}-01` });
    const recipient = await gpg.generateKey('Pensioenfonds <edi@pensioen.invalid>');
    await gpg.importKey(mutaflowKey.publicKey);
    const groupSettings = await api(h, 'PUT', `/api/suppliers/${group.id}/report-settings`, {
      format: { fileType: 'xlsx', language: 'fr', columns: ['changeKind', 'employeeNumber', 'lastName', 'field', 'oldValue', 'newValue'], fileNamePattern: 'mutations_{period}_v{version}.{ext}' },
      confirmKinds: [],
      delivery: { transport: 'sftp', host: sshd.host, port: sshd.port, username: sshd.username, directory: sshd.dir, hostKeySha256: sshd.hostKeySha256 },
      deliveryCredentials: { privateKey: sshd.privateKey },
      pgpPublicKey: recipient.publicKey,
    });
    expect(groupSettings).toMatchObject({ hasDeliveryCredentials: true, pgp: { fingerprint: expect.any(String) } });
    expect(JSON.stringify(groupSettings)).not.toContain('PRIVATE KEY');

    const lease = await api(h, 'POST', '/api/suppliers', { name: 'Leaseauto BV', kind: 'external' });
    const leasePlan = await api(h, 'POST', '/api/plans', { supplierId: lease.id, name: 'Leaseauto', code: 'CAR' });
    await api(h, 'POST', `/api/employers/${employerId}/suppliers`, { supplierId: lease.id, collectiveNumber: 'LEASE-1', startDate: `${M1}-01` });
    await api(h, 'PUT', `/api/suppliers/${lease.id}/report-settings`, {
      format: { fileType: 'csv', language: 'nl', columns: ['changeKind', 'employeeNumber', 'lastName', 'street', 'field', 'newValue'], csvDelimiter: ';' },
      confirmKinds: [], delivery: { transport: 'email', to: ['fleet@lease.invalid'] },
    });
    // The health insurer confirms new enrollments with the employer first; hires go there by the onboarding profile.
    await api(h, 'PUT', `/api/suppliers/${world.supplierId}/report-settings`, { confirmKinds: ['enrollment'] });
    await api(h, 'POST', `/api/employers/${employerId}/onboarding-profiles`, { name: 'Iedereen', plans: [{ planId: insurerPlan }] });

    const people = {
      a: { employeeNumber: 'C001', nationalId: nextBsn(), lastName: 'Arslan' },
      b: { employeeNumber: 'C002', nationalId: nextBsn(), lastName: 'Bakker' },
    };
    await importPayroll(h, employerId, canonicalCsv(personRow(people.a), personRow(people.b)), M1);
    const ids = await personIdsByEmployeeNumber(h, employerId);
    for (const plan of [groupPlan.id, leasePlan.id]) {
      for (const p of Object.values(people)) {
        await h.app.inject({ method: 'POST', url: '/api/enrollments', headers: h.auth, payload: { personId: ids.get(p.employeeNumber), planId: plan, startDate: `${M1}-01` } });
      }
    }

    // Month 2: A moves (every supplier hears of it), B gets a raise (the group insurer only), C is hired.
    const hire = { employeeNumber: 'C003', nationalId: nextBsn(), lastName: 'Claes', hireDate: `${M2}-03` };
    await importPayroll(h, employerId, canonicalCsv(
      personRow({ ...people.a, street: 'Nieuwe Gracht' }), personRow({ ...people.b, grossMonthlySalary: '5100.00' }), personRow(hire),
    ), M2);

    const started = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/cycles/${M2}`, headers: h.auth });
    expect(started.statusCode).toBe(202);
    const [cycle] = await eventually(async () => (await api(h, 'GET', `/api/cycles?employerId=${employerId}`)).items, (items: any[]) => items[0]?.progress?.stage === 'tasks');
    const tasks = (await api(h, 'GET', `/api/tasks?cycleId=${cycle.id}&status=open`)).items;
    // The raise starts on a day the payroll does not give: HR is asked for it.
    expect(tasks.map((t: any) => t.kind).sort()).toEqual(['complete_effective_date', 'confirm_enrollment']);
    const waiting = (await listMessages(h, employerId)).filter((m) => m.kind === 'enrollment');
    expect(waiting).toEqual([expect.objectContaining({ status: 'incomplete', missingFields: ['confirmation'] })]);

    const task = (kind: string) => tasks.find((t: any) => t.kind === kind);
    expect(task('complete_effective_date').subject).toMatchObject({ personId: ids.get(people.b.employeeNumber), field: 'grossMonthlySalary' });
    await api(h, 'POST', `/api/tasks/${task('complete_effective_date').id}/complete`, { result: { value: `${M2}-15` } }, 200);
    await api(h, 'POST', `/api/tasks/${task('confirm_enrollment').id}/complete`, { result: { confirm: true } }, 200);
    const closed = await eventually(async () => api(h, 'GET', `/api/cycles/${cycle.id}`), (c: any) => c.status === 'closed', 60_000);
    expect(closed.summary.counts).toMatchObject({ reports: 3, delivered: 3 });
    await eventually(() => listMessages(h, employerId), (ms) => ms.length > 0 && ms.every((m) => m.status === 'processed'), 30_000);

    const reports = (await api(h, 'GET', `/api/reports?employerId=${employerId}&period=${M2}`)).items as any[];
    const bySupplier = new Map(reports.map((r) => [r.supplierId, r]));
    expect(bySupplier.get(group.id)).toMatchObject({ encrypted: true, status: 'delivered', fileName: `mutations_${M2}_v1.xlsx.asc`, deliveries: [{ transport: 'sftp', status: 'delivered' }] });
    expect(bySupplier.get(lease.id)).toMatchObject({ encrypted: false, status: 'delivered', deliveries: [{ transport: 'email', status: 'delivered' }] });
    expect(bySupplier.get(world.supplierId)).toMatchObject({ deliveries: [{ transport: 'download', status: 'delivered' }] });

    // SFTP: the file landed under its final name; gpg decrypts it and verifies Mutaflow's signature.
    expect((await readdir(sshd.dir)).filter((f) => !f.startsWith('.'))).toEqual([`mutations_${M2}_v1.xlsx.asc`]);
    const decrypted = await gpg.decrypt(await readFile(join(sshd.dir, `mutations_${M2}_v1.xlsx.asc`)));
    expect(decrypted.exitCode).toBe(0);
    expect(decrypted.validSignatureFingerprints.length).toBe(1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(decrypted.plaintext as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const rows = sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual((['changeKind', 'employeeNumber', 'lastName', 'field', 'oldValue', 'newValue'] as const).map((c) => REPORT_COLUMNS[c].labels.fr));
    const flat = JSON.stringify(rows);
    expect(flat).toContain('Nieuwe Gracht');
    expect(flat).toContain('C002');

    // E-mail: one message with the CSV; the lease-car company does not hear of the raise.
    expect(smtp.messages).toHaveLength(1);
    const csv = attachment(smtp.messages[0].raw, bySupplier.get(lease.id).fileName)!.toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('Nieuwe Gracht');
    expect(csv).not.toContain('5100');

    // The health insurer's report stays downloadable, exactly as stored.
    const file = await h.app.inject({ method: 'GET', url: `/api/reports/${bySupplier.get(world.supplierId).id}/file`, headers: h.auth });
    expect(file.statusCode).toBe(200);
    expect(file.headers['x-content-sha256']).toBe(bySupplier.get(world.supplierId).sha256);
  });
});

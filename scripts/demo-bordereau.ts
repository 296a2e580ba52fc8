/**
 * The bordereau half of the controls demo: the demo insurer's premium statement for this month,
 * built from the demo employees with one premium billed too high, two enrolled people not billed
 * and one billed person we never enrolled — a reconciled bordereau with open differences.
 * A restarted demo replaces its bordereau (the earlier run is kept as replaced).
 */
import { utcDate } from '../domain/shared/calendar';

export async function loadDemoBordereau(opts: { base: string; token: string; employerId: string; supplierId: string; say: (line: string) => void }) {
  const call = async (method: string, path: string, body?: unknown) => {
    const isForm = body instanceof FormData;
    const headers: Record<string, string> = { authorization: `Bearer ${opts.token}`, ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }) };
    const res = await fetch(`${opts.base}${path}`, { method, headers, body: body === undefined ? undefined : isForm ? body : JSON.stringify(body) });
    const json = await res.json() as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json?.message}`);
    return json;
  };
  await call('PUT', `/api/suppliers/${opts.supplierId}/bordereau-profile`, {
    columns: { INSZ: 'nationalId', Naam: 'lastName', Premie: 'premium', Code: 'movementCode' }, decimalSeparator: ',', correctionWindowDays: 60,
  });
  const people = (await call('GET', `/api/persons?employerId=${opts.employerId}&status=active&limit=10`)).items as { id: string }[];
  const lines = ['INSZ;Naam;Premie;Code'];
  for (let i = 0; i < people.length - 2; i++) {
    const p = await call('GET', `/api/persons/${people[i].id}`);
    lines.push(`${p.data.nationalId};${p.data.lastName ?? ''};${i === 1 ? '32,50' : '30,00'};${i === 0 ? '05' : ''}`);
  }
  lines.push('85073003328;Onbekend;30,00;05');
  const form = new FormData();
  form.set('file', new Blob([`${lines.join('\n')}\n`]), 'bordereau-demo.csv');
  const period = utcDate(Date.now()).slice(0, 7);
  const run = await call('POST', `/api/employers/${opts.employerId}/suppliers/${opts.supplierId}/bordereaux?period=${period}&replace=true`, form);
  const open = run.differences.filter((d: { status: string }) => d.status === 'open').length;
  opts.say(`demo bordereau ${period}: ${run.lines} lines, ${run.result === 'reconciled' ? `${open} open differences` : 'nothing communicated yet'} — /api/bordereaux/${run.id} (report: /api/bordereaux/${run.id}/report?lang=nl; web UI: ${opts.base}/#/bordereaux/${run.id})`);
  return { runId: run.id as string };
}

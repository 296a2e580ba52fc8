import Papa from 'papaparse';

const NAME = 'Payroll vs pension fund (demo)';

/**
 * The comparison half of the demo: the pension fund's member list (made here from the demo
 * payroll, with its own headers and formats, and a few known disagreements) compared with
 * Mutaflow's current payroll photo, through the API like a user would. The comparison is marked
 * monthly and the list uploaded for the demo cycle's period too: once the cycle's tasks are done
 * it runs the comparison itself and waits for its differences to be reviewed.
 */
export async function loadDemoComparison(opts: { base: string; token: string; employerId: string; lastImportId: string; period: string; say: (line: string) => void }) {
  const headers = { authorization: `Bearer ${opts.token}` };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${opts.base}${path}`, { method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const json = await res.json() as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.message}`);
    return json;
  };
  const definition = {
    name: NAME,
    sideA: { source: 'payroll', label: 'Mutaflow' },
    sideB: { source: 'file', label: 'Pension fund', profile: { delimiter: ';', decimalSeparator: ',', dateFormats: ['dd-mm-yyyy'] } },
    key: [{ a: 'nationalId', b: 'BSN' }],
    fields: [
      { type: 'text', a: 'lastName', b: 'Naam', name: 'last name' },
      { type: 'date', a: 'birthDate', b: 'Geboortedatum', name: 'birth date' },
      { type: 'amount', a: 'grossMonthlySalary', b: 'Pensioengevend salaris', name: 'salary', absolute: 1, percent: 0.5 },
      { type: 'amount', a: 'workSchedulePercent', b: 'Parttime %', name: 'work schedule %' },
      { type: 'date', a: 'hireDate', b: 'Datum deelname', name: 'hire date', days: 31 },
    ],
    monthly: true,
  };
  const existing = (await call('GET', `/api/employers/${opts.employerId}/comparison-definitions`)).items.find((d: { name: string }) => d.name === NAME);
  const saved = existing ?? await call('POST', `/api/employers/${opts.employerId}/comparison-definitions`, definition);
  if (existing && !existing.definition.monthly) await call('PUT', `/api/comparison-definitions/${existing.id}`, definition);

  // The fund's list: everyone of the last payroll but one, a new member the payroll lacks, a
  // salary and a birth date that disagree, a member listed twice and a date the fund wrote badly.
  const fileRes = await fetch(`${opts.base}/api/payroll-imports/${opts.lastImportId}/file`, { headers });
  const payroll = Papa.parse<Record<string, string>>(await fileRes.text(), { header: true, skipEmptyLines: true }).data;
  const nl = (iso: string) => (iso ? iso.split('-').reverse().join('-') : '');
  const lines = ['BSN;Naam;Geboortedatum;Pensioengevend salaris;Parttime %;Datum deelname'];
  payroll.filter((p) => !p.exitDate).forEach((p, i) => {
    if (i === 0) return;
    const salary = i === 1 ? Number(p.grossMonthlySalary) + 250 : Number(p.grossMonthlySalary);
    const birth = i === 2 ? '01-01-1970' : nl(p.birthDate);
    const id = i % 3 === 0 ? `${p.nationalId.slice(0, 4)}.${p.nationalId.slice(4, 6)}.${p.nationalId.slice(6)}` : p.nationalId;
    const line = `${id};${p.lastName.toUpperCase()};${i === 3 ? '31-02-1980' : birth};${salary.toFixed(2).replace('.', ',')};${p.workSchedulePercent.replace('.', ',')};${nl(p.hireDate)}`;
    lines.push(line);
    if (i === 4) lines.push(line);
  });
  lines.push('999999990;Nieuw;01-01-1990;3000,00;100;01-01-2026');

  const form = new FormData();
  form.set('fileB', new Blob([`${lines.join('\r\n')}\r\n`], { type: 'text/csv' }), 'pensioenfonds-deelnemers.csv');
  const res = await fetch(`${opts.base}/api/comparison-definitions/${saved.id}/runs?wait=true`, { method: 'POST', headers, body: form });
  const json = await res.json() as any;
  if (res.status !== 201 && !(res.status === 409 && json.runId)) throw new Error(`demo comparison: ${res.status} ${json.message}`);
  const run = res.status === 201 ? json : await call('GET', `/api/comparison-runs/${json.runId}`);
  // The same list as the period's file of the monthly comparison: the demo cycle compares it.
  const periodFile = new FormData();
  periodFile.set('file', new Blob([`${lines.join('\r\n')}\r\n`], { type: 'text/csv' }), `pensioenfonds-deelnemers-${opts.period}.csv`);
  const put = await fetch(`${opts.base}/api/comparison-definitions/${saved.id}/periods/${opts.period}/file`, { method: 'PUT', headers, body: periodFile });
  if (!put.ok) throw new Error(`demo monthly comparison file: ${put.status} ${(await put.json() as any).message}`);
  const { only_in_a, only_in_b, duplicate_key, unparseable, difference } = run.counts;
  opts.say(`demo comparison "${NAME}": only in payroll ${only_in_a}, only at the fund ${only_in_b}, duplicate keys ${duplicate_key}, `
    + `values that do not parse ${unparseable}, differences ${difference}; monthly in the cycle of ${opts.period} (its file uploaded)`);
  return { runId: run.id as string, definitionId: saved.id as string };
}

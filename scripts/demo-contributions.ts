/**
 * The contributions demo: a group insurance with personal contributions (pension: 3 % of the
 * salary up to a ceiling, pro rata work time, the employee pays a third; hospitalisation per
 * family member, half each), the demo employees enrolled — some from two months back, so the
 * file carries catch-ups — the employer's payroll layout, and this period's contribution file
 * produced. Prints where to download it. A restarted demo finds what it made (the file is the
 * same one unless the data changed, then a new version).
 */
import { addPeriods, periodBounds } from '../domain/shared/calendar';

export async function loadDemoContributions(opts: { base: string; token: string; employerId: string; period: string; say: (line: string) => void }) {
  const call = async (method: string, path: string, body?: unknown, allow: number[] = []) => {
    const headers: Record<string, string> = { authorization: `Bearer ${opts.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const res = await fetch(`${opts.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json() as any;
    if (!res.ok && !allow.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${json?.message}`);
    return json;
  };
  const name = 'Groepsverzekering (demo, eigen bijdrage)';
  const suppliers = (await call('GET', '/api/suppliers')).items as { id: string; name: string }[];
  const supplierId = suppliers.find((s) => s.name === name)?.id ?? (await call('POST', '/api/suppliers', { name, kind: 'group_insurance' })).id;
  const existing = (await call('GET', `/api/plans?supplierId=${supplierId}`)).items as { id: string; code: string | null }[];
  const plan = async (code: string, planName: string, premiumFormula: object) =>
    existing.find((p) => p.code === code)?.id ?? (await call('POST', '/api/plans', { supplierId, name: planName, code, premiumFormula })).id as string;
  const pension = await plan('PENS-EB', 'Pensioen (eigen bijdrage)', {
    kind: 'percent_of_salary', rateBasisPoints: 300, ceilingCents: 600_000, proRataWorkSchedule: true, employerShareBasisPoints: 6667,
  });
  const hosp = await plan('HOSP-EB', 'Hospitalisatie (eigen bijdrage)', {
    kind: 'per_family_member', insuredCents: 3150, partnerCents: 2800, childCents: 1100, employerShareBasisPoints: 5000,
  });

  const people = (await call('GET', `/api/persons?employerId=${opts.employerId}&status=active&limit=12`)).items as { id: string }[];
  const early = periodBounds(addPeriods(opts.period, -2)).from;
  const { from } = periodBounds(opts.period);
  for (const [i, p] of people.entries()) {
    // Most from two months back (catch-ups on this month's file), one from the middle of the month (a partial month).
    const startDate = i === people.length - 1 ? from.replace(/-01$/, '-16') : i % 3 === 0 ? early : from;
    await call('POST', '/api/enrollments', { personId: p.id, planId: pension, startDate }, [400, 409]);
    if (i % 2 === 0) await call('POST', '/api/enrollments', { personId: p.id, planId: hosp, startDate }, [400, 409]);
  }
  await call('PUT', `/api/employers/${opts.employerId}/contribution-settings`, {
    layout: {
      fileType: 'csv', csvDelimiter: ';', decimalSeparator: ',', language: 'nl',
      columns: [
        { header: 'Personeelsnummer', value: 'employeeNumber' }, { header: 'Looncomponent', value: 'payCode' }, { header: 'Bedrag', value: 'amount' },
        { header: 'Periode', value: 'period' }, { header: 'Betreft', value: 'month' }, { header: 'Omschrijving', value: 'reasonLabel' }, { header: 'Bron', value: 'fixed', text: 'MUTAFLOW' },
      ],
      payCodes: { [pension]: '4110', [hosp]: '4120' },
    },
    firstPeriod: addPeriods(opts.period, -2),
  });
  const produced = await call('POST', `/api/employers/${opts.employerId}/contribution-files`, { period: opts.period });
  const f = produced.file;
  opts.say(`demo contribution file ${opts.period} v${f.version}${produced.created ? '' : ' (unchanged, produced before)'}: ${f.lineCount} lines, total deductions ${(f.employeeTotalCents / 100).toFixed(2)}, ${f.findingCount} findings`);
  opts.say(`  download: ${opts.base}${f.downloadUrl}   (details: ${opts.base}/api/contribution-files/${f.id})`);
  return { fileId: f.id as string, downloadUrl: `${opts.base}${f.downloadUrl}` };
}

/**
 * The internal-benefits part of the demo: a company credit card with its own fields (card
 * number, limit, network, contactless, a yearly budget) for white-collar employees working at
 * least half time, reviewed for the month before and the demo's last month — the month's hires
 * newly qualify ("hire"), its leavers no longer ("departure") — and the first newly eligible
 * person given a card. A restarted demo finds its type again and changes nothing.
 */
import { addDays, periodBounds } from '../domain/shared/calendar';

const DEMO_TYPE = 'Bedrijfscreditcard (demo)';

export async function loadDemoBenefits(opts: { base: string; token: string; employerId: string; period: string; say: (line: string) => void }) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${opts.base}${path}`, {
      method, headers: { authorization: `Bearer ${opts.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json() as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json?.message}`);
    return json;
  };
  const types = (await call('GET', `/api/employers/${opts.employerId}/benefit-types`)).items as { id: string; name: string }[];
  let type = types.find((x) => x.name === DEMO_TYPE);
  if (!type) {
    type = await call('POST', `/api/employers/${opts.employerId}/benefit-types`, {
      name: DEMO_TYPE,
      fields: [
        { key: 'cardNumber', label: 'Kaartnummer (laatste 4)', type: 'text', required: true },
        { key: 'limit', label: 'Limiet', type: 'money', required: true },
        { key: 'network', label: 'Netwerk', type: 'choice', options: ['Visa', 'Mastercard'] },
        { key: 'contactless', label: 'Contactloos', type: 'yes_no' },
        { key: 'budget', label: 'Jaarbudget', type: 'money' },
        { key: 'spent', label: 'Besteed', type: 'money' },
        { key: 'issued', label: 'Uitgegeven op', type: 'date' },
      ],
      eligibility: { and: [{ field: 'category', equals: 'white_collar' }, { field: 'workSchedulePercent', range: { min: 50 } }] },
      calculation: { kind: 'yearly_budget', budgetField: 'budget', spentField: 'spent' },
    });
    await call('PUT', `/api/employers/${opts.employerId}/benefit-settings`, { reportEmail: 'hr@gouden-korst.example' });
    const previous = addDays(periodBounds(opts.period).from, -1).slice(0, 7);
    // The month before sets who qualified then; the demo's month names who newly qualifies and who no longer does.
    await call('POST', `/api/employers/${opts.employerId}/benefit-eligibility-reviews`, { period: previous });
    await call('POST', `/api/employers/${opts.employerId}/benefit-eligibility-reviews`, { period: opts.period });
  }
  const changes = (await call('GET', `/api/employers/${opts.employerId}/benefit-eligibility-changes?period=${opts.period}&typeId=${type!.id}`)).items as
    { personId: string; change: string; reasons: string[]; taskId: string }[];
  const newly = changes.filter((c) => c.change === 'newly_eligible');
  const first = newly[0];
  if (first) {
    const records = (await call('GET', `/api/persons/${first.personId}/benefit-records`)).items as unknown[];
    if (!records.length) {
      await call('POST', `/api/persons/${first.personId}/benefit-records`, {
        typeId: type!.id, startDate: periodBounds(opts.period).to,
        values: { cardNumber: '4417', limit: 250_000, network: 'Visa', contactless: true, budget: 120_000, spent: 0, issued: periodBounds(opts.period).to },
      });
    }
  }
  opts.say(`demo internal benefit "${DEMO_TYPE}" ${opts.period}: ${newly.length} newly eligible (${[...new Set(newly.flatMap((c) => c.reasons))].join(', ') || '—'}), `
    + `${changes.length - newly.length} no longer — review task /api/tasks/${changes[0]?.taskId ?? '…'}${first ? `, a card for /api/persons/${first.personId}/benefit-records` : ''}`);
  return { typeId: type!.id, newlyEligible: newly.length };
}

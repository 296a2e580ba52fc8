/**
 * The accident half of the demo: an accident insurer linked to the demo employer, an open work
 * accident of one employee two days ago (its declaration deadline running, reminders planned),
 * an entry in the first-aid register, and a token for the accident-manager role (the only demo
 * role that may open health data) — minted by the health administrator, as in a real
 * deployment: the admin cannot grant health access. A restarted demo finds its case again.
 */
import { DAY_MS, utcDate } from '../domain/shared/calendar';

const DEMO_INSURER = 'Arbeidsongevallenverzekeraar (demo)';
const POLICY = 'AO-2026-0415';

export async function loadDemoAccidents(opts: { base: string; token: string; healthToken: string; employerId: string; say: (line: string) => void }) {
  const call = async (method: string, path: string, body?: unknown, token = opts.token) => {
    const headers = { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const res = await fetch(`${opts.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = res.status === 204 ? null : await res.json() as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json?.message}`);
    return json;
  };
  const suppliers = await call('GET', '/api/suppliers');
  const list: any[] = Array.isArray(suppliers) ? suppliers : suppliers.items;
  let insurer = list.find((s) => s.name === DEMO_INSURER);
  if (!insurer) {
    insurer = await call('POST', '/api/suppliers', { name: DEMO_INSURER, kind: 'accident' });
    const plan = await call('POST', '/api/plans', { supplierId: insurer.id, name: 'Arbeidsongevallen', code: 'AO' });
    await call('POST', `/api/employers/${opts.employerId}/suppliers`, { supplierId: insurer.id, collectiveNumber: POLICY, startDate: '2020-01-01' });
    const persons = (await call('GET', `/api/persons?employerId=${opts.employerId}&status=active&limit=3`)).items as { id: string }[];
    for (const p of persons) await call('POST', '/api/enrollments', { personId: p.id, planId: plan.id, startDate: '2020-01-01' });
  }
  await call('PUT', `/api/employers/${opts.employerId}/accident-settings`, { notifyEmails: ['hr@demo.example'], sickNoteRemindDays: 3, paymentDueDay: 15 });

  let [accident] = (await call('GET', `/api/accidents?employerId=${opts.employerId}&status=open`)).items;
  if (!accident) {
    const [person] = (await call('GET', `/api/persons?employerId=${opts.employerId}&status=active&limit=1`)).items as { id: string }[];
    // Late morning in Belgium two days ago: the accident's local date is the same as its UTC date
    // whatever the hour of the demo's start (near midnight UTC they differ).
    const daysAgo = (n: number, utcTime: string) => `${utcDate(Date.now() - n * DAY_MS)}T${utcTime}Z`;
    const twoDaysAgo = daysAgo(2, '09:40:00');
    accident = await call('POST', '/api/accidents', {
      personId: person.id, occurredAt: twoDaysAgo, place: 'Magazijn, gang 4',
      description: 'Van een trapje gevallen bij het aanvullen van het bovenste schap.',
      witnesses: [{ name: 'Collega magazijn', contact: 'teamleider' }], injuries: [{ bodyPart: 'linkerpols', nature: 'breuk' }],
      firstAid: 'Ijs en een mitella door de EHBO\'er', medicalCare: 'Spoedeisende hulp; gips voor zes weken', prevention: 'Trapjes vervangen door een platformtrap met leuning',
      incapacityFrom: twoDaysAgo.slice(0, 10),
    });
    await call('POST', '/api/accidents', {
      personId: person.id, occurredAt: daysAgo(5, '13:15:00'), place: 'Kantine', description: 'Snijwond aan een vinger bij het openen van een doos.',
      injuries: [{ bodyPart: 'wijsvinger', nature: 'snijwond' }], firstAid: 'Pleister',
    });
  }
  // The accident-manager token is made anew on each start (a token is shown only once), by the
  // health administrator: only a holder of admin.health grants accidents.health.
  const health = opts.healthToken;
  const tokens = (await call('GET', '/api/tokens', undefined, health)).items as { id: string; name: string }[];
  const old = tokens.find((t) => t.name === 'demo-accident-manager');
  if (old) await call('DELETE', `/api/tokens/${old.id}`, undefined, health);
  // Granted the demo employer: a role that does not see every employer sees only the ones granted.
  const manager = await call('POST', '/api/tokens', { name: 'demo-accident-manager', role: 'accident_manager', employerIds: [opts.employerId], expiresInDays: 30 }, health);
  const daysLeft = Math.ceil((Date.parse(accident.deadline.at) - Date.now()) / DAY_MS);
  opts.say(`demo accident ${accident.reference}: declare by ${accident.deadline.date} (${daysLeft} days left; workflow ${accident.workflowId})`);
  return { accidentId: accident.id as string, managerToken: manager.token as string };
}

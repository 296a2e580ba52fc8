import { type Answer, get, qs } from '../api.js';
import { type Column, dl, h, table } from '../dom.js';
import { fmtDate, fmtDateTime, label, t } from '../i18n.js';
import { badge, dueDate, moreButton, needEmployer, pageHeader, personName, type Ctx } from './common.js';
import { statusBadge } from './messages.js';
import { disclosure, registerForm } from './accidents.js';
import { personBenefits } from './benefits.js';
import { personEnrollments } from './enrollments.js';
import { familySection } from './family.js';
import { correctionForm } from './person-correction.js';

const FIELDS = ['employeeNumber', 'nationalId', 'initials', 'firstName', 'namePrefix', 'lastName', 'birthDate', 'gender', 'nationality', 'maritalStatus',
  'street', 'houseNumber', 'postalCode', 'city', 'country', 'partnerNamePrefix', 'partnerLastName', 'category', 'salaryClass', 'workSchedulePercent',
  'grossMonthlySalary', 'hireDate', 'exitDate'];

export async function renderList(ctx: Ctx) {
  if (!ctx.employerId) return needEmployer(ctx, t('persons.title'));
  const params = { employerId: ctx.employerId, limit: 100 };
  const page = await get(`/api/persons`, params);
  const columns: Column<Answer<'get', '/api/persons'>['items'][number]>[] = [
    { label: t('persons.employeeNumber'), render: (p) => h('a', { href: `#/persons/${p.id}` }, p.employeeNumber) },
    { label: t('persons.name'), render: (p) => personName(p) },
    { label: t('persons.status'), render: (p) => label('personStatus', p.status) },
  ];
  const list = table({ caption: t('persons.title'), captionHidden: true, columns, rows: page.items, empty: t('persons.empty') });
  return h('section', {}, pageHeader(`${t('persons.title')} — ${ctx.employerName(ctx.employerId)}`,
    h('a', { class: 'button-link', href: '#/statements', id: 'statements-all' }, t('statements.allPersons'))), list,
    moreButton('/api/persons', params, page.nextCursor, (items: typeof page.items) => {
      const body = list.querySelector('tbody')!;
      for (const p of items) body.append(h('tr', {}, columns.map((c) => h('td', {}, c.render(p)))));
    }));
}

/**
 * A person: their data (and, for persons.edit, its correction with the effect on their messages
 * shown first), family members, enrollments, messages, statement and accidents.
 * `?correct=1` opens the correction (from an incomplete message); `?enrollment=<id>` opens that
 * enrollment's start-date correction (from a message failed on the 120-day rule).
 */
export async function renderOne(ctx: Ctx, id: string) {
  const person = await get(`/api/persons/${id}`);
  const [enrollments, messages, accidents, suppliers, benefits, family] = await Promise.all([
    get(`/api/enrollments`, { personId: id, limit: 100 }).then((r) => r.items, () => []),
    ctx.can('messages.view') ? get(`/api/messages`, { personId: id, limit: 100 }).then((r) => r.items) : [],
    ctx.can('accidents.view') ? get(`/api/accidents`, { personId: id, limit: 100 }).then((r) => r.items) : [],
    ctx.suppliers(),
    personBenefits(ctx, person),
    get(`/api/persons/${id}/family-members`).then((r) => r.items, () => []),
  ]);
  const supplierName = (sid: string | null | undefined) => suppliers.find((s) => s.id === sid)?.name ?? '';
  const d = person.data ?? {};
  const value = (f: string) => {
    const v = d[f];
    if (v === undefined || v === null || v === '') return null;
    if (f === 'gender') return label('gender', String(v));
    if (f === 'maritalStatus') return label('maritalStatus', String(v));
    return /Date$/.test(f) ? fmtDate(String(v)) : String(v);
  };
  // Oldest first: the newest message of an enrollment is the last.
  const byAge = [...messages].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const incomplete = byAge.filter((m) => m.status === 'incomplete');
  const missing = [...new Set(incomplete.flatMap((m) => m.missingFields))];
  const canEdit = ctx.can('persons.edit');
  const correction = canEdit ? disclosure(t('correction.open'), () => correctionForm(ctx, person, { missing, supplierName }), { id: 'correct-person' }) : null;
  const enrollmentSection = await personEnrollments(ctx, person, { enrollments, messages: byAge, familyMembers: family, focusEnrollment: ctx.query.enrollment ?? null });
  const section = h('section', {},
    pageHeader(personName(person),
      h('a', { class: 'button-link', href: `#/statements/${person.id}`, id: 'person-statement' }, t('statements.open')), ' ',
      h('a', { class: 'button-link', href: `/api/persons/${person.id}/statement/pdf`, download: '', id: 'person-statement-pdf' }, t('statements.pdf'))),
    incomplete.length ? h('p', { class: 'notice warn', id: 'incomplete-notice' }, t('persons.incompleteNotice', {
      count: incomplete.length, fields: missing.map((f) => label('field', f)).join(', '),
    })) : null,
    h('h2', {}, t('persons.data')),
    dl([[t('persons.status'), label('personStatus', person.status)], ...FIELDS.map((f): [string, string | null] => [label('field', f), value(f)])]),
    correction,
    person.corrections?.length ? [h('h2', {}, t('persons.corrections')), table({
      caption: t('persons.corrections'), captionHidden: true, empty: t('app.none'), rows: person.corrections,
      columns: [
        { label: t('tasks.field'), render: (c) => label('field', c.field) },
        { label: t('persons.correctedValue'), render: (c) => c.value ?? '' },
        { label: t('persons.correctedBy'), render: (c) => `${c.correctedBy}, ${fmtDateTime(c.correctedAt)}` },
        { label: t('persons.payrollValue'), render: (c) => (c.payrollDiffers ? [badge(t('persons.payrollDiffers'), 'warn'), ' ', c.payrollValue ?? ''] : '') },
      ],
    })] : null,
    familySection(ctx, person, family),
    enrollmentSection,
    benefits,
    ctx.can('messages.view') ? [h('h2', { id: 'person-messages' }, t('persons.messages')), table({
      caption: t('persons.messages'), captionHidden: true, empty: t('app.none'), rows: messages,
      columns: [
        { label: t('messages.created'), render: (m) => h('a', { href: `#/messages/${m.id}` }, fmtDateTime(m.createdAt)) },
        { label: t('messages.supplier'), render: (m) => supplierName(m.supplierId) },
        { label: t('messages.kind'), render: (m) => label('messageKind', m.kind) },
        { label: t('messages.status'), render: (m) => statusBadge(m.status) },
        { label: t('messages.version'), class: 'num', render: (m) => String(m.version) },
        { label: t('messages.sendDate'), render: (m) => fmtDate(m.sendDate) },
      ],
    }), h('p', {}, h('a', { href: `#/messages${qs({ personId: person.id, employerId: person.employerId })}`, id: 'person-all-messages' }, t('persons.allMessages')))] : null,
    ctx.can('accidents.view') ? [h('h2', {}, t('persons.accidents')), ctx.can('accidents.manage') ? registerDisclosure(ctx, person) : null, table({
      caption: t('persons.accidents'), captionHidden: true, empty: t('app.none'), rows: accidents,
      columns: [
        { label: t('accidents.reference'), render: (a) => h('a', { href: `#/accidents/${a.id}` }, a.reference) },
        { label: t('accidents.occurredAt'), render: (a) => fmtDateTime(a.occurredAt) },
        { label: t('accidents.status'), render: (a) => badge(label('accidentStatus', a.status), 'info') },
        { label: t('accidents.deadline'), render: (a) => (a.deadline ? dueDate(a.deadline.at, a.status !== 'open') : '') },
      ],
    })] : null);
  // Opened from an incomplete message: the correction form is open at once.
  if (canEdit && ctx.query.correct === '1') requestAnimationFrame(() => section.querySelector<HTMLElement>('#correct-person')?.click());
  return section;
}

/** "Register an accident" for this person: the form opens below the button. */
const registerDisclosure = (ctx: Ctx, person: Answer<'get', '/api/persons/{id}'>) => disclosure(t('accidents.register'),
  (close: () => void) => registerForm(ctx, { employerId: person.employerId, personId: person.id, onCancel: close }), { id: 'register-accident' });

import { type Answer, type Sent, get, post, qs } from '../api.js';
import { type Column, dl, field, h, table } from '../dom.js';
import { fmtDate, fmtDateTime, label, t } from '../i18n.js';
import { dateInput } from '../date-input.js';
import { appendAll, badge, dueDate, moreButton, needEmployer, pageHeader, personName, submitter, type Ctx } from './common.js';
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
    h('a', { class: 'button-link', href: '#/statements', id: 'statements-all' }, t('statements.allPersons'))),
    ctx.can('persons.edit') ? disclosure(t('hire.open'), (close) => hireForm(ctx, close), { id: 'hire-person' }) : null,
    list,
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

type Hire = Sent<'post', '/api/employers/{id}/hires'>;
/** What HR usually knows on the first day; the rest comes with the next payroll photo (or a correction). */
const HIRE_TEXT = ['nationalId', 'initials', 'firstName', 'namePrefix', 'lastName'] as const;

/**
 * "Report a hire": a person who starts now, before the next payroll photo shows them. The API creates
 * them (or takes a leaver back) and enrolls them as the employer's onboarding profiles say, each
 * enrollment with its message; the next import recognises the hire and enrolls nothing twice.
 */
function hireForm(ctx: Ctx, close: () => void) {
  const employeeNumber = h('input', { type: 'text', name: 'employeeNumber', required: true, maxlength: 50, autocomplete: 'off' });
  const hireDate = dateInput({ name: 'hireDate', required: true });
  const category = h('select', { name: 'category' }, h('option', { value: '' }, '—'),
    ['white_collar', 'blue_collar'].map((c) => h('option', { value: c }, label('benefitCategory', c))));
  const texts = HIRE_TEXT.map((f) => ({ f, input: h('input', { type: 'text', name: f, maxlength: f === 'nationalId' ? 20 : 200, autocomplete: 'off' }) }));
  const birthDate = dateInput({ name: 'birthDate' });
  const gender = h('select', { name: 'gender' }, h('option', { value: '' }, '—'), ['M', 'F', 'X'].map((g) => h('option', { value: g }, label('gender', g))));
  const form = h('form', { class: 'hire card', 'aria-labelledby': 'hire-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const body: Hire = { employeeNumber: employeeNumber.value.trim(), hireDate: hireDate.value };
    if (category.value) body.category = category.value as Hire['category'];
    for (const { f, input } of texts) if (input.value.trim()) body[f] = input.value.trim();
    if (birthDate.value) body.birthDate = birthDate.value;
    if (gender.value) body.gender = gender.value as Hire['gender'];
    const hired = await post(`/api/employers/${ctx.employerId}/hires`, body);
    ctx.announce(t('hire.done', { employeeNumber: hired.person.employeeNumber, count: hired.messages.length }), { acrossNavigation: true });
    ctx.navigate(`#/persons/${hired.person.id}`);
  }));
  appendAll(form,
    h('h2', { id: 'hire-title' }, t('hire.title')),
    h('p', { class: 'hint' }, t('hire.hint')),
    field(label('field', 'employeeNumber'), employeeNumber), field(label('field', 'hireDate'), hireDate), field(label('field', 'category'), category),
    texts.map(({ f, input }) => field(label('field', f), input)), field(label('field', 'birthDate'), birthDate), field(label('field', 'gender'), gender),
    h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-action': 'hire' }, t('hire.submit')),
      h('button', { type: 'button', class: 'secondary', onclick: close }, t('app.cancel'))));
  return form;
}

import { type Answer, ApiError, errorMessage, get, patch, post } from '../api.js';
import { type Column, field, h, table } from '../dom.js';
import { fmtDate, fmtNumber, label, t } from '../i18n.js';
import { dateInput } from '../date-input.js';
import { type Ctx, badge, moreButton, needEmployer, pageHeader, personLink } from './common.js';

type Enrollment = Answer<'get', '/api/enrollments'>['items'][number];
type Message = Answer<'get', '/api/messages'>['items'][number];
type Member = Answer<'get', '/api/persons/{id}/family-members'>['items'][number];
type Person = Answer<'get', '/api/persons/{id}'>;
type Plan = Answer<'get', '/api/plans'>['items'][number] & { supplierName: string };
/** An enrollment on the person's page, with its message's failure on the 120-day rule (if that is where it stands). */
type Row = Enrollment & { failure: Finding | null };
/** A rule breach or warning of a message. */
interface Finding { code: string; message: string; suggestion?: string | null; params?: Record<string, unknown> | null }
/** A problem of an enrollment import's file (its 422 answer). */
interface Problem { code: string; column?: string; message: string; row?: number }
type Changed = Answer<'patch', '/api/enrollments/{id}'> | Answer<'post', '/api/enrollments'>;

/** Figures that are calendar dates: shown in the user's format inside translated explanations. */
const DATE_PARAMS = new Set(['startDate', 'sendDate', 'earliestStart']);

/**
 * A rule breach or warning of a message ({ code, message, suggestion?, params? }) in the user's
 * language: the translation of its code with its figures when there is one, else the API's text.
 */
export function findingText(f: Finding): { text: string; suggestion: string | null } {
  const vars = Object.fromEntries(Object.entries(f.params ?? {}).map(([k, v]) => [k, DATE_PARAMS.has(k) ? fmtDate(String(v)) : String(v)]));
  const known = (key: string) => t(key) !== key;
  // A translation naming figures the stored breach lacks (an older message) would show {placeholders}: the API's text then.
  const usable = (key: string) => known(key) && !/\{\w+\}/.test(t(key, vars));
  const text = usable(`finding.${f.code}`) ? t(`finding.${f.code}`, vars) : f.message;
  const suggestion = usable(`finding.${f.code}.suggestion`) ? t(`finding.${f.code}.suggestion`, vars) : (f.suggestion ?? null);
  return { text, suggestion };
}

/** An API error in the user's words: its code translated when there is one, else its message. */
export function errorText(err: unknown) {
  const code = err instanceof ApiError ? err.code : null;
  const key = code ? `apiError.${code}` : '';
  return t('app.error', { message: key && t(key) !== key ? t(key) : errorMessage(err) });
}

/**
 * After an action on a person's page: the message, and the page afresh — without the query that
 * opened a form from a message's page (`?correct=1`, `?enrollment=`), so it does not open again.
 */
export async function backToPerson(ctx: Ctx, personId: string, message: string) {
  const plain = `#/persons/${personId}`;
  if (location.hash === plain) {
    ctx.announce(message);
    await ctx.refresh();
  } else {
    ctx.announce(message, { acrossNavigation: true });
    ctx.navigate(plain);
  }
}

const date = (name: string, value: string | null | undefined, required = false) => dateInput({ name, value: value ?? '', required });

/** Runs a form's action: its error under the form (and in the alert region), buttons back on failure. */
export function onSubmit(ctx: Ctx, form: HTMLFormElement, error: HTMLElement, action: () => Promise<void>) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const buttons = [...form.querySelectorAll('button')];
    for (const b of buttons) b.disabled = true;
    error.textContent = '';
    try {
      await action();
    } catch (err) {
      error.textContent = errorText(err);
      ctx.showError(errorText(err));
      for (const b of buttons) b.disabled = false;
    }
  });
  return form;
}

// ---------------------------------------------------------------------------------------------
// A person's enrollments (on the person's page)

/**
 * The person's enrollments with their actions: enroll, correct the start (with the 120-day rule's
 * explanation and its suggested date when the enrollment's message failed on it), set the end.
 * `focusEnrollment`: the enrollment to correct, opened at once (from a failed message's page).
 */
export async function personEnrollments(ctx: Ctx, person: Person, { enrollments, messages, familyMembers, focusEnrollment }: {
  enrollments: Enrollment[]; messages: Message[]; familyMembers: Member[]; focusEnrollment: string | null;
}) {
  const canEdit = ctx.can('persons.edit');
  const [suppliers, plans] = await Promise.all([
    ctx.suppliers(),
    canEdit && ctx.can('suppliers.view') && ctx.can('employers.view') ? linkedPlans(person.employerId) : [] as Plan[],
  ]);
  const supplierName = (sid: string) => suppliers.find((s) => s.id === sid)?.name ?? '';
  const memberName = (id: string) => {
    const f = familyMembers.find((m) => m.id === id);
    return f ? `${[f.firstName, f.namePrefix, f.lastName].filter(Boolean).join(' ')} (${label('relation', f.relation)})` : '';
  };
  /** The newest failure of an enrollment's messages on the 120-day rule, if that is where it stands. */
  const tooOld = (e: Enrollment): Finding | null => {
    const mine = messages.filter((m) => m.enrollmentId === e.id && m.kind === 'enrollment');
    const latest = mine[mine.length - 1];
    if (!latest || latest.status !== 'send_failed' || latest.failure?.code !== 'start_too_old') return null;
    return latest.failure;
  };
  const rows: Row[] = enrollments.map((e) => ({ ...e, failure: tooOld(e) }));
  const list = table({
    caption: t('persons.enrollments'), captionHidden: true, empty: t('app.none'), rows,
    columns: <Column<Row>[]>[
      { label: t('persons.plan'), render: (e) => e.planName },
      { label: t('messages.supplier'), render: (e) => supplierName(e.supplierId) },
      { label: t('enrollments.insured'), render: (e) => (e.familyMemberId ? memberName(e.familyMemberId) : t('enrollments.employee')) },
      { label: t('persons.start'), render: (e) => fmtDate(e.startDate) },
      { label: t('persons.end'), render: (e) => fmtDate(e.endDate) },
      { label: t('persons.source'), render: (e) => label('enrollmentSource', e.source) },
      { label: t('enrollments.state'), render: (e) => (e.failure ? failureNote(e.failure) : '') },
      ...(canEdit ? [{ label: t('enrollments.actions'), render: (e: Row) => enrollmentActions(ctx, e, focusEnrollment === e.id) }] : []),
    ],
  });
  return h('section', { 'aria-labelledby': 'enrollments-title', id: 'enrollments' },
    h('h2', { id: 'enrollments-title' }, t('persons.enrollments')),
    canEdit && plans.length ? enrollDisclosure(ctx, person, plans, familyMembers) : null,
    list);
}

/** The plans of the suppliers the employer is linked to (the ones a person of theirs can be enrolled in). */
async function linkedPlans(employerId: string): Promise<Plan[]> {
  const links = await get(`/api/employers/${employerId}/suppliers`).then((r) => r.items, () => []);
  const lists = await Promise.all(links.map((l) => get(`/api/plans`, { supplierId: l.supplierId }).then((r) => r.items.map((p) => ({ ...p, supplierName: l.supplierName ?? '' })), () => [])));
  return lists.flat();
}

function failureNote(f: Finding) {
  const { text, suggestion } = findingText(f);
  return h('div', { class: 'rule-breach' }, badge(label('messageStatus', 'send_failed'), 'danger'), ' ', h('span', {}, text), suggestion ? h('div', { class: 'hint' }, suggestion) : null);
}

/** A button that opens a small form below it (the enrollment row's actions). */
function toggle(text: string, id: string, build: (close: () => void) => Node, open = false) {
  const region = h('div', { id: `${id}-region`, hidden: true });
  const button: HTMLButtonElement = h('button', { type: 'button', class: 'secondary', id, 'aria-expanded': 'false', 'aria-controls': `${id}-region`, onclick: () => show(button.getAttribute('aria-expanded') !== 'true') });
  button.textContent = text;
  let built = false;
  function show(on: boolean) {
    if (on && !built) { region.append(build(() => { show(false); button.focus(); })); built = true; }
    region.hidden = !on;
    button.setAttribute('aria-expanded', String(on));
    if (on) requestAnimationFrame(() => region.querySelector<HTMLElement>('input, select')?.focus());
  }
  if (open) show(true);
  return h('div', { class: 'row-action' }, button, region);
}

function enrollmentActions(ctx: Ctx, e: Row, focus: boolean) {
  const short = e.id.slice(0, 8);
  return h('div', { class: 'actions stack' },
    toggle(t('enrollments.correctStart'), `correct-start-${short}`, (close) => startForm(ctx, e, close), focus),
    e.endDate ? null : toggle(t('enrollments.setEnd'), `set-end-${short}`, (close) => endForm(ctx, e, close)));
}

/**
 * Corrects the start date. After a 120-day failure the rule is explained (as it stood when the
 * message failed) and the earliest start the insurer accepts today is filled in (the API's advice).
 */
function startForm(ctx: Ctx, e: Row, close: () => void) {
  const start = date('startDate', e.startDate, true);
  const hint = h('small', { class: 'hint', id: `start-hint-${e.id.slice(0, 8)}` });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const form = h('form', { class: 'card inline-form', 'data-enrollment': e.id },
    e.failure ? h('p', { class: 'notice' }, findingText(e.failure).text) : null,
    field(t('enrollments.newStart'), start), hint,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('enrollments.saveStart')), h('button', { type: 'button', class: 'secondary', onclick: close }, t('app.cancel'))),
    error);
  start.setAttribute('aria-describedby', hint.id);
  if (e.failure) {
    get(`/api/enrollments/${e.id}/start-advice`).then((advice) => {
      // Not over what the user typed meanwhile.
      if (start.value === e.startDate) start.value = advice.earliestStart;
      hint.textContent = t('enrollments.suggestedStart', { date: fmtDate(advice.earliestStart) });
    }, () => undefined);
  }
  return onSubmit(ctx, form, error, async () => {
    const res = await patch(`/api/enrollments/${e.id}`, { startDate: start.value });
    await backToPerson(ctx, e.personId, changedText(res));
  });
}

/** Sets the end date: the deregistration, with its termination message. */
function endForm(ctx: Ctx, e: Row, close: () => void) {
  const end = date('endDate', '', true);
  end.min = e.startDate;
  const error = h('p', { class: 'form-error', role: 'alert' });
  const form = h('form', { class: 'card inline-form' },
    field(t('enrollments.endDate'), end, t('enrollments.endHint')),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('enrollments.saveEnd')), h('button', { type: 'button', class: 'secondary', onclick: close }, t('app.cancel'))),
    error);
  return onSubmit(ctx, form, error, async () => {
    const res = await patch(`/api/enrollments/${e.id}`, { endDate: end.value });
    await backToPerson(ctx, e.personId, changedText(res));
  });
}

/** What an enrollment change did: the messages it made and re-sent, and their warnings. */
function changedText(res: Changed) {
  const parts = [t('enrollments.saved')];
  if (res.messages?.length) parts.push(t('enrollments.messagesMade', { count: res.messages.length }));
  if ('resent' in res && res.resent?.length) parts.push(t('enrollments.messagesResent', { count: res.resent.length }));
  for (const m of res.messages ?? []) for (const w of m.warnings ?? []) parts.push(findingText(w).text);
  return parts.join(' ');
}

function enrollDisclosure(ctx: Ctx, person: Person, plans: Plan[], familyMembers: Member[]) {
  return toggle(t('enrollments.enroll'), 'enroll-person', (close) => {
    const plan = h('select', { name: 'planId', required: true }, h('option', { value: '' }, t('enrollments.choosePlan')),
      plans.map((p) => h('option', { value: p.id }, p.supplierName ? `${p.name} — ${p.supplierName}` : p.name)));
    const who = h('select', { name: 'familyMemberId' }, h('option', { value: '' }, t('enrollments.employee')),
      familyMembers.filter((f) => !f.endDate).map((f) => h('option', { value: f.id }, `${[f.firstName, f.namePrefix, f.lastName].filter(Boolean).join(' ')} (${label('relation', f.relation)})`)));
    const start = date('startDate', '', true);
    const end = date('endDate', '');
    const error = h('p', { class: 'form-error', role: 'alert' });
    const form = h('form', { class: 'card inline-form' },
      field(t('persons.plan'), plan), familyMembers.length ? field(t('enrollments.insured'), who) : null,
      field(t('enrollments.startDate'), start, t('enrollments.startHint')), field(t('enrollments.endDateOptional'), end),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('enrollments.enroll')), h('button', { type: 'button', class: 'secondary', onclick: close }, t('app.cancel'))),
      error);
    return onSubmit(ctx, form, error, async () => {
      const body = { personId: person.id, planId: plan.value, startDate: start.value, ...(end.value ? { endDate: end.value } : {}), ...(who.value ? { familyMemberId: who.value } : {}) };
      const res = await post('/api/enrollments', body);
      await backToPerson(ctx, person.id, changedText(res));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The employer's enrollments and the two imports

export async function renderList(ctx: Ctx) {
  if (!ctx.employerId) return needEmployer(ctx, t('enrollments.title'));
  const params = { employerId: ctx.employerId, limit: 100 };
  const [page, suppliers] = await Promise.all([get(`/api/enrollments`, params), ctx.suppliers()]);
  await ctx.loadPersons(page.items.map((e) => e.personId));
  const supplierName = (sid: string) => suppliers.find((s) => s.id === sid)?.name ?? '';
  const columns: Column<Enrollment>[] = [
    { label: t('persons.employeeNumber'), render: (e) => e.employeeNumber },
    { label: t('messages.person'), render: (e) => personLink(ctx, e.personId) },
    { label: t('persons.plan'), render: (e) => e.planName },
    { label: t('messages.supplier'), render: (e) => supplierName(e.supplierId) },
    { label: t('enrollments.insured'), render: (e) => (e.familyMemberId ? t('enrollments.familyMember') : t('enrollments.employee')) },
    { label: t('persons.start'), render: (e) => fmtDate(e.startDate) },
    { label: t('persons.end'), render: (e) => fmtDate(e.endDate) },
    { label: t('persons.source'), render: (e) => label('enrollmentSource', e.source) },
  ];
  const list = table({ caption: t('enrollments.list'), captionHidden: true, columns, rows: page.items, empty: t('enrollments.empty') });
  return h('section', {},
    pageHeader(`${t('enrollments.title')} — ${ctx.employerName(ctx.employerId)}`),
    ctx.can('persons.edit') ? h('div', { class: 'import-forms' }, importForm(ctx, 'initial'), importForm(ctx, 'changes')) : null,
    h('h2', {}, t('enrollments.list')),
    list,
    moreButton('/api/enrollments', params, page.nextCursor, async (items: Enrollment[]) => {
      await ctx.loadPersons(items.map((e) => e.personId));
      const body = list.querySelector('tbody')!;
      for (const e of items) body.append(h('tr', { 'data-id': e.id }, columns.map((c) => h('td', {}, c.render(e)))));
    }));
}

/** `initial`: the first load (no messages); `changes`: the mutation import (new enrollments and ends, with their messages). */
function importForm(ctx: Ctx, mode: 'initial' | 'changes') {
  const id = `import-${mode}`;
  const file = h('input', { type: 'file', name: 'file', id: `${id}-file`, required: true, accept: '.csv,text/csv' });
  const result = h('div', { class: 'import-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'card upload', 'aria-labelledby': `${id}-title`, id, onsubmit: async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const submit = form.querySelector('button')!;
    submit.disabled = true;
    result.replaceChildren();
    const body = new FormData();
    body.set('file', file.files![0]);
    try {
      const res = await post(mode === 'initial' ? `/api/employers/${ctx.employerId}/enrollments/import` : `/api/employers/${ctx.employerId}/enrollments/changes-import`, body);
      const done = t('enrollments.imported', { created: fmtNumber(res.created), ended: fmtNumber(res.ended), updated: fmtNumber(res.updated), unchanged: fmtNumber(res.unchanged), messages: fmtNumber(res.messages) });
      result.append(h('p', { class: 'notice' }, done));
      ctx.announce(done);
      form.reset();
    } catch (err) {
      const refused = err instanceof ApiError ? err.body as { errors?: Problem[]; errorCount?: number } | null : null;
      const problems = refused?.errors;
      if (problems?.length) {
        result.append(h('p', { class: 'notice error', role: 'alert' }, t('enrollments.problemCount', { count: fmtNumber(refused?.errorCount ?? problems.length) })),
          problemTable(problems, `${id}-problems`));
      } else result.append(h('p', { class: 'notice error', role: 'alert' }, errorText(err)));
    }
    submit.disabled = false;
  } },
  h('h2', { id: `${id}-title` }, t(`enrollments.import.${mode}`)),
  h('p', { class: 'hint' }, t(`enrollments.import.${mode}Hint`)),
  field(t('enrollments.file'), file, t('enrollments.fileHint')),
  h('button', { type: 'submit' }, t('enrollments.importSubmit')),
  result);
  return form;
}

/** The file's problems, one a row: row, column, what is wrong (translated by code). */
function problemTable(problems: Problem[], id: string) {
  const node = table({
    caption: t('enrollments.problems'), empty: t('app.none'), rows: problems,
    columns: [
      { label: t('imports.row'), class: 'num', render: (p) => (p.row === undefined ? '' : String(p.row)) },
      { label: t('imports.column'), render: (p) => p.column ?? '' },
      { label: t('imports.message'), render: (p) => problemText(p) },
      { label: t('imports.code'), render: (p) => h('code', {}, p.code) },
    ],
  });
  node.id = id;
  return node;
}

const problemText = (p: Problem) => {
  const key = `enrollmentProblem.${p.code}`;
  return t(key) !== key ? t(key) : p.message;
};

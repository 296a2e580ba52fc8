import { type Answer, type Params, type Sent, errorMessage, get, post, put, qs } from '../api.js';
import { type Column, dl, field, h, nextId, table } from '../dom.js';
import { LANGUAGES, type Language, fmtDate, fmtDateTime, fmtNumber, label, language, t, fmtMoney } from '../i18n.js';
import { badge, dueDate, moreButton, pageHeader, personLink, personName, submitter, type Ctx } from './common.js';
import { dateInput } from '../date-input.js';

type Listed = Answer<'get', '/api/accidents'>['items'][number];
type Accident = Answer<'get', '/api/accidents/{id}'>;
type ReportQuery = Params<'/api/accidents/report'>;
type ReportRow = Answer<'get', '/api/accidents/report'>['rows'][number];
type EventBody = Sent<'post', '/api/accidents/{id}/events'>;
type Rule = Answer<'get', '/api/accident-rules'>['defaults'][number];

const TONE: Record<string, string> = { first_aid: 'muted', open: 'warn', declared: 'info', closed: 'ok' };
const statusBadge = (s: string) => badge(label('accidentStatus', s), TONE[s] ?? 'muted');
const deadline = (a: Pick<Listed, 'deadline' | 'status'>) => (a.deadline ? dueDate(a.deadline.date, a.status !== 'open') : '');
const EVENT_KINDS = ['work_resumed', 'incapacity_started', 'payment_received', 'claim_number', 'portal_reference'];
const UPLOAD_KINDS = ['sick_note', 'medical_certificate', 'other'];
const documentHref = (accidentId: string, documentId: string) => `/api/accidents/${accidentId}/documents/${documentId}`;


/** A button that shows and hides a region built on first opening (aria-expanded, keyboard as any button). */
export function disclosure(text: string, build: (close: () => void) => Node, { id }: { id?: string } = {}) {
  const regionId = nextId('region');
  const region = h('div', { id: regionId, hidden: true });
  let built = false;
  const button: HTMLButtonElement = h('button', { type: 'button', class: 'secondary', id, 'aria-expanded': 'false', 'aria-controls': regionId, onclick: () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    if (open && !built) {
      region.append(build(() => { region.hidden = true; button.setAttribute('aria-expanded', 'false'); button.focus(); }));
      built = true;
    }
    region.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) region.querySelector<HTMLElement>('input, select, textarea')?.focus();
  } }, text);
  return h('div', { class: 'disclosure' }, button, region);
}

/** Euros typed with a decimal comma or dot ("1234,56", "1234.5", "80") → cents; null when empty. */
function euroCents(text: string) {
  const v = text.trim().replace(/\s/g, '');
  if (!v) return null;
  const m = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(v);
  if (!m) return NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

// ---------------------------------------------------------------------------------------------

/** The accident area's pages: the cases, the prevention advisor's report, the employer's accident settings. */
function tabs(ctx: Ctx, current: string) {
  const pages: [string, string, boolean][] = [['cases', 'accidents.cases', true], ['report', 'accidents.reportTitle', ctx.can('accidents.report')], ['settings', 'accidents.settingsTitle', true]];
  return h('nav', { class: 'tabs', 'aria-label': t('accidents.pages') }, h('ul', { class: 'plain inline' }, pages.filter(([, , ok]) => ok).map(([view, key]) => h('li', {},
    h('a', { href: `#/accidents${view === 'cases' ? '' : qs({ view })}`, 'aria-current': view === current ? 'page' : null }, t(key))))));
}

export async function renderList(ctx: Ctx) {
  if (ctx.query.view === 'report' && ctx.can('accidents.report')) return reportPage(ctx);
  if (ctx.query.view === 'settings') return settingsPage(ctx);
  return casesPage(ctx);
}

// ---------------------------------------------------------------------------------------------

const GROUPS: NonNullable<ReportQuery['groupBy']>[] = ['category', 'department', 'month'];
const twoDigits = (n: number) => String(n).padStart(2, '0');
const localIso = (d: Date) => `${d.getFullYear()}-${twoDigits(d.getMonth() + 1)}-${twoDigits(d.getDate())}`;

/** For the prevention advisor: accidents, days lost, frequency and severity rates per group, on screen and as XLSX. */
async function reportPage(ctx: Ctx) {
  const q = ctx.query;
  const today = new Date();
  const params = {
    from: /^\d{4}-\d{2}-\d{2}$/.test(q.from ?? '') ? q.from : `${today.getFullYear()}-01-01`,
    to: /^\d{4}-\d{2}-\d{2}$/.test(q.to ?? '') ? q.to : localIso(today),
    groupBy: GROUPS.find((g) => g === q.groupBy) ?? 'category',
    fullTimeWeeklyHours: Number(q.hours) > 0 ? Number(q.hours) : 38,
    employerId: ctx.employerId,
  };
  const from = dateInput({ id: 'report-from', required: true, value: params.from });
  const to = dateInput({ id: 'report-to', required: true, value: params.to });
  const groupBy = h('select', { id: 'report-group' }, GROUPS.map((g) => h('option', { value: g, selected: g === params.groupBy }, label('accidentGroup', g))));
  const hours = h('input', { type: 'number', id: 'report-hours', min: 1, max: 60, step: 0.5, required: true, value: String(params.fullTimeWeeklyHours) });
  const form = h('form', { class: 'filters', 'aria-label': t('accidents.reportTitle'), onsubmit: (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    ctx.navigate(`#/accidents${qs({ view: 'report', from: from.value, to: to.value, groupBy: groupBy.value, hours: hours.value })}`);
  } }, field(t('accidents.reportFrom'), from), field(t('accidents.reportTo'), to), field(t('accidents.reportGroupBy'), groupBy),
  field(t('accidents.reportHours'), hours), h('button', { type: 'submit', id: 'show-report' }, t('accidents.reportShow')));
  const report = await get(`/api/accidents/report`, params);
  const num = (v: number | null, digits = 0) => (v === null ? '—' : new Intl.NumberFormat(language(), { maximumFractionDigits: digits }).format(v));
  const columns: Column<ReportRow>[] = [
    { label: t('accidents.reportGroup'), rowHeader: true, render: (r) => (r === report.total ? t('accidents.reportTotal') : r.group || t('accidents.reportUnknownGroup')) },
    { label: t('accidents.reportAccidents'), class: 'num', render: (r) => num(r.accidents) },
    { label: t('accidents.reportMinor'), class: 'num', render: (r) => num(r.minorAccidents) },
    { label: t('accidents.reportWithLostDays'), class: 'num', render: (r) => num(r.accidentsWithLostDays) },
    { label: t('accidents.reportDaysLost'), class: 'num', render: (r) => num(r.daysLost) },
    { label: t('accidents.reportHoursWorked'), class: 'num', render: (r) => num(r.hoursWorked) },
    { label: t('accidents.reportFrequency'), class: 'num', render: (r) => num(r.frequencyRate, 2) },
    { label: t('accidents.reportSeverity'), class: 'num', render: (r) => num(r.severityRate, 2) },
  ];
  return h('section', {},
    pageHeader(t('accidents.title')), tabs(ctx, 'report'), form,
    h('p', { class: 'hint' }, t('accidents.reportExplained')),
    table({ caption: t('accidents.reportCaption', { from: fmtDate(params.from), to: fmtDate(params.to) }), empty: t('app.none'), rows: [...report.rows, report.total], columns }),
    h('p', {}, h('a', { href: `/api/accidents/report${qs({ ...params, format: 'xlsx', lang: language() })}`, download: `accidents-${params.from}-${params.to}.xlsx`, id: 'report-xlsx' }, t('accidents.reportXlsx'))));
}

/** Who is told about the employer's cases and the follow-up terms: read with accidents.view, changed with accidents.manage. */
async function settingsPage(ctx: Ctx) {
  const head = [pageHeader(t('accidents.title')), tabs(ctx, 'settings')];
  const rules = await rulesPart(ctx);
  if (!ctx.employerId) return h('section', {}, ...head, h('p', { class: 'notice' }, t('app.chooseEmployer')), rules);
  const s = await get(`/api/employers/${ctx.employerId}/accident-settings`);
  const facts = dl([
    [t('accidents.notifyEmails'), s.notifyEmails.length ? s.notifyEmails.join(', ') : '—'],
    [t('accidents.sickNoteRemindDays'), fmtNumber(s.sickNoteRemindDays)],
    [t('accidents.paymentDueDay'), fmtNumber(s.paymentDueDay)],
  ]);
  if (!ctx.can('accidents.manage')) return h('section', {}, ...head, facts, rules);
  const emails = h('textarea', { id: 'settings-emails', rows: 3, maxlength: 5000 }, s.notifyEmails.join('\n'));
  const remind = h('input', { type: 'number', id: 'settings-remind', min: 1, max: 30, required: true, value: String(s.sickNoteRemindDays) });
  const due = h('input', { type: 'number', id: 'settings-due', min: 1, max: 28, required: true, value: String(s.paymentDueDay) });
  const form = h('form', { class: 'card', 'aria-labelledby': 'settings-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const notifyEmails = emails.value.split(/[\s,;]+/).map((e) => e.trim()).filter(Boolean);
    await put(`/api/employers/${ctx.employerId}/accident-settings`, { notifyEmails, sickNoteRemindDays: Number(remind.value), paymentDueDay: Number(due.value) });
    ctx.announce(t('accidents.settingsSaved'));
    await ctx.refresh();
  }));
  form.append(h('h2', { id: 'settings-title' }, t('accidents.settingsEdit')),
    field(t('accidents.notifyEmails'), emails, t('accidents.notifyEmailsHint')), field(t('accidents.sickNoteRemindDays'), remind), field(t('accidents.paymentDueDay'), due, t('accidents.paymentDueDayHint')),
    h('button', { type: 'submit', id: 'save-accident-settings' }, t('tasks.save')));
  return h('section', {}, ...head, facts, form, rules);
}

/**
 * The declaration terms every employer's cases follow (per country, or one insurer's own): read
 * with accidents.view, set with platform.settings. A configured term replaces the built-in one.
 */
async function rulesPart(ctx: Ctx) {
  const [{ defaults, configured }, suppliers] = await Promise.all([get('/api/accident-rules'), ctx.suppliers()]);
  const insurer = (r: Rule) => (r.supplierId ? suppliers.find((x) => x.id === r.supplierId)?.name ?? t('accidents.ruleOneInsurer') : t('accidents.ruleEveryInsurer'));
  const overridden = (d: Rule) => configured.some((c) => c.country === d.country && c.supplierId === null);
  const rows = [...defaults.filter((d) => !overridden(d)).map((r) => ({ ...r, configured: false })), ...configured.map((r) => ({ ...r, configured: true }))]
    .sort((a, b) => a.country.localeCompare(b.country) || Number(a.supplierId !== null) - Number(b.supplierId !== null));
  const part = h('div', { class: 'part', id: 'accident-rules' }, h('h2', {}, t('accidents.rulesTitle')), h('p', { class: 'hint' }, t('accidents.rulesIntro')), table({
    caption: t('accidents.rulesTitle'), captionHidden: true, empty: t('app.none'), rows,
    columns: [
      { label: t('emp.country'), rowHeader: true, render: (r) => label('country', r.country) },
      { label: t('accidents.ruleInsurer'), render: (r) => insurer(r) },
      { label: t('accidents.ruleDays'), class: 'num', render: (r) => fmtNumber(r.days) },
      { label: t('accidents.ruleReminderDays'), render: (r) => (r.reminderDays.length ? r.reminderDays.map((d) => fmtNumber(d)).join(', ') : t('app.none')) },
      { label: t('accidents.ruleReminderHour'), class: 'num', render: (r) => `${String(r.reminderHour).padStart(2, '0')}:00` },
      { label: t('accidents.ruleSource'), render: (r) => (r.configured ? badge(t('accidents.ruleConfigured'), 'info') : badge(t('accidents.ruleDefault'), 'muted')) },
    ],
  }));
  if (!ctx.can('platform.settings')) return part;
  const country = h('select', { name: 'ruleCountry' }, ['BE', 'NL'].map((c) => h('option', { value: c }, label('country', c))));
  const supplier = h('select', { name: 'ruleSupplier' }, h('option', { value: '' }, t('accidents.ruleEveryInsurer')), suppliers.map((x) => h('option', { value: x.id }, x.name)));
  const days = h('input', { type: 'number', name: 'ruleDays', min: 1, max: 60, required: true });
  const reminders = h('input', { type: 'text', name: 'ruleReminderDays', autocomplete: 'off', inputmode: 'numeric', pattern: '[0-9 ,;]*' });
  const hour = h('input', { type: 'number', name: 'ruleReminderHour', min: 0, max: 23, required: true });
  /** The form starts from the term in force for the chosen country and insurer. */
  const fill = () => {
    const inForce = configured.find((c) => c.country === country.value && c.supplierId === (supplier.value || null))
      ?? configured.find((c) => c.country === country.value && c.supplierId === null) ?? defaults.find((d) => d.country === country.value);
    if (!inForce) return;
    days.value = String(inForce.days);
    reminders.value = inForce.reminderDays.join(', ');
    hour.value = String(inForce.reminderHour);
  };
  country.addEventListener('change', fill);
  supplier.addEventListener('change', fill);
  fill();
  const form = h('form', { class: 'card', 'aria-labelledby': 'rule-form-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    // The select holds the API's country code.
    await put('/api/accident-rules', {
      country: country.value as Rule['country'], supplierId: supplier.value || null, days: Number(days.value),
      reminderDays: reminders.value.split(/[\s,;]+/).filter(Boolean).map(Number), reminderHour: Number(hour.value),
    });
    ctx.announce(t('accidents.ruleSaved'));
    await ctx.refresh();
  }));
  form.append(h('h3', { id: 'rule-form-title' }, t('accidents.ruleEdit')),
    field(t('emp.country'), country), field(t('accidents.ruleInsurer'), supplier, t('accidents.ruleInsurerHint')),
    field(t('accidents.ruleDays'), days, t('accidents.ruleDaysHint')), field(t('accidents.ruleReminderDays'), reminders, t('accidents.ruleReminderDaysHint')),
    field(t('accidents.ruleReminderHour'), hour, t('accidents.ruleReminderHourHint')),
    h('button', { type: 'submit', 'data-action': 'save-accident-rule' }, t('tasks.save')));
  part.append(form);
  return part;
}

async function casesPage(ctx: Ctx) {
  const params = { employerId: ctx.employerId, limit: 50 };
  const { items, nextCursor } = await get(`/api/accidents`, params);
  const columns: Column<Listed>[] = [
    { label: t('accidents.reference'), rowHeader: true, render: (a) => h('a', { href: `#/accidents/${a.id}` }, a.reference) },
    { label: t('accidents.person'), render: (a) => personLink(ctx, a.personId) },
    { label: t('accidents.occurredAt'), render: (a) => fmtDateTime(a.occurredAt) },
    { label: t('accidents.place'), render: (a) => a.place },
    { label: t('accidents.status'), render: (a) => statusBadge(a.status) },
    { label: t('accidents.deadline'), render: deadline },
    { label: t('accidents.declared'), render: (a) => fmtDateTime(a.declaredAt) },
  ];
  await ctx.loadPersons(items.map((a) => a.personId));
  const list = table({ caption: t('accidents.title'), captionHidden: true, empty: t('accidents.empty'), rows: items, columns });
  let register: HTMLElement | null = null;
  if (ctx.can('accidents.manage')) {
    register = ctx.employerId
      ? disclosure(t('accidents.register'), (close) => registerForm(ctx, { employerId: ctx.employerId, onCancel: close }), { id: 'register-accident' })
      : h('p', { class: 'hint' }, t('accidents.registerChooseEmployer'));
  }
  return h('section', {},
    pageHeader(t('accidents.title')),
    tabs(ctx, 'cases'),
    register,
    list,
    moreButton('/api/accidents', params, nextCursor, async (more: Listed[]) => {
      await ctx.loadPersons(more.map((a) => a.personId));
      const body = list.querySelector('tbody');
      for (const a of more) body?.append(h('tr', { 'data-id': a.id }, columns.map((c) => h('td', {}, c.render(a)))));
    }));
}

/** The local date-time now, as a datetime-local input wants it. */
function localNow() {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** Rows of inputs that can be added and removed (witnesses, injuries), each row a fieldset. */
function repeater({ legend, rowLegend, fields: specs, addLabel }: { legend: string; rowLegend: string; fields: { name: string; label: string }[]; addLabel: string }) {
  const rows = h('div', { class: 'rows' });
  const renumber = () => [...rows.children].forEach((row, i) => { row.querySelector('legend')!.textContent = t(rowLegend, { n: i + 1 }); });
  const addRow = () => {
    const inputs = specs.map((s) => h('input', { type: 'text', name: s.name, maxlength: 200, autocomplete: 'off' }));
    const remove = h('button', { type: 'button', class: 'secondary small', onclick: () => {
      row.remove();
      renumber();
      add.focus();
    } }, t('accidents.remove'));
    const row = h('fieldset', { class: 'row' }, h('legend', {}), specs.map((s, i) => field(t(s.label), inputs[i])), remove);
    rows.append(row);
    renumber();
    return inputs[0];
  };
  const add = h('button', { type: 'button', class: 'secondary', onclick: () => addRow().focus() }, t(addLabel));
  addRow();
  const values = () => [...rows.children].map((row) => Object.fromEntries(specs.map((s) => [s.name, row.querySelector<HTMLInputElement>(`[name="${s.name}"]`)!.value.trim()])))
    .filter((v) => Object.values(v).some(Boolean));
  return { node: h('fieldset', { class: 'group' }, h('legend', {}, t(legend)), rows, add), values };
}

/** Registers an accident: for a given person (their page) or one chosen among the employer's persons. */
export function registerForm(ctx: Ctx, { employerId, personId = null, onCancel }: { employerId: string; personId?: string | null; onCancel?: () => void }) {
  const titleId = nextId('register');
  let personControl: HTMLElement[] | undefined;
  let personValue: () => string;
  if (personId) {
    personValue = () => personId;
  } else {
    const search = h('input', { type: 'search', id: 'register-person-search', autocomplete: 'off', 'aria-controls': 'register-person' });
    const select = h('select', { id: 'register-person', name: 'personId', required: true }, h('option', { value: '' }, t('app.loading')));
    let people: { id: string; label: string }[] = [];
    const fill = () => {
      const q = search.value.trim().toLowerCase();
      const shown = people.filter((p) => !q || p.label.toLowerCase().includes(q));
      const keep = select.value;
      select.replaceChildren(h('option', { value: '' }, shown.length ? t('accidents.choosePerson') : t('accidents.noPersonFound')),
        ...shown.map((p) => h('option', { value: p.id, selected: p.id === keep }, p.label)));
      if (shown.length === 1) select.value = shown[0].id;
    };
    search.addEventListener('input', fill);
    get(`/api/persons`, { employerId, limit: 500 }).then((page) => {
      people = page.items.map((p) => ({ id: p.id, label: `${personName(p)} (${p.employeeNumber})` })).sort((a, b) => a.label.localeCompare(b.label));
      fill();
    }, (err: unknown) => ctx.showError(t('app.error', { message: errorMessage(err) })));
    personValue = () => select.value;
    personControl = [field(t('accidents.searchPerson'), search), field(t('accidents.person'), select)];
  }
  const occurredAt = h('input', { type: 'datetime-local', id: 'register-occurred', name: 'occurredAt', required: true, max: localNow() });
  const place = h('input', { type: 'text', name: 'place', required: true, maxlength: 500 });
  const description = h('textarea', { name: 'description', required: true, maxlength: 5000, rows: 3 });
  const witnesses = repeater({ legend: 'accidents.witnesses', rowLegend: 'accidents.witnessN', addLabel: 'accidents.addWitness',
    fields: [{ name: 'name', label: 'accidents.witnessName' }, { name: 'contact', label: 'accidents.witnessContact' }] });
  const injuries = repeater({ legend: 'accidents.injuries', rowLegend: 'accidents.injuryN', addLabel: 'accidents.addInjury',
    fields: [{ name: 'bodyPart', label: 'accidents.bodyPart' }, { name: 'nature', label: 'accidents.nature' }] });
  const firstAid = h('textarea', { name: 'firstAid', maxlength: 2000, rows: 2 });
  const medicalCare = h('textarea', { name: 'medicalCare', maxlength: 2000, rows: 2 });
  const incapacityFrom = dateInput({ name: 'incapacityFrom' });
  const wageLoss = h('input', { type: 'checkbox', name: 'wageLoss' });
  const fatal = h('input', { type: 'checkbox', name: 'fatal' });
  const prevention = h('textarea', { name: 'prevention', maxlength: 2000, rows: 2 });
  const check = (text: string, input: HTMLInputElement) => h('div', { class: 'check' }, input, h('label', { for: input.id || (input.id = nextId()) }, text));
  const form = h('form', { class: 'card register', 'aria-labelledby': titleId });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const witnessRows = witnesses.values().map((w) => ({ name: w.name, contact: w.contact || null }));
    const a = await post('/api/accidents', {
      personId: personValue(), occurredAt: occurredAt.value, place: place.value.trim(), description: description.value.trim(),
      witnesses: witnessRows, injuries: injuries.values() as { bodyPart: string; nature: string }[],
      firstAid: firstAid.value.trim() || null, medicalCare: medicalCare.value.trim() || null, prevention: prevention.value.trim() || null,
      incapacityFrom: incapacityFrom.value || null, wageLoss: wageLoss.checked, fatal: fatal.checked,
    });
    ctx.announce(a.status === 'first_aid'
      ? t('accidents.registeredFirstAid', { reference: a.reference })
      : t('accidents.registered', { reference: a.reference, date: a.deadline ? fmtDate(a.deadline.date) : '—' }), { acrossNavigation: true });
    ctx.navigate(`#/accidents/${a.id}`);
  }));
  form.append(
    h('h2', { id: titleId }, t('accidents.registerTitle')),
    h('p', { class: 'hint' }, t('accidents.healthNote')),
    ...(personControl ?? []),
    field(t('accidents.occurredAtLocal'), occurredAt, t('accidents.occurredAtHint')),
    field(t('accidents.place'), place),
    field(t('accidents.description'), description),
    witnesses.node,
    injuries.node,
    field(t('accidents.firstAid'), firstAid),
    field(t('accidents.medicalCare'), medicalCare),
    field(t('accidents.incapacityFrom'), incapacityFrom, t('accidents.incapacityHint')),
    check(t('accidents.wageLoss'), wageLoss),
    check(t('accidents.fatal'), fatal),
    field(t('accidents.prevention'), prevention),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'register-submit' }, t('accidents.registerSubmit')),
      onCancel ? h('button', { type: 'button', class: 'secondary', onclick: onCancel }, t('app.cancel')) : null));
  return form;
}

// ---------------------------------------------------------------------------------------------

export async function renderOne(ctx: Ctx, id: string) {
  const a = await get(`/api/accidents/${id}`);
  await ctx.loadPersons([a.personId]);
  const health = ctx.can('accidents.health');
  const manage = ctx.can('accidents.manage');
  const declaration = a.documents.find((d) => d.kind === 'declaration');
  return h('section', {},
    pageHeader(`${t('accidents.reference')} ${a.reference}`),
    h('p', {}, h('a', { href: '#/accidents' }, `← ${t('app.back')}`)),
    dl([
      [t('accidents.status'), statusBadge(a.status)],
      [t('accidents.person'), personLink(ctx, a.personId)],
      [t('app.employer'), ctx.employerName(a.employerId)],
      [t('accidents.occurredAt'), fmtDateTime(a.occurredAt)],
      [t('accidents.learnedAt'), a.learnedAt ? fmtDateTime(a.learnedAt) : null],
      [t('accidents.place'), a.place],
      [t('accidents.deadline'), deadline(a)],
      [t('accidents.declared'), a.declaredAt ? `${fmtDateTime(a.declaredAt)} (${label('accidents.via', a.declaredVia ?? '')})` : null],
      [t('accidents.declaration'), declaration && health ? h('a', { href: documentHref(a.id, declaration.id), id: 'declaration-link', download: declaration.fileName ?? 'declaration.pdf' }, t('accidents.openDeclaration')) : null],
      [t('accidents.incapacityFrom'), fmtDate(a.incapacityFrom)],
      [t('accidents.workResumedOn'), fmtDate(a.workResumedOn)],
      [t('accidents.fatal'), a.fatal ? t('app.yes') : null],
      [t('accidents.claimNumber'), a.claimNumber],
      [t('accidents.portalReference'), a.portalReference],
      [t('accidents.closedAt'), a.closedAt ? fmtDateTime(a.closedAt) : null],
      [t('cycles.workflow'), a.workflowId ? h('code', {}, a.workflowId) : null],
    ]),
    manage && a.status !== 'closed' ? actions(ctx, a) : null,
    h('h2', {}, t('accidents.details')),
    a.details ? details(a.details) : h('p', { class: 'notice' }, t('accidents.detailsRestricted')),
    a.reminders.length ? [h('h2', {}, t('accidents.reminders')), h('ul', {}, a.reminders.map((r) => h('li', {}, `${fmtDateTime(r.at)} — ${label('accidentEvent', r.kind)}`)))] : null,
    a.closeBlockers.length ? [h('h2', {}, t('accidents.closeBlockers')), h('ul', { id: 'close-blockers' }, a.closeBlockers.map((b) => h('li', {}, b)))] : null,
    h('h2', {}, t('accidents.tasks')),
    table({
      caption: t('accidents.tasks'), captionHidden: true, empty: t('app.none'), rows: a.tasks,
      columns: [
        { label: t('accidents.kind'), render: (x) => label('taskKind', x.kind) },
        { label: t('tasks.status'), render: (x) => label('taskStatus', x.status) },
        { label: t('tasks.dueLabel'), render: (x) => dueDate(x.dueAt, x.status !== 'open') },
      ],
    }),
    a.payments.length ? [h('h2', {}, t('accidents.payments')), table({
      caption: t('accidents.payments'), captionHidden: true, empty: t('app.none'), rows: a.payments,
      columns: [
        { label: t('accidents.period'), render: (p) => p.period },
        { label: t('accidents.receivedOn'), render: (p) => fmtDate(p.receivedOn) },
        { label: t('accidents.amountEuro'), class: 'num', render: (p) => fmtMoney(p.amountCents) },
      ],
    })] : null,
    h('h2', {}, t('accidents.documents')),
    h('div', { id: 'documents' }, table({
      caption: t('accidents.documents'), captionHidden: true, empty: t('app.none'), rows: a.documents,
      columns: [
        // Without the health permission a medical document's kind is withheld.
        { label: t('accidents.kind'), render: (d) => (d.kind ? label('accidentDocKind', d.kind) : t('accidents.kindRestricted')) },
        { label: t('reports.file'), render: (d) => (health
          ? h('a', { href: documentHref(a.id, d.id), download: d.fileName ?? 'document' }, d.fileName ?? t('app.download'))
          : h('span', { class: 'hint' }, t('accidents.noContent'))) },
        { label: t('accidents.validFrom'), render: (d) => fmtDate(d.validFrom) },
        { label: t('accidents.validUntil'), render: (d) => fmtDate(d.validUntil) },
        { label: t('accidents.by'), render: (d) => d.uploadedBy },
        { label: t('accidents.when'), render: (d) => fmtDateTime(d.createdAt) },
      ],
    })),
    h('h2', {}, t('accidents.history')),
    table({
      caption: t('accidents.history'), captionHidden: true, empty: t('app.none'), rows: a.history,
      columns: [
        { label: t('accidents.when'), render: (e) => fmtDateTime(e.at) },
        { label: t('accidents.kind'), render: (e) => label('accidentEvent', e.kind) },
        { label: t('accidents.by'), render: (e) => e.by },
      ],
    }));
}

function details(d: NonNullable<Accident['details']>) {
  return dl([
    [t('accidents.description'), d.description],
    [t('accidents.witnesses'), d.witnesses.length ? h('ul', { class: 'plain' }, d.witnesses.map((w) => h('li', {}, w.contact ? `${w.name} (${w.contact})` : w.name))) : null],
    [t('accidents.injuries'), d.injuries.length ? h('ul', { class: 'plain' }, d.injuries.map((i) => h('li', {}, `${i.bodyPart}: ${i.nature}`))) : null],
    [t('accidents.firstAid'), d.firstAid],
    [t('accidents.medicalCare'), d.medicalCare],
    [t('accidents.prevention'), d.prevention],
  ]);
}

/** What a manager can do with a case that is not closed: declare, record, upload, close. */
function actions(ctx: Ctx, a: Accident) {
  const live = a.status === 'open' || a.status === 'declared';
  return h('section', { class: 'case-actions', 'aria-labelledby': 'actions-title' },
    h('h2', { id: 'actions-title' }, t('accidents.actions')),
    h('div', { class: 'action-grid' },
      a.status === 'open' ? declareForm(ctx, a) : null,
      eventForm(ctx, a),
      uploadForm(ctx, a),
      live ? closeForm(ctx, a) : null));
}

function declareForm(ctx: Ctx, a: Accident) {
  const titleId = 'declare-title';
  const radio = (value: string, checked: boolean) => {
    const input = h('input', { type: 'radio', name: 'via', value, id: `declare-via-${value}`, checked });
    return h('div', { class: 'check' }, input, h('label', { for: input.id }, t(`accidents.via.${value}`)));
  };
  const lang = h('select', { id: 'declare-lang', name: 'lang' }, LANGUAGES.map((l) => h('option', { value: l.code, lang: l.code, selected: l.code === language() }, l.name)));
  const form = h('form', { class: 'card', 'aria-labelledby': titleId });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const via = form.querySelector<HTMLInputElement>('input[name="via"]:checked')!.value as Sent<'post', '/api/accidents/{id}/declare'>['via'];
    await post(`/api/accidents/${a.id}/declare`, { via, lang: lang.value as Language });
    ctx.announce(t(via === 'channel' ? 'accidents.declaredSent' : 'accidents.declaredDone'));
    await ctx.refresh();
  }));
  form.append(h('h3', { id: titleId }, t('accidents.declare')),
    h('fieldset', { class: 'group' }, h('legend', {}, t('accidents.declareVia')), radio('download', true), radio('channel', false)),
    field(t('accidents.declarationLang'), lang),
    h('button', { type: 'submit', id: 'declare-submit' }, t('accidents.declareSubmit')));
  return form;
}

function eventForm(ctx: Ctx, a: Accident) {
  const titleId = 'event-title';
  const form = h('form', { class: 'card', 'aria-labelledby': titleId });
  const date = (name: string, required = true) => dateInput({ name, required });
  // One group of fields per kind; only the chosen one is enabled (a disabled fieldset is neither validated nor sent).
  const groups: Record<string, Record<string, HTMLInputElement>> = {
    work_resumed: { date: date('date') },
    incapacity_started: { date: date('date') },
    payment_received: {
      period: h('input', { type: 'month', name: 'period', required: true, placeholder: 'yyyy-mm', pattern: '\\d{4}-(0[1-9]|1[0-2])' }),
      receivedOn: date('receivedOn'),
      amount: h('input', { type: 'text', name: 'amount', inputmode: 'decimal', pattern: '\\s*\\d{1,9}([.,]\\d{1,2})?\\s*', autocomplete: 'off' }),
    },
    claim_number: { claimNumber: h('input', { type: 'text', name: 'claimNumber', required: true, maxlength: 100, autocomplete: 'off' }) },
    portal_reference: { reference: h('input', { type: 'text', name: 'reference', required: true, maxlength: 100, autocomplete: 'off' }) },
    worsened: {
      learnedAt: h('input', { type: 'datetime-local', name: 'learnedAt', max: localNow() }),
      incapacityFrom: date('incapacityFrom', false),
    },
  };
  const labels: Record<string, string> = {
    date: 'accidents.eventDate', period: 'accidents.period', receivedOn: 'accidents.receivedOn', amount: 'accidents.amount',
    claimNumber: 'accidents.claimNumber', reference: 'accidents.portalReference', learnedAt: 'accidents.learnedAtOptional', incapacityFrom: 'accidents.incapacityFromOptional',
  };
  const hints: Record<string, string> = { amount: 'accidents.amountHint', period: 'accidents.periodHint' };
  const kinds = a.status === 'first_aid' ? ['worsened'] : EVENT_KINDS.filter((k) => k !== 'payment_received' || a.status === 'declared');
  const kind = h('select', { id: 'event-kind', name: 'kind' }, kinds.map((k) => h('option', { value: k }, label('accidentEvent', k))));
  const sets = Object.fromEntries(kinds.map((k) => [k, h('fieldset', { class: 'plain-set', 'data-kind': k },
    h('legend', { class: 'visually-hidden' }, label('accidentEvent', k)),
    Object.entries(groups[k]).map(([name, input]) => field(t(labels[name]), input, hints[name] ? t(hints[name]) : undefined)))]));
  const show = () => { for (const [k, set] of Object.entries(sets)) { set.hidden = k !== kind.value; set.disabled = k !== kind.value; } };
  kind.addEventListener('change', show);
  show();
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const k = kind.value;
    const g = groups[k];
    let body: EventBody;
    if (k === 'payment_received') {
      const cents = euroCents(g.amount.value);
      if (Number.isNaN(cents)) throw new Error(t('accidents.amountInvalid'));
      body = { kind: k, period: g.period.value, receivedOn: g.receivedOn.value, ...(cents === null ? {} : { amountCents: cents }) };
    } else if (k === 'worsened') {
      body = { kind: k, ...(g.learnedAt.value ? { learnedAt: g.learnedAt.value } : {}), ...(g.incapacityFrom.value ? { incapacityFrom: g.incapacityFrom.value } : {}) };
    } else {
      // The other kinds send their group's fields, named as the API names them (date, claimNumber, reference).
      body = { kind: k, ...Object.fromEntries(Object.entries(g).map(([name, input]) => [name, input.value.trim()])) } as EventBody;
    }
    await post(`/api/accidents/${a.id}/events`, body);
    ctx.announce(t('accidents.recorded', { event: label('accidentEvent', k) }));
    await ctx.refresh();
  }));
  form.append(h('h3', { id: titleId }, t('accidents.recordEvent')), field(t('accidents.eventKind'), kind), ...Object.values(sets),
    h('button', { type: 'submit', id: 'event-submit' }, t('accidents.recordSubmit')));
  return form;
}

function uploadForm(ctx: Ctx, a: Accident) {
  const titleId = 'upload-title';
  const file = h('input', { type: 'file', id: 'document-file', name: 'file', required: true, accept: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png' });
  const kind = h('select', { id: 'document-kind', name: 'kind' }, UPLOAD_KINDS.map((k) => h('option', { value: k }, label('accidentDocKind', k))));
  const validFrom = dateInput({ id: 'document-from', name: 'validFrom' });
  const validUntil = dateInput({ id: 'document-until', name: 'validUntil' });
  const sync = () => { validUntil.required = kind.value === 'sick_note'; };
  kind.addEventListener('change', sync);
  validFrom.addEventListener('change', sync);
  sync();
  const form = h('form', { class: 'card', 'aria-labelledby': titleId });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const body = new FormData();
    body.set('kind', kind.value);
    if (validFrom.value) body.set('validFrom', validFrom.value);
    if (validUntil.value) body.set('validUntil', validUntil.value);
    body.set('file', file.files![0]);
    await post(`/api/accidents/${a.id}/documents`, body);
    ctx.announce(t('accidents.uploaded'));
    await ctx.refresh();
  }));
  form.append(h('h3', { id: titleId }, t('accidents.upload')), field(t('accidents.file'), file), field(t('accidents.documentKind'), kind),
    field(t('accidents.validFrom'), validFrom), field(t('accidents.validUntil'), validUntil, t('accidents.validUntilHint')),
    h('button', { type: 'submit', id: 'upload-submit' }, t('accidents.uploadSubmit')));
  return form;
}

function closeForm(ctx: Ctx, a: Accident) {
  const titleId = 'close-title';
  const form = h('form', { class: 'card', 'aria-labelledby': titleId });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    await post(`/api/accidents/${a.id}/close`);
    ctx.announce(t('accidents.closedDone'));
    await ctx.refresh();
  }));
  form.append(h('h3', { id: titleId }, t('accidents.close')), h('p', { class: 'hint' }, t('accidents.closeHint')),
    h('button', { type: 'submit', id: 'close-submit' }, t('accidents.closeSubmit')));
  return form;
}

import { type Answer, type Params, type Sent, errorMessage, get, post, put, qs } from '../api.js';
import type { components } from '../api-types';
import { field, h, nextId, table } from '../dom.js';
import { fmtDate, fmtDateTime, fmtMoney, label, language, t } from '../i18n.js';
import { dateInput } from '../date-input.js';
import { appendAll, badge, needEmployer, pageHeader, periodInput, submitter, type Ctx } from './common.js';

type BenefitType = Answer<'get', '/api/employers/{id}/benefit-types'>['items'][number];
type TypeBody = Sent<'post', '/api/employers/{id}/benefit-types'>;
/** A field of a benefit type, as the type was saved (the GET schema leaves fields open). */
type FieldDef = TypeBody['fields'][number];
type Filter = components['schemas']['EligibilityFilterInput'];
type Value = Sent<'post', '/api/persons/{id}/benefit-records'>['values'][string];
type Person = Answer<'get', '/api/persons/{id}'>;
/** A field row of the type form: its inputs read back as a field definition. */
type FieldRow = HTMLFieldSetElement & { read: () => FieldDef };
/** A record's budget as the calculation works it out (the API schema leaves it open). */
interface Calculation { remainingCents: number; budgetCents: number }

const FIELD_TYPES = ['text', 'number', 'money', 'date', 'choice', 'yes_no'];
const CATEGORIES = ['white_collar', 'blue_collar'];

const euros = fmtMoney;

/** A field's value as people read it: money in euros, yes/no in words, dates in the user's format. */
function shown(def: FieldDef | undefined, value: Value | undefined) {
  if (value === null || value === undefined || value === '') return '';
  if (def?.type === 'money') return euros(value as number);
  if (def?.type === 'yes_no') return value ? t('benefits.yes') : t('benefits.no');
  if (def?.type === 'date') return fmtDate(String(value));
  return String(value);
}

/** Internal benefits: the employer's benefit types (define, change), the overview address, and eligibility changes. */
export async function renderList(ctx: Ctx) {
  if (!ctx.employerId) return needEmployer(ctx, t('nav.benefits'));
  const lang = language();
  const { items } = await get(`/api/employers/${ctx.employerId}/benefit-types`);
  const section = h('section', { class: 'benefits' }, pageHeader(t('nav.benefits')));
  const editing = items.find((x) => x.id === ctx.query?.edit);
  section.append(h('div', { class: 'part' }, h('h2', {}, t('benefits.types')), table({
    caption: t('benefits.types'), captionHidden: true, empty: t('benefits.noTypes'), rows: items,
    columns: [
      { label: t('benefits.name'), rowHeader: true, render: (x) => x.name },
      { label: t('benefits.fields'), render: (x) => (x.fields as FieldDef[]).map((f) => `${f.label} (${label('fieldType', f.type)}${f.required ? ', *' : ''})`).join(', ') },
      { label: t('benefits.eligibility'), render: (x) => x.eligibilityDescription[lang] },
      { label: t('benefits.active'), render: (x) => (x.active ? t('benefits.yes') : badge(t('benefits.no'), 'muted')) },
      { label: '', render: (x) => (ctx.can('benefits.manage') ? h('a', { href: `#/benefits${qs({ edit: x.id })}`, 'data-action': 'edit' }, t('benefits.edit')) : '') },
    ],
  })));
  if (ctx.can('benefits.manage')) section.append(typeForm(ctx, editing));
  const filter = ctx.query?.task ? { taskId: ctx.query.task } : {};
  let changes = await changesPart(ctx, filter);
  // After a review the list is drawn again in place (a refresh would take the review's outcome away).
  if (ctx.can('benefits.manage')) section.append(reviewForm(ctx, async () => {
    const fresh = await changesPart(ctx, filter);
    changes.replaceWith(fresh);
    changes = fresh;
  }));
  section.append(changes);
  if (ctx.can('benefits.manage')) section.append(await settingsPart(ctx));
  return section;
}

/** One row of the field editor: key, label, type, required, options (for a choice). */
function fieldRow(def: Partial<FieldDef> = {}): FieldRow {
  const key = h('input', { type: 'text', name: 'key', required: true, pattern: '[a-z][a-zA-Z0-9_]{0,49}', value: def.key ?? '', autocomplete: 'off' });
  const text = h('input', { type: 'text', name: 'label', required: true, maxlength: 200, value: def.label ?? '', autocomplete: 'off' });
  const type = h('select', { name: 'type' }, FIELD_TYPES.map((x) => h('option', { value: x, selected: x === (def.type ?? 'text') }, label('fieldType', x))));
  const required = h('input', { type: 'checkbox', name: 'required', checked: Boolean(def.required) });
  const options = h('input', { type: 'text', name: 'options', value: (def.options ?? []).join(', '), autocomplete: 'off' });
  const row: FieldRow = Object.assign(h('fieldset', { class: 'field-row' }, h('legend', { class: 'visually-hidden' }, t('benefits.field')),
    field(t('benefits.fieldKey'), key), field(t('benefits.fieldLabel'), text), field(t('benefits.fieldType'), type),
    field(t('benefits.required'), required), field(t('benefits.options'), options, t('benefits.optionsHint')),
    h('button', { type: 'button', class: 'secondary', onclick: () => row.remove() }, t('benefits.removeField'))), {
    read: () => ({
      key: key.value.trim(), label: text.value.trim(), type: type.value as FieldDef['type'], required: required.checked,
      ...(type.value === 'choice' ? { options: options.value.split(',').map((o) => o.trim()).filter(Boolean) } : {}),
    }),
  });
  return row;
}

/** The simple eligibility conditions the form offers; a type's other filter is kept as it is. */
function eligibilityInputs(current: Filter | null) {
  const parts: Filter[] = current ? ('and' in current ? current.and : [current]) : [];
  const fieldOf = (p: Filter) => ('field' in p ? p.field : '');
  const equals = (fieldName: string) => parts.find((p): p is Extract<Filter, { equals: string }> => fieldOf(p) === fieldName && 'equals' in p)?.equals;
  const min = (fieldName: string) => parts.find((p): p is Extract<Filter, { range: unknown }> => fieldOf(p) === fieldName && 'range' in p)?.range.min;
  const simple = !current || parts.every((p) => ['category', 'age', 'seniority', 'workSchedulePercent', 'country'].includes(fieldOf(p)) && ('equals' in p || 'range' in p));
  const category = h('select', { name: 'category' }, h('option', { value: '' }, t('benefits.anyCategory')),
    CATEGORIES.map((c) => h('option', { value: c, selected: equals('category') === c }, label('benefitCategory', c))));
  const num = (name: string, fieldName: string) => h('input', { type: 'number', name, min: 0, max: 200, value: min(fieldName) ?? '' });
  const minAge = num('minAge', 'age');
  const minSeniority = num('minSeniority', 'seniority');
  const minWork = num('minWorkPercent', 'workSchedulePercent');
  const country = h('input', { type: 'text', name: 'country', maxlength: 2, value: equals('country') ?? '', autocomplete: 'off' });
  const read = (): Filter | null => {
    if (!simple) return current;
    const and: Filter[] = [];
    if (category.value) and.push({ field: 'category', equals: category.value });
    if (minAge.value !== '') and.push({ field: 'age', range: { min: Number(minAge.value) } });
    if (minSeniority.value !== '') and.push({ field: 'seniority', range: { min: Number(minSeniority.value) } });
    if (minWork.value !== '') and.push({ field: 'workSchedulePercent', range: { min: Number(minWork.value) } });
    if (country.value.trim()) and.push({ field: 'country', equals: country.value.trim().toUpperCase() });
    return and.length === 0 ? null : and.length === 1 ? and[0] : { and };
  };
  const box = h('fieldset', {}, h('legend', {}, t('benefits.eligibility')), simple
    ? [field(t('benefits.category'), category), field(t('benefits.minAge'), minAge), field(t('benefits.minSeniority'), minSeniority),
      field(t('benefits.minWorkPercent'), minWork), field(t('benefits.country'), country)]
    : h('p', { class: 'hint' }, t('benefits.keptFilter')));
  return { box, read };
}

function typeForm(ctx: Ctx, type: BenefitType | undefined) {
  const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 200, value: type?.name ?? '', autocomplete: 'off' });
  const rows = h('div', { class: 'field-rows' }, ((type?.fields ?? [{}]) as Partial<FieldDef>[]).map((f) => fieldRow(f)));
  const eligibility = eligibilityInputs((type?.eligibility ?? null) as Filter | null);
  const active = h('input', { type: 'checkbox', name: 'active', checked: type ? type.active : true });
  const form = h('form', { class: 'benefit-type', 'aria-labelledby': 'benefit-type-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const body = { name: name.value.trim(), fields: [...rows.children].map((r) => (r as FieldRow).read()), eligibility: eligibility.read(), calculation: (type?.calculation ?? null) as TypeBody['calculation'], active: active.checked };
    if (type) await put(`/api/benefit-types/${type.id}`, body);
    else await post(`/api/employers/${ctx.employerId}/benefit-types`, body);
    ctx.announce(t('benefits.saved'));
    ctx.navigate('#/benefits');
  }));
  form.append(
    h('h2', { id: 'benefit-type-title' }, type ? t('benefits.editType', { name: type.name }) : t('benefits.newType')),
    field(t('benefits.name'), name),
    h('h3', {}, t('benefits.fields')), rows,
    h('button', { type: 'button', class: 'secondary', 'data-action': 'add-field', onclick: () => rows.append(fieldRow()) }, t('benefits.addField')),
    eligibility.box, field(t('benefits.active'), active),
    h('button', { type: 'submit', 'data-action': 'save-type' }, t('benefits.save')));
  return h('div', { class: 'part' }, form);
}

/**
 * "Review eligibility now" (e.g. after changing a type's conditions): who qualifies on the period's
 * last day is compared with what was known, and the outcome is said in words — how many changes, and
 * the review tasks made for them. The cycle and each import review by themselves.
 */
function reviewForm(ctx: Ctx, redrawChanges: () => Promise<void>) {
  const period = periodInput({ autocomplete: 'off' });
  const result = h('div', { class: 'review-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'eligibility-review', 'aria-labelledby': 'eligibility-review-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const p = period.value.trim();
    const r = await post(`/api/employers/${ctx.employerId}/benefit-eligibility-reviews`, { period: p });
    const text = r.changes ? t('benefits.reviewChanges', { period: p, changes: r.changes, tasks: r.taskIds.length }) : t('benefits.reviewNoChanges', { period: p });
    result.replaceChildren(h('p', { 'data-changes': String(r.changes) }, text));
    ctx.announce(text);
    await redrawChanges();
    for (const b of form.querySelectorAll('button')) b.disabled = false;
  }));
  form.append(h('h2', { id: 'eligibility-review-title' }, t('benefits.review')), h('p', { class: 'hint' }, t('benefits.reviewHint')),
    field(t('benefits.period'), period, t('imports.periodHint')), h('button', { type: 'submit', 'data-action': 'review-eligibility' }, t('benefits.reviewRun')), result);
  return h('div', { class: 'part' }, form);
}

async function changesPart(ctx: Ctx, filter: Params<'/api/employers/{id}/benefit-eligibility-changes'>) {
  const part = h('div', { class: 'part' }, h('h2', {}, t('benefits.changes')));
  const { items } = await get(`/api/employers/${ctx.employerId}/benefit-eligibility-changes`, { ...filter, limit: 500 });
  part.append(table({
    caption: t('benefits.changes'), captionHidden: true, empty: t('benefits.noChanges'), rows: items,
    columns: [
      { label: t('benefits.employeeNumber'), rowHeader: true, render: (c) => (ctx.can('persons.view') ? h('a', { href: `#/persons/${c.personId}` }, c.employeeNumber) : c.employeeNumber) },
      { label: t('benefits.type'), render: (c) => c.typeName },
      { label: t('benefits.change'), render: (c) => badge(label('eligibilityChange', c.change), c.change === 'newly_eligible' ? 'info' : 'warn') },
      { label: t('benefits.reasons'), render: (c) => c.reasons.map((r) => label('eligibilityReason', r)).join(', ') },
      { label: t('benefits.period'), render: (c) => c.period },
    ],
  }));
  return part;
}

async function settingsPart(ctx: Ctx) {
  const current = await get(`/api/employers/${ctx.employerId}/benefit-settings`);
  const email = h('input', { type: 'email', name: 'reportEmail', maxlength: 254, value: current.reportEmail ?? '', autocomplete: 'off' });
  const form = h('form', { class: 'inline' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    await put(`/api/employers/${ctx.employerId}/benefit-settings`, { reportEmail: email.value.trim() || null });
    ctx.announce(t('benefits.saved'));
  }));
  form.append(field(t('benefits.reportEmail'), email, t('benefits.reportEmailHint')), h('button', { type: 'submit' }, t('benefits.save')));
  return h('div', { class: 'part' }, h('h2', {}, t('benefits.report')), form);
}

/** An input for a value of a field of a benefit type. */
function valueInput(def: FieldDef, value: Value) {
  const common = { name: def.key, required: def.required && def.type !== 'yes_no' };
  if (def.type === 'yes_no') return h('input', { ...common, type: 'checkbox', checked: Boolean(value) });
  if (def.type === 'choice') return h('select', common, h('option', { value: '' }, '—'), (def.options ?? []).map((o) => h('option', { value: o, selected: o === value }, o)));
  if (def.type === 'date') return dateInput({ ...common, value: value as string | null });
  if (def.type === 'money') return h('input', { ...common, type: 'number', step: '0.01', value: typeof value === 'number' ? (value / 100).toFixed(2) : '' });
  if (def.type === 'number') return h('input', { ...common, type: 'number', step: 'any', value: value as number | null ?? '' });
  return h('input', { ...common, type: 'text', maxlength: 500, value: value as string | null ?? '', autocomplete: 'off' });
}

/** Euros as typed (at most two decimals) in whole cents, by digits rather than floating point; anything else as typed, for the API to refuse with the field named. */
function cents(text: string) {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return text;
  const value = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -value : value;
}

/** The value an input holds, as the API takes it (money in cents). */
function readValue(def: FieldDef, input: HTMLInputElement | HTMLSelectElement): Value {
  if (def.type === 'yes_no') return (input as HTMLInputElement).checked;
  const v = input.value.trim();
  if (v === '') return null;
  if (def.type === 'money') return cents(v);
  if (def.type === 'number') return Number(v);
  return v;
}

/** A person's internal benefit records, and (with benefits.manage) a form to add one. Used on the person's page. */
export async function personBenefits(ctx: Ctx, person: Person) {
  if (!ctx.can('benefits.view')) return null;
  const [{ items }, types] = await Promise.all([
    get(`/api/persons/${person.id}/benefit-records`),
    get(`/api/employers/${person.employerId}/benefit-types`).then((r) => r.items),
  ]);
  const typeOf = new Map(types.map((x) => [x.id, x]));
  const fieldsOf = (id: string) => (typeOf.get(id)?.fields ?? []) as FieldDef[];
  const manage = ctx.can('benefits.manage');
  const editor = h('div', { class: 'benefit-record-edit', id: 'benefit-record-edit' });
  const part = h('div', { class: 'part benefit-records' }, h('h2', {}, t('benefits.personTitle')), table({
    caption: t('benefits.personTitle'), captionHidden: true, empty: t('app.none'), rows: items,
    columns: [
      { label: t('benefits.type'), rowHeader: true, render: (r) => r.typeName },
      { label: t('benefits.values'), render: (r) => fieldsOf(r.typeId).map((f) => `${f.label}: ${shown(f, r.values[f.key])}`).join(' · ') },
      { label: t('persons.start'), render: (r) => fmtDate(r.startDate) },
      { label: t('persons.end'), render: (r) => fmtDate(r.endDate) },
      { label: t('benefits.calculation'), render: (r) => {
        const calc = r.calculation as Calculation | null;
        return calc ? t('benefits.budgetLeft', { left: euros(calc.remainingCents), budget: euros(calc.budgetCents) }) : '';
      } },
      ...(manage ? [{ label: h('span', { class: 'visually-hidden' }, t('benefits.actions')), render: (r: (typeof items)[number]) => h('button', {
        type: 'button', class: 'secondary', 'data-action': 'edit-record', 'aria-controls': 'benefit-record-edit',
        onclick: async () => {
          try {
            editor.replaceChildren(await recordEditor(ctx, r.id, fieldsOf(r.typeId)));
            editor.querySelector<HTMLElement>('h3')?.focus();
          } catch (err) { ctx.showError(t('app.error', { message: errorMessage(err) })); }
        },
      }, t('benefits.editRecord', { type: r.typeName })) }] : []),
    ],
  }), editor);
  const usable = types.filter((x) => x.active);
  if (!manage || !usable.length) return part;
  const typeSelect = h('select', { name: 'typeId' }, usable.map((x) => h('option', { value: x.id }, x.name)));
  const inputs = h('div', { class: 'benefit-values' });
  let current: { def: FieldDef; input: HTMLInputElement | HTMLSelectElement }[] = [];
  const showFields = () => {
    current = fieldsOf(typeSelect.value).map((f) => ({ def: f, input: valueInput(f, null) }));
    inputs.replaceChildren(...current.map(({ def, input }) => field(`${def.label}${def.required ? ' *' : ''}`, input)));
  };
  typeSelect.addEventListener('change', showFields);
  showFields();
  const start = dateInput({ name: 'startDate', required: true });
  const formId = nextId('benefit');
  const form = h('form', { class: 'benefit-record', id: formId });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const values = Object.fromEntries(current.map(({ def, input }) => [def.key, readValue(def, input)]));
    await post(`/api/persons/${person.id}/benefit-records`, { typeId: typeSelect.value, startDate: start.value, values });
    ctx.announce(t('benefits.recordAdded'));
    await ctx.refresh();
  }));
  form.append(h('h3', {}, t('benefits.addRecord')), field(t('benefits.type'), typeSelect), inputs, field(t('persons.start'), start),
    h('button', { type: 'submit', 'data-action': 'add-record' }, t('benefits.add')));
  part.append(form);
  return part;
}

/**
 * A record opened to change it: its values and dates (saved as a new version), ending it on a date,
 * and every version it went through. Read afresh (GET), so it changes what is stored now.
 */
async function recordEditor(ctx: Ctx, id: string, fields: FieldDef[]) {
  const r = await get(`/api/benefit-records/${id}`);
  const inputs = fields.map((def) => ({ def, input: valueInput(def, r.values[def.key] ?? null) }));
  const start = dateInput({ name: 'startDate', required: true, value: r.startDate });
  const end = dateInput({ name: 'endDate', value: r.endDate });
  const form = h('form', { class: 'benefit-record-change' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const values = Object.fromEntries(inputs.map(({ def, input }) => [def.key, readValue(def, input)]));
    await put(`/api/benefit-records/${id}`, { values, startDate: start.value, endDate: end.value || null });
    ctx.announce(t('benefits.recordChanged', { type: r.typeName }));
    await ctx.refresh();
  }));
  appendAll(form, inputs.map(({ def, input }) => field(`${def.label}${def.required ? ' *' : ''}`, input)),
    field(t('persons.start'), start), field(t('persons.end'), end),
    h('button', { type: 'submit', 'data-action': 'save-record' }, t('benefits.save')));

  const endOn = dateInput({ name: 'endOn', required: true, value: r.endDate });
  const ending = h('form', { class: 'benefit-record-end inline', 'aria-label': t('benefits.endRecord') });
  ending.addEventListener('submit', submitter(ctx, ending, async () => {
    const ended = await post(`/api/benefit-records/${id}/end`, { endDate: endOn.value });
    ctx.announce(t('benefits.recordEnded', { type: r.typeName, date: fmtDate(ended.endDate) }));
    await ctx.refresh();
  }));
  ending.append(field(t('benefits.endOn'), endOn), h('button', { type: 'submit', class: 'secondary', 'data-action': 'end-record' }, t('benefits.endRecord')));

  return h('div', { class: 'card' },
    h('h3', { tabindex: '-1' }, t('benefits.recordTitle', { type: r.typeName })),
    form, ending,
    table({
      caption: t('benefits.recordHistory'), rows: r.history, empty: t('app.none'),
      columns: [
        { label: t('messages.version'), class: 'num', rowHeader: true, render: (v) => String(v.version) },
        { label: t('benefits.recordAction'), render: (v) => label('benefitRecordAction', v.action) },
        { label: t('benefits.values'), render: (v) => fields.map((f) => `${f.label}: ${shown(f, v.values[f.key])}`).join(' · ') },
        { label: t('persons.start'), render: (v) => fmtDate(v.startDate) },
        { label: t('persons.end'), render: (v) => fmtDate(v.endDate) },
        { label: t('benefits.recordBy'), render: (v) => `${v.by}, ${fmtDateTime(v.at)}` },
      ],
    }));
}

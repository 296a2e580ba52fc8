import { type Answer, type Sent, del, errorMessage, get, patch, post, put, qs } from '../api.js';
import type { components } from '../api-types';
import { type Attrs, type Column, dl, field, h, table } from '../dom.js';
import { fmtDate, label, t } from '../i18n.js';
import { dateInput } from '../date-input.js';
import { type Ctx, appendAll, badge, checkField, pageHeader, submitter } from './common.js';
import { deliveryFields } from './delivery-fields.js';

type Employer = Answer<'get', '/api/employers/{id}'>;
/** A mapping profile as the API stores and takes it (the employer's GET schema leaves it open). */
type Profile = Exclude<Sent<'put', '/api/employers/{id}/mapping-profile'>, { preset: string }>;
type Preview = Answer<'post', '/api/employers/{id}/mapping-profile/preview'>;
type ImportError = Preview['fileErrors'][number];
type Row = Preview['rows'][number];
type LinkBody = Omit<Sent<'post', '/api/employers/{id}/suppliers'>, 'supplierId'>;
type OnboardingBody = Sent<'post', '/api/employers/{id}/onboarding-profiles'>;
type Filter = components['schemas']['EligibilityFilterInput'];
type ContributionBody = Sent<'put', '/api/employers/{id}/contribution-settings'>;
type Layout = ContributionBody['layout'];
type ContributionColumn = NonNullable<Layout['columns']>[number];
/** The stored delivery (the GET schema leaves it open): the fields of any transport, as they were set. */
interface StoredDelivery { transport: string; host?: string; port?: number; username?: string; directory?: string; to?: string[]; url?: string }
/** A row of an editor, read back as what the API takes. */
type ReadRow<T> = HTMLFieldSetElement & { read: () => T };

/** The canonical payroll fields (domain/payroll/canonical.ts), in their order. */
const CANONICAL_FIELDS = ['employeeNumber', 'nationalId', 'lastName', 'namePrefix', 'firstName', 'initials', 'birthDate', 'gender',
  'nationality', 'maritalStatus', 'street', 'houseNumber', 'postalCode', 'city', 'country', 'partnerLastName', 'partnerNamePrefix',
  'category', 'salaryClass', 'workSchedulePercent', 'grossMonthlySalary', 'hireDate', 'exitDate'];
const PRESETS = ['canonical', 'nl-payroll-csv', 'be-payroll-xlsx'];
const DATE_FORMATS: NonNullable<Profile['dateFormats']> = ['yyyy-mm-dd', 'dd-mm-yyyy', 'dd/mm/yyyy', 'dd.mm.yyyy', 'yyyymmdd'];
const CONFIRM_KINDS = ['enrollment', 'termination', 'change'];
const CATEGORIES = ['white_collar', 'blue_collar'];
/** What a contribution file's column holds (domain/contributions/layout.ts). */
const CONTRIBUTION_VALUES = ['employeeNumber', 'payCode', 'amount', 'employerAmount', 'period', 'month', 'reason', 'reasonLabel', 'version', 'fixed'];

const text = (name: string, value: string | null | undefined, extra: Attrs = {}) => h('input', { type: 'text', name, value: value ?? '', autocomplete: 'off', ...extra });
const select = (name: string, values: string[], current: string, labelOf: (v: string) => string) => h('select', { name }, values.map((v) => h('option', { value: v, selected: v === current }, labelOf(v))));

/** Employers: the list and, for who may manage them, a new one. */
export async function renderList(ctx: Ctx) {
  const { items } = await get('/api/employers');
  const section = h('section', { class: 'employers' }, pageHeader(t('nav.employers')), table({
    caption: t('nav.employers'), captionHidden: true, empty: t('emp.none'), rows: items,
    columns: [
      { label: t('emp.name'), rowHeader: true, render: (e) => h('a', { href: `#/employers/${e.id}` }, e.name) },
      { label: t('emp.country'), render: (e) => e.country },
      { label: t('field.companyNumber'), render: (e) => e.companyNumber ?? '' },
      { label: t('emp.language'), render: (e) => label('langName', e.language) },
      { label: t('emp.profile'), render: (e) => String(e.mappingProfile?.name ?? '') },
    ],
  }));
  if (ctx.can('employers.manage')) appendAll(section, createForm(ctx));
  return section;
}

function createForm(ctx: Ctx) {
  const name = text('name', '', { required: true, maxlength: 200 });
  const country = select('country', ['NL', 'BE'], 'NL', (c) => label('country', c));
  const number = text('companyNumber', '', { maxlength: 20 });
  const language = h('select', { name: 'language' }, h('option', { value: '' }, t('emp.languageByCountry')), ['nl', 'fr', 'en'].map((l) => h('option', { value: l }, label('langName', l))));
  const form = h('form', { class: 'part', 'aria-labelledby': 'new-employer-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const created = await post('/api/employers', {
      // The selects' values are the API's codes.
      name: name.value.trim(), country: country.value as Employer['country'], ...(number.value.trim() ? { companyNumber: number.value.trim() } : {}), ...(language.value ? { language: language.value as Employer['language'] } : {}),
    });
    ctx.announce(t('emp.created'), { acrossNavigation: true });
    ctx.navigate(`#/employers/${created.id}`);
  }));
  appendAll(form, h('h2', { id: 'new-employer-title' }, t('emp.new')), field(t('emp.name'), name), field(t('emp.country'), country),
    field(t('field.companyNumber'), number, t('emp.companyNumberHint')), field(t('emp.language'), language),
    h('button', { type: 'submit', 'data-action': 'create-employer' }, t('emp.create')));
  return form;
}

/** One employer: its data, its mapping profile (with a preview on a sample), its contribution file, its suppliers and onboarding profiles. */
export async function renderOne(ctx: Ctx, id: string) {
  const e = await get(`/api/employers/${id}`);
  const manage = ctx.can('employers.manage');
  const section = h('section', { class: 'employer' }, pageHeader(e.name, h('a', { href: '#/employers' }, t('app.back'))),
    dl([[t('emp.country'), label('country', e.country)], [t('field.companyNumber'), e.companyNumber], [t('emp.language'), label('langName', e.language)], [t('emp.createdAt'), fmtDate(e.createdAt)]]));
  if (manage) appendAll(section, editForm(ctx, e));
  appendAll(section, profilePart(ctx, e, manage));
  if (ctx.can('reports.view')) appendAll(section, await contributionPart(ctx, e, manage));
  appendAll(section, await linksPart(ctx, e, manage));
  appendAll(section, await onboardingPart(ctx, e, manage));
  return section;
}

function editForm(ctx: Ctx, e: Employer) {
  const name = text('name', e.name, { required: true, maxlength: 200 });
  const language = select('language', ['nl', 'fr', 'en'], e.language, (l) => label('langName', l));
  const form = h('form', { class: 'part inline', 'aria-labelledby': 'edit-employer-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    await patch(`/api/employers/${e.id}`, { name: name.value.trim(), language: language.value as Employer['language'] });
    await ctx.refresh();
    ctx.announce(t('emp.saved'));
  }));
  appendAll(form, h('h2', { id: 'edit-employer-title' }, t('emp.edit')), field(t('emp.name'), name), field(t('emp.language'), language),
    h('button', { type: 'submit', 'data-action': 'save-employer' }, t('emp.save')));
  return form;
}

// --- mapping profile -----------------------------------------------------------------------

/** One "source header → canonical field" row of the column editor. */
function columnRow(source = '', target = 'employeeNumber'): ReadRow<[string, string]> {
  const header = text('sourceHeader', source, { required: true, maxlength: 200 });
  const fieldSel = select('targetField', CANONICAL_FIELDS, target, (f) => label('field', f));
  const row: ReadRow<[string, string]> = Object.assign(h('fieldset', { class: 'row' }, h('legend', { class: 'visually-hidden' }, t('emp.columnMapping')),
    field(t('emp.sourceHeader'), header), field(t('emp.targetField'), fieldSel),
    h('button', { type: 'button', class: 'secondary', onclick: () => row.remove() }, t('emp.removeColumn'))), {
    read: (): [string, string] => [header.value.trim(), fieldSel.value],
  });
  return row;
}

/** The profile editor's inputs, filled from a profile; `read()` gives the profile as the API takes it. */
function profileInputs(p: Profile) {
  const format = select('format', ['auto', 'csv', 'xlsx'], p.format ?? 'auto', (x) => label('fileFormat', x));
  const delimiter = select('delimiter', ['auto', ',', ';', '\t', '|'], p.delimiter ?? 'auto', (x) => (x === '\t' ? 'Tab' : x === 'auto' ? label('fileFormat', 'auto') : x));
  const encoding = select('encoding', ['auto', 'utf-8', 'windows-1252'], p.encoding ?? 'auto', (x) => (x === 'auto' ? label('fileFormat', 'auto') : x));
  const headerRow = h('input', { type: 'number', name: 'headerRow', min: 1, max: 50, value: p.headerRow ?? 1, required: true });
  const sheet = text('sheet', String(p.sheet ?? ''), { maxlength: 100 });
  const dateFormats = h('fieldset', { class: 'checks' }, h('legend', {}, t('emp.dateFormats')),
    DATE_FORMATS.map((f) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'dateFormat', value: f, checked: (p.dateFormats ?? ['yyyy-mm-dd']).includes(f) }), ' ', f)));
  const decimal = select('decimalSeparator', ['.', ','], p.decimalSeparator ?? '.', (x) => x);
  const thousands = select('thousandsSeparator', ['', '.', ',', ' '], p.thousandsSeparator ?? '', (x) => (x === '' ? t('emp.noSeparator') : x === ' ' ? t('emp.space') : x));
  const split = h('input', { type: 'checkbox', name: 'splitNamePrefix', checked: Boolean(p.splitNamePrefix) });
  const rows = h('div', { class: 'field-rows' }, Object.entries(p.columns ?? {}).map(([k, v]) => columnRow(k, v)));
  const valueMaps = h('textarea', { name: 'valueMaps', rows: 4, spellcheck: false }, JSON.stringify(p.valueMaps ?? {}, null, 1));
  const name = text('profileName', p.name ?? 'custom', { required: true, maxlength: 100 });
  const box = h('div', { class: 'profile-inputs' },
    field(t('emp.profileName'), name), field(t('emp.fileFormat'), format), field(t('emp.delimiter'), delimiter), field(t('emp.encoding'), encoding),
    field(t('emp.headerRow'), headerRow), field(t('emp.sheet'), sheet, t('emp.sheetHint')), dateFormats,
    field(t('emp.decimalSeparator'), decimal), field(t('emp.thousandsSeparator'), thousands), checkField(t('emp.splitNamePrefix'), split),
    h('h4', {}, t('emp.columns')), h('p', { class: 'hint' }, t('emp.columnsHint')), rows,
    h('button', { type: 'button', class: 'secondary', 'data-action': 'add-column', onclick: () => rows.append(columnRow()) }, t('emp.addColumn')),
    field(t('emp.valueMaps'), valueMaps, t('emp.valueMapsHint')));
  // The selects and checkboxes hold the API's codes: the profile read is the one the API takes.
  const read = (): Profile => {
    let maps: Profile['valueMaps'];
    try { maps = JSON.parse(valueMaps.value || '{}') as Profile['valueMaps']; } catch { throw new Error(t('emp.valueMapsInvalid')); }
    const sheetText = sheet.value.trim();
    return {
      name: name.value.trim(), format: format.value as Profile['format'], delimiter: delimiter.value as Profile['delimiter'], encoding: encoding.value as Profile['encoding'], headerRow: Number(headerRow.value),
      ...(sheetText ? { sheet: /^\d+$/.test(sheetText) ? Number(sheetText) : sheetText } : {}),
      columns: Object.fromEntries([...rows.children].map((r) => (r as ReadRow<[string, string]>).read())) as Profile['columns'],
      dateFormats: [...dateFormats.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value) as Profile['dateFormats'],
      decimalSeparator: decimal.value as Profile['decimalSeparator'], thousandsSeparator: thousands.value as Profile['thousandsSeparator'], valueMaps: maps, splitNamePrefix: split.checked,
    };
  };
  return { box, read };
}

/** An import error as a line a user reads: where (row, column, field) and what. */
const describe = (e: ImportError) => [
  e.row !== undefined ? t('emp.errRow', { row: e.row }) : null,
  e.column ? t('emp.errColumn', { column: e.column }) : null,
  e.field ? label('field', e.field) : null,
].filter(Boolean).join(', ') + `: ${label('importError', e.code)}`;

function previewView(result: Preview) {
  const mapped = result.columns.filter((c) => c.field);
  const custom = result.columns.filter((c) => !c.field).map((c) => c.header);
  const out = h('div', { class: 'mapping-preview', id: 'mapping-preview' }, h('h4', {}, t('emp.previewResult')));
  if (result.fileErrors.length) {
    appendAll(out, h('div', { class: 'notice error', role: 'alert' }, h('p', {}, t('emp.fileErrors')), h('ul', {}, result.fileErrors.map((e) => h('li', {}, describe(e)))),
      result.missingRequired?.length ? h('p', {}, t('emp.missingRequired', { fields: result.missingRequired.map((f) => label('field', f)).join(', ') })) : null));
  }
  if (result.columns.length) {
    appendAll(out, table({
      caption: t('emp.columnsFound'), empty: t('app.none'), rows: result.columns,
      columns: [
        { label: t('emp.sourceHeader'), rowHeader: true, render: (c) => c.header },
        { label: t('emp.targetField'), render: (c) => (c.field ? label('field', c.field) : badge(t('emp.customField'), 'muted')) },
      ],
    }));
  }
  if (result.rows.length) {
    const wide = table({
      caption: t('emp.rowsMapped'), empty: t('app.none'), rows: result.rows,
      columns: <Column<Row>[]>[
        { label: t('emp.row'), rowHeader: true, class: 'num', render: (r) => String(r.row) },
        ...mapped.map((c) => ({ label: label('field', c.field!), render: (r: Row) => r.values?.[c.field!] ?? '' })),
        ...custom.map((name) => ({ label: name, render: (r: Row) => r.custom?.[name] ?? '' })),
        { label: t('emp.rowErrors'), render: (r) => (r.errors.length ? h('ul', { class: 'row-errors' }, r.errors.map((e) => h('li', {}, badge(t('emp.error'), 'danger'), ' ', describe(e)))) : badge(t('emp.ok'), 'ok')) },
      ],
    });
    // Wider than the page: a keyboard user scrolls it once it has focus.
    Object.assign(wide, { tabIndex: 0 });
    wide.setAttribute('role', 'region');
    wide.setAttribute('aria-label', t('emp.rowsMapped'));
    appendAll(out, wide);
  }
  const errorCount = result.fileErrors.length + result.rows.reduce((n, r) => n + r.errors.length, 0);
  appendAll(out, h('p', { class: errorCount ? 'notice error' : 'notice' }, errorCount ? t('emp.previewErrors', { count: errorCount }) : t('emp.previewClean', { count: result.rows.length })));
  return out;
}

function profilePart(ctx: Ctx, e: Employer, manage: boolean) {
  const p = (e.mappingProfile ?? {}) as Profile;
  const part = h('div', { class: 'part' }, h('h2', {}, t('emp.mappingProfile')),
    dl([[t('emp.profileName'), p.name], [t('emp.fileFormat'), label('fileFormat', p.format ?? 'auto')], [t('emp.dateFormats'), (p.dateFormats ?? []).join(', ')],
      [t('emp.columns'), Object.entries(p.columns ?? {}).map(([k, v]) => `${k} → ${label('field', v)}`).join(', ') || t('emp.canonicalHeaders')]]));
  if (!manage) return part;
  let inputs = profileInputs(p);
  const editor = h('div', {}, inputs.box);
  const preset = h('select', { name: 'preset' }, h('option', { value: '' }, t('emp.presetNone')), PRESETS.map((x) => h('option', { value: x }, x)));
  const file = h('input', { type: 'file', name: 'sample', accept: '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const result = h('div', { 'aria-live': 'polite' });
  const previewButton = h('button', { type: 'button', class: 'secondary', 'data-action': 'preview' }, t('emp.preview'));
  previewButton.addEventListener('click', async () => {
    if (!file.files?.length) { ctx.showError(t('emp.chooseSample')); file.focus(); return; }
    previewButton.disabled = true;
    try {
      const form = new FormData();
      // A preset starts the profile over; otherwise the profile as it stands in the form, not saved yet.
      form.set('profile', JSON.stringify(preset.value ? { preset: preset.value } : inputs.read()));
      form.set('file', file.files[0]);
      const res = await post(`/api/employers/${e.id}/mapping-profile/preview`, form, { query: { rows: 10 } });
      if (preset.value) {
        inputs = profileInputs(res.profile as Profile);
        editor.replaceChildren(inputs.box);
        preset.value = '';
      }
      result.replaceChildren(previewView(res));
      ctx.announce(t('emp.previewDone'));
      result.querySelector('table, .notice')?.setAttribute('tabindex', '-1');
      result.querySelector<HTMLElement>('table, .notice')?.focus();
    } catch (err) {
      ctx.showError(t('app.error', { message: errorMessage(err) }));
    } finally {
      previewButton.disabled = false;
    }
  });
  const form = h('form', { class: 'mapping-profile', 'aria-labelledby': 'profile-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    await put(`/api/employers/${e.id}/mapping-profile`, inputs.read());
    await ctx.refresh();
    ctx.announce(t('emp.profileSaved'));
  }));
  appendAll(form, h('h3', { id: 'profile-title' }, t('emp.editProfile')), h('p', { class: 'hint' }, t('emp.profileIntro')),
    field(t('emp.preset'), preset, t('emp.presetHint')), editor,
    h('h4', {}, t('emp.previewTitle')), field(t('emp.sample'), file, t('emp.sampleHint')), previewButton, result,
    h('button', { type: 'submit', 'data-action': 'save-profile' }, t('emp.saveProfile')));
  appendAll(part, form);
  return part;
}

// --- links to suppliers ----------------------------------------------------------------------

const currentSuppliers = (ctx: Ctx) => (ctx.can('suppliers.view') ? get('/api/suppliers').then((r) => r.items) : Promise.resolve([]));

const BLOCKERS: [RegExp, string][] = [
  [/has no valid (KvK|KBO) number/, 'emp.blocker.companyNumber'],
  [/has no message channel/, 'emp.blocker.noChannel'],
  [/has no credentials/, 'emp.blocker.noCredentials'],
];
const blockerText = (b: string) => {
  const known = BLOCKERS.find(([re]) => re.test(b));
  return known ? t(known[1]) : b;
};

async function linksPart(ctx: Ctx, e: Employer, manage: boolean) {
  // Read afresh, not the session's cached list: a supplier made a minute ago must be offered.
  const [{ items }, suppliers] = await Promise.all([get(`/api/employers/${e.id}/suppliers`), currentSuppliers(ctx)]);
  const editing = items.find((l) => l.supplierId === ctx.query?.link);
  const part = h('div', { class: 'part' }, h('h2', {}, t('emp.suppliers')), table({
    caption: t('emp.suppliers'), captionHidden: true, empty: t('emp.noLinks'), rows: items,
    columns: [
      { label: t('emp.supplier'), rowHeader: true, render: (l) => (ctx.can('suppliers.view') ? h('a', { href: `#/suppliers/${l.supplierId}` }, l.supplierName) : l.supplierName) },
      { label: t('field.collectiveNumber'), render: (l) => l.collectiveNumber },
      { label: t('emp.startDate'), render: (l) => fmtDate(l.startDate) },
      { label: t('emp.deliverFrom'), render: (l) => fmtDate(l.deliverFrom) },
      { label: t('emp.confirmKinds'), render: (l) => l.effectiveConfirmKinds.map((k) => label('confirmKind', k)).join(', ') || t('app.none') },
      { label: t('emp.canSend'), render: (l) => (l.canSend ? badge(t('app.yes'), 'ok') : [badge(t('app.no'), 'warn'), ' ', l.blockers.map(blockerText).join('; ')]) },
      { label: '', render: (l) => (manage ? h('a', { href: `#/employers/${e.id}${qs({ link: l.supplierId })}`, 'data-action': 'edit-link' }, t('emp.edit')) : '') },
    ],
  }));
  if (!manage) return part;
  const supplier = h('select', { name: 'supplierId', required: true, disabled: Boolean(editing) },
    (editing ? suppliers.filter((s) => s.id === editing.supplierId) : suppliers.filter((s) => !items.some((l) => l.supplierId === s.id)))
      .map((s) => h('option', { value: s.id }, s.name)));
  const collective = text('collectiveNumber', editing?.collectiveNumber, { required: true, maxlength: 100 });
  const start = dateInput({ name: 'startDate', required: true, value: editing?.startDate ?? '' });
  const deliverFrom = dateInput({ name: 'deliverFrom', value: editing?.deliverFrom ?? '' });
  const own = h('input', { type: 'checkbox', name: 'ownConfirmKinds', checked: Boolean(editing?.confirmKinds) });
  const kinds = h('fieldset', { class: 'checks' }, h('legend', {}, t('emp.confirmKinds')),
    CONFIRM_KINDS.map((k) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'confirmKind', value: k, checked: (editing?.confirmKinds ?? []).includes(k) }), ' ', label('confirmKind', k))));
  const form = h('form', { class: 'link-form', 'aria-labelledby': 'link-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const body: LinkBody = {
      collectiveNumber: collective.value.trim(), startDate: start.value, ...(deliverFrom.value ? { deliverFrom: deliverFrom.value } : {}),
      confirmKinds: own.checked ? [...kinds.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value) as LinkBody['confirmKinds'] : null,
    };
    if (editing) await put( `/api/employers/${e.id}/suppliers/${editing.supplierId}`, body);
    else await post(`/api/employers/${e.id}/suppliers`, { supplierId: supplier.value, ...body });
    ctx.announce(t('emp.linkSaved'));
    ctx.navigate(`#/employers/${e.id}`);
  }));
  appendAll(form, h('h3', { id: 'link-title' }, editing ? t('emp.editLink', { name: editing.supplierName }) : t('emp.newLink')),
    field(t('emp.supplier'), supplier), field(t('field.collectiveNumber'), collective), field(t('emp.startDate'), start),
    field(t('emp.deliverFrom'), deliverFrom, t('emp.deliverFromHint')), checkField(t('emp.ownConfirmKinds'), own, t('emp.ownConfirmKindsHint')), kinds,
    h('button', { type: 'submit', 'data-action': 'save-link' }, editing ? t('emp.save') : t('emp.addLink')),
    editing ? h('a', { href: `#/employers/${e.id}`, class: 'button-link' }, t('app.cancel')) : null);
  appendAll(part, !editing && !supplier.options.length ? h('p', { class: 'hint' }, t('emp.allLinked')) : form);
  return part;
}

// --- onboarding profiles -------------------------------------------------------------------

async function onboardingPart(ctx: Ctx, e: Employer, manage: boolean) {
  const [{ items }, plans, suppliers] = await Promise.all([
    get(`/api/employers/${e.id}/onboarding-profiles`),
    ctx.can('suppliers.view') ? get('/api/plans').then((r) => r.items) : Promise.resolve([]),
    currentSuppliers(ctx),
  ]);
  const planName = (id: string) => {
    const p = plans.find((x) => x.id === id);
    if (!p) return '…';
    const s = suppliers.find((x) => x.id === p.supplierId);
    return s ? `${p.name} (${s.name})` : p.name;
  };
  const editing = items.find((x) => x.id === ctx.query?.profile);
  const part = h('div', { class: 'part' }, h('h2', {}, t('emp.onboarding')), table({
    caption: t('emp.onboarding'), captionHidden: true, empty: t('emp.noOnboarding'), rows: items,
    columns: [
      { label: t('emp.profileName'), rowHeader: true, render: (x) => x.name },
      { label: t('emp.category'), render: (x) => (x.category ? label('benefitCategory', x.category) : t('emp.everyHire')) },
      { label: t('emp.plans'), render: (x) => x.plans.map((p) => `${planName(p.planId)}${p.startDate ? ` — ${fmtDate(p.startDate)}` : p.startOffsetDays ? ` — +${p.startOffsetDays} ${t('emp.days')}` : ''}`).join(', ') },
      { label: '', render: (x) => (manage ? [
        h('a', { href: `#/employers/${e.id}${qs({ profile: x.id })}`, 'data-action': 'edit-onboarding' }, t('emp.edit')), ' ',
        h('button', { type: 'button', class: 'secondary', 'data-action': 'delete-onboarding', onclick: async (ev) => {
          if (!window.confirm(t('emp.confirmDelete', { name: x.name }))) return;
          ev.target.disabled = true;
          try {
            await del(`/api/employers/${e.id}/onboarding-profiles/${x.id}`);
            ctx.announce(t('emp.onboardingDeleted'));
            ctx.navigate(`#/employers/${e.id}`);
          } catch (err) {
            ev.target.disabled = false;
            ctx.showError(t('app.error', { message: errorMessage(err) }));
          }
        } }, t('emp.delete'))] : '') },
    ],
  }));
  if (!manage) return part;
  if (!plans.length) { appendAll(part, h('p', { class: 'hint' }, t('emp.noPlans'))); return part; }
  const name = text('onboardingName', editing?.name, { required: true, maxlength: 200 });
  const category = h('select', { name: 'category' }, h('option', { value: '' }, t('emp.everyHire')),
    CATEGORIES.map((c) => h('option', { value: c, selected: editing?.category === c }, label('benefitCategory', c))));
  const planRows = plans.map((p) => {
    const chosen = editing?.plans.find((x) => x.planId === p.id);
    const box = h('input', { type: 'checkbox', name: 'plan', value: p.id, checked: Boolean(chosen) });
    const offset = h('input', { type: 'number', name: 'startOffsetDays', min: 0, max: 3660, value: chosen?.startOffsetDays ?? 0 });
    const row: ReadRow<OnboardingBody['plans'][number] | null> = Object.assign(
      h('fieldset', { class: 'row' }, h('legend', {}, planName(p.id)), checkField(t('emp.includePlan'), box), field(t('emp.startOffset'), offset, t('emp.startOffsetHint'))),
      { read: () => (box.checked ? { planId: p.id, startOffsetDays: Number(offset.value || 0), ...(chosen?.startDate ? { startDate: chosen.startDate } : {}) } : null) });
    return row;
  });
  const form = h('form', { class: 'onboarding-form', 'aria-labelledby': 'onboarding-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    // The category select holds the API's codes; a kept filter goes back as it was read.
    const body: OnboardingBody = { name: name.value.trim(), ...(category.value ? { category: category.value as OnboardingBody['category'] } : {}), ...(editing?.eligibility ? { eligibility: editing.eligibility as Filter } : {}),
      plans: planRows.map((r) => r.read()).filter((x) => x !== null) };
    if (!body.plans.length) throw new Error(t('emp.choosePlan'));
    if (editing) await put(`/api/employers/${e.id}/onboarding-profiles/${editing.id}`, body);
    else await post(`/api/employers/${e.id}/onboarding-profiles`, body);
    ctx.announce(t('emp.onboardingSaved'));
    ctx.navigate(`#/employers/${e.id}`);
  }));
  appendAll(form, h('h3', { id: 'onboarding-title' }, editing ? t('emp.editOnboarding', { name: editing.name }) : t('emp.newOnboarding')),
    field(t('emp.profileName'), name), field(t('emp.category'), category), h('h4', {}, t('emp.plans')), planRows,
    editing?.eligibility ? h('p', { class: 'hint' }, t('emp.keptFilter')) : null,
    h('button', { type: 'submit', 'data-action': 'save-onboarding' }, editing ? t('emp.save') : t('emp.addOnboarding')),
    editing ? h('a', { href: `#/employers/${e.id}`, class: 'button-link' }, t('app.cancel')) : null);
  appendAll(part, form);
  return part;
}

// --- contribution file settings --------------------------------------------------------------

/** One column of the contribution file: its header, what it holds, and the text of a fixed one. */
function contributionColumnRow(c: Partial<ContributionColumn> = {}): ReadRow<ContributionColumn> {
  const header = text('contributionHeader', c.header, { required: true, maxlength: 60 });
  const value = select('contributionValue', CONTRIBUTION_VALUES, c.value ?? 'employeeNumber', (v) => label('contributionValue', v));
  const fixed = text('contributionFixedText', c.text, { maxlength: 100 });
  const fixedField = field(t('contrib.fixedText'), fixed);
  const showFixed = () => { fixedField.hidden = value.value !== 'fixed'; fixed.required = value.value === 'fixed'; };
  value.addEventListener('change', showFixed);
  showFixed();
  const row: ReadRow<ContributionColumn> = Object.assign(h('fieldset', { class: 'row' }, h('legend', { class: 'visually-hidden' }, t('contrib.column')),
    field(t('contrib.header'), header), field(t('contrib.value'), value), fixedField,
    h('button', { type: 'button', class: 'secondary', onclick: () => row.remove() }, t('emp.removeColumn'))), {
    // The select holds the API's codes.
    read: (): ContributionColumn => ({ header: header.value.trim(), value: value.value as ContributionColumn['value'], ...(value.value === 'fixed' ? { text: fixed.value } : {}) }),
  });
  return row;
}

/**
 * How the employer's payroll wants its contribution file: layout, pay codes, delivery and the
 * correction window. Read with reports.view, set with employers.manage.
 */
async function contributionPart(ctx: Ctx, e: Employer, manage: boolean) {
  const [c, links, plans] = await Promise.all([
    get(`/api/employers/${e.id}/contribution-settings`),
    get(`/api/employers/${e.id}/suppliers`).then((r) => r.items),
    ctx.can('suppliers.view') ? get('/api/plans').then((r) => r.items) : Promise.resolve([]),
  ]);
  // The stored layout and delivery (the GET schema leaves them open): as they were set.
  const layout = c.layout as Required<Layout>;
  const d = c.delivery as unknown as StoredDelivery;
  const planName = (id: string) => {
    const p = plans.find((x) => x.id === id);
    const link = p && links.find((l) => l.supplierId === p.supplierId);
    return p ? (link ? `${p.name} (${link.supplierName})` : p.name) : '…';
  };
  const part = h('div', { class: 'part', id: 'contribution-settings' }, h('h2', {}, t('contrib.title')), dl([
    [t('contrib.state'), c.configured ? badge(t('contrib.configured'), 'ok') : badge(t('contrib.defaults'), 'muted')],
    [t('sup.fileType'), layout.fileType.toUpperCase()],
    [t('contrib.columns'), layout.columns.map((x) => `${x.header} (${label('contributionValue', x.value)})`).join(', ')],
    [t('contrib.payCodes'), Object.entries(layout.payCodes).map(([planId, code]) => `${planName(planId)} → ${code}`).join(', ') || t('contrib.noPayCodes')],
    [t('sup.delivery'), label('deliveryTransport', d.transport)],
    [t('sup.deliveryCredentials'), c.hasDeliveryCredentials ? badge(t('sup.set'), 'ok') : badge(t('sup.notSet'), 'muted')],
    [t('contrib.firstPeriod'), c.firstPeriod ?? t('contrib.firstFile')],
    [t('contrib.retroMonths'), String(c.retroMonths)],
  ]));
  if (!manage) return part;

  const fileType = select('contributionFileType', ['csv', 'xlsx'], layout.fileType, (x) => x.toUpperCase());
  const delimiter = select('contributionDelimiter', [';', ',', '\t', '|'], layout.csvDelimiter, (x) => (x === '\t' ? 'Tab' : x));
  const decimal = select('contributionDecimal', ['.', ','], layout.decimalSeparator, (x) => x);
  const periodFormat = select('periodFormat', ['yyyy-mm', 'yyyymm', 'mm-yyyy'], layout.periodFormat, (x) => x);
  const language = select('contributionLanguage', ['nl', 'fr', 'en'], layout.language, (l) => label('langName', l));
  const columns = h('div', { class: 'field-rows' }, layout.columns.map((x) => contributionColumnRow(x)));
  // Pay codes for the plans of the employer's suppliers (and any already set).
  const linked = new Set(links.map((l) => l.supplierId));
  const payPlans = plans.filter((p) => linked.has(p.supplierId) || p.id in layout.payCodes);
  const payInputs = payPlans.map((p) => ({ id: p.id, input: text('payCode', layout.payCodes[p.id], { maxlength: 40 }) }));
  const deliveryPart = deliveryFields(d, 'contribution');
  const firstPeriod = text('firstPeriod', c.firstPeriod, { pattern: '[0-9]{4}-(0[1-9]|1[0-2])', placeholder: 'yyyy-mm', maxlength: 7 });
  const retro = h('input', { type: 'number', name: 'retroMonths', min: 0, max: 24, required: true, value: c.retroMonths });
  const form = h('form', { class: 'contribution-form', 'aria-labelledby': 'contribution-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    // The selects hold the API's codes.
    const body: ContributionBody = {
      layout: {
        fileType: fileType.value as Layout['fileType'], csvDelimiter: delimiter.value as Layout['csvDelimiter'], decimalSeparator: decimal.value as Layout['decimalSeparator'],
        periodFormat: periodFormat.value as Layout['periodFormat'], language: language.value as Layout['language'],
        columns: [...columns.children].map((r) => (r as ReadRow<ContributionColumn>).read()),
        payCodes: Object.fromEntries(payInputs.filter((x) => x.input.value.trim()).map((x) => [x.id, x.input.value.trim()])),
      },
      delivery: deliveryPart.delivery(), firstPeriod: firstPeriod.value.trim() || null, retroMonths: Number(retro.value),
    };
    if (!body.layout.columns?.length) throw new Error(t('contrib.oneColumn'));
    const credentials = deliveryPart.credentials();
    if (credentials !== undefined) body.deliveryCredentials = credentials;
    await put(`/api/employers/${e.id}/contribution-settings`, body);
    await ctx.refresh();
    ctx.announce(t('contrib.saved'));
  }));
  appendAll(form, h('h3', { id: 'contribution-title' }, t('contrib.edit')),
    field(t('sup.fileType'), fileType), field(t('sup.csvDelimiter'), delimiter), field(t('sup.decimalSeparator'), decimal),
    field(t('contrib.periodFormat'), periodFormat), field(t('contrib.language'), language),
    h('h4', {}, t('contrib.columns')), columns,
    h('button', { type: 'button', class: 'secondary', 'data-action': 'add-contribution-column', onclick: () => {
      const r = contributionColumnRow();
      columns.append(r);
      r.querySelector('input')?.focus();
    } }, t('emp.addColumn')),
    h('fieldset', { class: 'pay-codes' }, h('legend', {}, t('contrib.payCodes')), h('p', { class: 'hint' }, t('contrib.payCodesHint')),
      payInputs.length ? payInputs.map((x) => field(t('contrib.payCodeOf', { plan: planName(x.id) }), x.input)) : h('p', { class: 'empty' }, t('contrib.noPlans'))),
    ...deliveryPart.elements,
    field(t('contrib.firstPeriod'), firstPeriod, t('contrib.firstPeriodHint')), field(t('contrib.retroMonths'), retro, t('contrib.retroMonthsHint')),
    h('button', { type: 'submit', 'data-action': 'save-contribution-settings' }, t('emp.save')));
  appendAll(part, form);
  return part;
}

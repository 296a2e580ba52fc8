import { type Answer, type Sent, get, patch, post, put, qs } from '../api.js';
import { type Attrs, dl, field, h, table } from '../dom.js';
import { fmtDate, label, t } from '../i18n.js';
import { type Ctx, appendAll, badge, checkField, pageHeader, submitter } from './common.js';
import { deliveryFields } from './delivery-fields.js';

type Supplier = Answer<'get', '/api/suppliers/{id}'>;
type Channel = Supplier['channel'];
type ChannelBody = Sent<'put', '/api/suppliers/{id}/channel'>;
type ChannelAnswer = Answer<'put', '/api/suppliers/{id}/channel'>;
type SettingsBody = Sent<'put', '/api/suppliers/{id}/report-settings'>;
type Format = NonNullable<SettingsBody['format']>;
type PatchBody = Sent<'patch', '/api/suppliers/{id}'>;
/** A bordereau profile as the API takes it and, defaults filled, answers it (the GET has no schema of its own). */
type BordereauProfile = Required<Sent<'put', '/api/suppliers/{id}/bordereau-profile'>>;
/** The stored delivery (the GET schema leaves it open): the fields of any transport, as they were set. */
interface StoredDelivery { transport: string; host?: string; port?: number; username?: string; directory?: string; to?: string[]; url?: string }

const KINDS: Supplier['kind'][] = ['health_insurer', 'group_insurance', 'hospitalisation', 'accident', 'external', 'internal'];
const CREDENTIAL_TYPES = ['api_key', 'basic', 'oauth2_client_credentials'];
/** The report columns a supplier's file may hold (domain/reports/format.ts REPORT_COLUMN_IDS), in their order. */
const REPORT_COLUMNS = ['changeKind', 'effectiveDate', 'collectiveNumber', 'employeeNumber', 'insured',
  'nationalId', 'lastName', 'namePrefix', 'firstName', 'initials', 'birthDate', 'gender', 'nationality', 'maritalStatus',
  'partnerLastName', 'partnerNamePrefix', 'street', 'houseNumber', 'postalCode', 'city', 'country',
  'category', 'salaryClass', 'workSchedulePercent', 'grossMonthlySalary', 'hireDate', 'exitDate',
  'planCode', 'planName', 'startDate', 'endDate', 'field', 'oldValue', 'newValue'];
const CONFIRM_KINDS = ['enrollment', 'termination', 'change'];
/** The canonical payroll fields (domain/payroll/canonical.ts), in their order: what a supplier may need. */
const CANONICAL_FIELDS = ['employeeNumber', 'nationalId', 'lastName', 'namePrefix', 'firstName', 'initials', 'birthDate', 'gender',
  'nationality', 'maritalStatus', 'street', 'houseNumber', 'postalCode', 'city', 'country', 'partnerLastName', 'partnerNamePrefix',
  'category', 'salaryClass', 'workSchedulePercent', 'grossMonthlySalary', 'hireDate', 'exitDate'];
const DATE_FORMATS = ['yyyy-mm-dd', 'dd-mm-yyyy', 'dd/mm/yyyy', 'dd.mm.yyyy'];
/** What a bordereau's columns map onto (domain/reconciliation/bordereau-profile.ts BORDEREAU_FIELDS). */
const BORDEREAU_FIELDS = ['nationalId', 'role', 'memberKey', 'firstName', 'lastName', 'birthDate', 'salary', 'workSchedulePercent', 'category', 'premium', 'movementCode'];
const BORDEREAU_DATE_FORMATS = [...DATE_FORMATS, 'yyyymmdd'];
const MEMBER_ROLES = ['insured', 'partner', 'child'];
/** What a movement code means to us (domain/reconciliation/movement-codes.ts MOVEMENT_MEANINGS). */
const MOVEMENT_MEANINGS = ['affiliation', 'transfer', 'annual_adjustment', 'end_of_guarantee', 'family_or_work_time_change', 'exit', 'correction', 'death'];

/** Whether a secret exists, in words: secrets are entered, never shown back. */
const setOrNot = (isSet: boolean) => (isSet ? badge(t('sup.set'), 'ok') : badge(t('sup.notSet'), 'muted'));

const select = (name: string, values: string[], current: string | undefined, labelOf: (v: string) => string) => h('select', { name }, values.map((v) => h('option', { value: v, selected: v === current }, labelOf(v))));
const text = (name: string, value: string | null | undefined, extra: Attrs = {}) => h('input', { type: 'text', name, value: value ?? '', autocomplete: 'off', ...extra });
/** A secret's input: never filled, never remembered by the browser. */
const secret = (name: string) => h('input', { type: 'password', name, autocomplete: 'new-password', value: '' });
const checks = (legend: string, name: string, values: string[], chosen: string[], labelOf: (v: string) => string) => h('fieldset', { class: 'checks' }, h('legend', {}, legend),
  values.map((v) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name, value: v, checked: chosen.includes(v) }), ' ', labelOf(v))));
const checked = (box: HTMLElement, name: string) => [...box.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value);

/** The chosen columns in the order the format had them (a supplier's own order stays), new ones after, in the standard order. */
const inOrder = (chosen: string[], before: string[]) => {
  const rank = (c: string) => (before.includes(c) ? before.indexOf(c) : before.length + REPORT_COLUMNS.indexOf(c));
  return [...chosen].sort((a, b) => rank(a) - rank(b));
};

/** Suppliers: the list, and a new supplier for who may manage them. */
export async function renderList(ctx: Ctx) {
  const { items } = await get('/api/suppliers');
  const section = h('section', { class: 'suppliers' }, pageHeader(t('nav.suppliers')), table({
    caption: t('nav.suppliers'), captionHidden: true, empty: t('sup.none'), rows: items,
    columns: [
      { label: t('sup.name'), rowHeader: true, render: (s) => h('a', { href: `#/suppliers/${s.id}` }, s.name) },
      { label: t('sup.kind'), render: (s) => label('supplierKind', s.kind) },
      { label: t('sup.channel'), render: (s) => label('channelTransport', s.channel.transport) },
      { label: t('sup.credentials'), render: (s) => setOrNot(s.hasCredentials) },
      { label: t('sup.callbackToken'), render: (s) => setOrNot(s.hasCallbackToken) },
    ],
  }));
  if (ctx.can('suppliers.manage')) appendAll(section, createForm(ctx));
  return section;
}

function createForm(ctx: Ctx) {
  const name = text('name', '', { required: true, maxlength: 200 });
  const kind = select('kind', KINDS, 'health_insurer', (k) => label('supplierKind', k));
  const form = h('form', { class: 'part', 'aria-labelledby': 'new-supplier-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const created = await post('/api/suppliers', { name: name.value.trim(), kind: kind.value as Supplier['kind'] });
    ctx.announce(t('sup.created'), { acrossNavigation: true });
    ctx.navigate(`#/suppliers/${created.id}`);
  }));
  appendAll(form, h('h2', { id: 'new-supplier-title' }, t('sup.new')), field(t('sup.name'), name), field(t('sup.kind'), kind),
    h('button', { type: 'submit', 'data-action': 'create-supplier' }, t('sup.create')));
  return form;
}

/** One supplier: its channel and credentials, its report settings, its plans. */
export async function renderOne(ctx: Ctx, id: string) {
  const s = await get(`/api/suppliers/${id}`);
  const section = h('section', { class: 'supplier' }, pageHeader(s.name, h('a', { href: '#/suppliers' }, t('app.back'))),
    dl([[t('sup.kind'), label('supplierKind', s.kind)],
      [t('sup.fields'), s.fields ? s.fields.map((f) => label('field', f)).join(', ') || t('app.none') : t('sup.kindDefaults')],
      [t('sup.created'), fmtDate(s.createdAt)]]));
  if (ctx.can('suppliers.manage')) appendAll(section, editForm(ctx, s));
  appendAll(section, channelPart(ctx, s));
  if (ctx.can('reports.view')) appendAll(section, await reportPart(ctx, s));
  appendAll(section, await bordereauPart(ctx, s));
  appendAll(section, await plansPart(ctx, s));
  return section;
}

/** The supplier's name, kind, and the payroll fields it needs (its kind's by default). */
function editForm(ctx: Ctx, s: Supplier) {
  const name = text('supplierName', s.name, { required: true, maxlength: 200 });
  const kind = select('supplierKind', KINDS, s.kind, (k) => label('supplierKind', k));
  const own = h('input', { type: 'checkbox', name: 'ownFields', checked: s.fields !== null });
  const fields = checks(t('sup.fields'), 'field', CANONICAL_FIELDS, s.fields ?? [], (f) => label('field', f));
  const showFields = () => { fields.hidden = !own.checked; };
  own.addEventListener('change', showFields);
  showFields();
  const form = h('form', { class: 'part', 'aria-labelledby': 'edit-supplier-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    // The select and checkboxes hold the API's codes.
    const body: PatchBody = { name: name.value.trim(), kind: kind.value as Supplier['kind'], fields: own.checked ? checked(fields, 'field') as PatchBody['fields'] : null };
    await patch(`/api/suppliers/${s.id}`, body);
    await ctx.refresh();
    ctx.announce(t('sup.supplierSaved'));
  }));
  return appendAll(form, h('h2', { id: 'edit-supplier-title' }, t('sup.editSupplier')), field(t('sup.name'), name), field(t('sup.kind'), kind),
    checkField(t('sup.ownFields'), own, t('sup.ownFieldsHint')), fields,
    h('button', { type: 'submit', 'data-action': 'save-supplier' }, t('sup.save')));
}

/** Shows a token issued by this answer: once, with the address it is used at. */
function issuedToken(res: ChannelAnswer) {
  if (!res.callbackToken) return null;
  return h('div', { class: 'notice token-once', role: 'status' },
    h('p', {}, h('strong', {}, t('sup.tokenOnce'))),
    dl([[t('sup.callbackToken'), h('code', { id: 'issued-token' }, res.callbackToken)], [t('sup.callbackUrl'), h('code', {}, res.callbackUrl)]]));
}

/** The channel's base URL: an http channel's only. */
const baseUrlOf = (c: Channel) => ('baseUrl' in c ? c.baseUrl : undefined);

function channelPart(ctx: Ctx, s: Supplier) {
  const part = h('div', { class: 'part' }, h('h2', {}, t('sup.channel')),
    dl([[t('sup.transport'), label('channelTransport', s.channel.transport)], [t('sup.baseUrl'), baseUrlOf(s.channel)],
      [t('sup.credentials'), setOrNot(s.hasCredentials)], [t('sup.callbackToken'), setOrNot(s.hasCallbackToken)]]));
  if (!ctx.can('platform.settings')) return part;
  const c = s.channel;
  const transport = select('transport', ['none', 'http'], c.transport, (x) => label('channelTransport', x));
  const baseUrl = h('input', { type: 'url', name: 'baseUrl', value: baseUrlOf(c) ?? '', autocomplete: 'off' });
  const answers = select('answers', ['callback', 'polling'], ('answers' in c ? c.answers : undefined) ?? 'callback', (x) => label('channelAnswers', x));
  const credType = select('credentialType', ['keep', 'remove', ...CREDENTIAL_TYPES], 'keep', (x) => label('credentialType', x));
  const inputs = {
    apiKey: secret('apiKey'), username: text('username', ''), password: secret('password'),
    tokenUrl: h('input', { type: 'url', name: 'tokenUrl', autocomplete: 'off' }), clientId: text('clientId', ''), clientSecret: secret('clientSecret'),
  };
  const groups: Record<string, HTMLElement[]> = {
    api_key: [field(t('sup.apiKey'), inputs.apiKey)],
    basic: [field(t('sup.username'), inputs.username), field(t('sup.password'), inputs.password)],
    oauth2_client_credentials: [field(t('sup.tokenUrl'), inputs.tokenUrl), field(t('sup.clientId'), inputs.clientId), field(t('sup.clientSecret'), inputs.clientSecret)],
  };
  const credBox = h('div', { class: 'credential-inputs' });
  const showCred = () => {
    credBox.replaceChildren(...(groups[credType.value] ?? []));
    for (const input of credBox.querySelectorAll('input')) input.required = true;
  };
  credType.addEventListener('change', showCred);
  const httpBox = h('div', {}, field(t('sup.baseUrl'), baseUrl), field(t('sup.answers'), answers));
  const showHttp = () => { httpBox.hidden = transport.value !== 'http'; baseUrl.required = transport.value === 'http'; };
  transport.addEventListener('change', showHttp);
  showHttp();
  const rotate = h('input', { type: 'checkbox', name: 'rotateCallbackToken' });
  const result = h('div', {});
  const form = h('form', { class: 'channel-form', 'aria-labelledby': 'channel-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const channel: ChannelBody['channel'] = transport.value === 'http' ? { transport: 'http', baseUrl: baseUrl.value.trim(), answers: answers.value as 'callback' | 'polling' } : { transport: 'none' };
    const body: ChannelBody = { channel, ...(rotate.checked ? { rotateCallbackToken: true } : {}) };
    if (credType.value === 'remove') body.credentials = null;
    else if (credType.value === 'api_key') body.credentials = { type: 'api_key', apiKey: inputs.apiKey.value };
    else if (credType.value === 'basic') body.credentials = { type: 'basic', username: inputs.username.value.trim(), password: inputs.password.value };
    else if (credType.value === 'oauth2_client_credentials') {
      body.credentials = { type: 'oauth2_client_credentials', tokenUrl: inputs.tokenUrl.value.trim(), clientId: inputs.clientId.value.trim(), clientSecret: inputs.clientSecret.value };
    }
    const res = await put(`/api/suppliers/${s.id}/channel`, body);
    // The secrets typed leave the page with the answer: nothing of them stays in the form.
    for (const input of Object.values(inputs)) input.value = '';
    credType.value = 'keep';
    showCred();
    rotate.checked = false;
    for (const b of form.querySelectorAll('button')) b.disabled = false;
    part.querySelector('dl')!.replaceWith(dl([[t('sup.transport'), label('channelTransport', res.channel.transport)], [t('sup.baseUrl'), baseUrlOf(res.channel)],
      [t('sup.credentials'), setOrNot(res.hasCredentials)], [t('sup.callbackToken'), setOrNot(res.hasCallbackToken)]]));
    result.replaceChildren(issuedToken(res) ?? '');
    ctx.announce(t('sup.channelSaved'));
    (result.querySelector<HTMLElement>('#issued-token') ?? form.querySelector('button'))?.focus();
  }));
  appendAll(form, h('h3', { id: 'channel-title' }, t('sup.setChannel')), field(t('sup.transport'), transport), httpBox,
    field(t('sup.credentialsAction'), credType, t('sup.credentialsHint')), credBox,
    checkField(t('sup.rotateToken'), rotate, t('sup.rotateHint')),
    h('button', { type: 'submit', 'data-action': 'save-channel' }, t('sup.save')));
  appendAll(part, form, result);
  return part;
}

async function reportPart(ctx: Ctx, s: Supplier) {
  const r = await get(`/api/suppliers/${s.id}/report-settings`);
  // The stored format (the GET schema leaves it open): as it was set.
  const f = r.format as Format;
  const d = r.delivery as unknown as StoredDelivery;
  const part = h('div', { class: 'part' }, h('h2', {}, t('sup.reportSettings')));
  const facts = () => dl([
    [t('sup.fileType'), String(f.fileType ?? '').toUpperCase()], [t('sup.reportLanguage'), f.language ? label('langName', f.language) : null],
    [t('sup.columns'), (f.columns ?? []).map((c) => label('reportColumn', c)).join(', ')],
    [t('sup.headerLabels'), Object.entries(f.headerLabels ?? {}).map(([c, v]) => `${label('reportColumn', c)} → ${v}`).join(', ') || t('app.none')],
    [t('sup.confirmKinds'), r.confirmKinds.length ? r.confirmKinds.map((k) => label('confirmKind', k)).join(', ') : t('app.none')],
    [t('sup.delivery'), label('deliveryTransport', d.transport)],
    [t('sup.deliveryCredentials'), setOrNot(r.hasDeliveryCredentials)],
    [t('sup.pgpKey'), r.pgp ? `${r.pgp.fingerprint} (${r.pgp.userIds.join(', ')})` : t('sup.notSet')],
  ]);
  appendAll(part, facts());
  if (!ctx.can('platform.settings')) return part;

  const fileType = select('fileType', ['xlsx', 'csv'], f.fileType, (x) => x.toUpperCase());
  const language = select('language', ['nl', 'fr', 'en'], f.language, (x) => label('langName', x));
  const columns = checks(t('sup.columns'), 'column', REPORT_COLUMNS, f.columns ?? [], (c) => label('reportColumn', c));
  // The supplier's own header per column: offered for the columns chosen, the others keep the language's label.
  const headerInputs = new Map(REPORT_COLUMNS.map((c) => [c, text('headerLabel', f.headerLabels?.[c as keyof Format['headerLabels']], { maxlength: 100, 'data-column': c })]));
  const headerFields = new Map([...headerInputs].map(([c, input]) => [c, field(t('sup.headerLabelFor', { column: label('reportColumn', c) }), input)]));
  const headers = h('fieldset', { class: 'header-labels' }, h('legend', {}, t('sup.headerLabels')), h('p', { class: 'hint' }, t('sup.headerLabelsHint')), [...headerFields.values()]);
  const showHeaders = () => {
    const chosen = checked(columns, 'column');
    for (const [c, box] of headerFields) box.hidden = !chosen.includes(c);
  };
  columns.addEventListener('change', showHeaders);
  showHeaders();
  const dateFormat = select('dateFormat', DATE_FORMATS, f.dateFormat, (x) => x);
  const decimal = select('decimalSeparator', ['.', ','], f.decimalSeparator, (x) => x);
  const delimiter = select('csvDelimiter', [';', ',', '\t'], f.csvDelimiter, (x) => (x === '\t' ? 'Tab' : x));
  const sheetPerKind = h('input', { type: 'checkbox', name: 'sheetPerKind', checked: Boolean(f.sheetPerKind) });
  const pattern = text('fileNamePattern', f.fileNamePattern, { required: true, maxlength: 200 });
  const confirm = checks(t('sup.confirmKinds'), 'confirmKind', CONFIRM_KINDS, r.confirmKinds, (k) => label('confirmKind', k));
  const delivery = deliveryFields(d, 'delivery');
  const pgp = h('textarea', { name: 'pgpPublicKey', rows: 4, spellcheck: false });
  const removePgp = h('input', { type: 'checkbox', name: 'removePgp' });
  const ownHeaders = () => {
    const chosen = checked(columns, 'column');
    return Object.fromEntries([...headerInputs].filter(([c, input]) => chosen.includes(c) && input.value.trim()).map(([c, input]) => [c, input.value.trim()])) as Format['headerLabels'];
  };
  const form = h('form', { class: 'report-settings', 'aria-labelledby': 'report-settings-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    // The selects and checkboxes hold the API's codes.
    const body: SettingsBody = {
      format: { fileType: fileType.value as Format['fileType'], language: language.value as Format['language'], columns: inOrder(checked(columns, 'column'), f.columns ?? []) as Format['columns'],
        dateFormat: dateFormat.value as Format['dateFormat'], decimalSeparator: decimal.value as Format['decimalSeparator'], csvDelimiter: delimiter.value as Format['csvDelimiter'],
        sheetPerKind: sheetPerKind.checked, fileNamePattern: pattern.value.trim(), headerLabels: ownHeaders() },
      confirmKinds: checked(confirm, 'confirmKind') as SettingsBody['confirmKinds'], delivery: delivery.delivery(),
    };
    const credentials = delivery.credentials();
    if (credentials !== undefined) body.deliveryCredentials = credentials;
    if (removePgp.checked) body.pgpPublicKey = null;
    else if (pgp.value.trim()) body.pgpPublicKey = pgp.value.trim();
    await put(`/api/suppliers/${s.id}/report-settings`, body);
    await ctx.refresh();
    ctx.announce(t('sup.reportSaved'));
  }));
  appendAll(form, h('h3', { id: 'report-settings-title' }, t('sup.editReport')),
    field(t('sup.fileType'), fileType), field(t('sup.reportLanguage'), language, t('sup.reportLanguageHint')), columns, headers,
    field(t('sup.dateFormat'), dateFormat), field(t('sup.decimalSeparator'), decimal), field(t('sup.csvDelimiter'), delimiter),
    checkField(t('sup.sheetPerKind'), sheetPerKind), field(t('sup.fileNamePattern'), pattern, t('sup.fileNamePatternHint')), confirm,
    ...delivery.elements,
    h('h4', {}, t('sup.pgpKey')), field(t('sup.pgpKeyInput'), pgp, t('sup.pgpHint')), checkField(t('sup.removePgp'), removePgp),
    h('button', { type: 'submit', 'data-action': 'save-report-settings' }, t('sup.save')));
  appendAll(part, form);
  return part;
}

/**
 * Rows of "their text → our code" (a column header, a role word, a movement code), each with its
 * remove button, and a button to add one; `read()` gives them as the object the API takes.
 */
function pairRows(o: { legend: string; keyLabel: string; valueLabel: string; add: string; name: string; pairs: Record<string, string>; values: string[]; labelOf: (v: string) => string; maxlength: number }) {
  const row = (key = '', value = o.values[0]) => {
    const k = text(`${o.name}Key`, key, { required: true, maxlength: o.maxlength });
    const v = select(`${o.name}Value`, o.values, value, o.labelOf);
    const fs: HTMLFieldSetElement = h('fieldset', { class: 'row' }, h('legend', { class: 'visually-hidden' }, o.legend),
      field(o.keyLabel, k), field(o.valueLabel, v), h('button', { type: 'button', class: 'secondary', onclick: () => fs.remove() }, t('bord.remove')));
    return fs;
  };
  const rows = h('div', { class: 'field-rows' }, Object.entries(o.pairs).map(([k, v]) => row(k, v)));
  const box = h('fieldset', { class: 'pairs', 'data-pairs': o.name }, h('legend', {}, o.legend), rows,
    h('button', { type: 'button', class: 'secondary', 'data-action': `add-${o.name}`, onclick: () => {
      const r = row();
      rows.append(r);
      r.querySelector('input')?.focus();
    } }, o.add));
  const read = () => Object.fromEntries([...rows.querySelectorAll('fieldset.row')].map((r) => [r.querySelector('input')!.value.trim(), r.querySelector('select')!.value]));
  return { box, read };
}

/** How the supplier's premium bordereau maps onto our lines, with its movement codes: read by all who see the supplier, set with suppliers.manage. */
async function bordereauPart(ctx: Ctx, s: Supplier) {
  const p = await get(`/api/suppliers/${s.id}/bordereau-profile`);
  const bordField = (f: string) => label('bordField', f);
  const part = h('div', { class: 'part', id: 'bordereau-profile' }, h('h2', {}, t('bord.title')), dl([
    [t('emp.fileFormat'), label('fileFormat', p.format)],
    [t('bord.columns'), Object.entries(p.columns).map(([k, v]) => `${k} → ${bordField(v)}`).join(', ') || t('bord.fieldNames')],
    [t('emp.dateFormats'), p.dateFormats.join(', ')],
    [t('emp.decimalSeparator'), p.decimalSeparator],
    [t('bord.roles'), Object.entries(p.roles).map(([k, v]) => `${k} → ${label('memberRole', v)}`).join(', ')],
    [t('bord.movementCodes'), Object.entries(p.movementCodes).map(([k, v]) => `${k} → ${label('movementMeaning', v)}`).join(', ')],
    [t('bordereaux.correctionWindow'), t('bordereaux.days', { days: p.correctionWindowDays })],
  ]));
  if (!ctx.can('suppliers.manage')) return part;
  const format = select('bordFormat', ['auto', 'csv', 'xlsx'], p.format, (x) => label('fileFormat', x));
  const delimiter = select('bordDelimiter', ['auto', ',', ';', '\t', '|'], p.delimiter, (x) => (x === '\t' ? 'Tab' : x === 'auto' ? label('fileFormat', 'auto') : x));
  const dateFormats = checks(t('emp.dateFormats'), 'bordDateFormat', BORDEREAU_DATE_FORMATS, p.dateFormats, (x) => x);
  const decimal = select('bordDecimal', ['.', ','], p.decimalSeparator, (x) => x);
  const thousands = select('bordThousands', ['', '.', ',', ' '], p.thousandsSeparator, (x) => (x === '' ? t('emp.noSeparator') : x === ' ' ? t('emp.space') : x));
  const columns = pairRows({ legend: t('bord.columns'), keyLabel: t('emp.sourceHeader'), valueLabel: t('bord.field'), add: t('emp.addColumn'), name: 'bordColumn',
    pairs: p.columns, values: BORDEREAU_FIELDS, labelOf: bordField, maxlength: 200 });
  const roles = pairRows({ legend: t('bord.roles'), keyLabel: t('bord.roleWord'), valueLabel: t('bord.role'), add: t('bord.addRole'), name: 'bordRole',
    pairs: p.roles, values: MEMBER_ROLES, labelOf: (v) => label('memberRole', v), maxlength: 100 });
  const codes = pairRows({ legend: t('bord.movementCodes'), keyLabel: t('bord.code'), valueLabel: t('bord.meaning'), add: t('bord.addCode'), name: 'bordCode',
    pairs: p.movementCodes, values: MOVEMENT_MEANINGS, labelOf: (v) => label('movementMeaning', v), maxlength: 10 });
  const correctionWindow = h('input', { type: 'number', name: 'correctionWindowDays', min: 0, max: 366, required: true, value: p.correctionWindowDays });
  const form = h('form', { class: 'bordereau-profile', 'aria-labelledby': 'bordereau-profile-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    // The selects and checkboxes hold the API's codes.
    const body = {
      format: format.value, delimiter: delimiter.value, columns: columns.read(), dateFormats: checked(dateFormats, 'bordDateFormat'),
      decimalSeparator: decimal.value, thousandsSeparator: thousands.value, roles: roles.read(), movementCodes: codes.read(), correctionWindowDays: Number(correctionWindow.value),
    } as BordereauProfile;
    await put(`/api/suppliers/${s.id}/bordereau-profile`, body);
    await ctx.refresh();
    ctx.announce(t('bord.saved'));
  }));
  appendAll(form, h('h3', { id: 'bordereau-profile-title' }, t('bord.edit')), h('p', { class: 'hint' }, t('bord.intro')),
    field(t('emp.fileFormat'), format), field(t('emp.delimiter'), delimiter), dateFormats,
    field(t('emp.decimalSeparator'), decimal), field(t('emp.thousandsSeparator'), thousands),
    columns.box, h('p', { class: 'hint' }, t('bord.columnsHint')), roles.box, codes.box,
    field(t('bordereaux.correctionWindow'), correctionWindow, t('bord.windowHint')),
    h('button', { type: 'submit', 'data-action': 'save-bordereau-profile' }, t('sup.save')));
  appendAll(part, form);
  return part;
}

async function plansPart(ctx: Ctx, s: Supplier) {
  const { items } = await get(`/api/plans`, { supplierId: s.id });
  const manage = ctx.can('suppliers.manage');
  const editing = items.find((p) => p.id === ctx.query?.plan);
  const part = h('div', { class: 'part' }, h('h2', {}, t('sup.plans')), table({
    caption: t('sup.plans'), captionHidden: true, empty: t('sup.noPlans'), rows: items,
    columns: [
      { label: t('sup.planName'), rowHeader: true, render: (p) => p.name },
      { label: t('sup.planCode'), render: (p) => p.code ?? '' },
      { label: t('sup.created'), render: (p) => fmtDate(p.createdAt) },
      { label: '', render: (p) => (manage ? h('a', { href: `#/suppliers/${s.id}${qs({ plan: p.id })}`, 'data-action': 'edit-plan' }, t('sup.edit')) : '') },
    ],
  }));
  if (!manage) return part;
  const name = text('planName', editing?.name, { required: true, maxlength: 200 });
  const code = text('planCode', editing?.code, { maxlength: 100 });
  const form = h('form', { class: 'inline', 'aria-labelledby': 'plan-form-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const c = code.value.trim();
    if (editing) await patch(`/api/plans/${editing.id}`, { name: name.value.trim(), code: c || null });
    else await post('/api/plans', { supplierId: s.id, name: name.value.trim(), ...(c ? { code: c } : {}) });
    ctx.announce(editing ? t('sup.planSaved') : t('sup.planCreated'), { acrossNavigation: true });
    ctx.navigate(`#/suppliers/${s.id}`);
  }));
  appendAll(form, h('h3', { id: 'plan-form-title' }, editing ? t('sup.editPlan', { name: editing.name }) : t('sup.newPlan')),
    field(t('sup.planName'), name), field(t('sup.planCode'), code),
    h('button', { type: 'submit', 'data-action': 'save-plan' }, editing ? t('sup.save') : t('sup.addPlan')),
    editing ? h('a', { href: `#/suppliers/${s.id}`, class: 'button-link' }, t('app.cancel')) : null);
  appendAll(part, form);
  return part;
}

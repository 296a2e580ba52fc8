import { type Answer, type Sent, patch, post } from '../api.js';
import { field, h } from '../dom.js';
import { label, t } from '../i18n.js';
import { dateInput } from '../date-input.js';
import { type Ctx, badge } from './common.js';
import { backToPerson, errorText } from './enrollments.js';
import { statusBadge } from './messages.js';

/** The data HR may complete or correct (as PATCH /api/persons/:id takes it); the payroll stays the source of the rest. */
const EDITABLE = ['nationalId', 'initials', 'firstName', 'namePrefix', 'lastName', 'birthDate', 'gender', 'nationality', 'maritalStatus',
  'street', 'houseNumber', 'postalCode', 'city', 'country', 'partnerNamePrefix', 'partnerLastName'];
type Person = Answer<'get', '/api/persons/{id}'>;
type Correction = Sent<'patch', '/api/persons/{id}'>;
type Preview = Answer<'post', '/api/persons/{id}/correction-preview'>;

const CHOICES: Record<string, string[]> = { gender: ['M', 'F', 'X'], maritalStatus: ['single', 'married', 'cohabiting', 'divorced', 'widowed'] };
const OUTCOME_TONE: Record<string, string> = { completes: 'ok', rechecked: 'info', stays_incomplete: 'warn', becomes_incomplete: 'warn', will_fail: 'danger', resent: 'info', changed_since_sent: 'warn' };

/**
 * "Correct data": the fields HR may correct, prefilled; the fields an incomplete message lacks are
 * marked. Saving is a second step: first the effect on the person's messages is shown (which become
 * complete, which sent ones go out again or get marked "changed since sent"), from the API's preview.
 */
export function correctionForm(ctx: Ctx, person: Person, { missing, supplierName }: { missing: string[]; supplierName: (id: string | null | undefined) => string }) {
  const d: Record<string, unknown> = person.data ?? {};
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const control = (f: string) => {
    const id = `correct-${f}`;
    const value = d[f] ?? '';
    if (CHOICES[f]) {
      return h('select', { id, name: f }, h('option', { value: '' }, '—'), CHOICES[f].map((c) => h('option', { value: c, selected: c === value }, label(f === 'gender' ? 'gender' : 'maritalStatus', c))));
    }
    if (f === 'birthDate') return dateInput({ id, name: f, value: String(value) });
    const attrs = { id, name: f, type: 'text', value: String(value), autocomplete: 'off' };
    if (f === 'nationality' || f === 'country') Object.assign(attrs, { maxlength: 2, pattern: '[A-Za-z]{2}', size: 3 });
    return h('input', attrs);
  };
  const fields = EDITABLE.map((f) => {
    const input = control(f);
    inputs.set(f, input);
    const lacking = missing.includes(f);
    if (lacking) input.setAttribute('aria-invalid', 'true');
    const wrap = field(label('field', f), input, lacking ? t('correction.missingHint') : null);
    if (lacking) wrap.classList.add('missing');
    return wrap;
  });

  /** The fields whose value differs from the stored one; an emptied field becomes null. */
  const changes = () => {
    // Each field is one of the PATCH body's, its value as typed (a select holds the API's codes).
    const out: Record<string, string | null> = {};
    for (const [f, input] of inputs) {
      let v = input.value.trim();
      if (f === 'nationality' || f === 'country') v = v.toUpperCase();
      const next = v === '' ? null : v;
      if (next !== (d[f] === undefined || d[f] === '' ? null : d[f])) out[f] = next;
    }
    return out as Correction;
  };

  const effects = h('div', { id: 'correction-effects', 'aria-live': 'polite' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const previewButton = h('button', { type: 'submit', id: 'correction-preview' }, t('correction.preview'));
  const save = h('button', { type: 'button', id: 'correction-save', hidden: true }, t('correction.save'));
  let previewed: Correction | null = null;
  const form = h('form', { class: 'card correction', 'aria-labelledby': 'correction-title', id: 'correction-form' },
    h('h3', { id: 'correction-title' }, t('correction.title')),
    h('p', { class: 'hint' }, t('correction.intro')),
    h('div', { class: 'field-grid' }, fields),
    h('div', { class: 'actions' }, previewButton, save),
    error, effects);
  // Any edit after the preview makes it stale: preview again before saving.
  form.addEventListener('input', () => {
    if (!previewed) return;
    previewed = null;
    save.hidden = true;
    effects.replaceChildren(h('p', { class: 'hint' }, t('correction.stale')));
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    error.textContent = '';
    const body = changes();
    if (!Object.keys(body).length) {
      effects.replaceChildren(h('p', { class: 'notice' }, t('correction.nothing')));
      return;
    }
    previewButton.disabled = true;
    try {
      const preview = await post(`/api/persons/${person.id}/correction-preview`, body);
      previewed = body;
      effects.replaceChildren(effectList(preview, supplierName));
      save.hidden = false;
      save.focus();
    } catch (err) {
      error.textContent = errorText(err);
    }
    previewButton.disabled = false;
  });
  save.addEventListener('click', async () => {
    if (!previewed) return;
    save.disabled = true;
    try {
      await patch(`/api/persons/${person.id}`, previewed);
      await backToPerson(ctx, person.id, t('correction.saved'));
    } catch (err) {
      error.textContent = errorText(err);
      ctx.showError(errorText(err));
      save.disabled = false;
    }
  });
  return form;
}

/** The preview in words: the fields that change, and per message what will happen to it. */
function effectList(preview: Preview, supplierName: (id: string | null | undefined) => string) {
  const changed = preview.changedFields.map((f) => label('field', f)).join(', ');
  return h('div', { class: 'effects' },
    h('h4', {}, t('correction.effectsTitle')),
    h('p', {}, t('correction.changes', { fields: changed })),
    preview.messages.length
      ? h('ul', { class: 'effect-list' }, preview.messages.map((m) => h('li', { 'data-message': m.id, 'data-outcome': m.outcome },
        h('a', { href: `#/messages/${m.id}` }, `${label('messageKind', m.kind)} — ${supplierName(m.supplierId)}`), ' ', statusBadge(m.status), ' → ',
        badge(t(`correction.outcome.${m.outcome}`), OUTCOME_TONE[m.outcome] ?? 'muted'),
        m.missing.length ? h('span', { class: 'hint' }, ` ${t('correction.stillMissing', { fields: m.missing.map((f) => label('field', f)).join(', ') })}`) : null,
        m.flagged.length ? h('span', { class: 'hint' }, ` ${t('correction.flagged', { fields: m.flagged.map((f) => label('field', f)).join(', ') })}`) : null)))
      : h('p', { class: 'hint' }, t('correction.noMessages')));
}

// @ts-nocheck -- typed against api-types next
import { api, post } from '../api.js';
import { field, h, table } from '../dom.js';
import { fmtDate, label, t } from '../i18n.js';
import { dateInput } from '../date-input.js';
import { disclosure } from './accidents.js';
import { backToPerson, errorText } from './enrollments.js';

const GENDERS = ['M', 'F', 'X'];
const fullName = (f) => [f.firstName, f.namePrefix, f.lastName].filter(Boolean).join(' ');

/** The person's partner and children: listed, added, corrected and ended (persons.edit). */
export function familySection(ctx, person, members) {
  const canEdit = ctx.can('persons.edit');
  return h('section', { 'aria-labelledby': 'family-title', id: 'family' },
    h('h2', { id: 'family-title' }, t('family.title')),
    canEdit ? disclosure(t('family.add'), (close) => memberForm(ctx, person, null, close), { id: 'family-add' }) : null,
    table({
      caption: t('family.title'), captionHidden: true, empty: t('app.none'), rows: members,
      columns: [
        { label: t('family.relation'), render: (f) => label('relation', f.relation) },
        { label: t('persons.name'), render: (f) => fullName(f) },
        { label: t('field.birthDate'), render: (f) => fmtDate(f.birthDate) },
        { label: t('field.gender'), render: (f) => (f.gender ? label('gender', f.gender) : '') },
        { label: t('field.nationalId'), render: (f) => f.nationalId ?? '' },
        { label: t('family.endDate'), render: (f) => fmtDate(f.endDate) },
        ...(canEdit ? [{ label: t('enrollments.actions'), render: (f) => disclosure(t('family.edit'), (close) => memberForm(ctx, person, f, close), { id: `family-edit-${f.id.slice(0, 8)}` }) }] : []),
      ],
    }));
}

/** Adds a family member (`member` null) or corrects one, its end date included. */
function memberForm(ctx, person, member, close) {
  const v = member ?? {};
  const text = (name, value, required = false) => h('input', { type: 'text', name, value: value ?? '', required, autocomplete: 'off' });
  const relation = h('select', { name: 'relation', required: true, disabled: Boolean(member) },
    ['partner', 'child'].map((r) => h('option', { value: r, selected: v.relation === r }, label('relation', r))));
  const firstName = text('firstName', v.firstName);
  const namePrefix = text('namePrefix', v.namePrefix);
  const lastName = text('lastName', v.lastName, true);
  const birthDate = dateInput({ name: 'birthDate', value: v.birthDate ?? '', required: true });
  const gender = h('select', { name: 'gender' }, h('option', { value: '' }, '—'), GENDERS.map((g) => h('option', { value: g, selected: v.gender === g }, label('gender', g))));
  const nationalId = text('nationalId', v.nationalId);
  nationalId.inputMode = 'numeric';
  const endDate = member ? dateInput({ name: 'endDate', value: v.endDate ?? '' }) : null;
  const error = h('p', { class: 'form-error', role: 'alert' });
  const form = h('form', { class: 'card inline-form' },
    field(t('family.relation'), relation), field(t('field.firstName'), firstName), field(t('field.namePrefix'), namePrefix), field(t('field.lastName'), lastName),
    field(t('field.birthDate'), birthDate), field(t('field.gender'), gender), field(t('field.nationalId'), nationalId),
    endDate ? field(t('family.endDate'), endDate, t('family.endHint')) : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, member ? t('family.save') : t('family.add')), h('button', { type: 'button', class: 'secondary', onclick: close }, t('app.cancel'))),
    error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const buttons = [...form.querySelectorAll('button')];
    for (const b of buttons) b.disabled = true;
    error.textContent = '';
    const val = (input) => input.value.trim() || null;
    try {
      if (!member) {
        const body = { relation: relation.value, lastName: lastName.value.trim(), birthDate: birthDate.value };
        for (const [k, input] of Object.entries({ firstName, namePrefix, gender, nationalId })) if (val(input)) body[k] = val(input);
        await post(`/api/persons/${person.id}/family-members`, body);
        await backToPerson(ctx, person.id, t('family.added'));
      } else {
        // Only what changed: an unchanged field sent again would still count as a correction for the suppliers.
        const body = {};
        const now = { firstName: val(firstName), namePrefix: val(namePrefix), lastName: val(lastName), birthDate: val(birthDate), gender: val(gender), nationalId: val(nationalId), endDate: val(endDate) };
        for (const [k, value] of Object.entries(now)) if (value !== (member[k] ?? null)) body[k] = value;
        if (!Object.keys(body).length) { close(); return; }
        const res = await api('PATCH', `/api/family-members/${member.id}`, body);
        await backToPerson(ctx, person.id, [t('family.saved'), res.messages.length ? t('enrollments.messagesMade', { count: res.messages.length }) : '',
          res.resent ? t('enrollments.messagesResent', { count: res.resent }) : ''].filter(Boolean).join(' '));
      }
    } catch (err) {
      error.textContent = errorText(err);
      ctx.showError(errorText(err));
      for (const b of buttons) b.disabled = false;
    }
  });
  return form;
}

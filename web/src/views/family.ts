import { type Answer, type Sent, patch, post } from '../api.js';
import { type Column, field, h, table } from '../dom.js';
import { fmtDate, label, t } from '../i18n.js';
import { dateInput } from '../date-input.js';
import { disclosure } from './accidents.js';
import { backToPerson, onSubmit } from './enrollments.js';
import type { Ctx } from './common.js';

type Member = Answer<'get', '/api/persons/{id}/family-members'>['items'][number];
type Person = Answer<'get', '/api/persons/{id}'>;
type NewMember = Sent<'post', '/api/persons/{id}/family-members'>;
type Correction = Sent<'patch', '/api/family-members/{id}'>;

const GENDERS = ['M', 'F', 'X'];
const fullName = (f: Member) => [f.firstName, f.namePrefix, f.lastName].filter(Boolean).join(' ');

/** The person's partner and children: listed, added, corrected and ended (persons.edit). */
export function familySection(ctx: Ctx, person: Person, members: Member[]) {
  const canEdit = ctx.can('persons.edit');
  return h('section', { 'aria-labelledby': 'family-title', id: 'family' },
    h('h2', { id: 'family-title' }, t('family.title')),
    canEdit ? disclosure(t('family.add'), (close) => memberForm(ctx, person, null, close), { id: 'family-add' }) : null,
    table({
      caption: t('family.title'), captionHidden: true, empty: t('app.none'), rows: members,
      columns: <Column<Member>[]>[
        { label: t('family.relation'), render: (f) => label('relation', f.relation) },
        { label: t('persons.name'), render: (f) => fullName(f) },
        { label: t('field.birthDate'), render: (f) => fmtDate(f.birthDate) },
        { label: t('field.gender'), render: (f) => (f.gender ? label('gender', f.gender) : '') },
        { label: t('field.nationalId'), render: (f) => f.nationalId ?? '' },
        { label: t('family.endDate'), render: (f) => fmtDate(f.endDate) },
        ...(canEdit ? [{ label: t('enrollments.actions'), render: (f: Member) => disclosure(t('family.edit'), (close) => memberForm(ctx, person, f, close), { id: `family-edit-${f.id.slice(0, 8)}` }) }] : []),
      ],
    }));
}

/** Adds a family member (`member` null) or corrects one, its end date included. */
function memberForm(ctx: Ctx, person: Person, member: Member | null, close: () => void) {
  const v: Partial<Member> = member ?? {};
  const text = (name: string, value: string | null | undefined, required = false) => h('input', { type: 'text', name, value: value ?? '', required, autocomplete: 'off' });
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
  const val = (input: HTMLInputElement | HTMLSelectElement | null) => input?.value.trim() || null;
  onSubmit(ctx, form, error, async () => {
    if (!member) {
      // The optional fields are sent only when filled in (the select and inputs hold the API's values).
      const body = { relation: relation.value, lastName: lastName.value.trim(), birthDate: birthDate.value } as NewMember;
      const optional: Record<string, string> = {};
      for (const [k, input] of Object.entries({ firstName, namePrefix, gender, nationalId })) if (val(input)) optional[k] = val(input)!;
      await post(`/api/persons/${person.id}/family-members`, { ...body, ...optional });
      await backToPerson(ctx, person.id, t('family.added'));
    } else {
      // Only what changed: an unchanged field sent again would still count as a correction for the suppliers.
      const body: Record<string, string | null> = {};
      const now = { firstName: val(firstName), namePrefix: val(namePrefix), lastName: val(lastName), birthDate: val(birthDate), gender: val(gender), nationalId: val(nationalId), endDate: val(endDate) };
      for (const [k, value] of Object.entries(now)) if (value !== (member[k as keyof Member] ?? null)) body[k] = value;
      if (!Object.keys(body).length) { close(); return; }
      const res = await patch(`/api/family-members/${member.id}`, body as Correction);
      await backToPerson(ctx, person.id, [t('family.saved'), res.messages.length ? t('enrollments.messagesMade', { count: res.messages.length }) : '',
        res.resent ? t('enrollments.messagesResent', { count: res.resent }) : ''].filter(Boolean).join(' '));
    }
  });
  return form;
}

import { get, qs } from '../api.js';
import { dl, h, table } from '../dom.js';
import { fmtDate, fmtDateTime, label, t } from '../i18n.js';
import { badge, dueDate, pageHeader, personLink } from './common.js';

const TONE = { first_aid: 'muted', open: 'warn', declared: 'info', closed: 'ok' };
const statusBadge = (s) => badge(label('accidentStatus', s), TONE[s] ?? 'muted');
const deadline = (a) => (a.deadline ? dueDate(a.deadline.date, a.status !== 'open') : '');

export async function renderList(ctx) {
  const { items } = await get(`/api/accidents${qs({ employerId: ctx.employerId, limit: 200 })}`);
  await ctx.loadPersons(items.map((a) => a.personId));
  return h('section', {},
    pageHeader(t('accidents.title')),
    table({
      caption: t('accidents.title'), captionHidden: true, empty: t('accidents.empty'), rows: items,
      columns: [
        { label: t('accidents.reference'), rowHeader: true, render: (a) => h('a', { href: `#/accidents/${a.id}` }, a.reference) },
        { label: t('accidents.person'), render: (a) => personLink(ctx, a.personId) },
        { label: t('accidents.occurredAt'), render: (a) => fmtDateTime(a.occurredAt) },
        { label: t('accidents.place'), render: (a) => a.place },
        { label: t('accidents.status'), render: (a) => statusBadge(a.status) },
        { label: t('accidents.deadline'), render: deadline },
        { label: t('accidents.declared'), render: (a) => fmtDateTime(a.declaredAt) },
      ],
    }));
}

export async function renderOne(ctx, id) {
  const a = await get(`/api/accidents/${id}`);
  await ctx.loadPersons([a.personId]);
  const health = ctx.can('accidents.health');
  return h('section', {},
    pageHeader(`${t('accidents.reference')} ${a.reference}`),
    h('p', {}, h('a', { href: '#/accidents' }, `← ${t('app.back')}`)),
    dl([
      [t('accidents.status'), statusBadge(a.status)],
      [t('accidents.person'), personLink(ctx, a.personId)],
      [t('app.employer'), ctx.employerName(a.employerId)],
      [t('accidents.occurredAt'), fmtDateTime(a.occurredAt)],
      [t('accidents.place'), a.place],
      [t('accidents.deadline'), deadline(a)],
      [t('accidents.declared'), a.declaredAt ? `${fmtDateTime(a.declaredAt)} (${a.declaredVia ?? ''})` : null],
      [t('cycles.workflow'), a.workflowId ? h('code', {}, a.workflowId) : null],
    ]),
    h('h2', {}, t('accidents.details')),
    a.details
      ? dl([[t('accidents.description'), a.details.description], [t('accidents.injuries'), a.details.injuries.map((i) => `${i.bodyPart}: ${i.nature}`).join('; ')]])
      : h('p', { class: 'notice' }, t('accidents.detailsRestricted')),
    a.reminders.length ? [h('h2', {}, t('accidents.reminders')), h('ul', {}, a.reminders.map((r) => h('li', {}, `${fmtDateTime(r.at)} — ${r.kind}`)))] : null,
    a.closeBlockers.length ? [h('h2', {}, t('accidents.closeBlockers')), h('ul', {}, a.closeBlockers.map((b) => h('li', {}, b)))] : null,
    h('h2', {}, t('accidents.tasks')),
    table({
      caption: t('accidents.tasks'), captionHidden: true, empty: t('app.none'), rows: a.tasks,
      columns: [
        { label: t('accidents.kind'), render: (x) => label('taskKind', x.kind) },
        { label: t('tasks.status'), render: (x) => label('taskStatus', x.status) },
        { label: t('tasks.dueLabel'), render: (x) => dueDate(x.dueAt, x.status !== 'open') },
      ],
    }),
    h('h2', {}, t('accidents.documents')),
    table({
      caption: t('accidents.documents'), captionHidden: true, empty: t('app.none'), rows: a.documents,
      columns: [
        { label: t('accidents.kind'), render: (d) => d.kind },
        { label: t('reports.file'), render: (d) => (health
          ? h('a', { href: `/api/accidents/${a.id}/documents/${d.id}`, download: d.fileName ?? 'document' }, d.fileName ?? t('app.download'))
          : h('span', { class: 'hint' }, t('accidents.noContent'))) },
        { label: t('accidents.validUntil'), render: (d) => fmtDate(d.validUntil) },
        { label: t('accidents.by'), render: (d) => d.uploadedBy },
        { label: t('accidents.when'), render: (d) => fmtDateTime(d.createdAt) },
      ],
    }),
    h('h2', {}, t('accidents.history')),
    table({
      caption: t('accidents.history'), captionHidden: true, empty: t('app.none'), rows: a.history,
      columns: [
        { label: t('accidents.when'), render: (e) => fmtDateTime(e.at) },
        { label: t('accidents.kind'), render: (e) => e.kind },
        { label: t('accidents.by'), render: (e) => e.by },
      ],
    }));
}

import { type Answer, get } from '../api.js';
import { type Column, h, table } from '../dom.js';
import { fmtDateTime, fmtNumber, label, locale, t } from '../i18n.js';
import { badge, moreButton, pageHeader, type Ctx } from './common.js';

type Report = Answer<'get', '/api/reports'>['items'][number];

const REPORT_TONE: Record<string, string> = { delivered: 'ok', rendered: 'info', failed: 'danger' };

export async function renderList(ctx: Ctx) {
  const params = { employerId: ctx.employerId, limit: 50 };
  const [{ items, nextCursor }, suppliers, contributions] = await Promise.all([
    get(`/api/reports`, params), ctx.suppliers(),
    // Contribution files are listed per employer: shown once one is chosen.
    ctx.employerId ? get(`/api/employers/${ctx.employerId}/contribution-files`, { limit: 50 }) : Promise.resolve(null),
  ]);
  const columns: Column<Report>[] = [
    { label: t('reports.period'), rowHeader: true, render: (r) => r.period },
    { label: t('app.employer'), render: (r) => ctx.employerName(r.employerId) },
    { label: t('reports.supplier'), render: (r) => suppliers.find((s) => s.id === r.supplierId)?.name ?? '' },
    // A plain link: the browser sends the session cookie, the server answers an attachment.
    { label: t('reports.file'), render: (r) => [h('a', { href: `/api/reports/${r.id}/file`, download: r.fileName }, r.fileName), r.encrypted ? [' ', badge(t('reports.encrypted'), 'muted')] : null] },
    { label: t('reports.lines'), class: 'num', render: (r) => fmtNumber(r.lineCount) },
    { label: t('reports.status'), render: (r) => badge(label('reportStatus', r.status), REPORT_TONE[r.status] ?? 'info') },
    { label: t('reports.deliveries'), render: (r) => r.deliveries.map((d) => `${label('transport', d.transport)}: ${label('deliveryStatus', d.status)}${d.deliveredAt ? ` (${fmtDateTime(d.deliveredAt)})` : ''}`).join('; ') },
    { label: t('messages.created'), render: (r) => fmtDateTime(r.createdAt) },
    { label: t('cycles.title'), render: (r) => (r.cycleId && ctx.can('cycles.view') ? h('a', { href: `#/cycles/${r.cycleId}` }, t('reports.openCycle')) : '') },
  ];
  const list = table({ caption: t('reports.title'), captionHidden: true, empty: t('reports.empty'), rows: items, columns });
  return h('section', {},
    pageHeader(t('reports.title')),
    list,
    moreButton('/api/reports', params, nextCursor, (more: Report[]) => {
      const body = list.querySelector('tbody');
      for (const r of more) body?.append(h('tr', { 'data-id': r.id }, columns.map((c) => h('td', {}, c.render(r)))));
    }),
    contributions ? contributionFiles(contributions.items) : null);
}

/** The payroll's contribution files (docs/benefits.md): each version, its total and findings, and the file as produced. */
function contributionFiles(items: Answer<'get', '/api/employers/{id}/contribution-files'>['items']) {
  const money = (cents: number) => new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
  return h('section', {},
    h('h2', {}, t('contributions.title')),
    table({
      caption: t('contributions.title'), captionHidden: true, empty: t('contributions.empty'), rows: items,
      columns: [
        { label: t('reports.period'), rowHeader: true, render: (f) => f.period },
        { label: t('contributions.version'), class: 'num', render: (f) => [String(f.version), f.version > 1 ? [' ', badge(t('contributions.newVersion'), 'warn')] : null] },
        { label: t('reports.file'), render: (f) => (f.purged ? f.fileName : h('a', { href: f.downloadUrl, download: f.fileName }, f.fileName)) },
        { label: t('reports.lines'), class: 'num', render: (f) => fmtNumber(f.lineCount) },
        { label: t('contributions.total'), class: 'num', render: (f) => money(f.employeeTotalCents) },
        { label: t('contributions.findings'), class: 'num', render: (f) => (f.findingCount ? badge(fmtNumber(f.findingCount), 'warn') : '0') },
        { label: t('reports.status'), render: (f) => badge(label('contributionStatus', f.status), f.status === 'delivered' ? 'ok' : 'info') },
        { label: t('messages.created'), render: (f) => fmtDateTime(f.createdAt) },
      ],
    }));
}

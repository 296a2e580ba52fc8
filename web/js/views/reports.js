import { get, qs } from '../api.js';
import { h, table } from '../dom.js';
import { fmtDateTime, fmtNumber, t } from '../i18n.js';
import { badge, pageHeader } from './common.js';

export async function renderList(ctx) {
  const [{ items }, suppliers] = await Promise.all([get(`/api/reports${qs({ employerId: ctx.employerId, limit: 200 })}`), ctx.suppliers()]);
  return h('section', {},
    pageHeader(t('reports.title')),
    table({
      caption: t('reports.title'), captionHidden: true, empty: t('reports.empty'), rows: items,
      columns: [
        { label: t('reports.period'), rowHeader: true, render: (r) => r.period },
        { label: t('app.employer'), render: (r) => ctx.employerName(r.employerId) },
        { label: t('reports.supplier'), render: (r) => suppliers.find((s) => s.id === r.supplierId)?.name ?? '' },
        // A plain link: the browser sends the session cookie, the server answers an attachment.
        { label: t('reports.file'), render: (r) => [h('a', { href: `/api/reports/${r.id}/file`, download: r.fileName }, r.fileName), r.encrypted ? [' ', badge(t('reports.encrypted'), 'muted')] : null] },
        { label: t('reports.lines'), class: 'num', render: (r) => fmtNumber(r.lineCount) },
        { label: t('reports.status'), render: (r) => badge(r.status, 'info') },
        { label: t('reports.deliveries'), render: (r) => r.deliveries.map((d) => `${d.transport}: ${d.status}${d.deliveredAt ? ` (${fmtDateTime(d.deliveredAt)})` : ''}`).join('; ') },
        { label: t('messages.created'), render: (r) => fmtDateTime(r.createdAt) },
      ],
    }));
}

import { type Answer, get } from '../api.js';
import { h, table } from '../dom.js';
import { fmtDateTime, label, t } from '../i18n.js';
import { badge, pageHeader, temporalLink, type Ctx } from './common.js';

type Cycle = Answer<'get', '/api/cycles'>['items'][number];

const STAGES = ['starting', 'waiting_for_import', 'audit', 'classification', 'tasks', 'completeness', 'messages', 'findings', 'reports', 'delivery', 'contributions', 'comparisons', 'closed'];

export async function renderList(ctx: Ctx) {
  const [{ items }, suppliers] = await Promise.all([get(`/api/cycles`, { employerId: ctx.employerId, limit: 100 }), ctx.suppliers()]);
  const supplierName = (id: string | null | undefined) => suppliers.find((x) => x.id === id)?.name ?? '';
  return h('section', {},
    pageHeader(t('cycles.title')),
    table({
      caption: t('cycles.title'), captionHidden: true, empty: t('cycles.empty'), rows: items,
      columns: [
        { label: t('app.employer'), rowHeader: true, render: (c) => ctx.employerName(c.employerId) },
        { label: t('cycles.period'), render: (c) => c.period },
        { label: t('cycles.status'), render: (c) => badge(c.status, c.status === 'closed' ? 'ok' : 'info') },
        { label: t('cycles.stage'), render: (c) => stage(c) },
        { label: t('cycles.waitingFor'), render: (c) => c.progress?.waitingFor ?? '' },
        { label: t('cycles.openTasks'), class: 'num', render: (c) => (c.progress ? h('a', { href: '#/tasks' }, String(c.progress.openTasks)) : '') },
        { label: t('cycles.progress'), render: (c) => counts(c.progress?.counts ?? c.summary?.counts) },
        { label: t('cycles.attention'), render: (c) => problems(c.summary?.events, supplierName) },
        { label: t('cycles.workflow'), render: (c) => temporalLink(ctx, c.workflowId) },
        { label: t('messages.created'), render: (c) => fmtDateTime(c.createdAt) },
      ],
    }));
}

function stage(c: Cycle) {
  const index = Math.max(0, STAGES.indexOf(c.stage));
  const text = `${label('cycleStage', c.stage)} (${index + 1}/${STAGES.length})`;
  return h('div', { class: 'stage' }, h('progress', { max: STAGES.length, value: index + 1, 'aria-label': text }), h('span', {}, text));
}

function counts(obj: unknown) {
  const entries = Object.entries(obj ?? {}).filter(([, v]) => typeof v === 'number');
  return entries.length ? h('ul', { class: 'plain' }, entries.map(([k, v]) => h('li', {}, `${label('taskKind', label('messageStatus', k))}: ${v}`))) : '';
}

/** What went wrong for one supplier without stopping the cycle: reports not made, deliveries failed. */
function problems(events: unknown, supplierName: (id: string | null | undefined) => string) {
  // The summary is the workflow's own record (unknown to the API's schema): read defensively.
  const failed = (Array.isArray(events) ? events as { kind?: unknown }[] : []).filter((e): e is { kind: string; supplierId?: string | null; reason?: string | null } => typeof e.kind === 'string' && e.kind.endsWith('_failed'));
  if (!failed.length) return '';
  return h('ul', { class: 'plain' }, failed.map((e) => h('li', {},
    badge(label('cycleEvent', e.kind), 'warn'),
    ` ${[supplierName(e.supplierId), e.reason ? label('cycleEventReason', e.reason) : ''].filter(Boolean).join(' — ')}`)));
}

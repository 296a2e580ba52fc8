import { type Answer, errorMessage, get, post, qs } from '../api.js';
import { type Column, dl, field, h, table } from '../dom.js';
import { fmtDate, fmtDateTime, label, t } from '../i18n.js';
import { badge, moreButton, pageHeader, personLink, temporalLink, type Ctx } from './common.js';
import { findingText } from './enrollments.js';

const STATUSES = ['incomplete', 'not_sent', 'queued', 'send_failed', 'sent', 'processed', 'rejected', 'cancelled'];
/** As domain/messages/lifecycle.ts canResend: after a failure, a rejection, or any sent message. */
const RESENDABLE = new Set(['send_failed', 'queued', 'sent', 'processed', 'rejected']);
/** As domain/messages/lifecycle.ts canCancel: only a message that has not been sent. */
const CANCELLABLE = new Set(['incomplete', 'not_sent']);
type Message = Answer<'get', '/api/messages'>['items'][number];
type Status = Message['status'];

const TONE: Record<string, string> = { incomplete: 'warn', not_sent: 'muted', queued: 'info', send_failed: 'danger', sent: 'info', processed: 'ok', rejected: 'danger', cancelled: 'muted' };

export const statusBadge = (s: string) => badge(label('messageStatus', s), TONE[s] ?? 'muted');

export async function renderList(ctx: Ctx) {
  const q = ctx.query;
  const params = {
    // '' (any) is left out of the query string.
    status: (STATUSES.includes(q.status) ? q.status : '') as Status, supplierId: q.supplierId ?? '',
    employerId: q.employerId ?? ctx.employerId, personId: q.personId ?? '', limit: 50,
  };
  const [page, summary, suppliers] = await Promise.all([
    get(`/api/messages`, params), get(`/api/messages/summary`, { employerId: params.employerId, supplierId: params.supplierId }), ctx.suppliers(),
  ]);
  const supplierName = (id: string | null | undefined) => suppliers.find((s) => s.id === id)?.name ?? '';
  await ctx.loadPersons(page.items.map((m) => m.personId));

  const status = h('select', { name: 'status' }, h('option', { value: '' }, t('app.any')),
    STATUSES.map((s) => h('option', { value: s, selected: s === params.status }, label('messageStatus', s))));
  const supplier = h('select', { name: 'supplierId' }, h('option', { value: '' }, t('app.any')),
    suppliers.map((s) => h('option', { value: s.id, selected: s.id === params.supplierId }, s.name)));
  const employer = h('select', { name: 'employerId' }, h('option', { value: '' }, t('app.allEmployers')),
    ctx.me.employers.map((e) => h('option', { value: e.id, selected: e.id === params.employerId }, e.name)));
  const filters = h('form', { class: 'filters', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    ctx.navigate(`#/messages${qs({ status: status.value, supplierId: supplier.value, employerId: employer.value })}`);
  } }, field(t('messages.status'), status), suppliers.length ? field(t('messages.supplier'), supplier) : null, field(t('app.employer'), employer),
  h('button', { type: 'submit' }, t('app.filter')));

  const columns: Column<Message>[] = [
    { label: t('messages.created'), render: (m) => h('a', { href: `#/messages/${m.id}` }, fmtDateTime(m.createdAt)) },
    { label: t('messages.person'), render: (m) => personLink(ctx, m.personId) },
    { label: t('messages.supplier'), render: (m) => supplierName(m.supplierId) },
    { label: t('messages.kind'), render: (m) => label('messageKind', m.kind) },
    { label: t('messages.status'), render: (m) => statusBadge(m.status) },
    { label: t('messages.sendDate'), render: (m) => fmtDate(m.sendDate) },
    { label: t('messages.version'), class: 'num', render: (m) => String(m.version) },
  ];
  const list = table({ caption: t('messages.title'), captionHidden: true, columns, rows: page.items, empty: t('messages.empty') });
  const more = moreButton('/api/messages', params, page.nextCursor, async (items: Message[]) => {
    await ctx.loadPersons(items.map((m) => m.personId));
    const body = list.querySelector('tbody')!;
    for (const m of items) body.append(h('tr', { 'data-id': m.id }, columns.map((c) => h('td', { class: c.class }, c.render(m)))));
  });
  // The summary route declares no response schema (so its generated type is empty): counts per status.
  const byStatus = summary as unknown as Record<string, number | undefined>;
  const counts = STATUSES.filter((s) => byStatus[s]);
  return h('section', {},
    pageHeader(t('messages.title')),
    filters,
    counts.length ? h('section', { 'aria-labelledby': 'msg-summary', class: 'summary' }, h('h2', { id: 'msg-summary', class: 'visually-hidden' }, t('messages.summary')),
      h('ul', { class: 'chips' }, counts.map((s) => h('li', {}, h('a', { href: `#/messages${qs({ ...params, limit: '', status: s })}` }, statusBadge(s), ` ${byStatus[s] ?? 0}`))))) : null,
    list, more);
}

export async function renderOne(ctx: Ctx, id: string) {
  const m = await get(`/api/messages/${id}`);
  const suppliers = await ctx.suppliers();
  await ctx.loadPersons([m.personId]);
  const canResend = ctx.can('messages.resend') && RESENDABLE.has(m.status);
  const resend: HTMLButtonElement | null = canResend ? h('button', { type: 'button', id: 'resend', onclick: async () => {
    resend!.disabled = true;
    try {
      const after = await post(`/api/messages/${id}/resend`);
      ctx.announce(t('messages.resent', { version: after.version }));
      await ctx.refresh();
    } catch (err) {
      ctx.showError(t('app.error', { message: errorMessage(err) }));
      resend!.disabled = false;
    }
  } }, t('messages.resend')) : null;
  const cancel = ctx.can('messages.resend') && CANCELLABLE.has(m.status) ? cancelForm(ctx, id) : null;
  const finding = (f: Message['warnings'][number]) => {
    const { text, suggestion } = findingText(f);
    return h('li', {}, text, suggestion ? h('div', { class: 'hint' }, suggestion) : null);
  };
  // Where HR fixes what stops the message: the person's data (incomplete) or the enrollment's start (120-day rule).
  const fix = !ctx.can('persons.edit') || !ctx.can('persons.view') ? null
    : m.status === 'incomplete' && m.missingFields.some((f) => !f.includes('.') && f !== 'confirmation')
      ? h('a', { class: 'button-link', id: 'fix-message', href: `#/persons/${m.personId}?correct=1` }, t('messages.completeData'))
      : m.status === 'send_failed' && m.failure?.code === 'start_too_old' && m.enrollmentId
        ? h('a', { class: 'button-link', id: 'fix-message', href: `#/persons/${m.personId}?enrollment=${m.enrollmentId}` }, t('messages.correctStart'))
        : null;
  return h('section', {},
    pageHeader(`${t('messages.detail')}: ${label('messageKind', m.kind)}`, h('div', { class: 'actions' }, fix, resend)),
    h('p', {}, h('a', { href: '#/messages' }, `← ${t('app.back')}`)),
    cancel,
    dl([
      [t('messages.status'), statusBadge(m.status)],
      [t('messages.person'), personLink(ctx, m.personId)],
      [t('messages.supplier'), suppliers.find((s) => s.id === m.supplierId)?.name],
      [t('app.employer'), ctx.employerName(m.employerId)],
      [t('messages.factDate'), fmtDate(m.factDate)],
      [t('messages.sendDate'), fmtDate(m.sendDate)],
      [t('messages.version'), String(m.version)],
      [t('messages.reference'), m.supplierReference],
      [t('messages.missing'), m.missingFields.length ? m.missingFields.map((f) => label('field', f)).join(', ') : null],
      [t('messages.changedSinceSent'), m.changedSinceSent.length ? m.changedSinceSent.map((f) => label('field', f)).join(', ') : null],
      [t('messages.failure'), m.failure ? h('ul', {}, finding(m.failure)) : null],
      [t('messages.rejection'), m.errorCode || m.errorText ? `${m.errorCode ?? ''} ${m.errorText ?? ''} (${fmtDate(m.receiptDate)})` : null],
      [t('messages.cancelReason'), m.cancelReason],
      [t('messages.warnings'), m.warnings.length ? h('ul', {}, m.warnings.map(finding)) : null],
      [t('cycles.workflow'), temporalLink(ctx, m.workflowId)],
    ]),
    h('h2', { id: 'history' }, t('messages.history')),
    table({
      caption: t('messages.history'), captionHidden: true, empty: t('app.none'), rows: m.events,
      columns: [
        { label: t('messages.at'), render: (e) => fmtDateTime(e.at) },
        { label: t('messages.version'), class: 'num', render: (e) => String(e.version) },
        { label: t('messages.from'), render: (e) => (e.from ? label('messageStatus', e.from) : '—') },
        { label: t('messages.to'), render: (e) => label('messageStatus', e.to) },
        { label: t('messages.cause'), render: (e) => label('messageCause', e.cause) },
        { label: t('messages.actor'), render: (e) => e.actor },
      ],
    }),
    ctx.can('persons.view') ? proofPart(m) : null);
}

/**
 * Proof of what was sent (the bodies hold the person's data: also persons.view). Same-origin links,
 * so the download carries the session cookie; each read is in the audit trail. A version's body is
 * kept when it is handed to the transport (a re-delivery sends that same body), so the versions
 * offered are those the history shows handed over — read from the events, not by opening the proof.
 */
function proofPart(m: Answer<'get', '/api/messages/{id}'>) {
  const handedOver = new Map<number, string>();
  for (const e of m.events) if (e.cause === 'handed_to_transport' && !handedOver.has(e.version)) handedOver.set(e.version, e.at);
  const versions = [...handedOver].sort(([a], [b]) => a - b).map(([version, at]) => ({ version, at }));
  return h('section', { class: 'proof', 'aria-labelledby': 'proof-title' },
    h('h2', { id: 'proof-title' }, t('messages.proof')),
    h('p', { class: 'hint' }, t('messages.proofHint')),
    h('p', {}, h('a', { class: 'button-link', href: `/api/messages/${m.id}/proof`, download: `message-${m.id}-proof.json`, 'data-action': 'download-proof' }, t('messages.proofDownload'))),
    table({
      caption: t('messages.sentVersions'), empty: t('messages.noSentVersions'), rows: versions,
      columns: [
        { label: t('messages.version'), class: 'num', rowHeader: true, render: (v) => String(v.version) },
        { label: t('messages.handedOverAt'), render: (v) => fmtDateTime(v.at) },
        { label: t('messages.sentBody'), render: (v) => h('a', {
          href: `/api/messages/${m.id}/versions/${v.version}/body`, download: `message-${m.id}-v${v.version}.json`, 'data-action': 'download-body', 'data-version': String(v.version),
        }, t('messages.sentBodyDownload', { version: v.version })) },
      ],
    }));
}

/** Cancels an unsent message, with the reason the API requires. */
function cancelForm(ctx: Ctx, id: string) {
  const reason = h('input', { type: 'text', id: 'cancel-reason', name: 'reason', required: true, minlength: 3, maxlength: 500, autocomplete: 'off' });
  const form = h('form', { class: 'answer card', 'aria-labelledby': 'cancel-title' });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const button = form.querySelector('button')!;
    button.disabled = true;
    try {
      await post(`/api/messages/${id}/cancel`, { reason: reason.value.trim() });
      ctx.announce(t('messages.cancelledDone'));
      await ctx.refresh();
    } catch (err) {
      ctx.showError(t('app.error', { message: errorMessage(err) }));
      button.disabled = false;
    }
  });
  form.append(h('h2', { id: 'cancel-title', class: 'visually-hidden' }, t('messages.cancel')),
    field(t('messages.cancelReason'), reason), h('button', { type: 'submit', class: 'secondary', id: 'cancel-message' }, t('messages.cancel')));
  return form;
}

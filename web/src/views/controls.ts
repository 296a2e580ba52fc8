import { type Answer, ApiError, errorMessage, get, post, put, qs } from '../api.js';
import { field, h, table } from '../dom.js';
import { fmtDateTime, label, type Language, language, t } from '../i18n.js';
import { appendAll, badge, moreButton, needEmployer, pageHeader, submitter, type Ctx } from './common.js';

type Finding = Answer<'get', '/api/findings'>['items'][number];
type Severity = Finding['severity'];

const SEVERITY_KIND: Record<string, string> = { blocking: 'danger', warning: 'warn', info: 'info' };

/** Controls: the employer's audit rules (add from a template, switch on or off) and the findings of its latest import. */
export async function renderList(ctx: Ctx) {
  if (!ctx.employerId) return needEmployer(ctx, t('nav.controls'));
  const lang = language();
  const section = h('section', {}, pageHeader(t('nav.controls')));
  if (ctx.can('controls.view')) section.append(await rulesPart(ctx, lang));
  if (ctx.can('findings.view')) section.append(await findingsPart(ctx, lang));
  return section;
}

async function rulesPart(ctx: Ctx, lang: Language) {
  const { items } = await get(`/api/employers/${ctx.employerId}/audit-rules`);
  const part = h('div', { class: 'part' }, h('h2', {}, t('controls.rules')));
  part.append(table({
    caption: t('controls.rules'), captionHidden: true, empty: t('controls.noRules'), rows: items,
    columns: [
      { label: t('controls.rule'), rowHeader: true, render: (r) => r.name },
      { label: t('controls.check'), render: (r) => r.description[lang] },
      { label: t('controls.severity'), render: (r) => badge(label('severity', r.severity), SEVERITY_KIND[r.severity]) },
      { label: t('controls.version'), class: 'num', render: (r) => String(r.version) },
      { label: t('controls.enabled'), render: (r) => (ctx.can('controls.manage')
        ? h('button', { type: 'button', class: 'secondary', onclick: async () => {
          try {
            // The rule as read, switched: population and definition go back as the API gave them.
            await put(`/api/audit-rules/${r.id}`, { name: r.name, severity: r.severity, population: r.population as never, definition: r.definition as never, enabled: !r.enabled });
            await ctx.refresh();
          } catch (err) { ctx.showError(t('app.error', { message: errorMessage(err) })); }
        } }, r.enabled ? t('controls.switchOff') : t('controls.switchOn'))
        : (r.enabled ? t('controls.on') : t('controls.off'))) },
    ],
  }));
  if (ctx.can('controls.manage')) {
    const templates = (await get('/api/audit-rule-templates')).items;
    const select = h('select', { name: 'templateId', required: true }, templates.map((tpl) => h('option', { value: tpl.id }, tpl.labels[lang])));
    const form = h('form', { class: 'inline' });
    form.addEventListener('submit', submitter(ctx, form, async () => {
      await post(`/api/employers/${ctx.employerId}/audit-rules`, { templateId: select.value, name: templates.find((x) => x.id === select.value)?.labels[lang] ?? '' });
      ctx.announce(t('controls.added'));
      await ctx.refresh();
    }));
    form.append(field(t('controls.fromTemplate'), select), h('button', { type: 'submit' }, t('controls.add')));
    part.append(form);
  }
  return part;
}

/** The findings of the latest completed import; `outcome`: what an audit run again just said (the part is drawn anew after it). */
async function findingsPart(ctx: Ctx, lang: Language, outcome?: string): Promise<HTMLElement> {
  const part = h('div', { class: 'part' }, h('h2', {}, t('controls.findings')));
  const imports = (await get(`/api/employers/${ctx.employerId}/payroll-imports`)).items ?? [];
  const latest = imports.find((i) => i.status === 'completed');
  if (!latest) {
    part.append(h('p', { class: 'empty' }, t('controls.noImport')));
    return part;
  }
  const severity = ctx.query?.severity ?? '';
  // '' (all) is left out of the query string.
  const params = { importId: latest.id, severity: severity as Severity, limit: 100 };
  const page = await get(`/api/findings`, params);
  const filter = h('select', { name: 'severity', onchange: (e) => ctx.navigate(`#/controls${e.target.value ? `?severity=${e.target.value}` : ''}`) },
    h('option', { value: '' }, t('controls.allSeverities')),
    ['blocking', 'warning', 'info'].map((s) => h('option', { value: s, selected: s === severity }, label('severity', s))));
  appendAll(part,
    h('p', {}, `${t('controls.import')} ${latest.period} (${fmtDateTime(latest.completedAt)}) `,
      h('a', { href: `/api/findings/export${qs({ importId: latest.id, lang })}`, download: `findings-${latest.period}.xlsx` }, t('controls.export'))),
    ctx.can('controls.manage') ? auditAgainForm(ctx, latest, async (text) => part.replaceWith(await findingsPart(ctx, lang, text))) : null,
    outcome ? h('p', { class: 'audit-result notice', tabindex: '-1' }, outcome) : null,
    field(t('controls.severity'), filter));
  if (outcome) requestAnimationFrame(() => part.querySelector<HTMLElement>('.audit-result')?.focus());
  const rows = h('div', {});
  const render = (items: Finding[]) => table({
    caption: t('controls.findings'), captionHidden: true, empty: t('controls.noFindings'), rows: items,
    columns: [
      { label: t('controls.employeeNumber'), rowHeader: true, render: (f) => (f.personId && ctx.can('persons.view') ? h('a', { href: `#/persons/${f.personId}` }, f.employeeNumber) : f.employeeNumber) },
      { label: t('controls.severity'), render: (f) => badge(label('severity', f.severity), SEVERITY_KIND[f.severity]) },
      { label: t('controls.rule'), render: (f) => `${f.ruleName} (v${f.ruleVersion})` },
      { label: t('controls.field'), render: (f) => label('field', f.field) },
      { label: t('controls.values'), render: (f) => (f.values ? [f.values.previousValue !== null ? `${f.values.previousValue} → ` : '', f.values.value ?? '—'].join('') : '') },
      { label: t('controls.status'), render: (f) => [label('findingStatus', f.status), f.reason ? ` — ${f.reason}` : ''].join('') },
      { label: '', render: (f) => (f.status === 'open' && ctx.can('findings.acknowledge') ? acknowledgeForm(ctx, f) : '') },
    ],
  });
  rows.append(render(page.items));
  const all = [...page.items];
  part.append(rows, moreButton('/api/findings', params, page.nextCursor, (items: Finding[]) => {
    all.push(...items);
    rows.replaceChildren(render(all));
  }) ?? '');
  return part;
}

/**
 * "Audit again": the employer's rules run over the import once more (after a rule changed, or data
 * was corrected); findings no longer raised are resolved, and a cycle waiting on findings looks again.
 * The outcome is said in words: how many people, what was found, and how many blocking findings stay open.
 */
function auditAgainForm(ctx: Ctx, imp: { id: string; period: string }, done: (outcome: string) => Promise<void>) {
  const form = h('form', { class: 'audit-again inline', 'aria-label': t('controls.auditAgain') });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const r = await post(`/api/payroll-imports/${imp.id}/audit`);
    const counts = r.counts as Partial<Record<Severity, number>>;
    const text = t('controls.audited', {
      period: imp.period, persons: r.personCount, blocking: counts.blocking ?? 0, warning: counts.warning ?? 0, info: counts.info ?? 0, open: r.blocking,
    });
    ctx.announce(text);
    await done(text);
  }));
  form.append(h('button', { type: 'submit', class: 'secondary', 'data-action': 'audit-again' }, t('controls.auditAgain')));
  return form;
}

function acknowledgeForm(ctx: Ctx, finding: Finding) {
  const reason = h('input', { type: 'text', name: 'reason', required: true, minlength: 3, maxlength: 500, autocomplete: 'off' });
  const form = h('form', { class: 'answer' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    try {
      await post(`/api/findings/${finding.id}/acknowledge`, { reason: reason.value.trim() });
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 409)) throw err;
    }
    ctx.announce(t('controls.acknowledged'));
    await ctx.refresh();
  }));
  form.append(field(t('controls.reason'), reason), h('button', { type: 'submit' }, t('tasks.acknowledge')));
  return form;
}

/**
 * The audit's fast evaluation (snapshot read as bytes, rules compiled to slots, unchanged people
 * skipped by the change rules) against a straightforward reference — every line split, every
 * rule asked through compileRule with readers by name, change rules for everyone — on seeded
 * generated snapshots full of awkward values. Both must find exactly the same hits, in order.
 */
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from '../../../activities/audit/run-audit';
import { packHits, unpackHits } from '../../../activities/audit/snapshot-scan';
import { type AuditRule, RULE_TEMPLATES, auditRuleSchema, compileRule, rowReader } from '../../../domain/audit/rules';
import { CANONICAL_FIELDS } from '../../../domain/payroll/canonical';
import { bsnAtOrAfter } from '../../../domain/shared/identifiers';
import { rng } from '../../../bench/generate-snapshot';
import { keyOf, lineContent, parseSnapshotLine, snapshotHeaderLine, snapshotLine, type SnapshotHeader } from '../../../activities/payroll/snapshot-file';

const NUMBERS = ['3000', '3000.5', '1999.99', '2000', '-12', '0', '-0', '00012.50', ' 12', '12 ', ' ', '1e3', '0x1F', '.5', '5.', 'abc', '1234567890123456789',
  '123456789012345', '99999999999999.99', 'Infinity', '1,5', '١٢', '3.14159265358979', '100', '100.01', '10', '9.999', '2600', '2300', '-1.5e2', '+7'];
const DATES = ['1990-01-31', '2026-10-01', '2026-09-30', '2026-10-02', '1899-12-31', '2011-02-28', '2011-03-01', '1951-10-01', '1951-09-30', '31-12-1990',
  '2026-1-1', 'é026-01-01', '２０２６-01-01', '9999-99-99', '2010-06-15', '2025-06-14', '2025-06-15', '1925-06-15', '\u{1F600}', 'zzzz-zz-zz'];
const TEXTS = ['white_collar', 'blue_collar', 'NL', 'BE', 'DE', 'FR', 'PL', 'Öztürk', '\uFFFD', 'x', 'active', 'departed', '1', '2', '3', 'nl', ' NL', 'Kerkstraat'];
const ids = (r: () => number) => {
  const bsn = bsnAtOrAfter(10_000_000 + Math.floor(r() * 80_000_000)).bsn;
  const base = Math.floor(r() * 999_999_999);
  const insz = `${String(base).padStart(9, '0')}${String(97 - (base % 97)).padStart(2, '0')}`;
  const insz2000 = `${String(base).padStart(9, '0')}${String(97 - ((2_000_000_000 + base) % 97)).padStart(2, '0')}`;
  return [bsn, bsn, bsn.slice(1), `${bsn.slice(0, 8)}${(Number(bsn[8]) + 1) % 10}`, insz, insz2000, insz.slice(1), insz2000.slice(1), `${insz.slice(0, 10)}${(Number(insz[10]) + 3) % 10}`,
    `${bsn.slice(0, 3)}.${bsn.slice(3, 6)}.${bsn.slice(6)}`, ` ${bsn}`, 'abc', '000000000', '00000000', '12345678901234', '1234567', '0123456789'];
};

const DATE_FIELDS = new Set(['birthDate', 'hireDate', 'exitDate']);
const NUMBER_FIELDS = new Set(['workSchedulePercent', 'grossMonthlySalary', 'salaryClass']);

function valueFor(field: string, r: () => number): string | null {
  if (field === 'employeeNumber') throw new Error('keys are set apart');
  if (r() < 0.15) return null;
  const pool = field === 'nationalId' || field === 'custom.id' ? ids(r)
    : DATE_FIELDS.has(field) || field === 'custom.start' ? DATES
      : NUMBER_FIELDS.has(field) || field === 'custom.hours' ? NUMBERS : TEXTS;
  // Mostly plausible values, so that populations match and rules get past their guards.
  if (field === 'exitDate' && r() < 0.6) return null;
  return pool[Math.floor(r() * pool.length)];
}

function person(key: string, fields: readonly string[], custom: readonly string[], r: () => number): { canonical: (string | null)[]; custom: (string | null)[] } {
  return {
    canonical: fields.map((f) => (f === 'employeeNumber' ? key : valueFor(f, r))),
    custom: custom.map((c) => valueFor(`custom.${c}`, r)),
  };
}

async function writeSnapshot(path: string, header: { fields: readonly string[]; custom: string[] }, people: Map<string, { canonical: (string | null)[]; custom: (string | null)[] }>) {
  const head = JSON.parse(snapshotHeaderLine(header.custom, 'src')) as SnapshotHeader;
  const lines = [JSON.stringify({ ...head, fields: header.fields })];
  for (const p of people.values()) lines.push(snapshotLine('aGFzaA==', p.canonical, p.custom));
  await writeFile(path, `${lines.join('\n')}\n`);
}

const rule = (r: Partial<AuditRule> & Pick<AuditRule, 'definition'>): AuditRule => auditRuleSchema.parse({ name: 'r', severity: 'warning', ...r });

/** Rules of every kind and check, with populations on every filter shape, columns present and absent. */
const RULES: AuditRule[] = [
  ...RULE_TEMPLATES.map((t) => t.rule),
  rule({ definition: { kind: 'presence', fields: ['street', 'custom.hours', 'custom.nope', 'exitDate'] }, population: { field: 'status', equals: 'departed' } }),
  rule({ definition: { kind: 'presence', fields: ['status', 'city'] } }),
  rule({ definition: { kind: 'validity', check: { op: 'range', field: 'custom.hours', min: 0, max: 40 } }, population: { field: 'custom.dept', exists: true } }),
  rule({ definition: { kind: 'validity', check: { op: 'range', field: 'grossMonthlySalary', max: 3000 } }, population: { field: 'workSchedulePercent', range: { min: 0, max: 100 } } }),
  rule({ definition: { kind: 'validity', check: { op: 'range', field: 'custom.nope', min: 1 } } }),
  rule({ definition: { kind: 'validity', check: { op: 'range', field: 'status', min: 1 } } }),
  rule({ definition: { kind: 'validity', check: { op: 'age', at: 'exitDate', min: 18, max: 67 } }, population: { field: 'hireDate', range: { min: '2000-01-01', max: '2026-12-31' } } }),
  rule({ definition: { kind: 'validity', check: { op: 'age', at: 'custom.start', min: 16, max: 60 } } }),
  rule({ definition: { kind: 'validity', check: { op: 'age', at: 'status', min: 0, max: 150 } } }),
  rule({ definition: { kind: 'validity', check: { op: 'dateOrder', earlier: 'custom.start', later: 'hireDate' } }, population: { or: [{ field: 'country', equals: 'NL' }, { field: 'nationality', in: ['BE', 'DE'] }] } }),
  rule({ definition: { kind: 'validity', check: { op: 'dateOrder', earlier: 'birthDate', later: 'custom.nope' } } }),
  rule({ definition: { kind: 'validity', check: { op: 'identifier', field: 'custom.id' } }, population: { field: 'custom.nope', exists: false } }),
  rule({ definition: { kind: 'validity', check: { op: 'oneOf', field: 'category', values: ['white_collar', 'blue_collar'] } }, population: { field: 'custom.nope', equals: 'x' } }),
  rule({ definition: { kind: 'presence', fields: ['street'] }, population: { and: [{ field: 'age', range: { min: 30, max: 55 } }, { field: 'seniority', range: { min: 2 } }] } }),
  rule({ definition: { kind: 'validity', check: { op: 'oneOf', field: 'country', values: ['NL', 'BE', 'DE', 'FR', 'PL', 'LU', 'ES', 'IT', 'AT', 'CH', 'nl'] } } }),
  rule({ definition: { kind: 'validity', check: { op: 'oneOf', field: 'city', values: ['\uFFFD', 'x', '\uD800'] } }, population: { field: 'gender', in: ['x', 'Öztürk', '\uD800', '1', '2', '3', 'NL', 'BE', 'DE', 'FR'] } }),
  rule({ definition: { kind: 'validity', check: { op: 'range', field: 'salaryClass', min: 2 } }, population: { and: [{ field: 'status', in: ['active'] }, { field: 'status', exists: true }, { field: 'category', equals: '' }] } }),
  rule({ definition: { kind: 'validity', check: { op: 'range', field: 'salaryClass', min: 2 } }, population: { field: 'grossMonthlySalary', range: { min: 2000 } } }),
  rule({ definition: { kind: 'validity', check: { op: 'identifier', field: 'nationalId' } }, population: { field: 'status', range: { min: 1 } } }),
  rule({ definition: { kind: 'change', check: { op: 'changed', field: 'custom.dept' } }, population: { field: 'status', equals: 'active' } }),
  rule({ definition: { kind: 'change', check: { op: 'increaseAbove', field: 'custom.hours', percent: 5 } } }),
  rule({ definition: { kind: 'change', check: { op: 'decrease', field: 'workSchedulePercent' } }, population: { field: 'custom.hours', exists: true } }),
  rule({ definition: { kind: 'change', check: { op: 'changed', field: 'status' } } }),
  rule({ definition: { kind: 'change', check: { op: 'changed', field: 'custom.new' } } }),
];

/** The straightforward evaluation: every line split, every rule through readers by name. */
async function reference(current: string, baseline: string, period: string, rules: AuditRule[]) {
  const periodFrom = `${period}-01`;
  const read = async (path: string) => {
    const [head, ...lines] = (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '');
    const header = JSON.parse(head) as SnapshotHeader;
    const index = (names: readonly string[]) => new Map(names.map((n, i) => [n, i]));
    return { lines, reader: (line: string) => { const p = parseSnapshotLine(line); return rowReader(index(header.fields), index(header.custom.map((c) => `custom.${c}`)), periodFrom, p.canonical, p.custom); } };
  };
  const now = await read(current);
  const before = await read(baseline);
  const previous = new Map(before.lines.map((l) => [keyOf(l), l]));
  const compiled = rules.map((r) => ({ change: r.definition.kind === 'change', check: compileRule(r) }));
  const hits: { employeeNumber: string; rule: number; field: string; value: string | null; previousValue: string | null }[] = [];
  for (const line of now.lines) {
    const cur = now.reader(line);
    const prevLine = previous.get(keyOf(line));
    const prev = prevLine === undefined ? null : before.reader(prevLine);
    compiled.forEach((c, i) => {
      for (const h of c.check(cur, c.change ? prev : null)) hits.push({ employeeNumber: keyOf(line), rule: i, ...h });
    });
  }
  return { hits, personCount: now.lines.length, changedLines: now.lines.filter((l) => { const p = previous.get(keyOf(l)); return p !== undefined && lineContent(p) !== lineContent(l); }).length };
}

const asRows = (rules: AuditRule[]) => rules.map((r, i) => ({
  id: String(i), employerId: 'e', name: r.name, severity: r.severity, kind: r.definition.kind, population: r.population ?? null, definition: r.definition,
  enabled: true, version: 1, templateId: null, createdAt: new Date(0), updatedAt: new Date(0), updatedBy: 't',
}));

describe('audit evaluation over snapshot bytes', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'audit-eval-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it.each([1, 2, 3])('finds exactly what the reference finds (seed %i)', async (seed) => {
    const r = rng(seed);
    // Seed 3: month 1 has other custom columns (one added, order changed), so every line differs.
    const h0 = { fields: CANONICAL_FIELDS, custom: ['dept', 'hours', 'start', 'id'] };
    const h1 = seed === 3 ? { fields: CANONICAL_FIELDS, custom: ['id', 'start', 'hours', 'new', 'dept'] } : h0;
    const m0 = new Map<string, ReturnType<typeof person>>();
    for (let i = 0; i < 3000; i++) m0.set(`E${i}`, person(`E${i}`, h0.fields, h0.custom, r));
    const m1 = new Map<string, ReturnType<typeof person>>();
    for (const [key, p] of m0) {
      const roll = r();
      if (roll < 0.05) continue; // left
      const values = new Map<string, string | null>([...h0.fields.map((f, i) => [f, p.canonical[i]] as const), ...h0.custom.map((c, i) => [`custom.${c}`, p.custom[i]] as const)]);
      const next = { canonical: h1.fields.map((f) => values.get(f) ?? null), custom: h1.custom.map((c) => values.get(`custom.${c}`) ?? null) };
      if (roll < 0.4) {
        // Changed: a few fields redrawn.
        for (let k = 0; k < 3; k++) {
          const at = Math.floor(r() * (h1.fields.length + h1.custom.length));
          if (at === 0) continue;
          if (at < h1.fields.length) next.canonical[at] = valueFor(h1.fields[at], r);
          else next.custom[at - h1.fields.length] = valueFor(`custom.${h1.custom[at - h1.fields.length]}`, r);
        }
      }
      m1.set(key, next);
    }
    for (let i = 0; i < 200; i++) m1.set(`N${i}`, person(`N${i}`, h1.fields, h1.custom, r)); // hired
    await writeSnapshot(join(dir, `s0-${seed}`), h0, m0);
    await writeSnapshot(join(dir, `s1-${seed}`), h1, m1);

    const path = (id: string, part = 'snapshot') => join(dir, part === 'snapshot' ? id : `${id}.${part}`);
    const files = { snapshotPath: path, withSnapshot: <T>(id: string, work: (p: string) => Promise<T>, part?: string) => work(path(id, part)) };
    const fast = await evaluate(files, `s1-${seed}`, `s0-${seed}`, '2026-10', asRows(RULES));
    // As the import keeps it: last month's lines of the people whose line changed (snapshot-builder.ts).
    const changed = new Map([...m0].filter(([key, p]) => m1.has(key) && snapshotLine('h', p.canonical, p.custom) !== snapshotLine('h', m1.get(key)!.canonical, m1.get(key)!.custom)));
    await writeSnapshot(path(`s1-${seed}`, 'changed'), h0, changed);
    // Last month's whole snapshot out of the way: what the change rules find comes from those lines.
    await rename(path(`s0-${seed}`), path(`s0-${seed}`, 'away'));
    try {
      for (const splitAtBytes of [undefined, 0]) {
        const fromChanged = await evaluate(files, `s1-${seed}`, `s0-${seed}`, '2026-10', asRows(RULES), { splitAtBytes });
        expect(fromChanged.hits).toEqual(fast.hits);
      }
    } finally {
      await rename(path(`s0-${seed}`, 'away'), path(`s0-${seed}`));
    }
    const ref = await reference(join(dir, `s1-${seed}`), join(dir, `s0-${seed}`), '2026-10', RULES);

    expect(fast.personCount).toBe(ref.personCount);
    // Cut into parts as a large snapshot is, scanned by a worker thread (all parts, then shared with this one): the same hits in the same order.
    for (const workerOnly of [true, false]) {
      const split = await evaluate(files, `s1-${seed}`, `s0-${seed}`, '2026-10', asRows(RULES), { splitAtBytes: 0, workerOnly });
      expect(split.personCount).toBe(fast.personCount);
      expect(split.hits).toEqual(fast.hits);
    }
    expect(fast.hits.map((h) => ({ employeeNumber: h.employeeNumber, rule: Number(h.rule.id), field: h.field, value: h.value, previousValue: h.previousValue }))).toEqual(ref.hits);
    // The data exercises what it claims to: many hits of most rules, changed and unchanged people.
    const fired = new Set(ref.hits.map((h) => h.rule));
    expect(fired.size).toBeGreaterThan(RULES.length * 0.7);
    expect(ref.changedLines).toBeGreaterThan(500);
    if (seed !== 3) expect(ref.changedLines).toBeLessThan(ref.personCount - 1000);
  });

  it('without a baseline the change rules find nothing, the others the same', async () => {
    const files = { snapshotPath: (id: string) => join(dir, id), withSnapshot: <T>(id: string, work: (p: string) => Promise<T>) => work(join(dir, id)) };
    const fast = await evaluate(files, 's1-1', null, '2026-10', asRows(RULES));
    const ref = await reference(join(dir, 's1-1'), join(dir, 's1-1'), '2026-10', RULES.map((r) => r));
    const nonChange = new Set(RULES.flatMap((r, i) => (r.definition.kind === 'change' ? [] : [i])));
    expect(fast.hits.map((h) => ({ employeeNumber: h.employeeNumber, rule: Number(h.rule.id), field: h.field, value: h.value, previousValue: h.previousValue })))
      .toEqual(ref.hits.filter((h) => nonChange.has(h.rule)));
  });
});

describe('hits on their way back from the worker thread', () => {
  it('come back as they went, nulls and empty values apart, and as objects when a value holds US', () => {
    const hits = [
      { employeeNumber: 'E1', field: 'street', value: null, previousValue: 'Dorpsstraat', rule: 3 },
      { employeeNumber: 'E2', field: 'salary', value: '', previousValue: null, rule: 0 },
      { employeeNumber: 'É3', field: 'custom.x', value: 'a;b,"c"', previousValue: '', rule: 19 },
    ];
    const packed = packHits(hits);
    expect(packed.kind).toBe('columns');
    expect(unpackHits(packed)).toEqual(hits);
    expect(unpackHits(packHits([]))).toEqual([]);
    const odd = [{ ...hits[0], value: 'a\x1fb' }];
    expect(packHits(odd).kind).toBe('objects');
    expect(unpackHits(packHits(odd))).toEqual(odd);
  });
});

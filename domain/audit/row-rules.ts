/**
 * Presence and validity rules compiled against a snapshot's column layout, evaluated on a row
 * held as byte ranges: each field is found by its slot number, compiled in, instead of a lookup
 * by name per rule and person, and values are decoded to text only when a check cannot be made
 * on the bytes or a hit has to carry them. Over a million people this is what keeps the audit
 * within seconds. The semantics are exactly those of compileRule (rules.ts): every fast path
 * covers only shapes where it provably agrees (plain decimals, ISO dates, ASCII digits), and
 * everything else goes through the same functions on the decoded text. Change rules are not
 * compiled here: they run on the few people whose line changed, through compileRule.
 */
import { type FieldReader, type Filter, compileFilter, derivedValue, inRange } from '../eligibility/filter';
import { checkNationalId } from '../shared/identifiers';
import { type AuditRule, type RuleHit, compileRule } from './rules';

/** One person's row: slot k holds bytes[start[k]..end[k]); an empty range is an empty value (null). */
export interface ByteRow {
  readonly bytes: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** The UTF-8 text of slot k. */
  text(slot: number): string;
}

/** Where each field sits in the rows of one snapshot. */
export interface RowLayout {
  /**
   * Slot of a canonical field or `custom.<header>`, -1 when the snapshot has no such column.
   * Compiling a rule asks for every field it will read (`status`: the exit date), so a layout
   * can tell which slots rows need filled.
   */
  slotOf(field: string): number;
  /** First day of the period (yyyy-mm-dd): `status` is `departed` when the exit date lies before it. */
  periodFrom: string;
}

/** What one compiled rule found for one row; a shared empty array when nothing (never mutated). */
export type RowCheck = (row: ByteRow) => readonly RuleHit[];

const NOTHING: readonly RuleHit[] = Object.freeze([]) as readonly RuleHit[];
const hit = (field: string, value: string | null): RuleHit[] => [{ field, value, previousValue: null }];

const filled = (row: ByteRow, slot: number) => slot >= 0 && row.end[slot] > row.start[slot];
const textOf = (row: ByteRow, slot: number): string | null => (filled(row, slot) ? row.text(slot) : null);

/** The reader compileRule expects, over a byte row: the same answers as rowCursor (rules.ts). */
export function byteRowReader(layout: RowLayout, row: ByteRow): FieldReader {
  const exitSlot = layout.slotOf('exitDate');
  const plain: FieldReader = (field) => textOf(row, layout.slotOf(field));
  // No column can be called `status`, `age` or `seniority` (custom ones are `custom.*`): they are the derived ones.
  return (field) => {
    if (field === 'status') return statusOf(row, exitSlot, layout.periodFrom);
    if (DERIVED_FROM[field]) return derivedValue(field, plain, layout.periodFrom) ?? null;
    return plain(field);
  };
}

/** Fields computed from others (domain/eligibility/filter.ts `derivedValue`), and what they read. */
const DERIVED_FROM: Record<string, string> = { age: 'birthDate', seniority: 'hireDate' };

function statusOf(row: ByteRow, exitSlot: number, periodFrom: string): 'active' | 'departed' {
  if (!filled(row, exitSlot)) return 'active';
  const before = asciiCompare(row, exitSlot, periodFrom);
  return (before === null ? row.text(exitSlot) < periodFrom : before < 0) ? 'departed' : 'active';
}

/**
 * Sign of (slot's text) compared with an ASCII string, or null when the slot holds non-ASCII
 * bytes (JavaScript compares UTF-16 units, which only agrees with byte order for ASCII).
 */
function asciiCompare(row: ByteRow, slot: number, ascii: string): number | null {
  const b = row.bytes;
  const s = row.start[slot];
  const n = row.end[slot] - s;
  for (let i = 0; i < n; i++) if (b[s + i] >= 0x80) return null;
  const m = Math.min(n, ascii.length);
  for (let i = 0; i < m; i++) {
    const d = b[s + i] - ascii.charCodeAt(i);
    if (d !== 0) return d;
  }
  return n - ascii.length;
}

/** Sign of slot a's text against slot b's, or null when either holds non-ASCII bytes. */
function asciiCompareSlots(row: ByteRow, a: number, b: number): number | null {
  const bytes = row.bytes;
  const sa = row.start[a];
  const na = row.end[a] - sa;
  const sb = row.start[b];
  const nb = row.end[b] - sb;
  for (let i = 0; i < na; i++) if (bytes[sa + i] >= 0x80) return null;
  for (let i = 0; i < nb; i++) if (bytes[sb + i] >= 0x80) return null;
  const m = Math.min(na, nb);
  for (let i = 0; i < m; i++) {
    const d = bytes[sa + i] - bytes[sb + i];
    if (d !== 0) return d;
  }
  return na - nb;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The number in a slot written as `-?\d+(\.\d+)?` with at most 15 digits, else NaN (the caller
 * then decodes and uses Number). Exact: the digits form an integer below 2^53 and one division
 * by an exact power of ten rounds correctly, as Number's own parsing does.
 */
function plainNumber(row: ByteRow, slot: number): number {
  const b = row.bytes;
  let i = row.start[slot];
  const e = row.end[slot];
  const negative = b[i] === 0x2d;
  if (negative) i++;
  let m = 0;
  let digits = 0;
  let point = -1;
  for (; i < e; i++) {
    const c = b[i];
    if (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      digits++;
    } else if (c === 0x2e && point < 0 && digits > 0) {
      point = digits;
    } else {
      return NaN;
    }
  }
  if (digits === 0 || digits > 15 || point === digits) return NaN;
  const v = point < 0 ? m : m / POW10[digits - point];
  return negative ? -v : v;
}

/** rules.ts `num` on a filled slot: the fast path, or the same function on the text. */
function numberIn(row: ByteRow, slot: number): number | null {
  const n = plainNumber(row, slot);
  if (!Number.isNaN(n)) return n;
  const v = row.text(slot);
  if (v.trim() === '') return null;
  const parsed = Number(v);
  return Number.isFinite(parsed) ? parsed : null;
}

/** `^\d{4}-\d{2}-\d{2}$` on the bytes. */
function isIsoDate(row: ByteRow, slot: number): boolean {
  const b = row.bytes;
  const s = row.start[slot];
  if (row.end[slot] - s !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const c = b[s + i];
    if (i === 4 || i === 7 ? c !== 0x2d : c < 0x30 || c > 0x39) return false;
  }
  return true;
}

const digitsValue = (b: Uint8Array, s: number, n: number) => {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 10 + (b[s + i] - 0x30);
  return v;
};

/** ageOn (rules.ts) on two ISO-date slots: whole years, month-day compared as bytes. */
function ageBetween(row: ByteRow, birth: number, on: number): number {
  const b = row.bytes;
  const sb = row.start[birth];
  const so = row.start[on];
  const years = digitsValue(b, so, 4) - digitsValue(b, sb, 4);
  for (let i = 5; i < 10; i++) {
    const d = b[so + i] - b[sb + i];
    if (d !== 0) return d < 0 ? years - 1 : years;
  }
  return years;
}

/**
 * checkNationalId(v).ok (shared/identifiers.ts) when the slot is 8–11 ASCII digits (what
 * payroll snapshots hold), else null: the caller decodes and asks checkNationalId itself.
 */
function digitsIdOk(row: ByteRow, slot: number): boolean | null {
  const b = row.bytes;
  const s = row.start[slot];
  const n = row.end[slot] - s;
  if (n < 8 || n > 11) return null;
  for (let i = 0; i < n; i++) if (b[s + i] < 0x30 || b[s + i] > 0x39) return null;
  if (n <= 9) {
    // A BSN, an 8-digit one with its leading zero dropped: 11-check, never all zeros.
    const pad = 9 - n;
    let sum = 0;
    let zeros = true;
    for (let k = 0; k < 9; k++) {
      const d = k < pad ? 0 : b[s + k - pad] - 0x30;
      if (d !== 0) zeros = false;
      sum += k < 8 ? (9 - k) * d : -d;
    }
    return !zeros && sum % 11 === 0;
  }
  // An INSZ; 10 digits: one born 2000–2009 whose leading zero was dropped.
  const lead = n === 10 ? 1 : 0;
  const base = digitsValue(b, s, 9 - lead);
  const check = digitsValue(b, s + 9 - lead, 2);
  return 97 - (base % 97) === check || 97 - ((2_000_000_000 + base) % 97) === check;
}

/** Whether a slot holds exactly these UTF-8 bytes. */
function bytesEqual(row: ByteRow, slot: number, value: Uint8Array): boolean {
  const s = row.start[slot];
  if (row.end[slot] - s !== value.length) return false;
  const b = row.bytes;
  for (let i = 0; i < value.length; i++) if (b[s + i] !== value[i]) return false;
  return true;
}

const encoder = new TextEncoder();
// A lone surrogate encodes to U+FFFD and could then match bytes it is not equal to as text;
// decoded row text never holds one, so such a value matches nothing.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const encodable = (values: readonly string[]) => values.filter((v) => !LONE_SURROGATE.test(v)).map((v) => encoder.encode(v));
/** Up to this many values, comparing bytes beats decoding and a Set lookup. */
const FEW = 8;

/** `in` / `oneOf`: whether a filled slot holds one of the values. */
function memberOf(values: readonly string[]): (row: ByteRow, slot: number) => boolean {
  if (values.length > FEW) {
    const set = new Set(values);
    return (row, slot) => set.has(row.text(slot));
  }
  const encoded = encodable(values);
  return (row, slot) => {
    for (const v of encoded) if (bytesEqual(row, slot, v)) return true;
    return false;
  };
}

/** The population filter on byte rows; the same answers as compileFilter (eligibility/filter.ts). */
function compileRowFilter(filter: Filter | undefined | null, layout: RowLayout): (row: ByteRow) => boolean {
  if (!filter) return () => true;
  if ('and' in filter) {
    const parts = filter.and.map((f) => compileRowFilter(f, layout));
    return (row) => {
      for (const p of parts) if (!p(row)) return false;
      return true;
    };
  }
  if ('or' in filter) {
    const parts = filter.or.map((f) => compileRowFilter(f, layout));
    return (row) => {
      for (const p of parts) if (p(row)) return true;
      return false;
    };
  }
  if (DERIVED_FROM[filter.field]) {
    // Age and seniority on the period's first day: the reference predicate over the derived value.
    layout.slotOf(DERIVED_FROM[filter.field]);
    const predicate = compileFilter(filter);
    return (row) => predicate(byteRowReader(layout, row));
  }
  const slot = layout.slotOf(filter.field);
  if (slot < 0) {
    // A leaf reads only its field: `status` takes one of two values, a column the snapshot does
    // not have is always empty — the reference predicate answered once for each.
    const predicate = compileFilter(filter);
    if (filter.field !== 'status') {
      const answer = predicate(() => null);
      return () => answer;
    }
    const exitSlot = layout.slotOf('exitDate');
    const active = predicate(() => 'active');
    const departed = predicate(() => 'departed');
    return (row) => (statusOf(row, exitSlot, layout.periodFrom) === 'departed' ? departed : active);
  }
  if ('equals' in filter) {
    const [value] = encodable([filter.equals]);
    if (!value || value.length === 0) return () => false;
    return (row) => bytesEqual(row, slot, value);
  }
  if ('in' in filter) {
    const member = memberOf(filter.in);
    return (row) => filled(row, slot) && member(row, slot);
  }
  if ('range' in filter) {
    const r = filter.range;
    const numeric = typeof (r.min ?? r.max) === 'number';
    return (row) => {
      if (!filled(row, slot)) return false;
      if (numeric) {
        const n = plainNumber(row, slot);
        if (!Number.isNaN(n)) return (r.min === undefined || n >= (r.min as number)) && (r.max === undefined || n <= (r.max as number));
      }
      return inRange(row.text(slot), r);
    };
  }
  const exists = filter.exists;
  return (row) => filled(row, slot) === exists;
}

/**
 * A presence or validity rule as a check of one byte row (population included). Rules naming a
 * field the layout has no slot for (`status`, a missing column) run compileRule on a reader.
 */
export function compileRowRule(rule: Pick<AuditRule, 'population' | 'definition'>, layout: RowLayout): RowCheck {
  const def = rule.definition;
  if (def.kind === 'change') throw new Error('change rules run against last month: compileRule');
  fieldsOf(rule).forEach((f) => layout.slotOf(f));
  const inPopulation = compileRowFilter(rule.population as Filter | undefined | null, layout);
  const check = compileRowCheck(rule, layout);
  return (row) => (inPopulation(row) ? check(row) : NOTHING);
}

function compileRowCheck(rule: Pick<AuditRule, 'population' | 'definition'>, layout: RowLayout): RowCheck {
  const def = rule.definition;
  const reference = (): RowCheck => {
    const check = compileRule({ population: null, definition: def });
    return (row) => {
      const found = check(byteRowReader(layout, row), null);
      return found.length === 0 ? NOTHING : found;
    };
  };
  if (def.kind === 'presence') {
    const slots = def.fields.map((f) => layout.slotOf(f));
    if (def.fields.includes('status')) return reference();
    return (row) => {
      let found: RuleHit[] | undefined;
      for (let i = 0; i < slots.length; i++) {
        if (!filled(row, slots[i])) (found ??= []).push({ field: def.fields[i], value: null, previousValue: null });
      }
      return found ?? NOTHING;
    };
  }
  if (def.kind !== 'validity') return reference();
  const c = def.check;
  switch (c.op) {
    case 'range': {
      const slot = layout.slotOf(c.field);
      if (slot < 0) return reference();
      return (row) => {
        if (!filled(row, slot)) return NOTHING;
        const n = numberIn(row, slot);
        const ok = n !== null && (c.min === undefined || n >= c.min) && (c.max === undefined || n <= c.max);
        return ok ? NOTHING : hit(c.field, row.text(slot));
      };
    }
    case 'age': {
      const birth = layout.slotOf('birthDate');
      const on = layout.slotOf(c.at);
      if (birth < 0 || on < 0) return reference();
      return (row) => {
        if (!filled(row, birth) || !filled(row, on) || !isIsoDate(row, birth) || !isIsoDate(row, on)) return NOTHING;
        const age = ageBetween(row, birth, on);
        return age >= c.min && age <= c.max ? NOTHING : hit('birthDate', row.text(birth));
      };
    }
    case 'dateOrder': {
      const earlier = layout.slotOf(c.earlier);
      const later = layout.slotOf(c.later);
      if (earlier < 0 || later < 0) return reference();
      return (row) => {
        if (!filled(row, earlier) || !filled(row, later)) return NOTHING;
        const sign = asciiCompareSlots(row, later, earlier);
        const notBefore = sign === null ? row.text(later) >= row.text(earlier) : sign >= 0;
        return notBefore ? NOTHING : hit(c.later, row.text(later));
      };
    }
    case 'identifier': {
      const slot = layout.slotOf(c.field);
      if (slot < 0) return reference();
      return (row) => {
        if (!filled(row, slot)) return NOTHING;
        const ok = digitsIdOk(row, slot) ?? checkNationalId(row.text(slot)).ok;
        return ok ? NOTHING : hit(c.field, row.text(slot));
      };
    }
    case 'oneOf': {
      const slot = layout.slotOf(c.field);
      if (slot < 0) return reference();
      const member = memberOf(c.values);
      return (row) => (!filled(row, slot) || member(row, slot) ? NOTHING : hit(c.field, row.text(slot)));
    }
  }
  return reference();
}

/** Every field a rule reads, `status` as the exit date it is derived from. */
export function fieldsOf(rule: Pick<AuditRule, 'population' | 'definition'>): string[] {
  const fields: string[] = [];
  const ofFilter = (f: Filter) => {
    if ('and' in f) f.and.forEach(ofFilter);
    else if ('or' in f) f.or.forEach(ofFilter);
    else fields.push(f.field);
  };
  if (rule.population) ofFilter(rule.population as Filter);
  const def = rule.definition;
  if (def.kind === 'presence') fields.push(...def.fields);
  else {
    const c = def.check;
    if ('field' in c) fields.push(c.field);
    if (c.op === 'age') fields.push('birthDate', c.at);
    if (c.op === 'dateOrder') fields.push(c.earlier, c.later);
  }
  return fields.map((f) => (f === 'status' ? 'exitDate' : f));
}

/**
 * How one side's rows become the join's input: the header row resolves each key part and field
 * pair to a column (a file that lacks one is refused whole, naming it), and each row's cells are
 * parsed with the side's mapping profile — a value that does not parse is a result, not a refusal.
 */
import { type CanonicalField, isCanonicalField } from '../payroll/canonical';
import type { ImportError } from '../payroll/import-errors';
import { DEFAULT_PROFILE, type MappingProfile } from '../payroll/mapping-profile';
import { type Cell, cellText } from '../payroll/row-mapper';
import { excelSerialToIso, jsDateToIso, numberToDecimal, parseDateText, parseDecimalText } from '../shared/values';
import { type ComparisonDefinition, type FieldPair, type KeyPart, type SideId, keyPartName, pairName } from './comparison-definition';
import { type ComparisonResult, type SideRow, UNPARSED, US, type UnparseableReason, normaliseKeyPart } from './comparison-matcher';

export interface SideReader {
  /** The row parsed for the join, or null when its key is empty (reported through `emit`). */
  read(cells: Cell[], row: number, emit: (r: ComparisonResult) => void): SideRow | null;
  /**
   * The same without building the packed string: the row's key (null as above), its pair values
   * into `values` (one per pair, '' when empty, UNPARSED when not parsed) — packed is them joined by US.
   */
  readValues(cells: Cell[], row: number, emit: (r: ComparisonResult) => void, values: string[]): string | null;
  /** Where the key and each pair sit among the row's cells, and how each is read (for readers of raw bytes). */
  readonly columns: SideColumns;
}

/**
 * A side's columns as a reader of raw CSV bytes needs them to give exactly what readValues gives:
 * the key parts' columns (their text through normaliseKeyPart), and per pair its column, whether
 * printable ASCII may be taken as it stands (`copy`: text with no value map), whether it is an
 * amount on the plain fast path, and `parse` — the pair's parsing of a cell's text, undefined
 * when the text does not parse (readValues then reports it).
 */
export interface SideColumns {
  keys: { index: number; part: KeyPart }[];
  fields: { index: number; copy: boolean; amount: boolean; parse: (text: string) => string | null | undefined }[];
  /** The decimal separator (a char code) an amount's plain fast path reads, -1 when the profile gives it none. */
  decimalSeparator: number;
}

const norm = (s: string) => s.replace(/^\uFEFF/, '').normalize('NFC').trim().toLowerCase();

type Parse = (cell: Cell) => string | null | typeof FAILED;
const FAILED = Symbol('failed');

const CURRENCY = /^(?:€|EUR)\s*|\s*(?:€|EUR)$/gi;

function parser(pair: FieldPair, profile: MappingProfile, field: CanonicalField | undefined): { parse: Parse; reason: UnparseableReason } {
  switch (pair.type) {
    case 'amount':
      return {
        reason: 'not_a_number',
        parse: (cell) => {
          if (typeof cell === 'number') return numberToDecimal(cell) ?? FAILED;
          const text = cellText(cell);
          if (text === null) return null;
          const bare = text.includes('€') || /eur/i.test(text) ? text.replace(CURRENCY, '') : text;
          return parseDecimalText(bare, profile.decimalSeparator, profile.thousandsSeparator) ?? FAILED;
        },
      };
    case 'date':
      return {
        reason: 'not_a_date',
        parse: (cell) => {
          if (cell instanceof Date) return jsDateToIso(cell) ?? FAILED;
          if (typeof cell === 'number') return excelSerialToIso(cell) ?? FAILED;
          const text = cellText(cell);
          if (text === null) return null;
          return parseDateText(text, profile.dateFormats) ?? (/^\d{5}$/.test(text) ? excelSerialToIso(Number(text)) : null) ?? FAILED;
        },
      };
    case 'text':
    case 'exact': {
      const raw = field ? profile.valueMaps[field] : undefined;
      const map = raw ? new Map(Object.entries(raw).map(([k, v]) => [k.trim().toLowerCase(), v])) : undefined;
      return {
        reason: 'not_a_number',
        parse: (cell) => {
          const text = cellText(cell);
          if (text === null || !map) return text;
          return map.get(text.toLowerCase()) ?? text;
        },
      };
    }
  }
}

/**
 * Compiles a side against its header row. `profile` is the side's mapping profile; Mutaflow's
 * payroll photo is read with the default one (its values are canonical already).
 */
export function compileSide(
  definition: ComparisonDefinition, side: SideId, header: Cell[], file: string, headerRow: number,
): { reader: SideReader } | { errors: ImportError[] } {
  const spec = side === 'a' ? definition.sideA : definition.sideB;
  const profile = spec.source === 'file' ? spec.profile : DEFAULT_PROFILE;
  const headers = header.map((h) => (h === null || h === undefined ? '' : String(h)));
  const byName = new Map<string, number[]>();
  headers.forEach((h, i) => {
    const key = norm(h);
    if (!key) return;
    byName.set(key, [...(byName.get(key) ?? []), i]);
  });
  const errors: ImportError[] = [];
  const sideName = `side ${side.toUpperCase()} (${spec.label})`;

  /** The column a reference names: its header, else a header the profile maps onto that canonical field. */
  const resolve = (ref: string, what: string): { index: number; field?: CanonicalField } | undefined => {
    const candidates = byName.get(norm(ref)) ?? [];
    let index: number | undefined = candidates[0];
    if (candidates.length > 1) {
      errors.push({ code: 'duplicate_column', file, row: headerRow, column: headers[candidates[0]], field: what, message: `${sideName}: this header appears more than once` });
      return undefined;
    }
    if (index === undefined && isCanonicalField(ref)) {
      const sources = Object.entries(profile.columns).filter(([, f]) => f === ref).map(([source]) => norm(source));
      index = sources.map((s) => byName.get(s)?.[0]).find((i) => i !== undefined);
    }
    if (index === undefined) {
      errors.push({ code: 'missing_required_column', file, row: headerRow, column: ref, field: what, message: `${sideName}: no column "${ref}" for ${what}` });
      return undefined;
    }
    const mapped = profile.columns[Object.keys(profile.columns).find((s) => norm(s) === norm(headers[index])) ?? ''];
    return { index, field: isCanonicalField(ref) ? ref : mapped };
  };

  const keyColumns = definition.key.map((part) => ({ part, name: keyPartName(part), at: resolve(side === 'a' ? part.a : part.b, `key ${keyPartName(part)}`) }));
  const pairs = definition.fields.map((pair) => {
    const name = pairName(pair);
    const at = resolve(side === 'a' ? pair.a : pair.b, `field ${name}`);
    return { name, at, ...parser(pair, profile, at?.field) };
  });
  if (errors.length) return { errors };

  const keys = keyColumns.map((k) => ({ ...k, index: k.at!.index, column: headers[k.at!.index] }));
  const fields = pairs.map((p) => ({ ...p, index: p.at!.index, column: headers[p.at!.index] }));
  const columns: SideColumns = {
    keys: keys.map((k) => ({ index: k.index, part: k.part })),
    fields: fields.map((f, i) => {
      const pair = definition.fields[i];
      return {
        index: f.index,
        copy: (pair.type === 'text' || pair.type === 'exact') && !(f.at?.field && profile.valueMaps[f.at.field]),
        amount: pair.type === 'amount',
        parse: (text: string) => {
          const v = f.parse(text);
          return v === FAILED ? undefined : v;
        },
      };
    }),
    // With the same character for both, the general path decides.
    decimalSeparator: profile.thousandsSeparator === profile.decimalSeparator ? -1 : profile.decimalSeparator.charCodeAt(0),
  };
  return {
    reader: {
      columns,
      readValues(cells, row, emit, values) {
        let key = '';
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i];
          const part = normaliseKeyPart(cellText(cells[k.index]), k.part);
          if (part === null) {
            emit({ kind: 'unparseable', side, key: null, row, column: k.column, field: k.name, value: null, reason: 'empty_key' });
            return null;
          }
          key = i === 0 ? part : `${key}${US}${part}`;
        }
        values.length = fields.length;
        for (let i = 0; i < fields.length; i++) {
          const f = fields[i];
          const cell = cells[f.index];
          const v = f.parse(cell);
          if (v === FAILED) {
            emit({ kind: 'unparseable', side, key, row, column: f.column, field: f.name, value: cellText(cell), reason: f.reason });
            values[i] = UNPARSED;
          } else values[i] = v ?? '';
        }
        return key;
      },
      read(cells, row, emit) {
        const values: string[] = [];
        const key = this.readValues(cells, row, emit, values);
        return key === null ? null : { key, packed: values.join(US), row };
      },
    },
  };
}

/** A key as users read it: its parts joined by " / ". */
export const displayKey = (key: string) => key.split(US).join(' / ');

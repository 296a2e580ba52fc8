import type { CanonicalField} from './canonical';
import {
  CANONICAL_FIELDS, FIELD_SPECS, REQUIRED_FIELDS, isCanonicalField,
} from './canonical';
import { checkNationalId } from '../shared/identifiers';
import type { ImportError } from './import-errors';
import type { MappingProfile } from './mapping-profile';
import { splitNamePrefix } from './name-prefix';
import {
  excelSerialToIso, jsDateToIso, looksLikeFormula, numberToDecimal, parseDateText, parseDecimalText,
} from '../shared/values';

/** A cell as readers deliver it: text from CSV; text, number, Date or boolean from XLSX. */
export type Cell = string | number | boolean | Date | null | undefined;

/** The values of one row: canonical in CANONICAL_FIELDS order, then custom columns in header order. */
export interface MappedRow {
  canonical: (string | null)[];
  custom: (string | null)[];
}

export interface RowMapper {
  customColumns: string[];
  /** The header of the column holding the employee number (errors about the key name it). */
  keyColumn: string;
  /** Position of the employee-number column in the header. */
  keyIndex: number;
  map(cells: Cell[], row: number, errors: ImportError[]): MappedRow | null;
}

const ISO_COUNTRY = /^[A-Z]{2}$/;
// NFC: some Mac tools write "é" as e + combining accent, which must still match the profile.
const norm = (s: string) => s.replace(/^\uFEFF/, '').normalize('NFC').trim().toLowerCase();

type Normaliser = (cell: Cell, row: number, errors: ImportError[]) => string | null | undefined;

/**
 * Compiles the header row and the profile into a row mapper. Returns the header problems
 * instead when required columns are missing or a column appears twice.
 */
export function compileRowMapper(
  header: Cell[], profile: MappingProfile, file: string, headerRowNumber: number,
): { mapper: RowMapper } | { errors: ImportError[] } {
  const errors: ImportError[] = [];
  const explicit = new Map<string, CanonicalField>();
  for (const [source, field] of Object.entries(profile.columns)) explicit.set(norm(source), field);

  const fieldColumn = new Map<CanonicalField, number>();
  const customColumns: string[] = [];
  const customIndexes: number[] = [];
  const headers = header.map((h) => (h === null || h === undefined ? '' : String(h).replace(/^\uFEFF/, '').trim()));
  const seen = new Set<string>();
  headers.forEach((h, i) => {
    if (!h) return;
    const key = norm(h);
    if (seen.has(key)) {
      errors.push({ code: 'duplicate_column', file, row: headerRowNumber, column: h, message: 'this header appears more than once' });
      return;
    }
    seen.add(key);
    const field = explicit.get(key) ?? CANONICAL_FIELDS.find((f) => f.toLowerCase() === key);
    if (field && isCanonicalField(field)) {
      if (fieldColumn.has(field)) {
        errors.push({ code: 'duplicate_column', file, row: headerRowNumber, column: h, field, message: `a second column maps to ${field}` });
      } else fieldColumn.set(field, i);
    } else {
      customColumns.push(h);
      customIndexes.push(i);
    }
  });
  const missing = REQUIRED_FIELDS.filter((f) => !fieldColumn.has(f));
  if (missing.length) {
    const sources = (f: CanonicalField) => {
      const names = Object.entries(profile.columns).filter(([, v]) => v === f).map(([k]) => `"${k}"`);
      return names.length ? `${f} (${names.join(' or ')})` : f;
    };
    const delimiterHint = headers.filter(Boolean).length <= 1
      ? ' The header has a single column: is the delimiter right?' : '';
    errors.push({
      code: 'missing_required_column', file, row: headerRowNumber,
      message: `missing required column(s): ${missing.map(sources).join(', ')}.${delimiterHint}`,
    });
  }
  if (errors.length) return { errors };

  const normalisers: { at: number; index: number; fn: Normaliser }[] = [];
  CANONICAL_FIELDS.forEach((field, at) => {
    const index = fieldColumn.get(field);
    if (index === undefined) return;
    normalisers.push({ at, index, fn: makeNormaliser(field, headers[index], profile, file) });
  });
  const at = (f: CanonicalField) => CANONICAL_FIELDS.indexOf(f);
  const lastNameAt = at('lastName');
  const prefixAt = at('namePrefix');
  const hireAt = at('hireDate');
  const exitAt = at('exitDate');
  const requiredAt = REQUIRED_FIELDS.map(at);

  const mapper: RowMapper = {
    customColumns,
    keyColumn: headers[fieldColumn.get('employeeNumber')!],
    keyIndex: fieldColumn.get('employeeNumber')!,
    map(cells, row, errs) {
      const before = errs.length;
      const canonical: (string | null)[] = new Array(CANONICAL_FIELDS.length).fill(null);
      let invalid: Set<number> | undefined;
      for (let i = 0; i < normalisers.length; i++) {
        const n = normalisers[i];
        const v = n.fn(cells[n.index], row, errs);
        if (v === undefined) (invalid ??= new Set()).add(n.at);
        canonical[n.at] = v === undefined ? null : v;
      }
      for (let i = 0; i < requiredAt.length; i++) {
        const at = requiredAt[i];
        // An invalid value is reported already; every other empty required value is reported too.
        if (canonical[at] === null && !invalid?.has(at)) {
          const field = CANONICAL_FIELDS[at];
          errs.push({ code: 'missing_value', file, row, column: headers[fieldColumn.get(field)!], field, message: `${FIELD_SPECS[field].label} is required` });
        }
      }
      if (profile.splitNamePrefix && canonical[lastNameAt] && canonical[prefixAt] === null) {
        const split = splitNamePrefix(canonical[lastNameAt]!);
        canonical[lastNameAt] = split.lastName;
        canonical[prefixAt] = split.prefix;
      }
      const hire = canonical[hireAt];
      const exit = canonical[exitAt];
      if (hire && exit && exit < hire) {
        errs.push({ code: 'exit_before_hire', file, row, column: headers[fieldColumn.get('exitDate')!], field: 'exitDate', message: 'exit date lies before the hire date' });
      }
      const custom: (string | null)[] = new Array(customIndexes.length);
      for (let i = 0; i < customIndexes.length; i++) {
        const v = cellText(cells[customIndexes[i]]);
        if (v !== null && looksLikeFormula(v)) {
          errs.push({ code: 'formula_like_value', file, row, column: customColumns[i], message: 'the value starts like a spreadsheet formula (=, +, -, @) and is refused' });
        }
        custom[i] = v;
      }
      return errs.length === before ? { canonical, custom } : null;
    },
  };
  return { mapper };
}

// Control characters are what these look for: a cell holding one is refused or cleaned.
/* eslint-disable no-control-regex */
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROLS = /[\u0000-\u001f\u007f]+/g;
/* eslint-enable no-control-regex */

/**
 * Text of a cell, trimmed, with line breaks and other control characters turned into a space
 * (a street typed with Alt+Enter in Excel is still one street); null when empty.
 */
export function cellText(cell: Cell): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'string') {
    let t = cell.trim();
    if (CONTROL.test(t)) t = t.replace(CONTROLS, ' ').trim();
    return t === '' ? null : t;
  }
  if (typeof cell === 'number') return Number.isFinite(cell) ? (numberToDecimal(cell) ?? String(cell)) : null;
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  if (cell instanceof Date) return jsDateToIso(cell);
  return null;
}

function makeNormaliser(field: CanonicalField, column: string, profile: MappingProfile, file: string): Normaliser {
  const spec = FIELD_SPECS[field];
  const rawMap = profile.valueMaps[field];
  const valueMap = rawMap ? new Map(Object.entries(rawMap).map(([k, v]) => [k.trim().toLowerCase(), v])) : undefined;
  const fail = (errors: ImportError[], row: number, code: ImportError['code'], message: string) => {
    errors.push({ code, file, row, column, field, message });
    return undefined;
  };
  const type = spec.type;

  return (cell, row, errors) => {
    if (cell === null || cell === undefined || cell === '') return null;
    // A Date cell only makes sense in a date column; elsewhere it is read as text.
    if (type.kind === 'date') {
      if (cell instanceof Date) return jsDateToIso(cell) ?? fail(errors, row, 'invalid_date', 'not a valid date');
      if (typeof cell === 'number') return excelSerialToIso(cell) ?? fail(errors, row, 'invalid_date', 'not a valid Excel date');
    }
    if (type.kind === 'decimal' && typeof cell === 'number') {
      const d = numberToDecimal(cell);
      if (d === null) return fail(errors, row, 'invalid_number', 'not a number');
      return checkRange(d, type, errors, row, fail);
    }
    let text = cellText(cell);
    if (text === null) return null;
    if (looksLikeFormula(text)) return fail(errors, row, 'formula_like_value', 'the value starts like a spreadsheet formula (=, +, -, @) and is refused');
    if (valueMap) {
      const mapped = valueMap.get(text.toLowerCase());
      if (mapped !== undefined) text = mapped;
    }
    switch (type.kind) {
      case 'key':
      case 'text':
        return text;
      case 'nationalId': {
        const id = checkNationalId(text);
        return id.ok ? id.value : fail(errors, row, 'invalid_national_id', `national id ${id.reason}`);
      }
      case 'date': {
        const iso = parseDateText(text, profile.dateFormats);
        if (iso) return iso;
        if (/^\d{5}(\.\d+)?$/.test(text)) {
          const fromSerial = excelSerialToIso(Number(text));
          if (fromSerial) return fromSerial;
        }
        return fail(errors, row, 'invalid_date', `not a valid date: expected ${profile.dateFormats.join(' or ')}, a real calendar day, years 1900–2199`);
      }
      case 'decimal': {
        const d = parseDecimalText(text, profile.decimalSeparator, profile.thousandsSeparator);
        if (d === null) return fail(errors, row, 'invalid_number', `not a number with decimal separator "${profile.decimalSeparator}"`);
        return checkRange(d, type, errors, row, fail);
      }
      case 'enum': {
        const hit = type.values.find((v) => v.toLowerCase() === text!.toLowerCase());
        return hit ?? fail(errors, row, 'invalid_value', `not one of ${type.values.join(', ')}${valueMap ? ' nor a mapped code' : ''}`);
      }
      case 'country': {
        const upper = text.toUpperCase();
        return ISO_COUNTRY.test(upper) ? upper : fail(errors, row, 'invalid_country', 'not an ISO 3166 alpha-2 country code');
      }
    }
  };
}

function checkRange(
  d: string, type: { min?: number; max?: number }, errors: ImportError[], row: number,
  fail: (errors: ImportError[], row: number, code: ImportError['code'], message: string) => undefined,
): string | undefined {
  const n = Number(d);
  if (type.min !== undefined && n < type.min) return fail(errors, row, 'out_of_range', `must be at least ${type.min}`);
  if (type.max !== undefined && n > type.max) return fail(errors, row, 'out_of_range', `must be at most ${type.max}`);
  return d;
}

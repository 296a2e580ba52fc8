/**
 * Property: every generated mutation of a valid CSV or XLSX month is accepted with exactly its
 * content, or refused whole naming row and column with the database as it was. A seed-fixed
 * sample here; the full run (≥ 1,000 mutations) is bench/bad-files.bench.ts.
 */
import fc from 'fast-check';
import type { Harness } from '../support/harness';
import { startHarness } from '../support/harness';
import type { MutatedFile, World } from '../support/payroll-mutations';
import { checkMutatedFile, mutatedFile } from '../support/payroll-mutations';

const SEED = 20261205;

// Found by this property: each made the import activity throw and retry for minutes, then fail as internal.
/** The only change of a month is one person gone (no exit date). */
const ONE_PERSON_GONE: MutatedFile = {
  format: 'xlsx', mutations: [{ kind: 'dropRow', row: 3 }, { kind: 'dropColumn', col: 16 }],
  dialect: { crlf: false, bom: false, delimiter: ',' }, damage: { kind: 'none' },
};

/** A CSV that ends inside a UTF-8 character (the last byte starts a two-byte sequence). */
const ENDS_MID_CHARACTER: MutatedFile = {
  format: 'csv', mutations: [{ kind: 'cell', row: 4, col: 22, value: '' }],
  dialect: { crlf: false, bom: false, delimiter: '\t' }, damage: { kind: 'suffix', bytes: [4, 109, 203] },
};

/** One custom column, empty on a row whose street changed. */
const ONE_CUSTOM_COLUMN_EMPTY: MutatedFile = {
  format: 'csv', mutations: [{ kind: 'extraColumn', name: 'Afdeling', values: ['Staf', '', 'Verkoop', 'Staf', '', 'x', 'y', 'z', 'u', 'v'] }, { kind: 'cell', row: 1, col: 10, value: 'Markt' }],
  dialect: { crlf: false, bom: false, delimiter: ',' }, damage: { kind: 'none' },
};

describe('generated bad payroll files', () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await startHarness();
    w = { app: h.app, db: h.db, auth: h.auth, spare: [] };
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a month whose only change is one person gone is accepted', async () => {
    expect(await checkMutatedFile(w, ONE_PERSON_GONE)).toBe('accepted');
    expect(await checkMutatedFile(w, { ...ONE_PERSON_GONE, format: 'csv' })).toBe('accepted');
  });

  it('a single custom column left empty on a row is stored as empty', async () => {
    expect(await checkMutatedFile(w, ONE_CUSTOM_COLUMN_EMPTY)).toBe('accepted');
    expect(await checkMutatedFile(w, { ...ONE_CUSTOM_COLUMN_EMPTY, format: 'xlsx' })).toBe('accepted');
  });

  it('a CSV that ends inside a character is refused naming its last row', async () => {
    expect(await checkMutatedFile(w, ENDS_MID_CHARACTER)).toBe('refused');
  });

  for (const format of ['csv', 'xlsx'] as const) {
    it(`${format}: each mutation is accepted exactly or refused whole, naming row and column`, async () => {
      const outcomes: string[] = [];
      await fc.assert(
        fc.asyncProperty(mutatedFile(format), async (f) => {
          outcomes.push(await checkMutatedFile(w, f));
        }),
        { seed: SEED, numRuns: 45, endOnFailure: true },
      );
      // The sample must exercise both ways out, or it proves little.
      expect(outcomes.filter((o) => o === 'accepted').length).toBeGreaterThan(0);
      expect(outcomes.filter((o) => o === 'refused').length).toBeGreaterThan(0);
    });
  }
});

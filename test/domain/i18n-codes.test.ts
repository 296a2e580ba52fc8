/**
 * Every code a user reads has its text in Dutch, French and English: message statuses, causes
 * and findings, task kinds and statuses, person, cycle, import and report statuses, roles, whom a
 * message waits on, the stages of imports and comparisons in progress, and every error code the API answers with (read from the routes' source,
 * so a new code without its text fails here).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_ROLES } from '../../domain/access/permissions';
import { WAITING_MESSAGE_STATUSES, messageWaitsOn } from '../../domain/cycle/waiting';
import { MESSAGE_CAUSES, MESSAGE_STATUSES } from '../../domain/messages/lifecycle';
import { MESSAGE_FINDING_CODES } from '../../domain/messages/rules';
import { redeliveryRefusal } from '../../domain/reports/redelivery';
import { COMPARISON_STAGES, PAYROLL_IMPORT_STAGES } from '../../workflows/shared';
import { CYCLE_STATUSES, IMPORT_STATUSES, PERSON_STATUSES, TASK_KINDS, TASK_STATUSES, contributionFiles, reportDeliveries, reports } from '../../db/schema';

const LANGS = ['nl', 'fr', 'en'] as const;
const dicts = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(readFileSync(join(__dirname, '../../web/i18n', `${l}.json`), 'utf8')) as Record<string, string>]));

/** The keys missing in any language, as "lang: key" (empty when all are there). */
const missing = (keys: string[]) => LANGS.flatMap((l) => keys.filter((k) => !dicts[l][k]?.trim()).map((k) => `${l}: ${k}`));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('every code a user reads is translated', () => {
  it.each([
    ['messageStatus', MESSAGE_STATUSES],
    ['messageCause', MESSAGE_CAUSES],
    ['finding', MESSAGE_FINDING_CODES],
    ['taskKind', TASK_KINDS],
    ['taskStatus', TASK_STATUSES],
    ['personStatus', PERSON_STATUSES],
    ['cycleStatus', CYCLE_STATUSES],
    ['importStatus', IMPORT_STATUSES],
    ['importStage', PAYROLL_IMPORT_STAGES],
    ['comparisonStage', COMPARISON_STAGES],
    ['reportStatus', reports.status.enumValues],
    ['deliveryStatus', reportDeliveries.status.enumValues],
    ['contributionStatus', contributionFiles.status.enumValues],
    ['role', Object.keys(BUILTIN_ROLES)],
    ['waitsOn', WAITING_MESSAGE_STATUSES.map((s) => messageWaitsOn(s)!)],
  ] as [string, readonly string[]][])('%s', (prefix, codes) => {
    expect(codes.length).toBeGreaterThan(0);
    expect(missing(codes.map((c) => `${prefix}.${c}`))).toEqual([]);
  });

  it('a finding with a suggestion has the suggestion in every language too', () => {
    expect(missing(MESSAGE_FINDING_CODES.map((c) => `finding.${c}.suggestion`))).toEqual([]);
  });

  it('every error code the API answers with', () => {
    const codes = new Set<string>(['forbidden', 'not_found', 'validation']);
    for (const file of sourceFiles(join(__dirname, '../../api'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/ApiError\(\d{3}, '([a-z0-9_]+)'/g)) codes.add(m[1]);
    }
    for (const status of reports.status.enumValues) {
      const refusal = redeliveryRefusal(status);
      if (refusal) codes.add(refusal.code);
    }
    expect(codes.size).toBeGreaterThan(30);
    expect(missing([...codes].map((c) => `error.${c}`))).toEqual([]);
  });

  it('a text names the same placeholders in every language', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differ = Object.keys(dicts.nl).filter((k) => LANGS.some((l) => JSON.stringify(names(dicts[l][k] ?? '')) !== JSON.stringify(names(dicts.nl[k]))));
    expect(differ).toEqual([]);
  });
});

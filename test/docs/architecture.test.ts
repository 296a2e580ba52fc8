import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGE_MOVES, MESSAGE_STATUSES, STATUS_LABELS } from '../../domain/messages/lifecycle';

// docs/architecture.md is where a newcomer reads the lifecycle: it must say what the code does.
const doc = readFileSync(join(__dirname, '../../docs/architecture.md'), 'utf8');
const rows = (header: string) => {
  const start = doc.indexOf(header);
  if (start < 0) throw new Error(`docs/architecture.md has no table headed "${header}"`);
  const lines = doc.slice(start).split('\n').slice(2);
  const end = lines.findIndex((l) => !l.startsWith('|'));
  return lines.slice(0, end).map((l) => l.split('|').slice(1, -1).map((c) => c.trim().replace(/`/g, '')));
};

describe('docs/architecture.md', () => {
  it('lists every message move of MESSAGE_MOVES, in order, and no other', () => {
    const documented = rows('| from | cause | to |').map(([from, cause, to]) => ({ from: from === '(new)' ? null : from, cause, to }));
    expect(documented).toEqual(MESSAGE_MOVES.map((m) => ({ from: m.from, cause: m.cause, to: m.to })));
  });

  it('lists every status with its NL, FR and EN label', () => {
    const documented = rows('| status | NL | FR | EN |');
    expect(documented).toEqual(MESSAGE_STATUSES.map((s) => [s, STATUS_LABELS[s].nl, STATUS_LABELS[s].fr, STATUS_LABELS[s].en]));
  });

  it('names an existing file as the home of each rule', () => {
    const homes = rows('| rule | home |').flatMap(([, home]) => [...home.matchAll(/((?:domain|db|api|infra|workflows|activities)\/[\w/.-]+\.ts)/g)].map((m) => m[1]));
    expect(homes.length).toBeGreaterThan(10);
    for (const path of homes) expect(() => readFileSync(join(__dirname, '../..', path))).not.toThrow();
  });
});

/** The README stays the front door: every finding code with its severity, the two commands. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE, FINDING_CODES } from '../../src/core/findings/catalogue.ts';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

test('the README lists every finding code with its catalogue severity', () => {
  for (const code of FINDING_CODES) {
    const row = new RegExp(`^\\| \`${code.replace(/\./g, '\\.')}\` \\| (\\w+) \\|`, 'm').exec(readme);
    assert.ok(row, `${code} is missing from the README's findings table`);
    assert.equal(row[1], CATALOGUE[code].severity, `${code}: severity in README`);
  }
});

test('the README gives the set-up and test commands', () => {
  assert.match(readme, /npm install && npm start/);
  assert.match(readme, /^npm test/m);
});

test('the catalogue holds every code of the spec, with the spec severity', () => {
  const spec = readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'spec', 'findings.md'), 'utf8');
  const rows = [...spec.matchAll(/^\| `([a-z.-]+)` \| (error|warning|info|warning \(error[^|]*\)) \|/gm)];
  assert.ok(rows.length >= 40, `expected the spec's table rows, got ${rows.length}`);
  for (const [, code, severity] of rows) {
    const entry = (CATALOGUE as Record<string, { severity: string }>)[code as string];
    assert.ok(entry, `${code} from the spec is not in the catalogue`);
    assert.equal(entry.severity, (severity as string).split(' ')[0], `${code} severity`);
  }
});

/** The README stays the front door: every finding code with its severity, the two commands. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE, FINDING_CODES } from '../../src/core/findings/catalogue.ts';
import { MIN_CHROME, MIN_FIREFOX, manifestFor } from '../../src/build/manifest.ts';

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

/**
 * Codes the spec already lists for work that has not landed yet, each with its issue. A code leaves
 * this list when it enters the catalogue (the test below fails until it does).
 */
const NOT_YET = new Map<string, string>([
  ...['hb.value-type', 'hb.key-missing', 'hb.unusual-value', 'hb.ad-not-closed', 'hb.no-aa-start', 'hb.prev-ts-broken', 'hb.duplicate-report', 'hb.live-playhead']
    .map((code): [string, string] => [code, 'issue 23 (legacy heartbeats)']),
]);

test('the catalogue holds every code of the spec, with the spec severity', () => {
  const spec = readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'spec', 'findings.md'), 'utf8');
  const rows = [...spec.matchAll(/^\| `([a-z.-]+)` \| (error|warning|info|warning \(error[^|]*\)) \|/gm)];
  assert.ok(rows.length >= 40, `expected the spec's table rows, got ${rows.length}`);
  for (const [code, why] of NOT_YET) {
    assert.ok(rows.some((r) => r[1] === code), `${code} (${why}) is no longer in the spec`);
    assert.ok(!(code in CATALOGUE), `${code} is in the catalogue now: remove it from NOT_YET`);
  }
  for (const [, code, severity] of rows) {
    if (NOT_YET.has(code as string)) continue;
    const entry = (CATALOGUE as Record<string, { severity: string }>)[code as string];
    assert.ok(entry, `${code} from the spec is not in the catalogue`);
    assert.equal(entry.severity, (severity as string).split(' ')[0], `${code} severity`);
  }
});

test('the Supported browsers table states the minimums the manifests claim', () => {
  const chrome = /^\| Chrome \/ Chromium \| (\d+) \(`minimum_chrome_version`\)/m.exec(readme);
  const firefox = /^\| Firefox \| (\d+) \(`strict_min_version`\)/m.exec(readme);
  assert.equal(Number(chrome?.[1]), MIN_CHROME);
  assert.equal(Number(firefox?.[1]), MIN_FIREFOX);
  assert.equal(manifestFor('chrome', {}).minimum_chrome_version, String(MIN_CHROME));
  assert.equal((manifestFor('firefox', {}).browser_specific_settings as { gecko: { strict_min_version: string } }).gecko.strict_min_version, `${MIN_FIREFOX}.0`);
});

test('CI runs the README\'s first command on its clean clone before the tests', () => {
  const ci = readFileSync(join(import.meta.dirname, '..', '..', '.ci', 'run'), 'utf8');
  const start = ci.indexOf('(npm install && npm start)');
  assert.ok(start > 0, '.ci/run runs npm install && npm start');
  assert.ok(start < ci.indexOf('npm test 2>&1'), 'before npm test');
});

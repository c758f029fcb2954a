/** `web-ext lint` on the Firefox build: no errors; the only warnings are Preact's innerHTML code path, never used. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

test('web-ext lint reports no error on dist/firefox', () => {
  const root = join(import.meta.dirname, '..', '..');
  const bin = join(root, 'node_modules', '.bin', 'web-ext');
  const run = spawnSync(bin, ['lint', '--source-dir', join(root, 'dist', 'firefox'), '--output', 'json', '--no-input'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const report = JSON.parse(run.stdout) as { summary: { errors: number }; errors: { code: string; message: string }[]; warnings: { code: string; file: string }[] };
  assert.equal(report.summary.errors, 0, JSON.stringify(report.errors));
  // Preact's renderer contains the dangerouslySetInnerHTML path; the panel never uses it (a test
  // renders hostile bodies and checks that no markup from them becomes elements).
  for (const w of report.warnings) assert.equal(w.code, 'UNSAFE_VAR_ASSIGNMENT', `unexpected warning ${w.code} in ${w.file}`);
});

#!/usr/bin/env node
// Runs every test file under test/ with Node's test runner (TypeScript through tsx), prints the
// spec report, and ends with one machine-readable line: "N passed, N failed[, N skipped]".
// Usage: node test/run.mjs [substring filter on file paths]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2] ?? '';

function find(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'fixtures' ? [] : find(full);
    return /\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const files = find(join(root, 'test')).filter((f) => relative(root, f).includes(filter));
if (files.length === 0) {
  console.log('no test files matched');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
mkdirSync(join(root, 'test-output'), { recursive: true });
// One file per run: two runs at once (a subset beside the full suite) would read each other's counts.
const tap = join(root, 'test-output', `results-${process.pid}.tap`);
const run = spawnSync(process.execPath, [
  '--import', 'tsx',
  '--test',
  '--test-concurrency=1',
  // A hung browser fails its test instead of the whole CI run's time limit.
  '--test-timeout=300000',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tap}`,
  ...files,
], { cwd: root, stdio: 'inherit', env: { ...process.env } });

let passed = 0, failed = 0, skipped = 0;
try {
  const text = readFileSync(tap, 'utf8');
  passed = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
  failed = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0) + Number(/^# cancelled (\d+)/m.exec(text)?.[1] ?? 0);
  skipped = Number(/^# skipped (\d+)/m.exec(text)?.[1] ?? 0) + Number(/^# todo (\d+)/m.exec(text)?.[1] ?? 0);
} catch {
  failed = Math.max(1, failed);
}
rmSync(tap, { force: true });
if (run.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);

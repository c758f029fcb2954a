/**
 * The JSON outputs are written in chunks (core/json/json-chunks.ts) and must stay exactly the
 * bytes the CLI wrote when it built one string: `JSON.stringify(result, null, 2) + "\n"`. Each
 * case runs the built bundle (stdout and --out) on a fixture and on a generated recording big
 * enough for many chunks, and compares with that old way computed here from the same modules.
 * The HAR export is the one intended change: compact, `JSON.stringify(har) + "\n"` (indenting
 * made a 527 MB input an 826 MB HAR), written an entry at a time (har-export.ts harChunks).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse, Analyser } from '../../src/core/analysis/analyser.ts';
import { buildCheckResult } from '../../src/core/report/check-result.ts';
import { toHar } from '../../src/core/report/har-export.ts';
import { buildJsonReport } from '../../src/core/report/json-report.ts';
import { readInputs, settingsFrom } from '../../src/cli/inputs.ts';
import { harEntries, harText } from '../bench/traffic.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/cli/mci.mjs');
assert.ok(existsSync(CLI), 'dist/cli/mci.mjs does not exist: run `npm run build` before these tests (`npm test` builds first)');

const TMP = mkdtempSync(join(tmpdir(), 'mci-json-stream-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

const BIG = join(TMP, 'big.har');
writeFileSync(BIG, harText(harEntries(3_000, 400)));
const FILES = [
  [join(ROOT, 'test/fixtures/broken-sequence.har')],
  [join(ROOT, 'test/fixtures/broken-requests.har'), join(ROOT, 'test/fixtures/edge-web-sdk.har')],
  [BIG],
];

/** The command's output, to stdout and to an --out file. */
function mci(args: string[]): { stdout: string; file: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000 });
  assert.ok(r.status === 0 || r.status === 1, `mci ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  const out = join(TMP, 'out');
  const w = spawnSync(process.execPath, [CLI, ...args, '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(w.stdout, '', w.stderr);
  return { stdout: r.stdout, file: readFileSync(out, 'utf8') };
}

const oldWay = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const compact = (v: unknown) => `${JSON.stringify(v)}\n`;

/** Equal texts, or where they first differ (not megabytes of both). */
function sameBytes(actual: string, expected: string, what: string): void {
  if (actual === expected) return;
  let i = 0;
  while (actual[i] === expected[i]) i++;
  const around = (t: string) => JSON.stringify(t.slice(Math.max(0, i - 40), i + 40));
  assert.fail(`${what}: differs at ${i} of ${expected.length}: ${around(actual)} instead of ${around(expected)}`);
}

for (const files of FILES) {
  const name = files.map((f) => f.split('/').pop()).join(' + ');
  describe(`JSON outputs of ${name} are the bytes of the old one-string way`, () => {
    test('mci check --format json', async () => {
      const { inputs, exchanges, reportSettings, ignoredNotKept } = await readInputs(files);
      const expected = oldWay(buildCheckResult(inputs, analyse(exchanges, settingsFrom({}, reportSettings)), ignoredNotKept));
      const { stdout, file } = mci(['check', ...files, '--format', 'json']);
      sameBytes(stdout, expected, 'stdout');
      sameBytes(file, expected, '--out');
    });

    test('mci report --format json', async () => {
      const { exchanges, reportSettings, recordedFrom, ignoredNotKept } = await readInputs(files);
      const analysis = new Analyser(settingsFrom({}, reportSettings)).addAll(exchanges).result();
      // The one field that differs from run to run: the report's own creation time.
      const expected = (text: string) => oldWay(buildJsonReport(exchanges, analysis, files.join(', '), new Date((JSON.parse(text) as { createdAt: string }).createdAt), { recordedFrom, ignoredNotKept }));
      const { stdout, file } = mci(['report', ...files, '--format', 'json']);
      sameBytes(stdout, expected(stdout), 'stdout');
      sameBytes(file, expected(file), '--out');
    });

    test('mci report --format har: compact, the bytes of JSON.stringify and a newline', async () => {
      const { exchanges } = await readInputs(files);
      const { stdout, file } = mci(['report', ...files, '--format', 'har']);
      sameBytes(stdout, compact(toHar(exchanges)), 'stdout');
      sameBytes(file, compact(toHar(exchanges)), '--out');
      assert.equal(stdout.indexOf('\n'), stdout.length - 1, 'one line');
    });
  });
}

test('the big recording is many chunks long', () => {
  assert.ok(mci(['report', BIG, '--format', 'har']).stdout.length > 10 * 64 * 1024);
});

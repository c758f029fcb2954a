/**
 * `mci check`'s text output and repeated findings: a finding repeated on several calls of a
 * session is printed once, under its first call, with "(on N calls: #a, #b, … #z)"; a call whose
 * only findings are repeats gets no line; the tallies still count every finding, and the JSON and
 * JUnit outputs keep one finding per call. A session judged at its own ping interval (or one set
 * in the settings) says so on a "pings" line; a session at Adobe's default has none.
 *
 * The text is checked in process (formatText) and once end to end through src/cli/mci.ts run by
 * tsx, so these tests need no build.
 */
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse } from '../../src/core/analysis/analyser.ts';
import { buildCheckResult, type CheckResult } from '../../src/core/report/check-result.ts';
import { toJUnit } from '../../src/core/report/junit.ts';
import { readRecording } from '../../src/core/report/read-recording.ts';
import type { Settings } from '../../src/core/session/settings.ts';
import { colorsFor } from '../../src/cli/colors.ts';
import { formatText } from '../../src/cli/format-text.ts';
import { har } from '../helpers/har-builder.ts';
import { OWN_CADENCE_SID, ownCadenceSession, qoeNullSession, QOE_NULL_CALLS } from '../helpers/repeat-scenarios.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'mci-text-repeats-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

const PLAIN = colorsFor(null);

function resultOf(entries: readonly unknown[], settings: Partial<Settings> = {}): CheckResult {
  const text = JSON.stringify(har([...entries]));
  const exchanges = readRecording(text, 'x.har').exchanges;
  return buildCheckResult([{ file: 'x.har', creator: null, firstIndex: 0, entries: exchanges.length }], analyse(exchanges, settings));
}

/** The "#N …" call lines of the text, by call index. */
function callLines(text: string): number[] {
  return [...text.matchAll(/^ {2}#(\d+)\s/gm)].map((m) => Number(m[1]));
}

/** The finding lines of the text. */
function findingLines(text: string): string[] {
  return text.split('\n').filter((l) => /^\s+[✖▲ℹ] (error|warning|info)\s/.test(l));
}

/** qoeNullSession with a misspelt field on one call: that call has a finding of its own besides the repeat. */
function withOneMore(): { entries: unknown[]; call: number } {
  const entries = qoeNullSession();
  const call = 6;
  const post = ((entries[call] as { request: { postData: { text: string } } }).request).postData;
  post.text = post.text.replace('"qoeDataDetails":null', '"qoeDataDetails":null,"lenght":30');
  return { entries, call };
}

describe('text output: repeated findings', () => {
  const result = resultOf(qoeNullSession());
  const violations = result.findings.filter((f) => f.code === 'schema.violation');
  const calls = violations.map((f) => f.exchange);

  test('premise: the same violation on every call but the start', () => {
    assert.equal(violations.length, QOE_NULL_CALLS);
    assert.equal(new Set(calls).size, QOE_NULL_CALLS);
    assert.equal(result.findings.length, QOE_NULL_CALLS, 'and nothing else');
  });

  test('printed once, under its first call, with the calls it is on; no line for the calls that only repeat it', () => {
    const text = formatText(result, PLAIN);
    const lines = findingLines(text);
    assert.equal(lines.length, 1, text);
    const listed = [...calls.slice(0, 8).map((n) => `#${n}`), `… #${calls[calls.length - 1]}`].join(', ');
    assert.ok((lines[0] as string).endsWith(`must be an object, but it is null. (on ${QOE_NULL_CALLS} calls: ${listed})`), lines[0]);
    assert.deepEqual(callLines(text), [calls[0]], 'only the first call has a line');
    assert.equal(text.split('\n').filter((l) => l.trim().startsWith('fix: ')).length, 1, 'one fix');
  });

  test('the tallies count every finding, as the JSON output does', () => {
    const text = formatText(result, PLAIN);
    assert.match(text, new RegExp(`^Session \\S+ .* ${QOE_NULL_CALLS} errors$`, 'm'), 'the session header');
    assert.match(text, new RegExp(`ignored: ${QOE_NULL_CALLS} errors, 0 warnings, 0 info$`, 'm'), 'the summary line');
    assert.equal(result.summary.findings.error, QOE_NULL_CALLS);
  });

  test('the JSON and JUnit outputs keep one finding per call', () => {
    assert.equal(result.sessions[0]?.findings.length, QOE_NULL_CALLS);
    for (const n of calls) assert.equal(result.exchanges.find((e) => e.index === n)?.findings, 1, `#${n} counts its finding`);
    assert.equal([...toJUnit(result).matchAll(/<failure /g)].length, QOE_NULL_CALLS, 'one <failure> per error');
  });

  test('a call with a finding of its own besides a repeat still has its line, with that finding alone', () => {
    const { entries, call } = withOneMore();
    const mixed = resultOf(entries);
    const text = formatText(mixed, PLAIN);
    const first = mixed.findings.find((f) => f.code === 'schema.violation')?.exchange;
    assert.deepEqual(callLines(text), [first, call], text);
    const lines = findingLines(text);
    assert.equal(lines.length, 2, text);
    assert.match(lines[1] as string, /schema\.unknown-field/);
    assert.match(text, new RegExp(`ignored: ${QOE_NULL_CALLS} errors, 1 warning, 0 info$`, 'm'), 'every finding counted');
  });

  test('coloured: the note is dim, after the message', () => {
    const text = formatText(result, { ...PLAIN, dim: (s) => `<dim>${s}</dim>` });
    assert.match(text, new RegExp(`but it is null\\. <dim>\\(on ${QOE_NULL_CALLS} calls: #`));
  });
});

describe('text output: the ping interval a session was judged by', () => {
  test('a session keeping 15 s says so on a "pings" line', () => {
    const result = resultOf(ownCadenceSession());
    assert.deepEqual(result.sessions[0]?.pingCadence, { mainMs: 15_000, source: 'inferred' }, 'premise: the session keeps 15 s');
    const text = formatText(result, PLAIN);
    assert.ok(text.includes(`\n  pings      every 15 s in main content (this session's own interval, read from its first pings; Adobe's default is 10 s)\n  estimates  `), text);
  });

  test('an interval set in the settings says so', () => {
    const text = formatText(resultOf(ownCadenceSession(), { mainPingIntervalS: 20 }), PLAIN);
    assert.ok(text.includes('\n  pings      every 20 s in main content (setting: main ping interval)\n'), text);
  });

  test('a session at Adobe\'s default has no "pings" line (its output is as before)', () => {
    const result = resultOf(qoeNullSession());
    assert.equal(result.sessions[0]?.pingCadence.source, 'default');
    assert.doesNotMatch(formatText(result, PLAIN), /^ {2}pings /m);
  });

  test('a report built by hand: the line follows the session\'s pingCadence', () => {
    const result = resultOf(qoeNullSession());
    const s = result.sessions[0];
    assert.ok(s);
    s.pingCadence = { mainMs: 30_000, source: 'inferred' };
    assert.match(formatText(result, PLAIN), /^ {2}pings {6}every 30 s in main content \(this session's own interval/m);
  });
});

describe('mci check end to end (src/cli/mci.ts through tsx)', () => {
  test('text prints the violation once; JSON keeps one finding per call; the ping interval shows', () => {
    const file = join(TMP, 'qoe.har');
    writeFileSync(file, JSON.stringify(har([...qoeNullSession(), ...ownCadenceSession(OWN_CADENCE_SID, 300_000)])));
    const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/mci.ts'), ...args], {
      cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', NODE_TEST_CONTEXT: '' },
    });
    const text = run(['check', file]);
    assert.equal(text.status, 1, text.stderr);
    assert.equal(findingLines(text.stdout).filter((l) => l.includes('schema.violation')).length, 1, text.stdout);
    assert.match(text.stdout, new RegExp(`\\(on ${QOE_NULL_CALLS} calls: #1, #2, `));
    assert.match(text.stdout, /^ {2}pings {6}every 15 s in main content /m);
    const out = join(TMP, 'qoe.json');
    const json = run(['check', file, '--format', 'json', '--out', out]);
    assert.equal(json.status, 1, json.stderr);
    const parsed = JSON.parse(readFileSync(out, 'utf8')) as CheckResult;
    assert.equal(parsed.findings.filter((f) => f.code === 'schema.violation').length, QOE_NULL_CALLS);
    assert.deepEqual(parsed.sessions.find((s) => s.sid === OWN_CADENCE_SID)?.pingCadence, { mainMs: 15_000, source: 'inferred' });
  });
});

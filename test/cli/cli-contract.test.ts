/**
 * Contract tests of `mci check`, run on the built bundle dist/cli/mci.mjs with plain node (as a
 * user or a CI job would; `npm test` builds first, alone run `npm run build` before):
 *
 * - `--format json`: `sessions[]` carries {sid, metrics, findings}, a session's findings are the
 *   same objects as in the top-level `findings`, and both lists are in time order (checked on a
 *   recording whose HAR order differs from the time order of its findings);
 * - `--format text`: each session shows its state line, its estimates and counts lines, and its
 *   findings in the same (time) order as the JSON output;
 * - the settings options (`--clock-skew`, `--playhead-tolerance`, `--ad-ping`, `--ping-tolerance`)
 *   change the findings on recordings built for each of them;
 * - bad settings values are usage errors (exit 2, one line on stderr naming the option);
 * - `npx --no-install mci check` on the broken sample exits 1.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ev, eventEntry, har, sessionStartBody, sessionsEntry, T0 } from '../helpers/har-builder.ts';
import { duration } from '../../src/core/session/step-context.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = 'dist/cli/mci.mjs';
const SEQUENCE = 'test/fixtures/broken-sequence.har';
const SEQUENCE_SID = 'c0ffee'.repeat(10) + '0003';

assert.ok(existsSync(join(ROOT, CLI)), `${CLI} does not exist: run \`npm run build\` before these tests (\`npm test\` builds first)`);

const TMP = mkdtempSync(join(tmpdir(), 'mci-contract-test-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

const SID_A = 'e'.repeat(56) + '0000000a';
const SID_B = 'f'.repeat(56) + '0000000b';

// ---------------------------------------------------------------- running the CLI

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli/mci.mjs ...args` from the project root, without colour settings inherited from the caller. */
function mci(args: string[], env: Record<string, string> = {}): Run {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['FORCE_COLOR', 'NO_COLOR', 'NODE_TEST_CONTEXT']) delete childEnv[k];
  Object.assign(childEnv, env);
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: childEnv, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const show = (r: Run) => `exit ${r.status}\n--- stdout ---\n${r.stdout.slice(0, 3000)}\n--- stderr ---\n${r.stderr.slice(0, 2000)}`;

interface JFinding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fix: string;
  exchange: number;
  sid: string | null;
  time: number | null;
  setting?: string;
}
interface JMetrics {
  estimated: boolean;
  start: number | null;
  durationMs: number;
  mainContentMs: number;
  adMs: number;
  orphanAdCreditedToMainMs: number;
  pausedMs: number;
  bufferingMs: number;
  chapters: { index: number | null; name: string | null; playedMs: number }[];
  counts: { events: number; pings: number; adBreaks: number };
}
interface JSession {
  sid: string;
  calls: number[];
  state: { playback: string; completed: boolean; closed: string | null; chapter: number | null };
  metrics: JMetrics;
  findings: JFinding[];
}
interface JResult {
  settings: { adPingCadence: string; pingToleranceMs: number; clockSkewToleranceMs: number; playheadToleranceS: number };
  exchanges: { index: number; sid: string | null }[];
  sessions: JSession[];
  findings: JFinding[];
  summary: { sessions: number; findings: Record<'error' | 'warning' | 'info', number> };
}

/** `mci check ... --format json`, parsed; the exit status must be 0 or 1. */
function checkJson(args: string[]): { run: Run; result: JResult } {
  const run = mci(['check', ...args, '--format', 'json']);
  assert.ok(run.status === 0 || run.status === 1, `json run failed:\n${show(run)}`);
  assert.equal(run.stderr, '', show(run));
  let result: JResult;
  try {
    result = JSON.parse(run.stdout) as JResult;
  } catch (e) {
    assert.fail(`stdout of --format json is not JSON (${String(e)}):\n${show(run)}`);
  }
  return { run, result };
}

const codes = (findings: readonly JFinding[]) => findings.map((f) => f.code);
const sessionOf = (result: JResult, sid: string): JSession => {
  const s = result.sessions.find((x) => x.sid === sid);
  assert.ok(s, `session ${sid} in ${result.sessions.map((x) => x.sid).join(', ')}`);
  return s;
};

// ---------------------------------------------------------------- recordings built for the tests

type Entry = Record<string, unknown>;

/** An event sent `offsetMs` after T0 (request 20 ms later), its `ts` off the send time by `skewMs`. */
function at(sid: string, eventType: string, playhead: number, offsetMs: number, rest: Record<string, unknown> = {}, skewMs = 0): Entry {
  return eventEntry(sid, ev(eventType, playhead, T0 + offsetMs + skewMs, rest), { at: offsetMs + 20 });
}

function writeHar(name: string, entries: Entry[]): string {
  const file = join(TMP, name);
  writeFileSync(file, `${JSON.stringify(har(entries), null, 1)}\n`);
  return file;
}

/**
 * Two interleaved sessions whose findings are recorded out of time order: session A's
 * chapterComplete without a chapter (5 s) is the last entry of the HAR, after A's late ping
 * (46 s); session B's chapter.orphan-end (20 s) falls between the two in time.
 */
function outOfOrderEntries(): Entry[] {
  return [
    sessionsEntry(sessionStartBody(T0), SID_A, { at: 20 }),
    at(SID_A, 'play', 0, 1000),
    at(SID_A, 'ping', 10, 11000),
    at(SID_A, 'ping', 20, 21000),
    sessionsEntry(sessionStartBody(T0 + 10000), SID_B, { at: 10020 }),
    at(SID_B, 'play', 0, 11000),
    at(SID_B, 'chapterComplete', 9, 20000),
    at(SID_B, 'ping', 10, 21000),
    at(SID_B, 'sessionComplete', 14, 25000),
    at(SID_A, 'ping', 45, 46000), // 25 s after the previous ping: ping.late
    at(SID_A, 'sessionComplete', 49, 50000),
    at(SID_A, 'chapterComplete', 4, 5000), // sent at 5 s, recorded last: chapter.orphan-end
  ];
}

/** A short clean VOD whose every `ts` is `skewMs` ahead of its send time. */
function skewedEntries(skewMs: number): Entry[] {
  return [
    sessionsEntry(sessionStartBody(T0 + skewMs), SID_A, { at: 20 }),
    at(SID_A, 'play', 0, 1000, {}, skewMs),
    at(SID_A, 'ping', 10, 11000, {}, skewMs),
    at(SID_A, 'sessionComplete', 15, 16000, {}, skewMs),
  ];
}

/** A VOD with media.length 30 s whose playhead ends at 35 s (5 s beyond). */
function beyondLengthEntries(): Entry[] {
  return [
    sessionsEntry(sessionStartBody(T0, { 'media.length': 30 }), SID_A, { at: 20 }),
    at(SID_A, 'play', 0, 1000),
    at(SID_A, 'ping', 10, 11000),
    at(SID_A, 'ping', 20, 21000),
    at(SID_A, 'ping', 30, 31000),
    at(SID_A, 'sessionComplete', 35, 36000),
  ];
}

/** A pre-roll break with one 20 s ad, pinged every `everyMs` inside the break, then 15 s of content. */
function adBreakEntries(everyMs: number): Entry[] {
  const e: Entry[] = [
    sessionsEntry(sessionStartBody(T0), SID_A, { at: 20 }),
    at(SID_A, 'adBreakStart', 0, 1000, { params: { 'media.ad.podIndex': 0, 'media.ad.podSecond': 0 } }),
    at(SID_A, 'adStart', 0, 1005, { params: { 'media.ad.id': 'ad-1', 'media.ad.length': 20, 'media.ad.podPosition': 1, 'media.ad.playerName': 'demo-player' } }),
  ];
  for (let t = everyMs; t < 20000; t += everyMs) e.push(at(SID_A, 'ping', 0, 1005 + t));
  e.push(
    at(SID_A, 'adComplete', 0, 21005),
    at(SID_A, 'adBreakComplete', 0, 21010),
    at(SID_A, 'play', 0, 21020),
    at(SID_A, 'ping', 10, 31020),
    at(SID_A, 'sessionComplete', 15, 36020),
  );
  return e;
}

/** Main content with one gap of 15 s between pings (10 s expected). */
function latePingEntries(): Entry[] {
  return [
    sessionsEntry(sessionStartBody(T0), SID_A, { at: 20 }),
    at(SID_A, 'play', 0, 1000),
    at(SID_A, 'ping', 10, 11000),
    at(SID_A, 'ping', 25, 26000),
    at(SID_A, 'sessionComplete', 30, 31000),
  ];
}

// ---------------------------------------------------------------- 1. JSON: sessions and findings

/** Checks the sessions/findings contract of one JSON result; returns it for further checks. */
function assertSessionsContract(result: JResult): void {
  assert.ok(Array.isArray(result.sessions), 'result.sessions is an array');
  assert.equal(result.sessions.length, result.summary.sessions, 'one sessions[] entry per counted session');
  const sids = result.sessions.map((s) => s.sid);
  assert.equal(new Set(sids).size, sids.length, 'sids are unique');

  const top = result.findings;
  for (const s of result.sessions) {
    assert.equal(typeof s.sid, 'string');
    assert.ok(s.sid.length > 0, 'sid is not empty');
    assert.equal(typeof s.metrics, 'object');
    assert.equal(s.metrics.estimated, true, `metrics of ${s.sid} are flagged as estimates`);
    assert.equal(typeof s.metrics.durationMs, 'number');
    assert.equal(typeof s.metrics.mainContentMs, 'number');
    assert.ok(Array.isArray(s.findings), `findings of ${s.sid} is an array`);

    // Same finding objects as in the top-level list, and all of the session's.
    for (const f of s.findings) {
      assert.equal(f.sid, s.sid, `finding ${f.code} at #${f.exchange} listed under session ${s.sid} has sid ${f.sid}`);
      assert.ok(top.some((t) => isDeepEqual(t, f)), `finding ${f.code} at #${f.exchange} of session ${s.sid} is one of the top-level findings`);
    }
    const ownTop = top.filter((f) => f.sid === s.sid);
    assert.equal(s.findings.length, ownTop.length, `session ${s.sid} lists every top-level finding with its sid`);
    assert.deepEqual(s.findings, ownTop, `session ${s.sid}: its findings are the top-level ones with its sid, in the same order`);
    assertTimeOrder(s.findings, `findings of session ${s.sid}`);
  }
  assertTimeOrder(top, 'top-level findings');
}

function assertTimeOrder(findings: readonly JFinding[], what: string): void {
  for (const f of findings) assert.equal(typeof f.time, 'number', `${what}: ${f.code} at #${f.exchange} has a time`);
  for (let i = 1; i < findings.length; i++) {
    const a = findings[i - 1] as JFinding;
    const b = findings[i] as JFinding;
    assert.ok((a.time as number) <= (b.time as number),
      `${what} are not in time order: ${a.code} #${a.exchange} at ${a.time} before ${b.code} #${b.exchange} at ${b.time}`);
  }
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

test('json: broken-sequence.har has sessions[] of {sid, metrics, findings}, findings shared with the top level, in time order', () => {
  const { run, result } = checkJson([SEQUENCE]);
  assert.equal(run.status, 1, show(run));
  assert.equal(result.sessions.length, 1);
  const s = sessionOf(result, SEQUENCE_SID);
  assert.deepEqual(codes(s.findings), ['ad.orphan-start', 'chapter.overlap', 'ping.late', 'http.session-gone', 'session.after-end']);
  assert.deepEqual(s.findings.map((f) => f.exchange), [4, 21, 22, 24, 24]);
  assert.equal(s.metrics.durationMs, 76000);
  assert.equal(s.metrics.mainContentMs, 67000);
  assert.equal(s.metrics.orphanAdCreditedToMainMs, 15000);
  assertSessionsContract(result);
});

test('json: findings are in time order, not recording order, at the top level and per session', () => {
  const file = writeHar('out-of-order.har', outOfOrderEntries());
  const { result } = checkJson([SEQUENCE, file]);
  assert.equal(result.sessions.length, 3);
  assertSessionsContract(result);

  const a = sessionOf(result, SID_A);
  const b = sessionOf(result, SID_B);
  // Session A: the orphan chapterComplete (recorded last, sent at 5 s) comes before the late ping (46 s).
  assert.deepEqual(codes(a.findings), ['chapter.orphan-end', 'ping.late']);
  const [orphan, late] = a.findings as [JFinding, JFinding];
  assert.ok(orphan.exchange > late.exchange, 'premise: in session A, HAR order differs from time order');
  assert.equal(orphan.time, T0 + 5000);
  assert.equal(late.time, T0 + 46000);
  assert.deepEqual(codes(b.findings), ['chapter.orphan-end']);
  assert.equal(b.findings[0]?.time, T0 + 20000);

  // Top level: the two sessions of the built file interleave by time (A 5 s, B 20 s, A 46 s).
  const built = result.findings.filter((f) => f.sid === SID_A || f.sid === SID_B).map((f) => `${f.sid === SID_A ? 'A' : 'B'}:${f.code}`);
  assert.deepEqual(built, ['A:chapter.orphan-end', 'B:chapter.orphan-end', 'A:ping.late']);
  const byExchange = [...result.findings].sort((x, y) => x.exchange - y.exchange);
  assert.notDeepEqual(result.findings, byExchange, 'premise: the top-level time order is not the exchange order');
});

// ---------------------------------------------------------------- 2. text: state, metrics, findings in time order

interface TextSession {
  header: string;
  lines: string[];
}

/** Splits text output into session blocks (from a "Session <sid>" line to the next blank line). */
function textSessions(stdout: string): Map<string, TextSession> {
  const out = new Map<string, TextSession>();
  const lines = stdout.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^Session (\S+)/.exec(lines[i] ?? '');
    if (!m) continue;
    const block: string[] = [];
    for (let j = i + 1; j < lines.length && (lines[j] ?? '') !== ''; j++) block.push(lines[j] ?? '');
    assert.ok(!out.has(m[1] as string), `one block for session ${m[1]}`);
    out.set(m[1] as string, { header: lines[i] ?? '', lines: block });
  }
  return out;
}

/** The finding lines of a block, in printed order, each with the exchange line above it. */
function textFindings(block: TextSession): { exchange: number; offset: string; code: string; severity: string }[] {
  const out: { exchange: number; offset: string; code: string; severity: string }[] = [];
  let exchange = -1;
  let offset = '';
  for (const line of block.lines) {
    const row = /^\s+#(\d+)\s+(\+\d+\.\d{3}s)?\s/.exec(line);
    if (row) {
      exchange = Number(row[1]);
      offset = row[2] ?? '';
      continue;
    }
    const f = /^\s+[✖▲ℹ] (error|warning|info)\s+(\S+)\s/.exec(line);
    if (f) out.push({ exchange, offset, severity: f[1] as string, code: f[2] as string });
  }
  return out;
}

const labelled = (block: TextSession, label: string): string => {
  const line = block.lines.find((l) => new RegExp(`^\\s+${label}\\s`).test(l));
  assert.ok(line !== undefined, `a "${label}" line in the block of ${block.header}\n${block.lines.join('\n')}`);
  return line;
};

test('text: each session shows its state, estimates and counts, and its findings in the JSON (time) order', () => {
  const file = writeHar('out-of-order-text.har', outOfOrderEntries());
  const { result } = checkJson([SEQUENCE, file]);
  const r = mci(['check', SEQUENCE, file], { NO_COLOR: '1' });
  assert.equal(r.status, 1, show(r));
  assert.equal(r.stderr, '', show(r));
  const blocks = textSessions(r.stdout);
  assert.deepEqual([...blocks.keys()], result.sessions.map((s) => s.sid), `one block per session, in the JSON order\n${r.stdout}`);

  for (const s of result.sessions) {
    const block = blocks.get(s.sid) as TextSession;
    const context = `session ${s.sid}\n${r.stdout}`;
    assert.ok(block.header.includes(`${s.calls.length} calls`), `header counts the calls: ${block.header}`);

    // State summary line, consistent with the JSON state.
    const state = labelled(block, 'state');
    if (s.state.closed) assert.ok(state.includes(`closed (${s.state.closed})`), `state line says closed: ${state}`);
    else if (s.state.completed) assert.ok(state.includes('completed, still open'), `state line says completed: ${state}`);
    assert.ok(state.includes(`playback ${s.state.playback}`), `state line shows the playback state: ${state}`);

    // Estimates and counts, with the figures of the JSON metrics.
    const m = s.metrics;
    const estimates = labelled(block, 'estimates');
    for (const [what, ms] of [['duration', m.durationMs], ['content', m.mainContentMs], ['ads', m.adMs], ['paused', m.pausedMs], ['buffering', m.bufferingMs]] as const) {
      assert.ok(estimates.includes(`${what} ${duration(ms)}`), `estimates line shows ${what} ${duration(ms)}: ${estimates}\n${context}`);
    }
    const counts = labelled(block, 'counts');
    assert.ok(counts.includes(`${m.counts.events} events`), `counts line shows ${m.counts.events} events: ${counts}`);
    assert.ok(counts.includes(`${m.counts.pings} pings`), `counts line shows ${m.counts.pings} pings: ${counts}`);

    // Findings: the same sequence as the JSON session (time order), under the right exchange, with the right offset.
    const shown = textFindings(block);
    assert.deepEqual(shown.map((f) => `#${f.exchange} ${f.code}`), s.findings.map((f) => `#${f.exchange} ${f.code}`), `findings order in the text\n${context}`);
    for (const [i, f] of s.findings.entries()) {
      assert.equal(shown[i]?.severity, f.severity, `severity of ${f.code}`);
      assert.equal(shown[i]?.offset, `+${(((f.time as number) - (m.start as number)) / 1000).toFixed(3)}s`, `offset of ${f.code} from the session start`);
    }
  }

  // The sample's own figures (as in README), and the built session printed in time order, not HAR order.
  const seq = blocks.get(SEQUENCE_SID) as TextSession;
  assert.match(labelled(seq, 'state'), /closed \(sessionEnd\) · playback ended · in chapter 2/);
  assert.match(labelled(seq, 'estimates'), /duration 76\.0 s · content 67\.0 s · ads 0\.0 s .*orphan ads credited to content 15\.0 s/);
  // 24 events: the ping answered 410 after sessionEnd is not counted (Adobe dropped it).
  assert.match(labelled(seq, 'counts'), /24 events .* 17 pings/);
  assert.ok(seq.lines.some((l) => /chapter 1 40\.0 s · chapter 2 27\.0 s/.test(l)), 'per-chapter played time');
  assert.deepEqual(textFindings(seq).map((f) => f.code), ['ad.orphan-start', 'chapter.overlap', 'ping.late', 'http.session-gone', 'session.after-end']);
  const a = textFindings(blocks.get(SID_A) as TextSession);
  assert.deepEqual(a.map((f) => f.code), ['chapter.orphan-end', 'ping.late'], 'session A: the finding sent first is printed first');
  assert.deepEqual(a.map((f) => f.offset), ['+5.000s', '+46.000s']);
  assert.ok((a[0]?.exchange ?? 0) > (a[1]?.exchange ?? 0), 'premise: printed order differs from exchange order');
});

// ---------------------------------------------------------------- 3. settings options

test('--clock-skew: ts 10 minutes off its send time is ts.clock-skew with the default (300 s), not with 900 s', () => {
  const file = writeHar('clock-skew.har', skewedEntries(10 * 60 * 1000));
  const byDefault = checkJson([file]).result;
  assert.equal(byDefault.settings.clockSkewToleranceMs, 300_000);
  assert.deepEqual(codes(byDefault.findings), ['ts.clock-skew'], 'only the skew is reported on the otherwise clean session');
  assert.equal(byDefault.findings[0]?.setting, 'clockSkewToleranceMs');
  assert.equal(byDefault.findings[0]?.severity, 'info');
  assert.deepEqual(codes(checkJson([file, '--clock-skew', '60']).result.findings), ['ts.clock-skew'], 'a tighter tolerance still reports');

  const wide = checkJson([file, '--clock-skew', '900']);
  assert.equal(wide.result.settings.clockSkewToleranceMs, 900_000, 'the option is in seconds');
  assert.deepEqual(wide.result.findings, []);
  assert.equal(wide.run.status, 0);

  const control = writeHar('no-clock-skew.har', skewedEntries(0));
  assert.deepEqual(checkJson([control]).result.findings, [], 'premise: the same session without skew is clean');
});

test('--playhead-tolerance: a VOD playhead 5 s past media.length is playhead.beyond-length with tolerance 2, not 10', () => {
  const file = writeHar('beyond-length.har', beyondLengthEntries());
  const byDefault = checkJson([file]).result;
  assert.equal(byDefault.settings.playheadToleranceS, 2);
  assert.deepEqual(codes(byDefault.findings), ['playhead.beyond-length']);
  const f = byDefault.findings[0] as JFinding;
  assert.equal(f.setting, 'playheadToleranceS');
  assert.equal(f.time, T0 + 36000, 'reported at the event whose playhead is 35 s');
  assert.match(f.message, /35 s.*30 s/);
  assert.deepEqual(codes(checkJson([file, '--playhead-tolerance', '4']).result.findings), ['playhead.beyond-length'], '5 s beyond a 4 s tolerance');

  const wide = checkJson([file, '--playhead-tolerance', '10']).result;
  assert.equal(wide.settings.playheadToleranceS, 10);
  assert.deepEqual(wide.findings, []);
});

test('--ad-ping: 10 s pings in an ad break are ping.late with --ad-ping 1, fine with 10 and either; 1 s pings are ping.early with 10', () => {
  const every10 = writeHar('ad-pings-10s.har', adBreakEntries(10000));
  const every1 = writeHar('ad-pings-1s.har', adBreakEntries(1000));

  const strict = checkJson([every10, '--ad-ping', '1']).result;
  assert.equal(strict.settings.adPingCadence, '1');
  assert.ok(strict.findings.length > 0 && strict.findings.every((f) => f.code === 'ping.late'), `only ping.late, got ${codes(strict.findings).join(', ')}`);
  for (const f of strict.findings) {
    assert.equal(f.setting, 'adPingCadence', `ping.late at #${f.exchange} depends on the ad ping cadence`);
    assert.ok((f.time as number) > T0 + 1005 && (f.time as number) <= T0 + 21005, `ping.late at #${f.exchange} lies in the ad break`);
  }
  assert.deepEqual(checkJson([every10, '--ad-ping', '10']).result.findings, []);
  assert.deepEqual(checkJson([every10]).result.findings, [], 'default (either) accepts 10 s in ad breaks');

  assert.deepEqual(checkJson([every1, '--ad-ping', '1']).result.findings, []);
  assert.deepEqual(checkJson([every1]).result.findings, [], 'default (either) accepts 1 s in ad breaks');
  const early = checkJson([every1, '--ad-ping', '10']).result;
  assert.deepEqual(codes(early.findings), ['ping.early']);
  assert.equal(early.findings[0]?.setting, 'adPingCadence');
});

test('--ping-tolerance: a 15 s gap between content pings is ping.late with the default 2 s, not with 6 s', () => {
  const file = writeHar('late-ping.har', latePingEntries());
  const byDefault = checkJson([file]).result;
  assert.equal(byDefault.settings.pingToleranceMs, 2000);
  assert.deepEqual(codes(byDefault.findings), ['ping.late']);
  assert.equal(byDefault.findings[0]?.setting, 'pingToleranceMs');
  assert.equal(byDefault.findings[0]?.time, T0 + 26000);
  assert.deepEqual(codes(checkJson([file, '--ping-tolerance', '4']).result.findings), ['ping.late'], '15 s > 10 s + 4 s');

  const wide = checkJson([file, '--ping-tolerance', '6']).result;
  assert.equal(wide.settings.pingToleranceMs, 6000, 'the option is in seconds');
  assert.deepEqual(wide.findings, []);
});

// ---------------------------------------------------------------- 4. bad settings values

/** Exit 2, nothing on stdout, exactly one line on stderr, no stack trace, naming the option. */
function assertUsageError(r: Run, option: string, ...alsoMentions: string[]): void {
  assert.equal(r.status, 2, `expected exit 2\n${show(r)}`);
  assert.equal(r.stdout, '', `nothing on stdout on a usage error\n${show(r)}`);
  const message = r.stderr.replace(/\n$/, '');
  assert.notEqual(message.trim(), '', `stderr carries a message\n${show(r)}`);
  assert.ok(!message.includes('\n'), `stderr must be ONE line, got ${message.split('\n').length}\n${show(r)}`);
  assert.doesNotMatch(r.stderr, /^\s+at\s/m, `stderr carries stack frames\n${show(r)}`);
  assert.ok(message.includes(option), `stderr names ${option}\n${show(r)}`);
  for (const m of alsoMentions) assert.ok(message.includes(m), `stderr mentions ${JSON.stringify(m)}\n${show(r)}`);
}

for (const [args, option, ...mentions] of [
  [['--ad-ping', '5'], '--ad-ping', '5'],
  [['--clock-skew', '-1'], '--clock-skew'],
  [['--clock-skew=-1'], '--clock-skew', '-1'],
  [['--playhead-tolerance', 'abc'], '--playhead-tolerance', 'abc'],
  [['--ping-tolerance', ''], '--ping-tolerance'],
  [['--endpoint', 'ftp://x'], '--endpoint', 'ftp://x'],
] as [string[], string, ...string[]][]) {
  test(`usage error: check ${args.map((a) => (a === '' ? "''" : a)).join(' ')}`, () => {
    assertUsageError(mci(['check', SEQUENCE, ...args]), option, ...mentions);
  });
}

// ---------------------------------------------------------------- 5. npx

test('npx --no-install mci check on broken-sequence.har exits 1', () => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['FORCE_COLOR', 'NO_COLOR', 'NODE_TEST_CONTEXT']) delete env[k];
  const r = spawnSync('npx', ['--no-install', 'mci', 'check', SEQUENCE], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.error, undefined, String(r.error));
  assert.equal(r.status, 1, `npx mci check: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  assert.ok(r.stdout.includes(`Session ${SEQUENCE_SID}`), r.stdout);
  assert.match(r.stdout, /25 Media Collection calls in 1 session, 0 other requests ignored: 3 errors, 2 warnings, 0 info/);
});

/**
 * The JSON report is lossless and the exported HAR reads back with the same result: a recording
 * (every shipped fixture, and builder scenarios covering the odd corners of captured traffic)
 * turned into a report and read back gives the same exchanges and, analysed again with the
 * stored settings, the same findings, sessions and ignored count. The report validates against
 * its published JSON Schema; malformed reports are refused with a clear ReportError; and the CLI
 * (`mci report` then `mci check` on the report) gives the same result as checking the HAR.
 * Needs `npm run build` first (dist/cli/mci.mjs).
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse, type AnalysisResult } from '../../src/core/analysis/analyser.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import { ReportError } from '../../src/core/report/json-report.ts';
import { readRecording } from '../../src/core/report/read-recording.ts';
import { renderReport } from '../../src/core/report/render-report.ts';
import { withDefaults, type Settings } from '../../src/core/session/settings.ts';
import { entry, ev, eventEntry, har, HOST, SID, SID2, sessionStartBody, sessionsEntry, T0 } from '../helpers/har-builder.ts';
import { charlesEntry, downloadedEntry } from '../helpers/more-builders.ts';
import { brokenRequests, cleanVod } from '../helpers/scenarios.ts';
import {
  abandonDuringMidroll, abandonDuringPreroll, brokenSequence, idleThen410, interleave, liveStream, longSessionWithProblems,
  moveEntry, notRestarted404, restartAfter404, SessionBuilder, SID3, SID4, SID5, vodWithAds,
} from '../helpers/session-scenarios.ts';
import { ajv, mci, ROOT, validateReport, type Run } from '../helpers/report-cli.ts';

const FIXTURES = join(ROOT, 'test/fixtures');
const NOW = new Date('2026-11-03T12:00:00.000Z');

const TMP = mkdtempSync(join(tmpdir(), 'mci-report-roundtrip-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

type Entry = Record<string, unknown>;

interface Scenario {
  name: string;
  entries: Entry[];
  settings?: Partial<Settings>;
  /** Checks that the scenario really holds what it claims (so the round trip is tested on it). */
  holds?: (exchanges: Exchange[], analysis: AnalysisResult) => void;
}

function harText(entries: readonly Entry[]): string {
  return `${JSON.stringify(har([...entries]), null, 1)}\n`;
}

function exchangesOf(entries: readonly Entry[]): Exchange[] {
  const rec = readRecording(harText(entries), 'scenario.har');
  assert.equal(rec.kind, 'har');
  return rec.exchanges;
}

function codes(a: AnalysisResult): string[] {
  return a.findings.map((f) => f.code);
}

const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/* ------------------------------------------------------------------------------------------ */
/* Scenarios                                                                                    */
/* ------------------------------------------------------------------------------------------ */

const PROXY = 'https://t.example.com/mc';

function proxySession(sid: string, start: number): Entry[] {
  const b = new SessionBuilder(sid, start);
  b.open({ 'media.length': 60 });
  b.send('play', 0, 1000);
  b.pings(11000, 41000, 10000, (t) => (t - 1000) / 1000);
  b.send('sessionComplete', 40, 41000);
  // The same calls through a first-party proxy with its own paths: …/mc stands for …/api/v1.
  return b.entries.map((e) => {
    const request = { ...(e.request as Record<string, unknown>) };
    request.url = String(request.url).replace(`${HOST}/api/v1`, PROXY);
    return { ...e, request };
  });
}

function oddBodies(): Entry[] {
  const b = new SessionBuilder(SID, T0);
  b.open();
  b.send('play', 0, 1000);
  b.send('ping', 10, 11000, {}, { rawBody: '{"playerTime":{"playhead":10,' }); // truncated JSON
  b.send('ping', 20, 21000, {}, { rawBody: 'eventType=ping&playhead=20' }); // a form post
  b.send('ping', 30, 31000, {}, { rawBody: '' }); // empty body
  b.send('ping', 40, 41000, {}, { rawBody: null }); // not exposed by the browser
  b.send('sessionEnd', 45, 45000, {}, { rawBody: null, resourceType: 'ping' }); // sendBeacon
  return b.entries;
}

function base64Replies(): Entry[] {
  const url = `${HOST}/api/v1/sessions/${SID2}/events`;
  const binary = entry(url, ev('ping', 20, T0 + 21000), { at: 21020 });
  const response = binary.response as Record<string, unknown>;
  // Bytes that are not UTF-8 text: the reader keeps them as captured.
  response.content = { size: 4, mimeType: 'application/octet-stream', encoding: 'base64', text: Buffer.from([0xff, 0xfe, 0x00, 0x81]).toString('base64') };
  return [
    sessionsEntry(sessionStartBody(T0), SID2, { at: 20 }),
    charlesEntry(url, JSON.stringify(ev('play', 0, T0 + 1000)), 204, ''),
    charlesEntry(url, JSON.stringify(ev('ping', 10, T0 + 11000)), 400, '{"message":"bad ping: é ✓ 🎬"}'),
    binary,
  ];
}

function unknownSendTimes(): Entry[] {
  const out = [
    sessionsEntry(sessionStartBody(T0), SID, { at: 20 }),
    eventEntry(SID, ev('play', 0, T0 + 1000), { at: 1020 }),
    eventEntry(SID, null, { rawBody: 'not json at all' }), // no ts in the body either
    eventEntry(SID, ev('ping', 10, T0 + 11000), { at: 11020 }),
    eventEntry(SID, null, { rawBody: null }),
  ];
  // Recordings that do not say when these were sent (startedDateTime and time missing).
  for (const i of [2, 4]) {
    delete (out[i] as Entry).startedDateTime;
    delete (out[i] as Entry).time;
  }
  return out;
}

function otherTrafficAndFailures(): Entry[] {
  const b = new SessionBuilder(SID, T0);
  b.open();
  const cdn = entry('https://cdn.example.com/video/master.m3u8', null, { method: 'GET', rawBody: null, status: 200, at: 100, responseBody: '#EXTM3U' });
  const preflight = entry(`${HOST}/api/v1/sessions/${SID}/events`, null, { method: 'OPTIONS', rawBody: null, status: 204, at: 900 });
  b.entries.push(cdn, preflight);
  b.send('play', 0, 1000);
  b.send('ping', 10, 11000, {}, { status: 500, responseBody: '{"message":"internal"}' });
  b.send('ping', 20, 21000, {}, { status: 0, error: 'net::ERR_BLOCKED_BY_CLIENT' });
  b.send('ping', 30, 31000, {}, { status: 0 });
  b.send('ping', 40, 41000, {}, { status: 400, responseBody: '{"message":"bad"}' });
  // a sessions call answered 201 without Location, and a schema lookup
  b.entries.push(sessionsEntry(sessionStartBody(T0 + 50000), null, { at: 50020 }));
  b.entries.push(entry(`${HOST}/api/v1/schemas/ping`, null, { method: 'GET', rawBody: null, status: 200, at: 50100, responseBody: '{"type":"object"}' }));
  b.entries.push(downloadedEntry([sessionStartBody(T0 + 60000), ev('play', 0, T0 + 61000), ev('sessionComplete', 10, T0 + 71000)], { at: 72000 }));
  const odd = b.send('ping', 50, 51000);
  delete (b.entries[odd] as Entry).time; // no duration
  return b.entries;
}

function strangeStrings(): Entry[] {
  const b = new SessionBuilder(SID5, T0);
  b.open({ 'media.name': 'Ünïcödé 🎬 \ud800 lone', 'media.id': 'id\u0000with\u0001controls' });
  b.send('play', 0, 1000);
  b.send('ping', 10, 11000, { params: { 'key with \udc00 and "quotes"': '<b>x</b>' } });
  b.send('sessionEnd', 12, 12000);
  return b.entries;
}

const interleaved = interleave(vodWithAds(SID), brokenSequence(SID2, T0 + 3000), abandonDuringMidroll(SID3, T0 + 7000), abandonDuringPreroll(SID4, T0 + 9000));

const SCENARIOS: Scenario[] = [
  {
    name: 'interleaved sessions',
    entries: interleaved.entries,
    holds: (_e, a) => assert.equal(a.sessions.length, 4),
  },
  {
    name: 'a session whose sessions call is missing',
    entries: brokenSequence(SID2).slice(1),
    holds: (_e, a) => {
      assert.equal(a.sessions.length, 1);
      assert.equal(a.sessions[0]?.startCaptured, false);
      assert.ok(codes(a).includes('session.unknown'), codes(a).join());
    },
  },
  {
    name: 'a sessions call captured late',
    entries: moveEntry(vodWithAds(SID3), 0, 6),
  },
  {
    name: 'bodies that are not JSON, empty or unavailable',
    entries: oddBodies(),
    holds: (e, a) => {
      assert.ok(e.some((x) => x.requestBody === null));
      assert.ok(e.some((x) => x.requestBody === ''));
      assert.ok(codes(a).includes('body.not-json'));
      assert.ok(codes(a).includes('body.unavailable'));
    },
  },
  {
    name: 'base64 response content (Charles) and binary replies',
    entries: base64Replies(),
    holds: (e) => {
      assert.ok(e.some((x) => x.responseBody === '{"message":"bad ping: é ✓ 🎬"}'), 'base64 text decoded');
      assert.ok(e.some((x) => x.requestBody?.includes('"eventType":"play"')), 'base64 request body decoded');
    },
  },
  {
    name: 'a 404 followed by a proper restart',
    entries: restartAfter404(SID, SID2).entries,
    holds: (_e, a) => assert.ok(codes(a).includes('http.session-not-found')),
  },
  {
    name: 'a 410 after 11 minutes idle, then a restart',
    entries: idleThen410(SID3, SID4).entries,
    holds: (_e, a) => assert.ok(codes(a).includes('http.session-gone')),
  },
  {
    name: 'a 404 the player never recovers from',
    entries: notRestarted404(SID5).entries,
    holds: (_e, a) => assert.ok(codes(a).includes('session.not-restarted')),
  },
  {
    name: 'ad ping cadence 1 with 10 s ad pings',
    entries: vodWithAds(SID, T0, 10000),
    settings: { adPingCadence: '1' },
    holds: (e, a) => assert.notDeepEqual(codes(a), codes(analyse(e)), 'the setting changes the findings'),
  },
  {
    name: 'custom endpoints (a first-party proxy)',
    entries: [...proxySession(SID4, T0), ...cleanVod(SID5, T0 + 500)],
    settings: { customEndpoints: [PROXY], pingToleranceMs: 500, clockSkewToleranceMs: 1000, playheadToleranceS: 0.5 },
    holds: (e, a) => {
      assert.equal(a.sessions.length, 2);
      assert.equal(analyse(e).sessions.length, 1, 'without the setting the proxy calls are not Media Collection calls');
    },
  },
  {
    name: 'unknown send times (NaN startedAt)',
    entries: unknownSendTimes(),
    holds: (e, a) => {
      assert.equal(e.filter((x) => Number.isNaN(x.startedAt)).length, 2);
      assert.ok(a.findings.some((f) => f.time === null), 'a finding with no time');
    },
  },
  {
    name: 'other traffic, preflights, failures, 500, 400, no Location, schema and downloaded calls',
    entries: otherTrafficAndFailures(),
    holds: (_e, a) => {
      assert.ok(a.ignored >= 2);
      for (const c of ['http.server-error', 'http.failed', 'http.bad-request', 'session.no-location']) assert.ok(codes(a).includes(c), `${c} in ${codes(a).join()}`);
    },
  },
  {
    name: 'control characters, lone surrogates and emoji in captured strings',
    entries: strangeStrings(),
  },
  { name: 'broken requests (builder)', entries: brokenRequests(SID2) },
  { name: 'a live stream over an hour with an ad break', entries: liveStream(SID, T0, 1.05) },
  { name: 'a long session with problems', entries: longSessionWithProblems(SID3) },
];

const FIXTURE_FILES = readdirSync(FIXTURES).filter((f) => f.endsWith('.har')).sort();

/* ------------------------------------------------------------------------------------------ */
/* Round trips                                                                                  */
/* ------------------------------------------------------------------------------------------ */

function assertJsonRoundTrip(name: string, exchanges: Exchange[], settings: Partial<Settings>): void {
  const original = analyse(exchanges, settings);
  const text = renderReport('json', exchanges, settings, name, NOW);
  const doc = JSON.parse(text) as Record<string, unknown>;
  assert.ok(validateReport(doc), `the report does not validate against report.schema.json: ${ajv.errorsText(validateReport.errors)}`);

  const rec = readRecording(text, `${name}.mci.json`);
  assert.equal(rec.kind, 'report');
  assert.equal(rec.exchanges.length, exchanges.length);
  // Every field of every exchange, NaN included (deepStrictEqual compares with Object.is).
  assert.deepStrictEqual(rec.exchanges, exchanges);
  exchanges.forEach((e, i) => {
    if (Number.isNaN(e.startedAt)) assert.ok(Number.isNaN(rec.exchanges[i]?.startedAt), `exchange ${i}: unknown send time must stay NaN, got ${rec.exchanges[i]?.startedAt}`);
  });
  assert.deepStrictEqual(rec.settings, withDefaults(settings), 'the report keeps the settings of the analysis');

  const again = analyse(rec.exchanges, rec.settings ?? {});
  assert.deepStrictEqual(again.settings, original.settings);
  assert.deepStrictEqual(again.findings, original.findings);
  assert.deepStrictEqual(again.sessions, original.sessions);
  assert.equal(again.ignored, original.ignored);
  assert.deepStrictEqual(again.calls.map((c) => [c.exchange.index, c.kind, c.sid, c.label]), original.calls.map((c) => [c.exchange.index, c.kind, c.sid, c.label]));

  // The analysis stored for readers that do not run the engine is the analysis itself.
  assert.deepStrictEqual(doc.findings, json(original.findings));
  assert.deepStrictEqual(doc.sessions, json(original.sessions));
  const n = { error: 0, warning: 0, info: 0 };
  for (const f of original.findings) n[f.severity]++;
  assert.deepStrictEqual(doc.summary, { exchanges: original.calls.length, sessions: original.sessions.length, ignored: original.ignored, findings: n });
  assert.equal((doc.exchanges as unknown[]).length, exchanges.length, 'every exchange is kept, Media Collection or not');
}

function assertHarRoundTrip(name: string, exchanges: Exchange[], settings: Partial<Settings>): void {
  const original = analyse(exchanges, settings);
  const text = renderReport('har', exchanges, settings, name, NOW);
  const rec = readRecording(text, `${name}.export.har`);
  assert.equal(rec.kind, 'har');
  assert.equal(rec.exchanges.length, exchanges.length);
  rec.exchanges.forEach((back, i) => {
    const e = exchanges[i] as Exchange;
    for (const k of ['method', 'url', 'requestHeaders', 'requestBody', 'status', 'statusText', 'responseHeaders', 'responseBody', 'resourceType', 'failure'] as const) {
      assert.deepStrictEqual(back[k], e[k], `exchange ${i}: ${k} changed through the HAR export`);
    }
    if (Number.isFinite(e.startedAt)) assert.equal(back.startedAt, e.startedAt, `exchange ${i}: send time changed`);
  });
  const again = analyse(rec.exchanges, settings);
  assert.deepStrictEqual(again.findings, original.findings, 'the exported HAR gives other findings');
  assert.deepStrictEqual(again.sessions.map((s) => [s.sid, s.metrics]), original.sessions.map((s) => [s.sid, s.metrics]), 'the exported HAR gives other metrics');
  assert.deepStrictEqual(again.sessions, original.sessions);
  assert.equal(again.ignored, original.ignored);
}

describe('JSON report round trip: every fixture', () => {
  for (const file of FIXTURE_FILES) {
    test(`${file}: HAR → JSON report → read back → analyse gives the same exchanges and analysis`, () => {
      const exchanges = readRecording(readFileSync(join(FIXTURES, file), 'utf8'), file).exchanges;
      assert.ok(exchanges.length > 0);
      assertJsonRoundTrip(file, exchanges, {});
    });
    test(`${file}: the exported HAR reads back with the same findings and metrics`, () => {
      const exchanges = readRecording(readFileSync(join(FIXTURES, file), 'utf8'), file).exchanges;
      assertHarRoundTrip(file, exchanges, {});
    });
  }
});

describe('JSON report round trip: builder scenarios', () => {
  for (const s of SCENARIOS) {
    test(`${s.name}: lossless JSON report`, () => {
      const exchanges = exchangesOf(s.entries);
      s.holds?.(exchanges, analyse(exchanges, s.settings ?? {}));
      assertJsonRoundTrip(s.name, exchanges, s.settings ?? {});
    });
    test(`${s.name}: exported HAR gives the same findings and metrics`, () => {
      assertHarRoundTrip(s.name, exchangesOf(s.entries), s.settings ?? {});
    });
  }

  test('a JSON report of a JSON report is the same report (apart from its source)', () => {
    const exchanges = exchangesOf(interleaved.entries);
    const first = renderReport('json', exchanges, { adPingCadence: '10' }, 'a.har', NOW);
    const rec = readRecording(first, 'a.mci.json');
    const second = renderReport('json', rec.exchanges, rec.settings ?? {}, 'a.har', NOW);
    assert.equal(second, first);
  });

  test('a report of a subset (one session of several, as the panel exports "selected") reads back with the analysis it stores', () => {
    const all = exchangesOf(interleaved.entries);
    const full = analyse(all);
    const keep = new Set(full.calls.filter((c) => c.sid === SID2).map((c) => c.exchange.index));
    const subset = all.filter((e) => keep.has(e.index));
    assert.ok(subset.some((e, i) => e.index !== i), 'control: the subset keeps the indexes of the capture');
    const text = renderReport('json', subset, {}, 'selected sessions', NOW);
    const doc = JSON.parse(text) as { findings: unknown[]; sessions: unknown[]; exchanges: { index: number }[] };
    assert.ok(validateReport(doc), ajv.errorsText(validateReport.errors));
    const rec = readRecording(text, 'selected.mci.json');
    const withoutIndex = (list: readonly Exchange[]) => list.map(({ index: _index, ...rest }) => rest);
    assert.deepStrictEqual(withoutIndex(rec.exchanges), withoutIndex(subset), 'every exchange reads back');
    assert.deepStrictEqual(rec.exchanges.map((e) => e.index), doc.exchanges.map((e) => e.index), 'exchange numbers read back as the report states them (its findings and sessions refer to them)');
    const again = analyse(rec.exchanges, rec.settings ?? {});
    assert.deepStrictEqual(json(again.findings), doc.findings, 'the imported analysis is the one the report stores');
    assert.deepStrictEqual(json(again.sessions), doc.sessions);
  });

  test('the stored settings, not the defaults, drive the re-analysis', () => {
    const s = SCENARIOS.find((x) => x.name.startsWith('custom endpoints')) as Scenario;
    const exchanges = exchangesOf(s.entries);
    const rec = readRecording(renderReport('json', exchanges, s.settings ?? {}, 'proxy.har', NOW), 'proxy.mci.json');
    assert.deepStrictEqual(rec.settings?.customEndpoints, [PROXY]);
    assert.equal(rec.settings?.pingToleranceMs, 500);
    assert.equal(analyse(rec.exchanges, rec.settings ?? {}).sessions.length, 2);
  });
});

/* ------------------------------------------------------------------------------------------ */
/* Malformed reports                                                                            */
/* ------------------------------------------------------------------------------------------ */

describe('malformed JSON reports', () => {
  const good = (): Record<string, unknown> =>
    JSON.parse(renderReport('json', exchangesOf(brokenRequests(SID)), {}, 'x.har', NOW)) as Record<string, unknown>;

  function readError(doc: unknown, fileName = 'bad.mci.json'): ReportError {
    try {
      readRecording(JSON.stringify(doc), fileName);
    } catch (e) {
      assert.ok(e instanceof ReportError, `expected a ReportError, got ${String(e)}`);
      assert.equal(e.name, 'ReportError');
      assert.ok(e.message.includes(fileName), `the message names the file: ${e.message}`);
      assert.ok(!e.message.includes('\n'), 'a one-line message');
      return e;
    }
    return assert.fail('a malformed report was read without error');
  }

  test('a send time no Date can hold (1e300) is kept in the report, and exported to HAR as unknown', () => {
    const doc = good();
    const exchanges = doc.exchanges as Record<string, unknown>[];
    (exchanges[0] as Record<string, unknown>).startedAt = 1e300;
    const rec = readRecording(JSON.stringify(doc), 'far.mci.json');
    assert.equal(rec.exchanges[0]?.startedAt, 1e300, 'the report keeps what it holds');
    for (const format of ['har', 'html', 'md', 'json'] as const) {
      assert.doesNotThrow(() => renderReport(format, rec.exchanges, {}, 'far.mci.json', NOW), format);
    }
    const back = readRecording(renderReport('har', rec.exchanges, {}, 'far.mci.json', NOW), 'far.har');
    assert.ok(Number.isNaN(back.exchanges[0]?.startedAt), 'read back from the HAR as unknown');
  });

  test('formatVersion 2 is refused: newer than this tool reads', () => {
    const e = readError({ ...good(), formatVersion: 2 });
    assert.match(e.message, /version 2\b/);
    assert.match(e.message, /newer|update/i);
  });

  test('a report without "exchanges" is refused, saying so', () => {
    const doc = good();
    delete doc.exchanges;
    assert.match(readError(doc).message, /exchanges/);
  });

  test('"exchanges" that is not a list, or holds a non-object, is refused', () => {
    assert.match(readError({ ...good(), exchanges: { 0: {} } }).message, /exchanges/);
    const doc = good();
    (doc.exchanges as unknown[])[3] = 'oops';
    assert.match(readError(doc).message, /exchange 3/);
  });

  test('a report without formatVersion is refused with a message that does not invent a version', () => {
    const doc = good();
    delete doc.formatVersion;
    const e = readError(doc);
    assert.match(e.message, /version/i);
    assert.doesNotMatch(e.message, /undefined/, `unclear message: ${e.message}`);
  });

  test('a valid report still reads (control for the cases above)', () => {
    const rec = readRecording(JSON.stringify(good()), 'good.mci.json');
    assert.equal(rec.kind, 'report');
    assert.equal(rec.exchanges.length, 8);
  });
});

/* ------------------------------------------------------------------------------------------ */
/* CLI                                                                                          */
/* ------------------------------------------------------------------------------------------ */

const show = (r: Run) => `exit ${r.status}\n--- stdout ---\n${r.stdout.slice(0, 1500)}\n--- stderr ---\n${r.stderr.slice(0, 1500)}`;

interface CheckJson {
  settings: unknown;
  inputs: { file: string; entries: number }[];
  exchanges: (Record<string, unknown> & { input: string })[];
  sessions: unknown[];
  findings: unknown[];
  summary: unknown;
}

function checkJson(args: string[]): { run: Run; result: CheckJson } {
  const run = mci(['check', ...args, '--format', 'json']);
  assert.ok(run.status === 0 || run.status === 1, `mci check failed:\n${show(run)}`);
  return { run, result: JSON.parse(run.stdout) as CheckJson };
}

/** Everything but the input file names, which differ between the HAR and the report. */
function comparable(r: CheckJson): unknown {
  return { settings: r.settings, exchanges: r.exchanges.map(({ input: _input, ...rest }) => rest), sessions: r.sessions, findings: r.findings, summary: r.summary };
}

function oneLine(stderr: string): void {
  assert.equal(stderr.trimEnd().split('\n').length, 1, `stderr should be one line:\n${stderr}`);
  assert.match(stderr, /^mci: \S/);
}

describe('CLI: mci report → mci check', () => {
  for (const file of FIXTURE_FILES) {
    test(`${file}: check of the JSON report equals check of the HAR`, () => {
      const har = `test/fixtures/${file}`;
      const out = join(TMP, `${file}.mci.json`);
      const rep = mci(['report', har, '--format', 'json', '--out', out]);
      assert.equal(rep.status, 0, show(rep));
      assert.equal(rep.stdout, '', 'with --out, nothing on stdout');
      assert.equal(rep.stderr, '');
      const doc = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
      assert.ok(validateReport(doc), ajv.errorsText(validateReport.errors));

      const fromHar = checkJson([har]);
      const fromReport = checkJson([out]);
      assert.equal(fromReport.run.status, fromHar.run.status, 'same exit status');
      assert.deepStrictEqual(comparable(fromReport.result), comparable(fromHar.result));
      assert.equal(fromReport.result.inputs[0]?.entries, fromHar.result.inputs[0]?.entries);
    });
  }

  test('settings given to mci report are kept in the report and used by mci check', () => {
    const file = join(TMP, 'settings.har');
    writeFileSync(file, harText([...vodWithAds(SID, T0, 10000), ...proxySession(SID4, T0 + 1000)]));
    const flags = ['--ad-ping', '1', '--endpoint', PROXY, '--ping-tolerance', '1'];
    const out = join(TMP, 'settings.mci.json');
    const rep = mci(['report', file, '--format', 'json', '--out', out, ...flags]);
    assert.equal(rep.status, 0, show(rep));
    const withFlags = checkJson([file, ...flags]);
    const plain = checkJson([file]);
    assert.notDeepEqual(comparable(withFlags.result), comparable(plain.result), 'control: the flags change the result');
    const fromReport = checkJson([out]);
    assert.deepStrictEqual(comparable(fromReport.result), comparable(withFlags.result));
  });

  test('several HAR files in one report: check of the report equals check of the files together', () => {
    const a = join(TMP, 'part-a.har');
    const b = join(TMP, 'part-b.har');
    const whole = vodWithAds(SID2);
    writeFileSync(a, harText(whole.slice(0, 20)));
    writeFileSync(b, harText(whole.slice(20)));
    const out = join(TMP, 'parts.mci.json');
    assert.equal(mci(['report', a, b, '--format', 'json', '--out', out]).status, 0);
    assert.deepStrictEqual(comparable(checkJson([out]).result), comparable(checkJson([a, b]).result));
  });

  test('a report of format version 2 is refused by mci check: exit 2, one line', () => {
    const out = join(TMP, 'v2.mci.json');
    const doc = JSON.parse(renderReport('json', exchangesOf(cleanVod(SID)), {}, 'x.har', NOW)) as Record<string, unknown>;
    writeFileSync(out, JSON.stringify({ ...doc, formatVersion: 2 }));
    const r = mci(['check', out]);
    assert.equal(r.status, 2, show(r));
    oneLine(r.stderr);
    assert.match(r.stderr, /version 2/);
  });

  test('mci report with a bad --format: exit 2, one-line reason, nothing written', () => {
    const r = mci(['report', 'test/fixtures/vod-clean.har', '--format', 'pdf']);
    assert.equal(r.status, 2, show(r));
    oneLine(r.stderr);
    assert.match(r.stderr, /format/);
    assert.match(r.stderr, /pdf/);
    assert.equal(r.stdout, '');
  });

  test('mci report --out to a path that cannot be written: exit 2, one-line reason', () => {
    const missingDir = join(TMP, 'no-such-dir', 'r.json');
    const r1 = mci(['report', 'test/fixtures/vod-clean.har', '--format', 'json', '--out', missingDir]);
    assert.equal(r1.status, 2, show(r1));
    oneLine(r1.stderr);
    assert.ok(r1.stderr.includes(missingDir), r1.stderr);
    assert.equal(r1.stdout, '');

    const dir = join(TMP, 'a-directory');
    mkdirSync(dir, { recursive: true });
    const r2 = mci(['report', 'test/fixtures/vod-clean.har', '--format', 'html', '--out', dir]);
    assert.equal(r2.status, 2, show(r2));
    oneLine(r2.stderr);

    writeFileSync(join(TMP, 'plain-file.txt'), 'not a directory');
    const underFile = join(TMP, 'plain-file.txt', 'r.json'); // a path below a regular file
    const r3 = mci(['report', 'test/fixtures/vod-clean.har', '--format', 'md', '--out', underFile]);
    assert.equal(r3.status, 2, show(r3));
    oneLine(r3.stderr);
  });
});

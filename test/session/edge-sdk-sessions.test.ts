/**
 * Media Edge sessions exactly as Adobe's own clients send them (test/helpers/edge-sdk-scenarios.ts:
 * the AEP Edge Media mobile extensions and the Web SDK in automatic, manual and legacy modes, with
 * the intervals Adobe's tests and sample page use) come out with no warning and no error; every
 * mutation of them still yields its code. README, "Decisions": where we follow the Edge SDKs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisResult } from '../../src/core/analysis/analyser.ts';
import type { Finding } from '../../src/core/findings/finding.ts';
import { groupRepeats } from '../../src/core/findings/repeats.ts';
import { Analyser } from '../../src/core/analysis/analyser.ts';
import { analyseEntries, toExchanges } from '../helpers/session-scenarios.ts';
import { applies, EDGE_CLIENTS, EDGE_SCENARIOS, edgeSession, type EdgeClient } from '../helpers/edge-sdk-scenarios.ts';
import { SdkSimulator, type BodyEdit, type Entry, type SdkOptions } from '../helpers/sdk-session.ts';

const describeAll = (findings: readonly Finding[]) => findings.map((f) => `${f.severity} ${f.code} #${f.exchange}: ${f.message}`).join('\n');
const worse = (r: AnalysisResult) => r.findings.filter((f) => f.severity !== 'info');
const codes = (r: AnalysisResult) => new Set(r.findings.map((f) => f.code));

describe('Edge sessions as Adobe\'s clients send them: no warning, no error', () => {
  let seed = 0x19000000;
  for (const client of EDGE_CLIENTS) {
    describe(client.name, () => {
      for (const scenario of EDGE_SCENARIOS.filter((s) => applies(client, s))) {
        test(scenario.name, () => {
          const sdk = edgeSession(client, scenario, ++seed);
          const r = analyseEntries(sdk.entries(), client.settings ?? {});
          assert.ok(r.sessions.length >= 1 && r.sessions.every((s) => s.protocol === 'media-edge' && s.startCaptured), 'Edge sessions with their start');
          assert.deepEqual(worse(r), [], describeAll(r.findings));
          for (const s of r.sessions) {
            assert.equal(s.style, client.options.client === 'edge-mobile' ? null : 'Web SDK', 'the client style');
            assert.ok(s.state.closed !== null || s.state.completed, `the session is over (${JSON.stringify(s.state)})`);
          }
        });
      }
    });
  }
});

describe('the main ping interval each session is judged by', () => {
  const long = EDGE_SCENARIOS.find((s) => s.name === 'a 30-minute session')!;
  const client = (options: SdkOptions): EdgeClient => ({ name: 'x', options });

  for (const [options, mainMs] of [
    [{ client: 'edge-mobile', mainPingMs: 15_000, adPingMs: 1000 }, 15_000],
    [{ client: 'edge-mobile', mainPingMs: 50_000 }, 50_000],
    [{ client: 'web-sdk', mainPingMs: 12_000, adPingMs: 1000 }, 12_000],
    [{ client: 'web-sdk', mainPingMs: 30_000, replyMs: 900 }, 30_000],
  ] as [SdkOptions, number][]) {
    test(`${options.client} at ${mainMs / 1000} s: read from its first pings, named as the session's own`, () => {
      const r = analyseEntries(edgeSession(client(options), long, 7).entries());
      assert.deepEqual(r.sessions.map((s) => s.pingCadence), [{ mainMs, source: 'inferred' }]);
      assert.deepEqual(worse(r), [], describeAll(r.findings));
    });
  }

  test('at Adobe\'s default 10 s the session says so (source default)', () => {
    const r = analyseEntries(edgeSession(client({ client: 'web-sdk' }), long, 8).entries());
    assert.deepEqual(r.sessions.map((s) => s.pingCadence), [{ mainMs: 10_000, source: 'default' }]);
  });

  test('a gap in a steady 15-s cadence is still ping.late, and the finding names the 15 s it used', () => {
    const sdk = edgeSession(client({ client: 'edge-mobile', mainPingMs: 15_000 }), long, 9);
    let pings = 0;
    const r = analyseEntries(sdk.entries((body) => (body.eventType === 'ping' && ++pings === 20 ? null : body)));
    const late = r.findings.filter((f) => f.code === 'ping.late');
    assert.equal(late.length, 1, describeAll(r.findings));
    assert.match(late[0]!.message, /expected every 15 s \(the interval this session keeps/);
    assert.equal(r.sessions[0]!.pingCadence.mainMs, 15_000);
  });

  test('pinned in the settings, the interval applies to every session and the finding names the setting', () => {
    const sdk = edgeSession(client({ client: 'edge-mobile', mainPingMs: 15_000 }), long, 10);
    const r = analyseEntries(sdk.entries(), { mainPingIntervalS: 10 });
    assert.deepEqual(r.sessions[0]!.pingCadence, { mainMs: 10_000, source: 'setting' });
    const late = r.findings.filter((f) => f.code === 'ping.late');
    assert.ok(late.length >= 1, 'judged at 10 s, 15-s pings are late');
    assert.equal(late[0]!.setting, 'mainPingIntervalS');
    assert.match(late[0]!.message, /every 10 s \(setting: main ping interval\)/);
  });

  test('Media Collection stays at 10 s unless the setting says otherwise', () => {
    const mc = new SdkSimulator({ client: 'media-collection', mainPingMs: 15_000 });
    long.play(mc);
    const auto = analyseEntries(mc.entries());
    assert.deepEqual(auto.sessions[0]!.pingCadence, { mainMs: 10_000, source: 'default' });
    assert.ok(codes(auto).has('ping.late'), '15-s pings are late on Media Collection');
    const pinned = analyseEntries(mc.entries(), { mainPingIntervalS: 15 });
    assert.deepEqual(pinned.sessions[0]!.pingCadence, { mainMs: 15_000, source: 'setting' });
    assert.deepEqual(worse(pinned), [], describeAll(pinned.findings));
  });

  test('a session too short to show its interval is judged by 10 s; pinning the interval clears it', () => {
    const sdk = new SdkSimulator({ client: 'edge-mobile', mainPingMs: 40_000 });
    sdk.start().advance(300).play().advance(55_000).pause().advance(3000).end();
    const r = analyseEntries(sdk.entries());
    assert.deepEqual(r.sessions[0]!.pingCadence, { mainMs: 10_000, source: 'default' });
    assert.ok(codes(r).has('ping.late'));
    assert.deepEqual(worse(analyseEntries(sdk.entries(), { mainPingIntervalS: 40 })), []);
  });

  test('the reading does not depend on arrival order (pings arriving late re-read it)', () => {
    const sdk = edgeSession(client({ client: 'web-sdk', mainPingMs: 12_000 }), long, 11);
    const exchanges = toExchanges(sdk.entries());
    const a = new Analyser().addAll(exchanges).result();
    const b = new Analyser().addAll([...exchanges].reverse()).result();
    assert.deepEqual(b.sessions[0]!.pingCadence, a.sessions[0]!.pingCadence);
    assert.deepEqual(b.findings.map((f) => f.code), a.findings.map((f) => f.code));
  });
});

describe('the Web SDK restarts its ping timer after every call', () => {
  /** Play, then a call every 8 s for a minute: each one pushes the next ping 10 s past its reply. */
  function busy(client: SdkOptions['client']): Entry[] {
    const sdk = new SdkSimulator({ client, sidSeed: 12 });
    sdk.start().advance(300).play().advance(8000).chapterStart().advance(8000).stateStart('mute').advance(8000).bitrateChange(2_000_000);
    sdk.advance(8000).error('E').advance(8000).chapterComplete().advance(25_000).complete();
    return sdk.entries();
  }

  test('sent the Web SDK\'s way: no ping.late although no ping came for 40 s', () => {
    const entries = busy('web-sdk');
    const r = analyseEntries(entries);
    assert.deepEqual(worse(r), [], describeAll(r.findings));
    assert.ok(r.calls.filter((c) => c.label === 'ping').length <= 3, 'few pings: the timer kept restarting');
  });

  test('the same calls from a mobile client (whose timer restarts only at playback states): ping.late', () => {
    const entries = busy('web-sdk').map((e) => {
      const copy = structuredClone(e);
      const request = copy.request as { url: string; headers: { name: string; value: string }[]; postData?: { mimeType: string } };
      // As the mobile SDK would post them: JSON to /va/v1/sessionStart, not text/plain through interact.
      request.url = request.url.replace('/v1/interact', '/va/v1/sessionStart');
      request.headers = request.headers.map((h) => (h.name === 'Content-Type' ? { ...h, value: 'application/json' } : h));
      if (request.postData) request.postData.mimeType = 'application/json';
      return copy;
    });
    const r = analyseEntries(entries);
    assert.ok(codes(r).has('ping.late'), describeAll(r.findings));
  });
});

describe('the legacy Media JS API over the Web SDK without QoE: "qoeDataDetails": null on every call', () => {
  test('a schema.violation on every call (Adobe rejects nulls), read as one line with its count', () => {
    const sdk = edgeSession({ name: 'legacy', options: { client: 'web-sdk-legacy' } }, EDGE_SCENARIOS[0]!, 13);
    const r = analyseEntries(sdk.entries());
    const violations = r.findings.filter((f) => f.code === 'schema.violation');
    assert.equal(violations.length, r.calls.length, 'one per call: the JSON contract keeps one finding per call');
    assert.ok(violations.every((f) => f.pointer === '/events/0/xdm/mediaCollection/qoeDataDetails'), describeAll(violations));
    assert.deepEqual(r.findings.filter((f) => f.code !== 'schema.violation'), [], 'nothing else');
    const groups = groupRepeats(violations);
    assert.equal(groups.length, 1, 'one line');
    assert.equal(groups[0]!.count, r.calls.length);
  });
});

describe('mutations of the clients\' sessions still give their codes', () => {
  const base = EDGE_SCENARIOS.find((s) => s.name === 'trackSessionEnd during a mid-roll ad inside a chapter (one closing cascade)')!;
  const preroll = EDGE_SCENARIOS.find((s) => s.name.startsWith('VOD with pre-roll'))!;
  const states = EDGE_SCENARIOS.find((s) => s.name.startsWith('player states'))!;
  type Mutation = { code: string; scenario?: typeof base; edit?: () => BodyEdit; entries?: (e: Entry[]) => Entry[]; severity?: string };
  /** An edit of the n-th event of a type (a new counter for every session it edits). */
  const nth = (type: string, n: number, f: (body: Parameters<BodyEdit>[0]) => ReturnType<BodyEdit>) => (): BodyEdit => {
    let seen = 0;
    return (body) => (body.eventType === type && ++seen === n ? f(body) : body);
  };
  const mutations: Mutation[] = [
    { code: 'ping.late', edit: nth('ping', 2, () => null) },
    { code: 'ts.duplicate', scenario: states, edit: nth('bitrateChange', 1, (b) => [b, structuredClone(b)]) },
    { code: 'metadata.misplaced', edit: nth('play', 1, (b) => ({ ...b, customMetadata: { show: 'News' } })) },
    { code: 'ad.orphan-start', edit: nth('adBreakStart', 1, () => null) },
    { code: 'ad.break-unclosed', scenario: preroll, edit: nth('adBreakComplete', 1, () => null) },
    { code: 'chapter.overlap', edit: nth('chapterStart', 1, (b) => [b, { ...structuredClone(b), playerTime: { ...b.playerTime, ts: b.playerTime.ts + 5 } }]) },
    { code: 'session.after-end', edit: nth('sessionEnd', 1, (b) => [b, { eventType: 'ping', playerTime: { ...b.playerTime, ts: b.playerTime.ts + 10_000 } }]) },
    // A ping whose timestamp is a minute earlier (before the calls sent ahead of it), sent in its place.
    { code: 'ts.out-of-order', severity: 'error', entries: (e) => {
      const first = e.findIndex((x) => (x.request as { url: string }).url.includes('/va/v1/ping'));
      return e.map((x, i) => (i === first ? shiftTimestamp(x, -60_000) : x));
    } },
    { code: 'edge.hint-changed', entries: (e) => e.map((x, i) => (i > 4 ? retarget(x, '/ee/or2/', '/ee/va6/') : x)) },
    { code: 'edge.config-changed', severity: 'info', entries: (e) => e.map((x, i) => (i > 3 ? retarget(x, 'configId=d9a8', 'configId=0000') : x)) },
    { code: 'http.session-not-found', entries: (e) => e.map((x, i) => (i === 5 ? { ...x, response: { ...(x.response as object), status: 404 } } : x)) },
  ];
  let seed = 0x19100000;
  for (const client of EDGE_CLIENTS.filter((c) => !c.settings)) {
    describe(client.name, () => {
      for (const m of mutations) {
        test(m.code, () => {
          const sdk = edgeSession(client, m.scenario ?? base, ++seed);
          let entries = sdk.entries(m.edit?.());
          if (m.entries) entries = m.entries(entries);
          const r = analyseEntries(entries);
          const found = r.findings.filter((f) => f.code === m.code);
          assert.ok(found.length > 0, `${m.code} expected:\n${describeAll(r.findings)}`);
          if (m.severity) assert.ok(found.every((f) => f.severity === m.severity), describeAll(found));
        });
      }
    });
  }

  test('the Web SDK\'s datastream override: edge.config-changed (info) and nothing worse', () => {
    const sdk = edgeSession({ name: 'override', options: { client: 'web-sdk', overrideConfigId: 'aaaaaaaa-0000-4000-8000-override0001' } }, base, 14);
    const r = analyseEntries(sdk.entries());
    const changed = r.findings.filter((f) => f.code === 'edge.config-changed');
    assert.equal(changed.length, 1, describeAll(r.findings));
    assert.equal(changed[0]!.severity, 'info');
    assert.match(changed[0]!.message, /datastream "d9a8e7f6-1234-4cde-9abc-0123456789ab", where the session began on "aaaaaaaa-0000-4000-8000-override0001"/);
    assert.deepEqual(worse(r), [], describeAll(r.findings));
  });
});

/** The call with its body's xdm.timestamp moved by `ms` (its send time unchanged). */
function shiftTimestamp(e: Entry, ms: number): Entry {
  const copy = structuredClone(e);
  const post = (copy.request as { postData: { text: string } }).postData;
  const body = JSON.parse(post.text) as { events: { xdm: { timestamp: string } }[] };
  const xdm = body.events[0]!.xdm;
  xdm.timestamp = new Date(Date.parse(xdm.timestamp) + ms).toISOString();
  post.text = JSON.stringify(body);
  return copy;
}

function retarget(e: Entry, from: string, to: string): Entry {
  const request = e.request as { url: string };
  return { ...e, request: { ...request, url: request.url.replace(from, to) } };
}

/**
 * The panel's store, without a DOM: what the browser glue feeds it (captured requests in any
 * order, navigations, pauses, clears, a loaded file) and what the views read from it (the
 * analysis, filtered rows, selections), and how often it wakes the views up.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readHar } from '../../src/core/har/read-har.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import type { Finding } from '../../src/core/findings/finding.ts';
import { PanelStore, type Scheduler } from '../../src/ui/store/panel-store.ts';
import { buildRows, filterRows, type Row } from '../../src/ui/store/rows.ts';
import { entry, SID, SID2, T0 } from '../helpers/har-builder.ts';
import { toExchanges, vodWithAds } from '../helpers/session-scenarios.ts';

type NewExchange = Omit<Exchange, 'index'>;

function withoutIndex(list: readonly Exchange[]): NewExchange[] {
  return list.map(({ index: _index, ...rest }) => rest);
}

function fixture(name: string): NewExchange[] {
  const text = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
  return withoutIndex(readHar(text, name).exchanges);
}

/** The sid of broken-sequence.har (see test/fixtures/make-fixtures.ts). */
const SEQ_SID = 'c0ffee'.repeat(10) + '0003';

const MC_PATH = /\/api\/v1\/sessions(\/[^/]+\/events)?$/;

/** Requests the page makes besides Media Collection: a manifest, a segment, an analytics beacon, a preflight. */
function otherRequests(): NewExchange[] {
  return withoutIndex(toExchanges([
    entry('https://cdn.example.com/video/master.m3u8', null, { method: 'GET', rawBody: null, status: 200 }),
    entry('https://cdn.example.com/video/seg-1.ts', null, { method: 'GET', rawBody: null, status: 200, at: 100 }),
    entry('https://example.sc.omtrdc.net/b/ss/rsid/1/JS-2.0/s123', null, { method: 'GET', rawBody: null, status: 200, at: 200 }),
    entry('https://example.hb-api.omtrdc.net/api/v1/sessions', null, { method: 'OPTIONS', rawBody: null, status: 204, at: 300 }),
  ]));
}

function storeWith(...lists: NewExchange[][]): PanelStore {
  const store = new PanelStore();
  for (const list of lists) for (const ex of list) store.addExchange(ex);
  return store;
}

/** What identifies a captured request whatever index it was given. */
function keyOf(ex: Exchange | NewExchange): string {
  return `${ex.startedAt}|${ex.method}|${ex.url}|${ex.requestBody}`;
}

/** A finding with its exchange named by content, not by arrival index. */
function portable(store: PanelStore, f: Finding): string {
  const ex = store.exchange(f.exchange);
  assert.ok(ex, `finding ${f.code} points at exchange ${f.exchange}, which the store does not have`);
  // Messages may name another request by its index ("the chapter started at #2"): name it by content too.
  const named = (text: string) => text.replace(/#(\d+)/g, (_, n: string) => {
    const other = store.exchange(Number(n));
    assert.ok(other, `finding ${f.code} names #${n}, which the store does not have`);
    return `#[${keyOf(other)}]`;
  });
  return JSON.stringify({ ...f, exchange: keyOf(ex), message: named(f.message), fix: named(f.fix) });
}

function rowsOf(store: PanelStore): readonly Row[] {
  return filterRows(buildRows(store.analysis()), store.get().filter, store.get().selectedSessions);
}

function eventTypeOf(ex: Exchange): string | null {
  try {
    return (JSON.parse(ex.requestBody ?? '') as { eventType?: string }).eventType ?? null;
  } catch {
    return null;
  }
}

/** Deterministic shuffle (mulberry32), so a failure can be reproduced. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('PanelStore: capture', () => {
  test('counts Media Collection calls and only counts (does not keep) other requests', () => {
    const vod = fixture('vod-clean.har');
    const others = otherRequests();
    const expectedCalls = vod.filter((ex) => MC_PATH.test(new URL(ex.url).pathname) && ex.method === 'POST').length;
    assert.equal(expectedCalls, vod.length, 'every request of vod-clean.har is a Media Collection call');

    const store = new PanelStore();
    const returned: (number | null)[] = [];
    // Interleave: the page's other traffic arrives between the player's calls.
    vod.forEach((ex, i) => {
      returned.push(store.addExchange(ex));
      const other = others[i];
      if (other) assert.equal(store.addExchange(other), null, `${other.method} ${other.url} is not a Media Collection call`);
    });

    assert.equal(store.analysis().calls.length, expectedCalls);
    assert.equal(store.allExchanges().length, expectedCalls);
    assert.equal(store.get().otherRequests, others.length);
    assert.ok(returned.every((r) => r !== null), 'every Media Collection call gets an index');
    assert.equal(store.analysis().sessions.length, 1);
    assert.equal(store.analysis().sessions[0]?.sid, SID);
    assert.deepEqual(store.analysis().findings, [], 'vod-clean.har is a correct session');
  });

  test('exchanges arriving in any order give the same analysis', () => {
    for (const name of ['broken-sequence.har', 'vod-clean.har', 'broken-requests.har']) {
      const inOrder = storeWith(fixture(name));
      const expected = {
        findings: inOrder.analysis().findings.map((f) => portable(inOrder, f)).sort(),
        sessions: inOrder.analysis().sessions.map((s) => ({ sid: s.sid, media: s.media, state: s.state, metrics: s.metrics })),
        rows: buildRows(inOrder.analysis()).map((r) => keyOf(r.call.exchange)),
      };
      if (name !== 'vod-clean.har') assert.ok(expected.findings.length > 0, `${name} has findings`);
      for (const seed of [1, 2, 3, 42, 1234]) {
        const store = storeWith(shuffled(fixture(name), seed));
        const a = store.analysis();
        assert.deepEqual(a.findings.map((f) => portable(store, f)).sort(), expected.findings, `${name}, order seed ${seed}: findings`);
        assert.deepEqual(a.sessions.map((s) => ({ sid: s.sid, media: s.media, state: s.state, metrics: s.metrics })), expected.sessions,
          `${name}, order seed ${seed}: sessions`);
        // The list shows requests in send order, whatever the capture order.
        assert.deepEqual(buildRows(a).map((r) => keyOf(r.call.exchange)), expected.rows, `${name}, order seed ${seed}: row order`);
      }
    }
  });

  test('the list is in send order even when requests are captured in completion order', () => {
    const exchanges = fixture('broken-sequence.har');
    const store = storeWith([...exchanges].reverse());
    const times = buildRows(store.analysis()).map((r) => r.time);
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
    assert.equal(times.length, exchanges.length);
  });

  test('while recording is paused new requests are dropped, and capture resumes after', () => {
    const [first, second, third, ...rest] = fixture('vod-clean.har');
    const store = new PanelStore();
    assert.notEqual(store.addExchange(first as NewExchange), null);
    store.setRecording(false);
    assert.equal(store.get().recording, false);
    assert.equal(store.addExchange(second as NewExchange), null);
    assert.equal(store.addExchange(otherRequests()[0] as NewExchange), null);
    assert.equal(store.analysis().calls.length, 1);
    assert.equal(store.allExchanges().length, 1);
    assert.equal(store.get().otherRequests, 0, 'requests seen while paused are not counted either');

    store.setRecording(true);
    assert.notEqual(store.addExchange(third as NewExchange), null);
    for (const ex of rest) store.addExchange(ex);
    assert.equal(store.analysis().calls.length, 2 + rest.length);
    assert.ok(!store.allExchanges().some((ex) => keyOf(ex) === keyOf(second as NewExchange)), 'the request sent while paused stays dropped');
  });

  test('clear() forgets every request, selection, navigation and notice', () => {
    const store = storeWith(fixture('broken-sequence.har'), otherRequests());
    store.navigated('https://player.example.com/next', T0 + 50_000);
    store.select(3);
    store.selectSession(SEQ_SID);
    store.setNotice('Opened something');
    store.clear();
    const s = store.get();
    assert.equal(store.analysis().calls.length, 0);
    assert.equal(store.analysis().sessions.length, 0);
    assert.deepEqual(store.analysis().findings, []);
    assert.deepEqual(store.allExchanges(), []);
    assert.equal(s.otherRequests, 0);
    assert.deepEqual(s.navigations, []);
    assert.equal(s.selectedExchange, null);
    assert.deepEqual(s.selectedSessions, []);
    assert.equal(s.notice, null);
    assert.equal(store.timeline(SEQ_SID), null);

    // Capture goes on after a clear.
    for (const ex of fixture('vod-clean.har')) store.addExchange(ex);
    assert.equal(store.analysis().calls.length, 48);
    assert.deepEqual(store.analysis().sessions.map((x) => x.sid), [SID]);
  });

  test('navigated() with preserve log on keeps everything and adds a navigation marker', () => {
    const exchanges = fixture('broken-sequence.har');
    const store = storeWith(exchanges.slice(0, 10));
    assert.equal(store.get().preserveLog, true, 'preserve log is on by default');
    store.navigated('https://player.example.com/watch/2', T0 + 40_000);
    for (const ex of exchanges.slice(10)) store.addExchange(ex);
    store.navigated('https://player.example.com/watch/3', T0 + 90_000);
    // Lossy: a DevTools capture without the webRequest capture may lose calls at them (capture.gap).
    assert.deepEqual(store.get().navigations, [
      { afterCount: 10, time: T0 + 40_000, url: 'https://player.example.com/watch/2', lossy: true },
      { afterCount: exchanges.length, time: T0 + 90_000, url: 'https://player.example.com/watch/3', lossy: true },
    ]);
    assert.equal(store.analysis().calls.length, exchanges.length);
  });

  test('navigated() with preserve log off clears, and says so', () => {
    const store = storeWith(fixture('broken-sequence.har'), otherRequests());
    store.select(2);
    store.setPreserveLog(false);
    store.navigated('https://player.example.com/watch/2', T0 + 40_000);
    assert.equal(store.analysis().calls.length, 0);
    assert.equal(store.get().otherRequests, 0);
    assert.deepEqual(store.get().navigations, []);
    assert.equal(store.get().selectedExchange, null);
    assert.match(store.get().notice ?? '', /https:\/\/player\.example\.com\/watch\/2/);
    assert.match(store.get().notice ?? '', /preserve log/i);
  });

  test('load() replaces what is shown with the file, with a notice, even while paused', () => {
    const store = storeWith(fixture('broken-sequence.har'), otherRequests());
    store.navigated('https://player.example.com/x', T0 + 1000);
    store.select(4);
    store.selectSession(SEQ_SID);
    store.setRecording(false);
    const vod = readHar(readFileSync(new URL('../fixtures/vod-clean.har', import.meta.url), 'utf8'), 'vod-clean.har').exchanges;
    store.load(vod, 'Opened vod-clean.har: 48 requests');
    const s = store.get();
    assert.equal(s.notice, 'Opened vod-clean.har: 48 requests');
    assert.equal(store.analysis().calls.length, vod.length);
    assert.deepEqual(store.analysis().sessions.map((x) => x.sid), [SID], 'only the loaded session is left');
    assert.deepEqual(store.analysis().findings, []);
    assert.equal(s.otherRequests, 0);
    assert.deepEqual(s.navigations, []);
    assert.equal(s.selectedExchange, null);
    assert.deepEqual(s.selectedSessions, []);
    assert.equal(s.recording, false, 'loading a file does not resume recording');
    // The file's exchange numbers are kept (findings and messages of a report refer to them).
    for (const ex of vod) assert.equal(store.exchange(ex.index)?.url, ex.url);
    // What is captured next gets a number of its own.
    store.setRecording(true);
    const next = store.addExchange(fixture('broken-sequence.har')[1] as NewExchange);
    assert.notEqual(next, null);
    assert.ok(!vod.some((ex) => ex.index === next), `index ${next} is already used by the file`);
    assert.equal(store.analysis().calls.length, vod.length + 1);
  });

  test('load() of a file with other requests counts them', () => {
    const mixed = readHar(JSON.stringify({ log: { entries: [
      ...JSON.parse(readFileSync(new URL('../fixtures/broken-requests.har', import.meta.url), 'utf8')).log.entries,
      entry('https://cdn.example.com/video/master.m3u8', null, { method: 'GET', rawBody: null, status: 200 }),
    ] } }), 'mixed.har').exchanges;
    const store = storeWith(otherRequests(), otherRequests());
    store.load(mixed, 'Opened mixed.har');
    assert.equal(store.analysis().calls.length, 8);
    assert.equal(store.get().otherRequests, 1, 'the file\'s other request, not the ones captured before');
  });

  test('every captured request gets its own index, non-Media-Collection ones included', () => {
    const vod = fixture('vod-clean.har');
    const others = otherRequests();
    const store = new PanelStore();
    const indexes: number[] = [];
    vod.forEach((ex, i) => {
      if (i % 12 === 0) for (const o of others) store.addExchange(o);
      const index = store.addExchange(ex);
      assert.notEqual(index, null);
      indexes.push(index as number);
    });
    // The same request content reported twice still gets two indexes (de-duplication is the glue's job).
    const again = store.addExchange(vod[1] as NewExchange);
    assert.notEqual(again, null);
    indexes.push(again as number);

    assert.equal(new Set(indexes).size, indexes.length, 'indexes are unique');
    const kept = store.allExchanges().map((ex) => ex.index);
    assert.deepEqual([...kept].sort((a, b) => a - b), [...indexes].sort((a, b) => a - b));
    // Indexes also went to the other requests: none of them collided with a Media Collection call.
    assert.equal(Math.max(...indexes), vod.length + 1 + others.length * 4 - 1);
    assert.equal(store.analysis().calls.length, vod.length + 1, 'no call was dropped as a repeated index');
    assert.equal(store.get().otherRequests, others.length * 4);
    for (const i of indexes) assert.equal(store.exchange(i)?.index, i);
  });
});

describe('PanelStore: settings', () => {
  test('setSettings re-analyses: with ad ping cadence 1 s, ad pings every 10 s are late', () => {
    const entries = vodWithAds(SID, T0, 10_000);
    const store = storeWith(withoutIndex(toExchanges(entries)), otherRequests());
    assert.deepEqual(store.analysis().findings.filter((f) => f.code === 'ping.late'), [],
      'default cadence "either" accepts ad pings every 10 s');
    store.select(3);

    store.setSettings({ adPingCadence: '1' });
    assert.equal(store.get().settings.adPingCadence, '1');
    assert.equal(store.get().selectedExchange, null, 'the selection is reset by a re-analysis');
    assert.equal(store.get().otherRequests, otherRequests().length, 'other requests stay counted');
    assert.equal(store.analysis().calls.length, entries.length);
    const late = store.analysis().findings.filter((f) => f.code === 'ping.late');
    assert.ok(late.length > 0, 'ad pings 10 s apart are late when one is expected every second');
    for (const f of late) {
      assert.match(f.setting ?? '', /ad ?ping ?cadence/i, 'the finding names the setting it depends on');
      const ts = JSON.parse(store.exchange(f.exchange)?.requestBody ?? '{}').playerTime.ts - T0;
      const inBreak = (ts > 500 && ts <= 27_000) || (ts > 132_010 && ts <= 152_030);
      assert.ok(inBreak, `ping.late only inside ad breaks, not at offset ${ts}`);
    }
    // The first ad ping (10 s after the first adStart at offset 1000) is one of them.
    const firstAdPing = store.allExchanges().find((ex) => eventTypeOf(ex) === 'ping' && JSON.parse(ex.requestBody ?? '').playerTime.ts === T0 + 11_000);
    assert.ok(firstAdPing);
    assert.ok(late.some((f) => f.exchange === firstAdPing.index));

    store.setSettings({ adPingCadence: 'either' });
    assert.deepEqual(store.analysis().findings.filter((f) => f.code === 'ping.late'), []);
  });

  test('invalid settings are refused and change nothing', () => {
    const store = storeWith(fixture('broken-sequence.har'));
    const before = store.analysis();
    const settings = store.get().settings;
    assert.throws(() => store.setSettings({ adPingCadence: '5' as never }), RangeError);
    assert.throws(() => store.setSettings({ customEndpoints: ['not a url'] }), RangeError);
    assert.equal(store.get().settings, settings);
    assert.equal(store.analysis(), before);
  });

  test('the same settings again change nothing: no re-analysis, the selection stays', () => {
    const store = storeWith(fixture('broken-sequence.har'));
    store.setSettings({ adPingCadence: '10', customEndpoints: ['https://t.example.com/mc'] });
    store.select(2);
    const before = store.analysis();
    store.setSettings({ adPingCadence: '10', customEndpoints: ['https://t.example.com/mc'] });
    assert.equal(store.analysis(), before);
    assert.equal(store.get().selectedExchange, 2);
    store.setSettings({ customEndpoints: ['https://t.example.com/other'] });
    assert.notEqual(store.analysis(), before, 'another endpoint re-analyses');
  });

  test('load with a report\'s settings: analysed with them; invalid ones change nothing', () => {
    const entries = vodWithAds(SID, T0, 10_000);
    const store = storeWith(fixture('broken-sequence.har'));
    store.load(withoutIndex(toExchanges(entries)).map((ex, index) => ({ ...ex, index })), 'opened', { adPingCadence: '1' });
    assert.equal(store.get().settings.adPingCadence, '1');
    assert.ok(store.analysis().findings.some((f) => f.code === 'ping.late'));
    const shown = store.analysis();
    assert.throws(() => store.load([], 'bad', { adPingCadence: '5' as never }), RangeError);
    assert.equal(store.analysis(), shown);
    assert.equal(store.get().settings.adPingCadence, '1');
  });

  test('a custom endpoint adds to the standard paths, it does not replace them', () => {
    const store = storeWith(fixture('vod-clean.har'));
    store.setSettings({ customEndpoints: ['https://t.example.com/mc'] });
    assert.equal(store.analysis().calls.length, 48);
    assert.equal(store.get().otherRequests, 0);
    const proxied = withoutIndex(toExchanges([entry('https://t.example.com/mc/sessions/' + SID2 + '/events', { playerTime: { playhead: 1, ts: T0 + 5000 }, eventType: 'play' }, { at: 5000 })]));
    assert.notEqual(store.addExchange(proxied[0] as NewExchange), null);
    assert.equal(store.analysis().calls.length, 49);
  });
});

describe('PanelStore: filter, rows and selection', () => {
  const both = () => storeWith(fixture('vod-clean.har'), fixture('broken-requests.har'), fixture('broken-sequence.har'));

  test('free text also searches request bodies (case-insensitive)', () => {
    const store = both();
    store.setFilter({ text: 'PREROLL-2' });
    const rows = rowsOf(store);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.label, 'adStart');
    assert.match(rows[0]?.call.exchange.requestBody ?? '', /preroll-2/);

    store.setFilter({ text: 'soda-15s' });
    assert.deepEqual(rowsOf(store).map((r) => r.sid), [SEQ_SID]);
  });

  test('free text searches reply bodies, status codes and finding codes', () => {
    const reply = withoutIndex(toExchanges([
      entry(`https://example.hb-api.omtrdc.net/api/v1/sessions/${SID2}/events`, { playerTime: { playhead: 3, ts: T0 + 3000 }, eventType: 'play' },
        { status: 404, at: 3000, responseBody: '{"message":"zebra session unknown"}' }),
    ]));
    const store = storeWith(fixture('vod-clean.har'), reply);
    store.setFilter({ text: 'zebra' });
    assert.equal(rowsOf(store).length, 1);
    assert.equal(rowsOf(store)[0]?.status, 404);
    store.setFilter({ text: '404' });
    assert.deepEqual(rowsOf(store).map((r) => r.status), [404]);
    store.setFilter({ text: 'http.session-not-found' });
    assert.deepEqual(rowsOf(store).map((r) => r.status), [404]);
    store.setFilter({ text: 'no such text anywhere' });
    assert.deepEqual(rowsOf(store), []);
  });

  test('selecting a session keeps that session\'s calls only (the one notion of session), Show all brings every call back', () => {
    const store = both();
    const all = rowsOf(store);
    store.selectSession(SID2);
    const rows = rowsOf(store);
    const expected = store.allExchanges().filter((ex) => ex.url.includes(SID2) || ex.responseHeaders.some((h) => h.value.includes(SID2)));
    assert.equal(rows.length, expected.length);
    assert.ok(rows.length > 0 && rows.length < all.length);
    assert.ok(rows.every((r) => r.sid === SID2));
    store.showAllSessions();
    assert.equal(rowsOf(store).length, all.length);
  });

  test('a plain click on a session leads to its first finding, or clears the details when it has none', () => {
    const store = both();
    store.select(0);
    const withFindings = store.analysis().sessions.find((s) => store.analysis().findings.some((f) => f.sid === s.sid));
    const clean = store.analysis().sessions.find((s) => !store.analysis().findings.some((f) => f.sid === s.sid));
    assert.ok(withFindings && clean);
    store.selectSession(withFindings.sid);
    const first = store.analysis().findings.find((f) => f.sid === withFindings.sid);
    assert.equal(store.get().selectedExchange, first?.exchange);
    store.selectSession(clean.sid);
    assert.equal(store.get().selectedExchange, null);
  });

  test('event type filter', () => {
    const store = both();
    store.setFilter({ eventTypes: ['adStart'] });
    const rows = rowsOf(store);
    const expected = store.allExchanges().filter((ex) => eventTypeOf(ex) === 'adStart').length;
    assert.equal(expected, 4, 'three ads in vod-clean.har, one orphan ad in broken-sequence.har');
    assert.equal(rows.length, expected);
    assert.ok(rows.every((r) => r.label === 'adStart'));

    store.setFilter({ eventTypes: ['adStart', 'sessionStart'] });
    assert.equal(rowsOf(store).length, expected + 3);
  });

  test('severity filter: errors, warnings and worse, any finding', () => {
    const store = storeWith(fixture('broken-sequence.har'), fixture('vod-clean.har'));
    const label = (rows: readonly Row[]) => rows.map((r) => `${r.label}:${r.status}`);
    store.setFilter({ severity: 'error' });
    // The orphan adStart and the ping after sessionEnd answered 410 (spec: ad.orphan-start, session.after-end, http.session-gone).
    assert.deepEqual(label(rowsOf(store)), ['adStart:204', 'ping:410']);
    store.setFilter({ severity: 'warning' });
    const warn = rowsOf(store);
    assert.ok(warn.length >= 4, 'plus the chapter overlap and the late ping');
    assert.ok(warn.some((r) => r.label === 'chapterStart' && r.findings.some((f) => f.code === 'chapter.overlap')));
    assert.ok(warn.some((r) => r.label === 'ping' && r.findings.some((f) => f.code === 'ping.late')));
    assert.ok(warn.every((r) => r.worst === 'error' || r.worst === 'warning'));
    store.setFilter({ severity: 'info' });
    const any = rowsOf(store);
    assert.ok(any.length >= warn.length);
    assert.ok(any.every((r) => r.findings.length > 0));
    assert.ok(any.every((r) => r.sid === SEQ_SID), 'the clean session has no row with a finding');
  });

  test('hide pings, combined with other filters (setFilter merges)', () => {
    const store = both();
    const total = rowsOf(store).length;
    const pings = store.allExchanges().filter((ex) => eventTypeOf(ex) === 'ping').length;
    assert.ok(pings > 0);
    store.setFilter({ hidePings: true });
    const rows = rowsOf(store);
    // A ping with a finding (the 410, the late one) is evidence: never hidden.
    const quiet = buildRows(store.analysis()).filter((r) => r.label === 'ping' && r.findings.length === 0).length;
    assert.ok(quiet < pings, 'some pings carry findings');
    assert.ok(rows.every((r) => r.label !== 'ping' || r.findings.length > 0));
    // (broken-requests.har's ping whose body is not JSON has no event type: it is neither counted nor hidden.)
    assert.equal(rows.length, total - quiet);
    store.selectSession(SID);
    assert.equal(store.get().filter.hidePings, true, 'a partial filter keeps the other fields');
    assert.ok(rowsOf(store).every((r) => r.sid === SID && (r.label !== 'ping' || r.findings.length > 0)));
  });

  test('select and selectSession (Ctrl/Cmd adds or removes)', () => {
    const store = both();
    const [a, b, c] = store.analysis().sessions.map((s) => s.sid) as [string, string, string];
    store.select(5);
    assert.equal(store.get().selectedExchange, 5);
    store.select(null);
    assert.equal(store.get().selectedExchange, null);

    store.selectSession(a);
    assert.deepEqual(store.get().selectedSessions, [a]);
    store.selectSession(b, true);
    assert.deepEqual(store.get().selectedSessions, [a, b]);
    store.selectSession(c, true);
    assert.deepEqual(store.get().selectedSessions, [a, b, c]);
    store.selectSession(a, true);
    assert.deepEqual(store.get().selectedSessions, [b, c]);
    store.selectSession(a);
    assert.deepEqual(store.get().selectedSessions, [a], 'a plain click selects only that session');
  });
});

describe('PanelStore: notifications', () => {
  test('subscribers are notified once per scheduled flush, however many changes', () => {
    const pending: (() => void)[] = [];
    const schedule: Scheduler = (flush) => { pending.push(flush); };
    const store = new PanelStore({ schedule });
    let calls = 0;
    const seen: number[] = [];
    const unsubscribe = store.subscribe(() => { calls++; seen.push(store.get().version); });

    const vod = fixture('vod-clean.har');
    for (const ex of vod) store.addExchange(ex);
    store.addExchange(otherRequests()[0] as NewExchange);
    store.setFilter({ text: 'ping' });
    store.select(2);
    assert.equal(calls, 0, 'nothing before the flush');
    assert.equal(pending.length, 1, 'a burst schedules one flush');
    const version = store.get().version;
    assert.ok(version >= vod.length + 3, 'every change bumps the version');

    pending.shift()?.();
    assert.equal(calls, 1);
    assert.deepEqual(seen, [version], 'the listener sees the state after the whole burst');

    store.setTheme('dark');
    assert.equal(pending.length, 1, 'a change after a flush schedules a new one');
    pending.shift()?.();
    assert.equal(calls, 2);

    unsubscribe();
    store.setNotice('hello');
    pending.shift()?.();
    assert.equal(calls, 2, 'no call after unsubscribing');
  });

  test('the default scheduler notifies synchronously, once per change', () => {
    const store = new PanelStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.setFilter({ hidePings: true });
    assert.equal(calls, 1);
    store.addExchange(fixture('vod-clean.har')[0] as NewExchange);
    assert.equal(calls, 2);
  });

  test('analysis() is computed once per change', () => {
    const store = storeWith(fixture('broken-sequence.har'));
    const a = store.analysis();
    assert.equal(store.analysis(), a);
    store.setFilter({ text: 'x' });
    assert.equal(store.analysis(), a, 'a filter change does not re-analyse');
    store.addExchange(fixture('vod-clean.har')[0] as NewExchange);
    assert.notEqual(store.analysis(), a);
  });
});

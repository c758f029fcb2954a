/**
 * More of the panel's views, rendered with Preact into a happy-dom document (same set-up as
 * views.test.tsx): what each session entry says (player, state, duration), the timeline's
 * navigation line, ping ticks, wheel zoom and drag pan, the empty state's conditional wording,
 * the export scopes (all, selected, filtered) as seen in the exported JSON report, and the
 * Markdown summary handed to the clipboard.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Exchange } from '../../src/core/exchange.ts';
import type { JsonReport } from '../../src/core/report/json-report.ts';
import { exchangesFor, exportReport } from '../../src/ui/export.ts';
import { PanelStore } from '../../src/ui/store/panel-store.ts';
import { entry, SID, SID2, T0 } from '../helpers/har-builder.ts';
import { adBreakParams, adParams, brokenSequence, SessionBuilder, SID3, SID4, toExchanges, type Entry } from '../helpers/session-scenarios.ts';
import {
  all, calls, click, dom, makeHost, one, rowsShown, run, setUpPanelDom, show, storeWith, text, waitUntil, withoutIndex, type NewExchange,
} from './panel-harness.tsx';

setUpPanelDom();

function choose(select: HTMLSelectElement, value: string): Promise<void> {
  return run(() => {
    select.value = value;
    select.dispatchEvent(new dom.window.Event('change', { bubbles: true }) as unknown as Event);
  });
}

/** The event type of an exchange's body ('' when it has none). */
function eventTypeOf(ex: { requestBody: string | null }): string {
  try {
    return (JSON.parse(ex.requestBody ?? '') as { eventType?: string }).eventType ?? '';
  } catch {
    return '';
  }
}

/**
 * A short VOD whose metrics are easy by hand (offsets in ms from `start`, playhead in s):
 * sessionStart 0 · play 1000 · pings 11000, 21000 · pauseStart 25000 (playhead 24) ·
 * play 28000 · sessionEnd 30000 (playhead 26). Content 24 + 2 = 26 s, paused 3 s, span 30 s.
 */
function shortVod(sid: string, start: number, playerName: string, name: string): Entry[] {
  const b = new SessionBuilder(sid, start);
  b.open({ 'media.playerName': playerName, 'media.name': name, 'media.id': `${playerName}-id` });
  b.send('play', 0, 1000);
  b.send('ping', 10, 11000);
  b.send('ping', 20, 21000);
  b.send('pauseStart', 24, 25000);
  b.send('play', 24, 28000);
  b.send('sessionEnd', 26, 30000);
  return b.entries;
}

/** A VOD played to its end: play 1000, pings every 10 s, sessionComplete at 75000 (span 1 min 15 s). */
function completedVod(sid: string, start: number, playerName: string): Entry[] {
  const b = new SessionBuilder(sid, start);
  b.open({ 'media.playerName': playerName, 'media.name': 'Completed one', 'media.length': 74 });
  b.send('play', 0, 1000);
  b.pings(11000, 75000, 10000, (t) => (t - 1000) / 1000);
  b.send('sessionComplete', 74, 75000);
  return b.entries;
}

/** Stopped inside a pre-roll: adBreakStart 5000, adStart 5010, ad ping 8000 (span 8.0 s). */
function inAdBreak(sid: string, start: number, playerName: string): Entry[] {
  const b = new SessionBuilder(sid, start);
  b.open({ 'media.playerName': playerName, 'media.name': 'Ad one' });
  b.send('adBreakStart', 0, 5000, adBreakParams(0, 0));
  b.send('adStart', 0, 5010, adParams('pre-1', 15, 1));
  b.send('ping', 0, 8000);
  return b.entries;
}

/** Still playing when the capture ends: play 1000, ping 11000 (span 11.0 s). */
function stillPlaying(sid: string, start: number, playerName: string): Entry[] {
  const b = new SessionBuilder(sid, start);
  b.open({ 'media.playerName': playerName, 'media.name': 'Playing one' });
  b.send('play', 0, 1000);
  b.send('ping', 10, 11000);
  return b.entries;
}

describe('session list entries', () => {
  test('each session shows its player name, its state and its duration', async () => {
    const store = storeWith([
      calls(shortVod(SID, T0, 'alpha-player', 'Alpha')),
      calls(completedVod(SID2, T0 + 100_000, 'beta-player')),
      calls(inAdBreak(SID3, T0 + 200_000, 'gamma-player')),
      calls(stillPlaying(SID4, T0 + 300_000, 'delta-player')),
    ]);
    const c = await show(store);
    const meta = (sid: string) => text(one(c, `[data-testid=session][data-sid="${sid}"] .meta`));
    const parts = (sid: string) => meta(sid).split(' · ');
    // The state, start time and sid prefix have a line of their own, so the state is never cut.
    const state = (sid: string) => text(one(c, `[data-testid=session][data-sid="${sid}"] [data-testid=session-state]`)).split(' · ');

    // Player name, state and duration, each its own part of the line, by hand from the scenarios.
    assert.deepEqual(parts(SID).slice(-2), ['alpha-player', '30.0 s'], meta(SID));
    assert.deepEqual([state(SID)[0], state(SID)[2]], ['ended', 'aaaaaaaa…']);
    assert.deepEqual(parts(SID2).slice(-2), ['beta-player', '1 min 15 s'], meta(SID2));
    assert.deepEqual([state(SID2)[0], state(SID2)[2]], ['completed', 'bbbbbbbb…']);
    assert.deepEqual(parts(SID3).slice(-2), ['gamma-player', '8.0 s'], meta(SID3));
    assert.deepEqual([state(SID3)[0], state(SID3)[2]], ['in ad break', 'cccccccc…']);
    assert.match(state(SID)[1] ?? '', /^\d\d:\d\d:\d\d$/, 'the start time tells sessions apart');
    assert.deepEqual(parts(SID4).slice(-2), ['delta-player', '11.0 s'], meta(SID4));
    assert.deepEqual([state(SID4)[0], state(SID4)[2]], ['playing', 'dddddddd…']);
    // media.id is shown beside the name when both are set.
    assert.equal(parts(SID)[0], 'alpha-player-id');
    // Each entry names only its own player.
    assert.doesNotMatch(meta(SID), /beta-player|gamma-player|delta-player/);
  });
});

describe('timeline view', () => {
  const proto = () => dom.window.HTMLElement.prototype as object;
  let saved: PropertyDescriptor | undefined;
  // A panel 1000 px wide (happy-dom has no layout: clientWidth 0 would be read as 200).
  before(() => {
    saved = Object.getOwnPropertyDescriptor(proto(), 'clientWidth');
    Object.defineProperty(proto(), 'clientWidth', { configurable: true, get: () => 1000 });
  });
  after(() => {
    if (saved) Object.defineProperty(proto(), 'clientWidth', saved);
    else delete (proto() as { clientWidth?: number }).clientWidth;
  });

  /** x1 of the event tick of each exchange, by exchange index. */
  function tickX(timeline: HTMLElement): Map<number, number> {
    return new Map(all(timeline, 'line.mark[data-exchange]').map((l) => [Number(l.dataset.exchange), Number(l.getAttribute('x1'))]));
  }

  /** The axis labels and their x. */
  function axis(timeline: HTMLElement): Map<string, number> {
    return new Map(all(timeline, 'text.axis').map((t) => [text(t), Number(t.getAttribute('x'))]));
  }

  test('a navigation during the session is drawn as a line; one outside it is not', async () => {
    const store = storeWith([calls(shortVod(SID, T0, 'alpha-player', 'Alpha'))]);
    await run(() => {
      store.navigated('https://player.example.com/long-before', T0 - 3_600_000);
      store.navigated('https://player.example.com/watch/2', T0 + 15_000);
    });
    const c = await show(store);
    const timeline = one(c, '[data-testid=timeline]');
    const lines = all(timeline, 'line.navline');
    assert.equal(lines.length, 1, 'only the navigation inside the shown time');
    assert.equal(text(lines[0]?.querySelector('title') ?? null), 'navigation to https://player.example.com/watch/2');
    // It sits between the ping at +11 s and the one at +21 s.
    const exchanges = store.allExchanges();
    const pings = exchanges.filter((e) => eventTypeOf(e) === 'ping').map((e) => e.index);
    const ticks = tickX(timeline);
    const x = Number(lines[0]?.getAttribute('x1'));
    assert.ok((ticks.get(pings[0] as number) as number) < x && x < (ticks.get(pings[1] as number) as number), `navline at ${x}`);
  });

  test('no navigation line without a navigation', async () => {
    const store = storeWith([calls(shortVod(SID, T0, 'alpha-player', 'Alpha'))]);
    const c = await show(store);
    assert.equal(all(one(c, '[data-testid=timeline]'), 'line.navline').length, 0);
  });

  test('pings are drawn as ping ticks, other events as full ticks', async () => {
    const store = storeWith([calls(completedVod(SID2, T0, 'beta-player'))]);
    const c = await show(store);
    const timeline = one(c, '[data-testid=timeline]');
    const exchanges = store.allExchanges();
    const pings = exchanges.filter((e) => eventTypeOf(e) === 'ping').map((e) => e.index).sort((a, b) => a - b);
    assert.equal(pings.length, 7, 'pings at 11 … 71 s');
    const pingTicks = all(timeline, 'line.mark.ping');
    assert.deepEqual(pingTicks.map((l) => Number(l.dataset.exchange)).sort((a, b) => a - b), pings);
    const others = all(timeline, 'line.mark:not(.ping)');
    assert.deepEqual(others.map((l) => Number(l.dataset.exchange)).sort((a, b) => a - b),
      exchanges.filter((e) => eventTypeOf(e) !== 'ping').map((e) => e.index).sort((a, b) => a - b));
    // A ping tick is shorter than an event tick.
    const len = (l: HTMLElement) => Number(l.getAttribute('y2')) - Number(l.getAttribute('y1'));
    assert.ok(pingTicks.every((l) => len(l) < len(others[0] as HTMLElement)));
  });

  test('the wheel zooms around the pointer; zooming far enough gives a finer axis', async () => {
    const store = storeWith([calls(shortVod(SID, T0, 'alpha-player', 'Alpha'))]);
    const c = await show(store);
    const timeline = one(c, '[data-testid=timeline]');
    assert.equal(one(timeline, 'svg').getAttribute('width'), '1000');
    const before = tickX(timeline);
    const axisBefore = axis(timeline);
    // 31.2 s in view (30 s and 0.6 s either side): a label every 5 s from the session start.
    assert.deepEqual([...axisBefore.keys()], ['+0s', '+5s', '+10s', '+15s', '+20s', '+25s', '+30s']);

    const pointer = 500;
    const wheel = (deltaY: number) => run(() => {
      const e = new dom.window.WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY });
      // happy-dom's WheelEvent is not a MouseEvent (a browser's is): give it the pointer position.
      Object.defineProperty(e, 'clientX', { value: pointer });
      Object.defineProperty(e, 'clientY', { value: 40 });
      timeline.dispatchEvent(e as unknown as Event);
    });
    /** Each tick of `from` is where zooming by `factor` around the pointer puts it, or out of view. */
    const zoomedFrom = (from: Map<number, number>, factor: number) => {
      const now = tickX(timeline);
      let kept = 0;
      for (const [ex, x0] of from) {
        const expected = pointer + (x0 - pointer) / factor;
        // The plot spans x 70 to 992 (label column 70 px, 8 px margin).
        if (expected < 60 || expected > 1002) assert.ok(!now.has(ex), `#${ex} out of view at ${expected}`);
        else if (expected > 80 && expected < 982) {
          kept++;
          assert.ok(Math.abs((now.get(ex) as number) - expected) <= 1.5, `#${ex}: ${now.get(ex)} instead of ${expected}`);
        }
      }
      return kept;
    };
    await wheel(-100);
    // The time under the pointer stays put; everything else moves away from it by 1 / 0.8. Before,
    // the ticks were at x 88, 117, 413, 708, 827, 915, 974 (+0, 1, 11, 21, 25, 28, 30 s): only the
    // ones of +11, +21 and +25 s stay in view (at 391, 760 and 908).
    assert.equal(zoomedFrom(before, 0.8), 3);
    assert.equal(tickX(timeline).size, 3);
    const axisZoomed = axis(timeline);
    const gap = (a: Map<string, number>) => (a.get('+10s') as number) - (a.get('+5s') as number);
    assert.ok(Math.abs(gap(axisZoomed) - gap(axisBefore) / 0.8) < 0.01, 'the axis is stretched too');

    // Two more: 16 s in view, the axis steps by 2 s.
    await wheel(-100);
    await wheel(-100);
    const labels = [...axis(timeline).keys()];
    const seconds = labels.map((l) => Number(l.slice(1, -1)));
    assert.ok(seconds.every((s) => s % 2 === 0), `labels every 2 s: ${labels.join(' ')}`);
    assert.ok(seconds.some((s) => s % 5 !== 0), `labels between the 5 s ones: ${labels.join(' ')}`);

    // Wheel down zooms back out around the pointer.
    const deep = tickX(timeline);
    await wheel(100);
    // Zoomed in three times (16 s in view) only +11 and +21 s were shown; they come closer by 0.8.
    assert.equal(deep.size, 2);
    assert.equal(zoomedFrom(deep, 1.25), 2);
    // Fit shows the whole session again.
    await click(one(timeline, '[data-testid=timeline-fit]'));
    assert.deepEqual(axis(timeline), axisBefore);
    assert.deepEqual(tickX(timeline), before);
  });

  test('dragging pans the view: marks and axis move with the pointer', async () => {
    const store = storeWith([calls(shortVod(SID, T0, 'alpha-player', 'Alpha'))]);
    const c = await show(store);
    const timeline = one(c, '[data-testid=timeline]');
    const before = tickX(timeline);
    const axisBefore = axis(timeline);
    const mouse = (type: string, clientX: number) => run(() => timeline.dispatchEvent(new dom.window.MouseEvent(type, {
      bubbles: true, cancelable: true, clientX, clientY: 40,
    }) as unknown as Event));
    await mouse('mousedown', 600);
    await mouse('mousemove', 550);
    await mouse('mousemove', 500);
    await mouse('mouseup', 500);
    const after = tickX(timeline);
    // Dragged 100 px to the left: each mark still in view is 100 px further left.
    const sessionStart = store.allExchanges().find((e) => eventTypeOf(e) === 'sessionStart')?.index as number;
    assert.ok(before.has(sessionStart));
    assert.ok(!after.has(sessionStart), 'the session start left the view on the left');
    assert.ok(after.size > 0);
    for (const [ex, x] of after) assert.ok(Math.abs(x - ((before.get(ex) as number) - 100)) <= 1, `#${ex} at ${x}, was ${before.get(ex)}`);
    // The axis moved too: its first label (the session start) is gone, the others shifted by 100 px.
    const axisAfter = axis(timeline);
    assert.ok(axisBefore.has('+0s') && !axisAfter.has('+0s'), [...axisAfter.keys()].join(' '));
    for (const [label, x] of axisAfter) {
      if (axisBefore.has(label)) assert.ok(Math.abs(x - ((axisBefore.get(label) as number) - 100)) < 0.01, `${label} at ${x}`);
    }

    // After the button is released, moving the mouse pans no more.
    await mouse('mousemove', 300);
    assert.deepEqual(tickX(timeline), after);
  });
});

describe('empty state wording', () => {
  test('the read-back count, the other requests and the navigations appear only when they hold', async () => {
    const store = new PanelStore();
    const c = await show(store);
    const empty = () => one(c, '[data-testid=empty]');
    const items = () => all(empty(), 'li').map((li) => text(li));

    // Always: DevTools sees only what happens while it is open, and blocked calls are http.failed.
    const late = () => items().find((t) => t.startsWith('DevTools only sees requests made while it is open')) ?? '';
    assert.equal(late(), 'DevTools only sees requests made while it is open: if the player started before, reload the page (with Preserve log on).');
    assert.ok(items().includes('Calls blocked by an ad blocker or a privacy extension still appear here, as http.failed.'), items().join(' | '));
    assert.equal(text(one(empty(), 'code')), 'http.failed');
    // Not yet: nothing read back, no request, no navigation.
    assert.doesNotMatch(text(empty()), /read back/);
    assert.equal(text(one(c, '[data-testid=empty-others]')), 'No request has been seen since DevTools opened.');
    assert.doesNotMatch(text(empty()), /The page navigated/);

    await run(() => store.setBackfilled(1234));
    assert.equal(late(), 'DevTools only sees requests made while it is open: if the player started before, reload the page (with Preserve log on).'
      + ' (1,234 requests DevTools had already recorded were read back; none was a Media Collection or Media Edge call.)');

    await run(() => {
      for (const at of [0, 10]) store.addExchange(withoutIndex(toExchanges([entry(`https://cdn.example.com/${at}.ts`, null, { method: 'GET', rawBody: null, status: 200, at })]))[0] as NewExchange);
    });
    assert.equal(text(one(c, '[data-testid=empty-others]')),
      '2 other requests were seen, none of them a Media Collection or Media Edge call.');

    await run(() => store.navigated('https://player.example.com/watch/1', T0));
    assert.match(text(empty()), /The page navigated 1 time since DevTools opened\./);
    assert.ok(items().includes('Calls blocked by an ad blocker or a privacy extension still appear here, as http.failed.'));

    await run(() => store.setBackfilled(0));
    assert.doesNotMatch(text(empty()), /read back/);
  });
});

describe('export scopes', () => {
  function twoSessions(): PanelStore {
    return storeWith([calls(shortVod(SID, T0, 'alpha-player', 'Alpha')), calls(brokenSequence(SID2, T0 + 100_000, 'beta-player'))]);
  }

  function reportOf(store: PanelStore, scope: 'all' | 'selected' | 'filtered'): JsonReport {
    const file = exportReport(store, 'json', scope, new Date(T0));
    const report = JSON.parse(file.text) as JsonReport;
    assert.equal(file.count, report.exchanges.length);
    assert.equal(file.mime, 'application/json');
    // The session's name joins the site and the date when the export holds one session (export-name.ts).
    assert.match(file.fileName, /^media-collection-([\w.-]+-)?2026-11-02-10-00-00\.mci\.json$/);
    return report;
  }

  const indexes = (list: readonly { index: number }[]) => list.map((e) => e.index).sort((a, b) => a - b);
  /** The sid an exchange's URL or Location points at (sessionStart: the Location of its reply). */
  const sidOf = (e: { url: string; responseHeaders: readonly { name: string; value: string }[] }) =>
    /\/sessions\/([^/]+)/.exec(e.url)?.[1] ?? /\/sessions\/([^/]+)/.exec(e.responseHeaders.find((h) => h.name === 'Location')?.value ?? '')?.[1];

  test("'all' holds both sessions' exchanges", () => {
    const store = twoSessions();
    const report = reportOf(store, 'all');
    assert.deepEqual(indexes(report.exchanges), indexes(store.allExchanges()));
    assert.deepEqual(new Set(report.exchanges.map(sidOf)), new Set([SID, SID2]));
    assert.deepEqual(report.sessions.map((s) => s.sid).sort(), [SID, SID2]);
    assert.equal(report.source, 'DevTools capture, all sessions');
    // shortVod has 7 calls, brokenSequence 32.
    assert.equal(report.exchanges.length, 7 + 32);
  });

  test("'selected' holds only the selected session's exchanges", async () => {
    const store = twoSessions();
    await run(() => store.selectSession(SID2));
    const report = reportOf(store, 'selected');
    assert.equal(report.exchanges.length, 32);
    assert.deepEqual(new Set(report.exchanges.map(sidOf)), new Set([SID2]));
    assert.deepEqual(report.sessions.map((s) => s.sid), [SID2]);
    assert.equal(report.source, 'DevTools capture, selected sessions');

    await run(() => store.selectSession(SID));
    const other = reportOf(store, 'selected');
    assert.equal(other.exchanges.length, 7);
    assert.deepEqual(other.sessions.map((s) => s.sid), [SID]);
    assert.ok(other.findings.every((f) => f.sid === SID), 'the other session\'s findings are left out');
  });

  test("'filtered' holds exactly the rows the list shows", async () => {
    const store = twoSessions();
    const c = await show(store);
    const rowCount = () => Number(one(c, '[data-testid=request-list]').getAttribute('aria-rowcount'));
    assert.equal(rowCount(), 39);

    await run(() => store.setFilter({ hidePings: true }));
    const shownNoPings = rowsShown(c).map((r) => Number(r.dataset.exchange)).sort((a, b) => a - b);
    const noPings = reportOf(store, 'filtered');
    // The list is virtualised (about 30 rows drawn): the rows drawn are the export's first ones,
    // and the export holds as many as the list has.
    assert.equal(rowCount(), noPings.exchanges.length);
    assert.deepEqual(indexes(noPings.exchanges).slice(0, shownNoPings.length), shownNoPings);
    // Pings are hidden, except those with a finding (evidence is never hidden).
    const flagged = new Set(store.analysis().findings.map((f) => f.exchange));
    assert.ok(noPings.exchanges.every((e) => eventTypeOf(e) !== 'ping' || flagged.has(e.index)));
    const pingCount = store.allExchanges().filter((e) => eventTypeOf(e) === 'ping' && !flagged.has(e.index)).length;
    assert.equal(noPings.exchanges.length, 39 - pingCount);
    assert.equal(noPings.source, 'DevTools capture, filtered requests');

    await run(() => store.setFilter({ hidePings: false, text: 'beta-player' }));
    const shownText = rowsShown(c).map((r) => Number(r.dataset.exchange));
    const byText = reportOf(store, 'filtered');
    assert.equal(shownText.length, 1, 'only the sessionStart of the second session names its player');
    assert.equal(rowCount(), 1);
    assert.deepEqual(indexes(byText.exchanges), shownText);
    assert.equal(eventTypeOf(byText.exchanges[0] as { requestBody: string | null }), 'sessionStart');
    assert.equal(sidOf(byText.exchanges[0] as Exchange), SID2);
    assert.deepEqual(indexes(exchangesFor(store, 'filtered')), shownText);
  });
});

describe('Markdown copy', () => {
  test('Copy Markdown hands the clipboard the session sid, its finding codes and its metrics', async () => {
    const store = storeWith([calls(shortVod(SID, T0, 'alpha-player', 'Alpha')), calls(brokenSequence(SID2, T0 + 100_000, 'beta-player'))]);
    const { host, copied, downloads } = makeHost();
    const c = await show(store, host);
    await choose(one(c, '[data-testid=export-scope]') as HTMLSelectElement, 'selected');
    await click(one(c, `[data-testid=session][data-sid="${SID2}"]`));
    await click(one(c, '[data-testid=export-md]'));
    await run(() => waitUntil(() => copied.length === 1));
    assert.equal(downloads.length, 0, 'Markdown goes to the clipboard, not to a file');
    const md = copied[0] as string;

    assert.ok(md.includes(`**Session \`${SID2}\`**`), md);
    assert.ok(!md.includes(SID), 'only the selected session');
    assert.match(md, /player beta-player · closed \(sessionEnd\)/);
    // The codes of broken-sequence (checked by hand in views.test.tsx), each in the findings table.
    const codes = new Set(store.analysis().findings.filter((f) => f.sid === SID2).map((f) => f.code as string));
    for (const code of ['ad.orphan-start', 'session.after-end', 'http.session-gone', 'chapter.overlap', 'ping.late']) assert.ok(codes.has(code), code);
    for (const code of codes) assert.match(md, new RegExp(`\\| \`${code.replace(/\./g, '\\.')}\` \\|`), `${code} in the table`);
    assert.match(md, /^Estimated: content \d+\.\d s · ads \d+\.\d s · orphan ads counted as content 10\.0 s · paused 3\.0 s · buffering 0\.0 s · ads 4 started \/ 3 completed · 2 chapters · 0 errors\.$/m);
    assert.match(text(one(c, '[data-testid=notice]')), /^Copied a Markdown summary of 32 requests to the clipboard$/);

    // The other session: its sid, no finding, and its metrics by hand (content 24 + 2 s, paused 3 s).
    await click(one(c, `[data-testid=session][data-sid="${SID}"]`));
    await click(one(c, '[data-testid=export-md]'));
    await run(() => waitUntil(() => copied.length === 2));
    const md2 = copied[1] as string;
    assert.ok(md2.includes(`**Session \`${SID}\`**`), md2);
    assert.ok(!md2.includes(SID2));
    assert.match(md2, /\nNo finding\.\n/);
    assert.match(md2, /^Estimated: content 26\.0 s · ads 0\.0 s · orphan ads counted as content 0\.0 s · paused 3\.0 s · buffering 0\.0 s · ads 0 started \/ 0 completed · 0 chapters · 0 errors\.$/m);
  });
});

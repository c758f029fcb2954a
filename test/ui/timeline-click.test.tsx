/**
 * What a click on the timeline selects, and that the tester then sees it (issue 22, items 1 and 4):
 * a click inside a bar selects the request that opened it (the orphan ad's bar its adStart, not the
 * ping beside the pointer); a click that selects a row the list's filters hide turns those filters
 * off and says so in the status bar; with no session selected, the timeline follows the selected
 * request's session.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SID, SID2, T0 } from '../helpers/har-builder.ts';
import { adParams, chapterParams, SessionBuilder } from '../helpers/session-scenarios.ts';
import { all, calls, one, rowsShown, run, storeWith, text } from './panel-harness.tsx';
import { mouseAt, num, setUpTimelineDom, showTimeline } from './timeline-setup.ts';

setUpTimelineDom();

/**
 * 40 s of content: play, a chapter from 0 s, an orphan adStart at +5 s (no adBreakStart) completed
 * at +15 s, pings every 10 s (the one at +10 s in the middle of the orphan ad), sessionEnd at +40 s.
 */
function orphanBetweenPings(sid = SID, start = T0) {
  const b = new SessionBuilder(sid, start);
  b.open();
  const play = b.send('play', 0, 100);
  const chapter = b.send('chapterStart', 0, 200, chapterParams(1, 0, 60, 'Opening'));
  const adStart = b.send('adStart', 5, 5_000, adParams('orphan-1', 10, 1));
  const [ping10, ping20, ping30] = b.pings(10_000, 40_000, 10_000, (t) => t / 1000) as [number, number, number];
  b.send('adComplete', 15, 15_000);
  const end = b.send('sessionEnd', 40, 40_000);
  return { entries: b.entries, play, chapter, adStart, ping10, ping20, ping30, end };
}

/** The middle of a bar: (x, y) in the drawing. */
function middleOf(rect: HTMLElement): [number, number] {
  return [num(rect, 'x') + num(rect, 'width') / 2, num(rect, 'y') + num(rect, 'height') / 2];
}

describe('a click inside a bar selects the request that opened it', () => {
  test('the orphan ad\'s bar selects its adStart, though a ping sits right under the pointer', async () => {
    const s = orphanBetweenPings();
    const store = storeWith([calls(s.entries)]);
    const { timeline } = await showTimeline(store);
    const bar = one(timeline, 'rect[data-kind=orphan]');
    const [x, y] = middleOf(bar);
    // The ping at +10 s is within a pixel of the pointer's x: the old nearest-event rule picked it.
    const pingTick = one(timeline, `line.mark[data-exchange="${s.ping10}"]`);
    assert.ok(Math.abs(num(pingTick, 'x1') - x) <= 2, `the ping's tick (${num(pingTick, 'x1')}) is under the pointer (${x})`);
    await mouseAt(bar, 'click', x, y);
    assert.equal(store.get().selectedExchange, s.adStart, 'the bar itself');
    // Anywhere over the bar, whatever element the browser reports (here the drawing itself).
    await run(() => store.select(null));
    await mouseAt(one(timeline, 'svg'), 'click', num(bar, 'x') + 3, y);
    assert.equal(store.get().selectedExchange, s.adStart, 'the drawing, over the bar\'s left end');
  });

  test('the playing bar selects its play, the chapter bar its chapterStart', async () => {
    const s = orphanBetweenPings();
    const store = storeWith([calls(s.entries)]);
    const { timeline } = await showTimeline(store);
    const svg = one(timeline, 'svg');
    // The playing segment after the orphan ad was opened by adComplete; the first one by play.
    const playing = all(timeline, 'rect[data-kind=playing]').sort((a, b) => num(a, 'x') - num(b, 'x'))[0] as HTMLElement;
    assert.equal(playing.dataset.exchange, String(s.play));
    await mouseAt(svg, 'click', num(playing, 'x') + 2, middleOf(playing)[1]);
    assert.equal(store.get().selectedExchange, s.play);
    const chapter = one(timeline, 'rect[data-kind=chapter]');
    await mouseAt(svg, 'click', ...middleOf(chapter));
    assert.equal(store.get().selectedExchange, s.chapter);
  });

  test('hovering a bar says what it is and which request opened it', async () => {
    const s = orphanBetweenPings();
    const { panel, timeline } = await showTimeline(storeWith([calls(s.entries)]));
    await mouseAt(one(timeline, 'svg'), 'mousemove', ...middleOf(one(timeline, 'rect[data-kind=orphan]')));
    const tip = text(one(panel, '[data-testid=timeline-tooltip]'));
    assert.match(tip, /^orphan ad orphan-1 · \+5\.000 s → \+15\.000 s \(10\.0 s\)/);
    assert.match(tip, new RegExp(`opened by #${s.adStart} adStart`));
  });

  test('on the events row, the nearest event is still the one selected', async () => {
    const s = orphanBetweenPings();
    const store = storeWith([calls(s.entries)]);
    const { timeline } = await showTimeline(store);
    const tick = one(timeline, `line.mark[data-exchange="${s.ping10}"]`);
    await mouseAt(one(timeline, 'svg'), 'click', num(tick, 'x1') + 2, num(tick, 'y2') - 2);
    assert.equal(store.get().selectedExchange, s.ping10);
  });
});

describe('a click that selects a row the filters hide reveals it', () => {
  test('under Hide pings, a ping clicked on the timeline: Hide pings goes off, the status bar says so, the row is listed', async () => {
    const s = orphanBetweenPings();
    const store = storeWith([calls(s.entries)]);
    const { panel, timeline } = await showTimeline(store);
    await run(() => store.setFilter({ hidePings: true }));
    assert.ok(!rowsShown(panel).some((r) => r.dataset.exchange === String(s.ping20)), 'hidden to begin with');
    const tick = one(timeline, `line.mark[data-exchange="${s.ping20}"]`);
    await mouseAt(tick, 'click', num(tick, 'x1'), num(tick, 'y2') - 2);
    assert.equal(store.get().selectedExchange, s.ping20);
    assert.equal(store.get().filter.hidePings, false, 'Hide pings is off');
    assert.equal(one(panel, '[data-testid=hide-pings]').matches(':checked'), false, 'and its checkbox says so');
    const notice = text(one(panel, '[data-testid=notice]'));
    assert.match(notice, new RegExp(`#${s.ping20} ping`));
    assert.match(notice, /hidden/);
    assert.match(notice, /Hide pings off/);
    const row = rowsShown(panel).find((r) => r.dataset.exchange === String(s.ping20));
    assert.ok(row, 'the ping\'s row is in the list');
    assert.equal(row.getAttribute('aria-selected'), 'true', 'and selected');
  });

  test('a text filter that hides the clicked request is cleared, and named', async () => {
    const s = orphanBetweenPings();
    const store = storeWith([calls(s.entries)]);
    const { panel, timeline } = await showTimeline(store);
    await run(() => store.setFilter({ text: 'adStart', severity: 'error' }));
    const tick = one(timeline, `line.mark[data-exchange="${s.ping30}"]`);
    await mouseAt(tick, 'click', num(tick, 'x1'), num(tick, 'y2') - 2);
    assert.equal(store.get().selectedExchange, s.ping30);
    assert.equal(store.get().filter.text, '');
    assert.equal(store.get().filter.severity, 'all');
    assert.match(text(one(panel, '[data-testid=notice]')), /cleared the text filter "adStart"/);
    assert.match(text(one(panel, '[data-testid=notice]')), /severity filter back to All requests/);
  });

  test('a request the filters show: the filters and the status bar stay as they were', async () => {
    const s = orphanBetweenPings();
    const store = storeWith([calls(s.entries)]);
    const { panel, timeline } = await showTimeline(store);
    await run(() => store.setFilter({ hidePings: true }));
    const bar = one(timeline, 'rect[data-kind=orphan]');
    await mouseAt(bar, 'click', ...middleOf(bar));
    assert.equal(store.get().selectedExchange, s.adStart);
    assert.equal(store.get().filter.hidePings, true);
    assert.equal(panel.querySelector('[data-testid=notice]'), null);
  });
});

describe('with no session selected, the timeline follows the selected request', () => {
  test('selecting a request of an older session draws that session; none selected, the newest', async () => {
    const older = orphanBetweenPings(SID, T0);
    const newer = orphanBetweenPings(SID2, T0 + 120_000);
    const store = storeWith([calls([...older.entries, ...newer.entries])]);
    const { timeline } = await showTimeline(store);
    const drawn = () => all(timeline, 'g[data-sid]').map((g) => g.dataset.sid);
    assert.deepEqual(drawn(), [SID2], 'the newest session to begin with');
    await run(() => store.select(older.adStart));
    assert.deepEqual(drawn(), [SID], 'the selected request\'s session');
    // Its bars are drawn, and the selected request is marked on it.
    assert.ok(one(timeline, `rect[data-kind=orphan][data-exchange="${older.adStart}"]`));
    assert.equal(all(timeline, 'line.mark.selected').length, 1);
    await run(() => store.select(null));
    assert.deepEqual(drawn(), [SID2]);
  });
});

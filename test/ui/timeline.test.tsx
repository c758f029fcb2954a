/**
 * The timeline as a tester reads it (happy-dom, same set-up as views.test.tsx): replies that lose
 * data (404, 410, 5xx, no reply) are as loud as the orphan adStart, with a badge, a title and a
 * click that selects the request; the zoom controls sit in their own strip, off the plot and its
 * last axis label; a session closed by sessionEnd is drawn closed from there on; and, zoomed or
 * panned, everything drawn to scale is clipped to the plot, never over the label column.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PanelStore } from '../../src/ui/store/panel-store.ts';
import { SID, SID2, T0 } from '../helpers/har-builder.ts';
import { adBreakParams, adParams, SessionBuilder } from '../helpers/session-scenarios.ts';
import { all, calls, dom, one, run, setUpPanelDom, show as showPanel, storeWith, text } from './panel-harness.tsx';

/** The panel is 1000 px wide: label column 70 px, plot from x 70 to 992 (8 px right margin). */
const WIDTH = 1000;
const LABEL_W = 70;
const PLOT_RIGHT = WIDTH - 8;

let savedWidth: PropertyDescriptor | undefined;
const proto = () => dom.window.HTMLElement.prototype as object;

setUpPanelDom({
  afterInstall() {
    // happy-dom has no layout: clientWidth 0 would be read as 200.
    savedWidth = Object.getOwnPropertyDescriptor(proto(), 'clientWidth');
    Object.defineProperty(proto(), 'clientWidth', { configurable: true, get: () => WIDTH });
  },
  beforeClose() {
    if (savedWidth) Object.defineProperty(proto(), 'clientWidth', savedWidth);
    else delete (proto() as { clientWidth?: number }).clientWidth;
  },
});

/** The panel for this store; answers its timeline. */
async function show(store: PanelStore): Promise<HTMLElement> {
  return one(await showPanel(store), '[data-testid=timeline]');
}

function num(el: Element, attr: string): number {
  return Number(el.getAttribute(attr));
}

function click(el: Element, clientX: number, clientY: number): Promise<void> {
  return run(() => el.dispatchEvent(new dom.window.MouseEvent('click', { bubbles: true, cancelable: true, clientX, clientY }) as unknown as Event));
}

function wheel(timeline: HTMLElement, deltaY: number, clientX: number): Promise<void> {
  return run(() => {
    const e = new dom.window.WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY });
    // happy-dom's WheelEvent is not a MouseEvent (a browser's is): give it the pointer position.
    Object.defineProperty(e, 'clientX', { value: clientX });
    Object.defineProperty(e, 'clientY', { value: 40 });
    timeline.dispatchEvent(e as unknown as Event);
  });
}

function drag(timeline: HTMLElement, fromX: number, toX: number): Promise<void> {
  const mouse = (type: string, clientX: number) => timeline.dispatchEvent(new dom.window.MouseEvent(type, {
    bubbles: true, cancelable: true, clientX, clientY: 40,
  }) as unknown as Event);
  return run(() => {
    mouse('mousedown', fromX);
    mouse('mousemove', (fromX + toX) / 2);
    mouse('mousemove', toX);
    mouse('mouseup', toX);
  });
}

/** The loud marker that starts at this request. */
function loudFor(timeline: HTMLElement, exchange: number): HTMLElement {
  return one(timeline, `[data-testid=loud-mark][data-first="${exchange}"]`);
}

/** x1 of the event tick of each request. */
function tickX(timeline: HTMLElement): Map<number, number> {
  return new Map(all(timeline, 'line.mark[data-exchange]').map((l) => [Number(l.dataset.exchange), num(l, 'x1')]));
}

/**
 * 50 s of content: a ping answered 404 at +20 s, sessionEnd at +40 s and a ping after it answered
 * 410 at +50 s. The indexes are the requests' exchange indexes.
 */
function lostReplies(sid = SID, start = T0) {
  const b = new SessionBuilder(sid, start);
  b.open();
  b.send('play', 0, 100);
  b.send('ping', 10, 10_000);
  const notFound = b.send('ping', 20, 20_000, {}, { status: 404 });
  b.send('ping', 30, 30_000);
  const end = b.send('sessionEnd', 40, 40_000);
  const gone = b.send('ping', 40, 50_000, {}, { status: 410 });
  return { entries: b.entries, notFound, end, gone };
}

describe('replies that lose data', () => {
  test('a 404 and a 410 are full-height red markers with their status and a title', async () => {
    const s = lostReplies();
    const timeline = await show(storeWith([calls(s.entries)]));
    const playbackLaneY = num(one(timeline, 'rect[data-kind=playing]'), 'y');
    for (const [exchange, status, reason] of [[s.notFound, 404, 'Not Found'], [s.gone, 410, 'Gone']] as const) {
      const loud = loudFor(timeline, exchange);
      assert.match(loud.getAttribute('class') ?? '', /\bloud-mark\b/);
      assert.match(loud.getAttribute('class') ?? '', /\berror\b/, 'red, the colour of errors');
      assert.equal(loud.dataset.status, String(status));
      assert.equal(text(loud.querySelector('text.loud-label')), String(status), 'the badge says the status');
      assert.ok(loud.querySelector('rect.loud-badge'), 'on a badge');
      // Full height, like the orphan ad: from the playback lane to the findings lane.
      const line = one(loud, 'line.loud-line');
      assert.equal(num(line, 'x1'), tickX(timeline).get(exchange), 'at its request');
      assert.ok(num(line, 'y1') <= playbackLaneY, `from the top lane (${num(line, 'y1')})`);
      const findingDot = one(timeline, `circle.fmark[data-exchange="${exchange}"]`);
      assert.ok(num(line, 'y2') >= num(findingDot, 'cy'), 'down to the findings lane');
      // Hovering says what it is: status, event type, request.
      const title = text(loud.querySelector('title'));
      assert.match(title, new RegExp(`HTTP ${status} ${reason}`));
      assert.match(title, /\bping\b/);
      assert.match(title, new RegExp(`request #${exchange}\\b`));
      assert.match(title, /lost/);
    }
    // Only the two: the other replies were fine.
    assert.equal(all(timeline, '[data-testid=loud-mark]').length, 2);
  });

  test('clicking a loud marker selects its request', async () => {
    const s = lostReplies();
    const store = storeWith([calls(s.entries)]);
    const timeline = await show(store);
    await run(() => store.select(0));
    for (const exchange of [s.notFound, s.gone]) {
      const label = one(loudFor(timeline, exchange), 'text.loud-label');
      await click(label, num(label, 'x'), num(label, 'y'));
      assert.equal(store.get().selectedExchange, exchange, 'the badge');
      await run(() => store.select(0));
      const line = one(loudFor(timeline, exchange), 'line.loud-line');
      // On the lanes, far from the events lane and its ticks.
      await click(line, num(line, 'x1'), num(line, 'y1') + 4);
      assert.equal(store.get().selectedExchange, exchange, 'the line');
      await run(() => store.select(0));
    }
  });

  test('5xx and failed calls are loud too; a run of the same status is one band', async () => {
    const b = new SessionBuilder(SID2, T0);
    b.open();
    b.send('play', 0, 100);
    const run404 = [10_000, 20_000, 30_000].map((t) => b.send('ping', t / 1000, t, {}, { status: 404 }));
    b.send('ping', 40, 40_000);
    const failed = b.send('ping', 50, 50_000, {}, { status: 0, error: 'net::ERR_BLOCKED_BY_CLIENT' });
    b.send('ping', 60, 60_000);
    const err500 = b.send('ping', 70, 70_000, {}, { status: 500 });
    b.send('ping', 80, 80_000);
    const timeline = await show(storeWith([calls(b.entries)]));

    const band = loudFor(timeline, run404[0] as number);
    assert.equal(band.dataset.last, String(run404[2]));
    assert.equal(text(band.querySelector('text.loud-label')), '404 ×3');
    const ticks = tickX(timeline);
    const rect = one(band, 'rect.loud-band');
    assert.equal(num(rect, 'x'), ticks.get(run404[0] as number));
    assert.equal(num(rect, 'x') + num(rect, 'width'), ticks.get(run404[2] as number), 'spans the run');
    assert.match(text(band.querySelector('title')), new RegExp(`HTTP 404 Not Found on 3 calls .*#${run404[0]} to #${run404[2]}`));

    const noReply = loudFor(timeline, failed);
    assert.equal(text(noReply.querySelector('text.loud-label')), 'failed');
    assert.match(text(noReply.querySelector('title')), /no reply/);
    assert.equal(text(loudFor(timeline, err500).querySelector('text.loud-label')), '500');
    assert.match(text(loudFor(timeline, err500).querySelector('title')), /HTTP 500 Internal Server Error on ping · request #\d+/);
    assert.equal(all(timeline, '[data-testid=loud-mark]').length, 3);
  });

  test('an orphan adStart and a 410 in the same session: both loud, both red, full height', async () => {
    const b = new SessionBuilder(SID, T0);
    b.open();
    b.send('play', 0, 100);
    b.send('adStart', 5, 5_000, adParams('orphan-1', 10, 1));
    b.send('adComplete', 15, 15_000);
    b.send('adBreakStart', 15, 16_000, adBreakParams(1, 15));
    b.send('adBreakComplete', 15, 16_500);
    b.send('sessionEnd', 20, 20_000);
    const gone = b.send('ping', 20, 30_000, {}, { status: 410 });
    const timeline = await show(storeWith([calls(b.entries)]));
    assert.equal(all(timeline, 'rect[data-kind=orphan]').length, 1);
    const line = one(loudFor(timeline, gone), 'line.loud-line');
    const lanesTop = num(one(timeline, 'rect[data-kind=orphan]'), 'y') - 15; // the ads lane is the second
    assert.ok(num(line, 'y1') <= lanesTop && num(line, 'y2') - num(line, 'y1') >= 4 * 15 + 18, 'across every lane');
  });
});

describe('zoom controls', () => {
  test('sit in their own strip, outside the plot and its clip', async () => {
    const s = lostReplies();
    const timeline = await show(storeWith([calls(s.entries)]));
    const controls = one(timeline, '[data-testid=timeline-controls]');
    const svg = one(timeline, 'svg');
    const plot = one(timeline, '[data-testid=timeline-plot]');
    assert.ok(controls.querySelector('[data-testid=timeline-fit]'), 'Fit is one of them');
    assert.ok(!svg.contains(controls) && !plot.contains(controls), 'not drawn in the plot');
    assert.ok(!controls.contains(svg));
    const toolbar = one(timeline, '[data-testid=timeline-toolbar]');
    assert.ok(toolbar.contains(controls));
    // The strip comes before the drawing, as a row of its own (not a layer over it).
    assert.ok(toolbar.compareDocumentPosition(svg) & dom.window.Node.DOCUMENT_POSITION_FOLLOWING);
    assert.equal(toolbar.parentElement, timeline);
    assert.ok(!toolbar.contains(svg.parentElement as Element) && svg.parentElement !== toolbar);
  });

  test('no axis label runs past the plot; the last one is kept', async () => {
    const s = lostReplies();
    const timeline = await show(storeWith([calls(s.entries)]));
    const labels = all(timeline, 'text.axis');
    // 50 s and 1 s either side in view: a label every 10 s, in whole seconds.
    assert.deepEqual(labels.map((l) => text(l)), ['+0s', '+10s', '+20s', '+30s', '+40s', '+50s']);
    const plot = one(timeline, '[data-testid=timeline-plot]');
    for (const l of labels) {
      assert.ok(plot.contains(l), 'axis labels are clipped to the plot too');
      const x = num(l, 'x') + num(l, 'dx');
      const w = text(l).length * 6;
      const [left, right] = l.getAttribute('text-anchor') === 'end' ? [x - w, x] : [x, x + w];
      assert.ok(left >= LABEL_W && right <= PLOT_RIGHT, `${text(l)} spans ${left} to ${right}, the plot ${LABEL_W} to ${PLOT_RIGHT}`);
    }
    // The last label ends at its gridline, inside the plot.
    assert.equal(labels.at(-1)?.getAttribute('text-anchor'), 'end');
  });

  test('clicking a control does not select a request', async () => {
    const s = lostReplies();
    const store = storeWith([calls(s.entries)]);
    const timeline = await show(store);
    await run(() => store.select(null));
    const fit = one(timeline, '[data-testid=timeline-fit]');
    const x = tickX(timeline).get(s.gone) as number;
    await click(fit, x, 40);
    assert.equal(store.get().selectedExchange, null);
  });
});

describe('closed sessions', () => {
  test('from the sessionEnd on, the lanes are drawn closed; the events after it stand out', async () => {
    const s = lostReplies();
    const timeline = await show(storeWith([calls(s.entries)]));
    const block = one(timeline, `g[data-sid="${SID}"]`);
    const closed = one(block, '[data-testid=closed-region]');
    assert.equal(closed.dataset.reason, 'sessionEnd');
    const ticks = tickX(timeline);
    const endX = ticks.get(s.end) as number;
    const region = one(closed, 'rect.tl-closed-hatch');
    assert.ok(Math.abs(num(region, 'x') - endX) <= 1, `starts at the sessionEnd (${num(region, 'x')} vs ${endX})`);
    assert.ok(num(region, 'x') + num(region, 'width') >= PLOT_RIGHT, 'and goes on to the end of the plot');
    assert.match(region.getAttribute('fill') ?? '', /^url\(#.+\)$/, 'hatched');
    // Over the lanes: from the playback lane to the findings.
    assert.ok(num(region, 'y') <= num(one(block, 'rect[data-kind=playing]'), 'y'));
    assert.match(text(closed.querySelector('text.tl-closed-label')), /closed/);
    assert.match(text(closed.querySelector('title')), new RegExp(`sessionEnd \\(request #${s.end}\\)`));
    // The 410 ping after it is marked as such; the ones before are not.
    const after = one(timeline, `line.mark[data-exchange="${s.gone}"]`);
    assert.match(after.getAttribute('class') ?? '', /\bafter-end\b/);
    assert.ok((ticks.get(s.gone) as number) > num(region, 'x'));
    assert.equal(all(timeline, 'line.mark.after-end').length, 1);
  });

  test('a session still open has no closed region', async () => {
    const b = new SessionBuilder(SID, T0);
    b.open();
    b.send('play', 0, 100);
    b.pings(10_000, 40_000, 10_000, (t) => t / 1000);
    const timeline = await show(storeWith([calls(b.entries)]));
    assert.equal(all(timeline, '[data-testid=closed-region]').length, 0);
    assert.equal(all(timeline, 'line.mark.after-end').length, 0);
  });
});

describe('clipping', () => {
  /** The rect of the clipPath the plot group is clipped by. */
  function clipRect(timeline: HTMLElement): HTMLElement {
    const plot = one(timeline, '[data-testid=timeline-plot]');
    const ref = /^url\(#(.+)\)$/.exec(plot.getAttribute('clip-path') ?? '');
    assert.ok(ref, `the plot is clipped (clip-path ${plot.getAttribute('clip-path')})`);
    const clip = all(timeline, 'clipPath').find((c) => c.id === ref[1]);
    assert.ok(clip, 'its clipPath is in the drawing');
    return one(clip, 'rect');
  }

  test('bars and marks are drawn in a plot clipped off the label column; the labels outside it', async () => {
    const s = lostReplies();
    const timeline = await show(storeWith([calls(s.entries)]));
    const rect = clipRect(timeline);
    assert.equal(num(rect, 'x'), LABEL_W);
    assert.equal(num(rect, 'x') + num(rect, 'width'), PLOT_RIGHT);
    const plot = one(timeline, '[data-testid=timeline-plot]');
    const labels = all(timeline, 'text.lane-label');
    assert.deepEqual(labels.map((l) => text(l)).slice(1), ['playback', 'ads', 'chapters', 'states', 'events', 'findings']);
    for (const l of labels) {
      assert.ok(!plot.contains(l), `the label ${text(l)} is not in the clipped plot`);
      assert.ok(num(l, 'x') < LABEL_W);
    }
    for (const sel of ['rect[data-kind]', 'line.mark', 'circle.fmark', '[data-testid=loud-mark]', '[data-testid=closed-region]', 'line.gridline']) {
      const els = all(timeline, sel);
      assert.ok(els.length > 0, `some ${sel}`);
      assert.ok(els.every((e) => plot.contains(e)), `every ${sel} is in the clipped plot`);
    }
  });

  test('zoomed and panned, bars stay right of the label column', async () => {
    const s = lostReplies();
    const timeline = await show(storeWith([calls(s.entries)]));
    // Zoom in around +25 s (x 70 + 26/52 * 922 = 531) until the playing bar starts left of the view.
    for (let i = 0; i < 4; i++) await wheel(timeline, -100, 531);
    await drag(timeline, 400, 600);
    const bars = all(timeline, 'rect[data-kind]');
    assert.ok(bars.length > 0, 'bars in view');
    const playing = bars.find((r) => r.dataset.kind === 'playing');
    assert.ok(playing, 'the playing bar, which began before the view');
    for (const r of bars) {
      const x = num(r, 'x');
      assert.ok(x >= LABEL_W - 2, `${r.dataset.kind} bar at x ${x}, in the label column`);
      assert.ok(x + num(r, 'width') <= PLOT_RIGHT + 2, `${r.dataset.kind} bar ends at ${x + num(r, 'width')}`);
    }
    // Still clipped, and the lane labels still outside the plot.
    assert.equal(num(clipRect(timeline), 'x'), LABEL_W);
    const plot = one(timeline, '[data-testid=timeline-plot]');
    assert.ok(all(timeline, 'text.lane-label').every((l) => !plot.contains(l)));
    // The strip says the view is zoomed.
    assert.match(text(one(timeline, '[data-testid=timeline-range]')), /→/);
    await click(one(timeline, '[data-testid=timeline-fit]'), 0, 0);
    assert.equal(text(one(timeline, '[data-testid=timeline-range]')), 'whole session');
  });
});

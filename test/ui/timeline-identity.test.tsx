/**
 * What the timeline tells without hovering (issue 22, items 6, 9 and 12): each session's colour
 * chip, the same as the sessions pane's; names inside ad and chapter bars wide enough for them; a
 * key of what is drawn; and only the navigations within the shown sessions' span.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SID, SID2, T0 } from '../helpers/har-builder.ts';
import { adBreakParams, adParams, chapterParams, SessionBuilder } from '../helpers/session-scenarios.ts';
import { fitLabel, SEG_CHAR_W } from '../../src/ui/components/timeline/segments.tsx';
import { LABEL_W, RIGHT_MARGIN } from '../../src/ui/components/timeline/layout.ts';
import { sessionColours } from '../../src/ui/session-colour.ts';
import { all, calls, one, run, storeWith, text } from './panel-harness.tsx';
import { num, setPanelWidth, setUpTimelineDom, showTimeline } from './timeline-setup.ts';

setUpTimelineDom();

/**
 * 60 s: a pre-roll pod of a 10-s ad "pre-roll-1" and a 0.3-s ad "x", a chapter "Opening" from
 * +11 s to +60 s, a ping answered 404 at +30 s, sessionEnd at +60 s.
 */
function adsAndChapter(sid = SID, start = T0, name = 'Big Buck Bunny') {
  const b = new SessionBuilder(sid, start);
  b.open({ 'media.name': name });
  b.send('adBreakStart', 0, 100, adBreakParams(0, 0));
  const wide = b.send('adStart', 0, 200, adParams('pre-roll-1', 10, 1));
  b.send('adComplete', 0, 10_200);
  const narrow = b.send('adStart', 0, 10_300, adParams('x', 0.3, 2));
  b.send('adComplete', 0, 10_600);
  b.send('adBreakComplete', 0, 10_700);
  b.send('play', 0, 10_800);
  const chapter = b.send('chapterStart', 0, 11_000, chapterParams(1, 0, 50, 'Opening'));
  b.pings(20_000, 60_000, 10_000, (t) => t / 1000 - 11);
  b.send('ping', 19, 30_500, {}, { status: 404 });
  b.send('chapterComplete', 49, 59_900);
  b.send('sessionEnd', 49, 60_000);
  return { entries: b.entries, wide, narrow, chapter };
}

describe('names inside bars', () => {
  test('fitLabel: whole when it fits, cut with "…" when at least 3 characters fit, else nothing', () => {
    const label = 'chapter 1 "Opening"';
    assert.equal(fitLabel(label, label.length * SEG_CHAR_W + 6), label);
    assert.equal(fitLabel(label, 9 * SEG_CHAR_W + 6), 'chapter …');
    assert.equal(fitLabel(label, 4 * SEG_CHAR_W + 6), 'cha…');
    assert.equal(fitLabel(label, 3 * SEG_CHAR_W + 6), '');
  });

  test('a wide ad and a wide chapter carry their name, inside the bar; a 0.3-s ad does not', async () => {
    const s = adsAndChapter();
    const { timeline } = await showTimeline(storeWith([calls(s.entries)]));
    const names = all(timeline, '[data-testid=segment-name]');
    const nameOf = (exchange: number) => {
      const bar = one(timeline, `rect[data-kind][data-exchange="${exchange}"]`);
      const name = names.find((n) => n.previousElementSibling === bar);
      return { bar, name };
    };
    const ad = nameOf(s.wide);
    assert.ok(ad.name, 'the 10-s ad has its name');
    assert.equal(text(ad.name), 'ad pre-roll-1');
    const chapter = nameOf(s.chapter);
    assert.ok(chapter.name, 'the chapter has its name');
    assert.equal(text(chapter.name), 'chapter 1 "Opening"');
    for (const { bar, name } of [ad, chapter]) {
      const n = name as HTMLElement;
      // The name's box (a nested <svg>, its own clip) lies inside the bar, and its text fits the box by the layout's reckoning.
      assert.ok(num(n, 'x') >= num(bar, 'x') && num(n, 'x') + num(n, 'width') <= num(bar, 'x') + num(bar, 'width') + 0.001, `${text(n)} inside its bar`);
      assert.equal(num(n, 'y'), num(bar, 'y'));
      assert.ok(text(n).length * SEG_CHAR_W + 6 <= num(n, 'width'), `${text(n)} fits`);
      assert.equal(n.getAttribute('class'), 'seg-name');
    }
    assert.equal(nameOf(s.narrow).name, undefined, 'the 0.3-s ad is too narrow for a name');
    // Playback and player states are not named (the key says what their colours are).
    assert.ok(!names.some((n) => ['playing', 'paused'].includes(text(n))));
  });

  test('at 600 px the ad\'s name is cut to what fits, never past the bar', async () => {
    setPanelWidth(600);
    try {
      const s = adsAndChapter();
      const { timeline } = await showTimeline(storeWith([calls(s.entries)]));
      const bar = one(timeline, `rect[data-kind=ad][data-exchange="${s.wide}"]`);
      const name = all(timeline, '[data-testid=segment-name]').find((n) => n.previousElementSibling === bar);
      // 10 s of 61.2 s over 522 px: about 85 px, room for 14 characters.
      assert.ok(name, 'named');
      assert.ok(text(name).length * SEG_CHAR_W + 6 <= num(bar, 'width'), `${text(name)} fits ${num(bar, 'width')} px`);
    } finally {
      setPanelWidth(1000);
    }
  });
});

describe('the key', () => {
  test('names what is drawn, and only that', async () => {
    const s = adsAndChapter();
    const store = storeWith([calls(s.entries)]);
    const { timeline } = await showTimeline(store);
    const legend = one(timeline, '[data-testid=timeline-legend]');
    const keys = all(legend, '.tl-key').map((k) => k.dataset.key);
    // A finding's severity is in the key when the session has one at a moment (a dot, perhaps under a worse one at this zoom).
    const placed = store.analysis().findings.filter((f) => f.sid === SID && f.time !== null);
    const severities = ['error', 'warning', 'info'].filter((sev) => placed.some((f) => f.severity === sev));
    assert.ok(severities.includes('error'), 'the 404 is an error finding');
    assert.deepEqual(keys, ['playing', 'break', 'ad', 'chapter', 'event', 'ping', 'lost', ...severities, 'closed']);
    assert.equal(text(one(legend, '[data-key=lost]')), 'lost reply (4xx, 5xx, none)');
    // The key's swatches are not the drawing's marks: a query for those never finds the key.
    for (const sel of ['line.mark', 'circle.fmark', 'rect[data-kind]', 'path.fmark']) {
      assert.ok(all(legend, sel).length === 0, `no ${sel} in the key`);
    }
    // Outside the drawing, and a click on it selects nothing.
    assert.ok(!one(timeline, 'svg').contains(legend));
  });
});

describe('session chips', () => {
  test('each session drawn carries its colour chip, the one of session-colour.ts, with its identity on hover', async () => {
    const a = adsAndChapter(SID, T0, 'Alpha');
    const b = adsAndChapter(SID2, T0 + 5_000, 'Beta');
    const store = storeWith([calls([...a.entries, ...b.entries])]);
    const { timeline } = await showTimeline(store);
    await run(() => {
      store.selectSession(SID);
      store.selectSession(SID2, true);
    });
    const colours = sessionColours(store.analysis().sessions);
    const chips = all(timeline, '[data-testid=timeline-chip]');
    assert.deepEqual(chips.map((c) => c.dataset.chipSid), [SID, SID2]);
    for (const chip of chips) {
      const colour = colours.get(chip.dataset.chipSid as string);
      assert.equal(chip.getAttribute('class'), `chip c${colour} tl-chip`);
      assert.ok(chip.querySelector('rect.tl-chip-dot') && chip.querySelector('rect.tl-chip-stripe'));
    }
    assert.notEqual(chips[0]?.getAttribute('class'), chips[1]?.getAttribute('class'), 'two sessions, two colours');
    const head = one(timeline, '.tl-session-head');
    const tip = text(one(head, 'title'));
    assert.match(tip, /^Alpha started \d\d:\d\d:\d\d\.\d{3} · player demo-player sid a{56}00000001$/);
  });
});

describe('navigations', () => {
  test('only those within the shown session\'s span: another session\'s page load is not drawn', async () => {
    const older = adsAndChapter(SID, T0, 'Alpha');
    const newer = adsAndChapter(SID2, T0 + 120_000, 'Beta');
    const store = storeWith([calls([...older.entries, ...newer.entries])]);
    await run(() => {
      store.navigated('https://player.example.com/watch/1', T0 + 30_000);
      store.navigated('https://player.example.com/watch/2', T0 + 150_000);
    });
    const { timeline } = await showTimeline(store);
    const navs = () => all(timeline, 'line.navline').map((l) => text(l.querySelector('title')));
    // The newest session is shown: only the navigation during it.
    assert.deepEqual(navs(), ['navigation to https://player.example.com/watch/2']);
    assert.ok(one(timeline, '[data-testid=timeline-legend] [data-key=navigation]'));
    await run(() => store.selectSession(SID));
    assert.deepEqual(navs(), ['navigation to https://player.example.com/watch/1']);
    const line = one(timeline, 'line.navline');
    assert.ok(num(line, 'x1') > LABEL_W && num(line, 'x1') < 1000 - RIGHT_MARGIN);
  });
});

/**
 * The timeline in a real browser (the same checks for Chromium and Firefox; issue 22, items 4, 6
 * and 12), with the browser's own hit testing, fonts and layout: a click anywhere inside the
 * orphan ad's bar selects its adStart; the axis labels' boxes never overlap at 600 and 1000 px
 * (fitted and zoomed in) and show no milliseconds when fitted; the bar carries its name inside
 * it; each session's chip is coloured through the .chip classes' --chip.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HabitsDriver } from './panel-habits.ts';
import { DRAWN, sleep, waitFor } from './panel-actions.ts';

/** Unfolds the timeline when folded (docked narrow, it starts folded), then waits until the orphan ad's bar is drawn. */
async function timelineWithOrphan(d: HabitsDriver): Promise<void> {
  await d.inPanel<boolean>(`(() => {
    const t = content.document.querySelector('[data-testid=timeline-toggle]');
    if (t && t.getAttribute('aria-expanded') === 'false') t.click();
    return true;
  })()`);
  await waitFor(d, 'the timeline does not draw the orphan ad\'s bar', `!!content.document.querySelector('[data-testid=timeline] rect[data-kind=orphan]')`);
  await d.inPanel<boolean>(DRAWN);
}

interface Clicked {
  target: string;
  event: string;
  codes: string;
}

/** Clicks at a fraction of the orphan bar's width, on whatever the browser finds at that point; answers the selected row. */
function clickOrphanAt(d: HabitsDriver, fraction: number): Promise<Clicked> {
  return d.inPanel<Clicked>(`(async () => {
    const doc = content.document;
    const bar = doc.querySelector('[data-testid=timeline] rect[data-kind=orphan]').getBoundingClientRect();
    const x = bar.left + ${fraction} * bar.width;
    const y = bar.top + bar.height / 2;
    const el = doc.elementFromPoint(x, y);
    const init = { bubbles: true, cancelable: true, clientX: x, clientY: y, view: content };
    el.dispatchEvent(new content.MouseEvent('mousedown', init));
    el.dispatchEvent(new content.MouseEvent('mouseup', init));
    el.dispatchEvent(new content.MouseEvent('click', init));
    await ${DRAWN};
    const row = doc.querySelector('[data-testid=request-row][aria-selected=true]');
    return { target: el.tagName + '.' + (el.getAttribute('class') || ''), event: row ? row.dataset.event || '' : '', codes: row ? row.dataset.codes || '' : '' };
  })()`);
}

interface Axis {
  labels: { text: string; left: number; right: number }[];
  plotLeft: number;
  plotRight: number;
}

/** The axis labels' boxes as the browser laid them out, and the plot's extent (label column 70 px, 8 px margin). */
const AXIS = `(() => {
  const doc = content.document;
  const svg = doc.querySelector('[data-testid=timeline] svg').getBoundingClientRect();
  const labels = [...doc.querySelectorAll('[data-testid=timeline] text.axis')].map((t) => {
    const r = t.getBoundingClientRect();
    return { text: t.textContent, left: r.left, right: r.right };
  }).sort((a, b) => a.left - b.left);
  return { labels, plotLeft: svg.left + 70, plotRight: svg.right - 8 };
})()`;

function assertAxis(d: HabitsDriver, a: Axis, what: string): void {
  assert.ok(a.labels.length >= 3, `${d.browser} ${what}: ${a.labels.length} axis labels (${a.labels.map((l) => l.text).join(' ')})`);
  a.labels.forEach((l, i) => {
    assert.ok(l.left >= a.plotLeft - 0.5 && l.right <= a.plotRight + 0.5, `${d.browser} ${what}: ${l.text} (${l.left.toFixed(1)}–${l.right.toFixed(1)}) outside the plot (${a.plotLeft.toFixed(1)}–${a.plotRight.toFixed(1)})`);
    const next = a.labels[i + 1];
    if (next) assert.ok(next.left >= l.right, `${d.browser} ${what}: ${l.text} (ends ${l.right.toFixed(1)}) overlaps ${next.text} (starts ${next.left.toFixed(1)})`);
  });
}

export function panelTimeline(d: () => HabitsDriver): void {
  test('timeline: a click anywhere inside the orphan ad\'s bar selects its adStart, not the ping nearest the pointer', async () => {
    const drv = d();
    await drv.resize(1600, 1000);
    await drv.scenario('orphan-ad', 16);
    await timelineWithOrphan(drv);
    for (const fraction of [0.1, 0.5, 0.9]) {
      // Another request first, so that each click is seen to change the selection.
      await drv.inPanel<boolean>(`(() => { content.document.querySelector('[data-testid=request-row]').click(); return true; })()`);
      await drv.inPanel<boolean>(DRAWN);
      const c = await clickOrphanAt(drv, fraction);
      assert.match(c.target, /^rect\.seg-orphan/i, `${drv.browser}: the browser finds the bar at ${fraction} of its width (${c.target})`);
      assert.equal(c.event, 'adStart', `${drv.browser}: a click at ${fraction} of the bar selects ${c.event || 'nothing'}`);
      assert.match(c.codes, /ad\.orphan-start/);
    }
  });

  test('timeline: axis labels never overlap at 600 and 1000 px, fitted (no milliseconds) or zoomed in', async () => {
    const drv = d();
    for (const width of [600, 1000]) {
      await drv.resize(width, 1000);
      await sleep(400);
      await timelineWithOrphan(drv);
      await drv.inPanel<boolean>(`(() => { content.document.querySelector('[data-testid=timeline-fit]').click(); return true; })()`);
      await drv.inPanel<boolean>(DRAWN);
      const fitted = await drv.inPanel<Axis>(AXIS);
      assertAxis(drv, fitted, `at ${width} px, fitted`);
      for (const l of fitted.labels) assert.doesNotMatch(l.text, /\./, `${drv.browser} at ${width} px: ${l.text} shows fractions of a second when fitted`);
      await drv.screenshot?.(`timeline-${drv.browser}-${width}`);
      // Zoomed in to about a second: fractions, still apart.
      for (let i = 0; i < 5; i++) {
        // One click per drawing: each zooms the view the one before drew.
        await drv.inPanel<boolean>(`(() => {
          [...content.document.querySelectorAll('[data-testid=timeline-controls] button')].find((b) => b.title === 'Zoom in').click();
          return true;
        })()`);
        await drv.inPanel<boolean>(DRAWN);
      }
      const zoomed = await drv.inPanel<Axis>(AXIS);
      assertAxis(drv, zoomed, `at ${width} px, zoomed in`);
      assert.ok(zoomed.labels.some((l) => l.text.includes('.')), `${drv.browser} at ${width} px: fractions when zoomed in (${zoomed.labels.map((l) => l.text).join(' ')})`);
      await drv.inPanel<boolean>(`(() => { content.document.querySelector('[data-testid=timeline-fit]').click(); return true; })()`);
    }
    await drv.resize(1600, 1000);
  });

  test('timeline: the orphan ad\'s bar carries its name inside it; the session\'s chip has its colour', async () => {
    const drv = d();
    await drv.resize(1000, 1000);
    await sleep(400);
    await timelineWithOrphan(drv);
    const seen = await drv.inPanel<{ name: string; text: { left: number; right: number; top: number; bottom: number }; bar: { left: number; right: number; top: number; bottom: number }; length: number; room: number; chip: string; pane: string }>(`(() => {
      const doc = content.document;
      const box = (r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
      const rect = doc.querySelector('[data-testid=timeline] rect[data-kind=orphan]');
      const name = rect.nextElementSibling && rect.nextElementSibling.matches('[data-testid=segment-name]') ? rect.nextElementSibling : null;
      const text = name && name.querySelector('text');
      const chip = doc.querySelector('[data-testid=timeline-chip]');
      const dot = chip && chip.querySelector('rect.tl-chip-dot');
      const paneChip = chip && doc.querySelector('[data-testid=session][data-sid="' + chip.dataset.chipSid + '"] .chip');
      return {
        name: text ? text.textContent : '',
        text: text ? box(text.getBoundingClientRect()) : { left: 0, right: 0, top: 0, bottom: 0 },
        bar: box(rect.getBoundingClientRect()),
        length: text ? text.getComputedTextLength() : 0,
        room: name ? name.getBoundingClientRect().width : 0,
        chip: dot ? content.getComputedStyle(dot).fill : '',
        pane: paneChip ? content.getComputedStyle(paneChip).backgroundColor : '',
      };
    })()`);
    assert.match(seen.name, /^orphan ad/, `${drv.browser}: the orphan ad's bar is named (${JSON.stringify(seen.name)})`);
    const inside = seen.text.left >= seen.bar.left - 0.5 && seen.text.right <= seen.bar.right + 0.5 && seen.text.top >= seen.bar.top - 2 && seen.text.bottom <= seen.bar.bottom + 2;
    assert.ok(inside, `${drv.browser}: the name ${JSON.stringify(seen.text)} lies inside its bar ${JSON.stringify(seen.bar)}`);
    assert.ok(seen.length <= seen.room, `${drv.browser}: the name's ${seen.length.toFixed(1)} px fit its ${seen.room.toFixed(1)} px (the layout's estimate is generous)`);
    assert.match(seen.chip, /^rgb/, `${drv.browser}: the chip is coloured (${seen.chip})`);
    assert.notEqual(seen.chip, 'rgb(0, 0, 0)', `${drv.browser}: the chip's --chip reaches the SVG`);
    // The sessions pane's chip, where it draws one, is the same colour.
    if (seen.pane) assert.equal(seen.chip, seen.pane, `${drv.browser}: the timeline's chip and the sessions pane's`);
    await drv.screenshot?.(`timeline-${drv.browser}-names`);
    await drv.resize(1600, 1000);
  });
}

/**
 * The timeline's time axis (issue 22, item 12): no milliseconds at coarse zoom (whole seconds, or
 * m:ss once the view reaches a minute), only as precise as the step when zoomed in, and never two
 * labels overlapping at 600 to 1000 px (a label is dropped rather than overlap).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { T0, SID } from '../helpers/har-builder.ts';
import { SessionBuilder } from '../helpers/session-scenarios.ts';
import { axisLabel, axisTicks, rangeText } from '../../src/ui/components/timeline/axis-ticks.ts';
import { LABEL_W, RIGHT_MARGIN } from '../../src/ui/components/timeline/layout.ts';
import { all, calls, one, run, storeWith, text } from './panel-harness.tsx';
import { num, setPanelWidth, setUpTimelineDom, showTimeline } from './timeline-setup.ts';

setUpTimelineDom();

/**
 * A label's width in DejaVu Sans at 10 px (Linux's fallback for system-ui, wider than Segoe UI,
 * Roboto or San Francisco): digits 6.36 px, "+" and "−" 8.38, ":" 3.37, "." 3.18, "s" 5.21. Labels
 * keep 4 px apart at least.
 */
const ADVANCE: Record<string, number> = { '+': 8.38, '−': 8.38, ':': 3.37, '.': 3.18, s: 5.21 };
const GAP = 4;
const labelWidth = (label: string) => [...label].reduce((w, c) => w + (ADVANCE[c] ?? 6.36), 0);

/** The labels drawn, each with its estimated box (6 px a character, as the layout reckons). */
function labelBoxes(timeline: HTMLElement): { label: string; left: number; right: number }[] {
  return all(timeline, 'text.axis').map((t) => {
    const x = num(t, 'x') + num(t, 'dx');
    const w = labelWidth(text(t));
    return t.getAttribute('text-anchor') === 'end' ? { label: text(t), left: x - w, right: x } : { label: text(t), left: x, right: x + w };
  });
}

function assertApart(boxes: { label: string; left: number; right: number }[], plotRight: number, what: string): void {
  for (let i = 0; i < boxes.length; i++) {
    const b = boxes[i] as { label: string; left: number; right: number };
    assert.ok(b.left >= LABEL_W && b.right <= plotRight, `${what}: ${b.label} (${b.left}–${b.right}) inside the plot`);
    const next = boxes[i + 1];
    if (next) assert.ok(next.left - b.right >= GAP, `${what}: ${b.label} (ends ${b.right}) and ${next.label} (starts ${next.left}) overlap`);
  }
}

/** A 30-minute session: play, a ping every 10 s, sessionEnd. */
function thirtyMinutes() {
  const b = new SessionBuilder(SID, T0);
  b.open();
  b.send('play', 0, 100);
  b.pings(10_000, 1_800_000, 10_000, (t) => t / 1000);
  b.send('sessionEnd', 1800, 1_800_000);
  return b.entries;
}

describe('axis labels', () => {
  test('as precise as the step: whole seconds, tenths, hundredths, milliseconds; m:ss from a minute', () => {
    assert.equal(axisLabel(30_000, 5000, false), '+30s');
    assert.equal(axisLabel(12_500, 500, false), '+12.5s');
    assert.equal(axisLabel(12_250, 250, false), '+12.25s');
    assert.equal(axisLabel(12_345, 5, false), '+12.345s');
    assert.equal(axisLabel(1_800_000, 300_000, true), '+30:00');
    assert.equal(axisLabel(65_000, 5000, true), '+1:05');
    assert.equal(axisLabel(62_250, 250, true), '+1:02.25');
    assert.equal(axisLabel(3_723_000, 60_000, true), '+1:02:03');
    assert.equal(axisLabel(-500, 500, false), '−0.5s');
    assert.equal(axisLabel(0, 1000, true), '+0:00');
    // Rounded at the step's precision: never "0:60".
    assert.equal(axisLabel(59_999.6, 1000, true), '+1:00');
  });

  test('the zoomed range in the strip is as precise as its span needs', () => {
    assert.equal(rangeText({ from: T0 + 300_000, to: T0 + 750_000 }, T0), '+5:00 → +12:30');
    assert.equal(rangeText({ from: T0 + 3_500, to: T0 + 19_500 }, T0), '+3.5s → +19.5s');
    assert.equal(rangeText({ from: T0 + 3_200, to: T0 + 4_100 }, T0), '+3.200s → +4.100s');
    assert.equal(rangeText({ from: T0 - 500, to: T0 + 9_500 }, T0), '+0.0s → +9.5s', 'from the session start at the earliest');
  });

  test('at every width from 600 to 1000 px and every zoom, no two labels overlap and none has more precision than its step', () => {
    const start = T0;
    const spans = [200, 900, 2_000, 7_300, 31_200, 52_000, 90_000, 610_000, 1_836_000, 7_400_000];
    for (let width = 600; width <= 1000; width += 20) {
      const plotW = width - LABEL_W - RIGHT_MARGIN;
      for (const span of spans) {
        for (const offset of [-0.02, 0.3, 0.97]) {
          const from = start + offset * span * 3;
          const ticks = axisTicks({ from, to: from + span }, start, plotW);
          const shown = ticks.filter((t) => t.label);
          const what = `${width} px, ${span} ms from ${from - start}`;
          assert.ok(shown.length >= 2, `${what}: at least two labels (${ticks.map((t) => t.label).join(' ')})`);
          assertApart(shown.map((t) => {
            const w = labelWidth(t.label);
            const left = t.end ? t.x - 2 - w : t.x + 2;
            return { label: t.label, left, right: left + w };
          }), LABEL_W + plotW, what);
          // A coarse step shows no fraction of a second.
          const step = (ticks[1]?.t ?? 0) - (ticks[0]?.t ?? 0);
          if (step >= 1000) for (const t of shown) assert.doesNotMatch(t.label, /\./, `${what}: ${t.label} at a ${step} ms step`);
        }
      }
    }
  });
});

describe('the 30-minute session at 600 and 1000 px', () => {
  for (const width of [600, 1000]) {
    test(`${width} px: m:ss labels without milliseconds, none overlapping, the last inside the plot`, async () => {
      setPanelWidth(width);
      try {
        const { timeline } = await showTimeline(storeWith([calls(thirtyMinutes())]));
        const labels = all(timeline, 'text.axis').map((t) => text(t));
        assert.ok(labels.length >= 3, labels.join(' '));
        for (const l of labels) assert.match(l, /^[+−]\d+:\d\d$/, `${l}: m:ss, no milliseconds`);
        assert.ok(labels.includes('+0:00') && labels.some((l) => /^\+(25|30):00$/.test(l)), labels.join(' '));
        assertApart(labelBoxes(timeline), width - RIGHT_MARGIN, `${width} px`);
        // Zoomed in to a second or so: fractions appear, and still no overlap.
        const plus = all(timeline, '[data-testid=timeline-controls] button').find((b) => b.title === 'Zoom in') as HTMLElement;
        for (let i = 0; i < 11; i++) await run(() => plus.click());
        const fine = all(timeline, 'text.axis').map((t) => text(t));
        assert.ok(fine.some((l) => /\.\d+$/.test(l)), `fractions of a second when zoomed in: ${fine.join(' ')}`);
        assert.ok(fine.every((l) => /^[+−]\d+:\d\d(\.\d{1,3})?$/.test(l)), fine.join(' '));
        assertApart(labelBoxes(timeline), width - RIGHT_MARGIN, `${width} px zoomed`);
        assert.match(text(one(timeline, '[data-testid=timeline-range]')), /^\+\d+:\d\d\.\d{1,3} → \+\d+:\d\d\.\d{1,3}$/);
      } finally {
        setPanelWidth(1000);
      }
    });
  }
});

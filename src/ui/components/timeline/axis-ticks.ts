/**
 * The time axis: a step that leaves room for its labels, and labels only as precise as the step.
 * Zoomed out, "+30s" or "+30:00" (m:ss once the view reaches a minute from the session start);
 * tenths, hundredths or milliseconds only when the step needs them ("+12.5s", "+1:02.25"). A label
 * that would overlap the one before it is dropped (its gridline stays), and the last one ends at
 * its gridline rather than run past the plot.
 */
import { LABEL_W, type View } from './layout.ts';

/** Steps the axis may take, in ms. */
const STEPS = [
  1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000,
  900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 86_400_000,
];
/** At most this many labels, however wide the plot. */
const MOST_LABELS = 10;
/** Free space between two labels. */
export const LABEL_GAP = 8;
/** A label starts (or, anchored at its end, ends) this far from its gridline. */
const LABEL_DX = 2;

export interface AxisTick {
  /** The gridline's time. */
  t: number;
  x: number;
  /** Empty when the label was dropped for lack of room. */
  label: string;
  /** Anchored at its end (left of the gridline) instead of its start. */
  end: boolean;
  /** The label's estimated extent, in the drawing's x. */
  left: number;
  right: number;
}

/** Decimals of a second a step needs: none for whole seconds, up to milliseconds. */
function decimalsFor(step: number): number {
  if (step % 1000 === 0) return 0;
  if (step % 100 === 0) return 1;
  if (step % 10 === 0) return 2;
  return 3;
}

/** An axis label: `offset` ms from the session start, as precise as `step` needs; m:ss when `minutes`. */
export function axisLabel(offset: number, step: number, minutes: boolean): string {
  const decimals = decimalsFor(step);
  // Rounded to the step's precision first, so 59.999 s at whole seconds reads 1:00, not 0:60.
  const unit = 10 ** (3 - decimals);
  const ms = Math.round(Math.abs(offset) / unit) * unit;
  const sign = offset < 0 && ms > 0 ? '−' : '+';
  if (!minutes) return `${sign}${(ms / 1000).toFixed(decimals)}s`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(decimals).padStart(decimals ? decimals + 3 : 2, '0');
  return h ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}

/**
 * Advance widths (in em) of the characters a label is made of, those of DejaVu Sans, the widest
 * common sans-serif and the one Linux falls back to for system-ui (its "+" is 0.84 em where
 * Segoe UI's and Roboto's are under 0.6): a label measured so is never wider on screen.
 */
const EM: Record<string, number> = { '+': 0.84, '−': 0.84, ':': 0.34, '.': 0.32, s: 0.53 };
const DIGIT_EM = 0.64;
/** The axis text's size (styles.css .timeline .axis). */
const AXIS_FONT_PX = 10;

/** A label's width on screen at most, in px. */
export function labelWidth(label: string): number {
  let em = 0;
  for (const c of label) em += EM[c] ?? (c >= '0' && c <= '9' ? DIGIT_EM : 0.7);
  return em * AXIS_FONT_PX;
}

/**
 * The gridlines and labels of view `v` over a plot `plotW` px wide starting at x LABEL_W, times
 * counted from `start`. The step is the smallest whose labels fit between their gridlines.
 */
export function axisTicks(v: View, start: number, plotW: number): AxisTick[] {
  const span = v.to - v.from;
  if (!(span > 0) || !(plotW > 0)) return [];
  const minutes = Math.max(Math.abs(v.from - start), Math.abs(v.to - start)) >= 60_000;
  const widest = (step: number) => Math.max(...[v.from, v.to].map((t) => labelWidth(axisLabel(Math.round((t - start) / step) * step, step, minutes))));
  const fits = (step: number) => span / step <= MOST_LABELS && (step / span) * plotW >= widest(step) + LABEL_GAP + LABEL_DX;
  const step = STEPS.find(fits) ?? (STEPS[STEPS.length - 1] as number);
  const x = (t: number) => LABEL_W + ((t - v.from) / span) * plotW;
  const right = LABEL_W + plotW;
  const ticks: AxisTick[] = [];
  let free = -Infinity;
  for (let t = Math.ceil((v.from - start) / step) * step + start; t <= v.to; t += step) {
    const label = axisLabel(t - start, step, minutes);
    const w = labelWidth(label);
    const px = x(t);
    // A label that would run past the plot's right edge ends at its gridline instead.
    const end = px + LABEL_DX + w > right;
    const left = end ? px - LABEL_DX - w : px + LABEL_DX;
    const tick: AxisTick = { t, x: px, label, end, left, right: left + w };
    // No room (after the one before it, or inside the plot): the gridline alone.
    if (left < free || left < LABEL_W) tick.label = '';
    else free = tick.right + LABEL_GAP;
    ticks.push(tick);
  }
  return ticks;
}

/**
 * The view's range for the timeline's strip ("+5:00 → +12:30", "+3.2s → +4.1s"): as precise as a
 * hundredth of the span needs, in the axis' style.
 */
export function rangeText(v: View, start: number): string {
  const span = v.to - v.from;
  const precision = [1000, 100, 10].find((p) => span / p >= 100) ?? 1;
  const minutes = Math.max(Math.abs(v.from - start), Math.abs(v.to - start)) >= 60_000;
  return `${axisLabel(Math.max(v.from, start) - start, precision, minutes)} → ${axisLabel(v.to - start, precision, minutes)}`;
}

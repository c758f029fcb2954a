/**
 * The timeline's colours, computed from styles.css as a browser would resolve them (issue 22, item
 * 12): ping ticks at least 3:1 against the panel's background in both themes (they were 1.6:1 in
 * the dark theme) yet lighter than other events' ticks, and the names inside ad and chapter bars
 * at least 4.5:1 against their bar (a chapter bar is drawn at 75 % opacity over the background).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('../../src/ui/styles.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** Every `selector { declarations }` of the sheet (rules inside @media and @supports too), in order. */
const rules = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({
  selectors: (m[1] as string).split(',').map((s) => s.trim().replace(/\s+/g, ' ')),
  decls: new Map([...(m[2] as string).matchAll(/([-\w]+)\s*:\s*([^;]+)/g)].map((d) => [(d[1] as string).trim(), (d[2] as string).trim()])),
}));

/** The last value the sheet gives `prop` in a rule with exactly one of these selectors (most specific first). */
function declared(prop: string, selectors: readonly string[]): string {
  for (const sel of selectors) {
    let found: string | undefined;
    for (const r of rules) if (r.selectors.includes(sel) && r.decls.has(prop)) found = r.decls.get(prop);
    if (found !== undefined) return found;
  }
  throw new Error(`no ${prop} for ${selectors.join(' | ')}`);
}

type Theme = 'light' | 'dark';
/** Where a custom property is looked up for an element of the timeline, most specific first. */
const SCOPES: Record<Theme, string[]> = {
  light: ['.timeline', ':root'],
  dark: ['.theme-dark .timeline', '.theme-dark', '.timeline', ':root'],
};

/** A colour value with its var() resolved in a theme. */
function resolve(value: string, theme: Theme): string {
  const v = /^var\((--[-\w]+)(?:,.*)?\)$/.exec(value);
  return v ? resolve(declared(v[1] as string, SCOPES[theme]), theme) : value;
}

/** The value of `prop` for an element the selectors match (the element's own rules, most specific first). */
function colourOf(prop: string, selectors: readonly string[], theme: Theme): string {
  const own = theme === 'dark' ? selectors.flatMap((s) => [`.theme-dark ${s}`, s]) : selectors;
  return resolve(declared(prop, own), theme);
}

function rgb(hex: string): [number, number, number] {
  const h = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex)?.[1];
  assert.ok(h, `a hex colour: ${hex}`);
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2 relative luminance. */
function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: [number, number, number], b: [number, number, number]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `top` at `alpha` over `under`. */
function over(top: [number, number, number], alpha: number, under: [number, number, number]): [number, number, number] {
  return top.map((c, i) => Math.round(c * alpha + (under[i] as number) * (1 - alpha))) as [number, number, number];
}

const background = (theme: Theme) => rgb(resolve('var(--bg)', theme));

describe('timeline contrast, from styles.css', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`${theme}: ping ticks at least 3:1 against the background, lighter than other events`, () => {
      const ping = rgb(colourOf('stroke', ['.mark.ping'], theme));
      const event = rgb(colourOf('stroke', ['.mark'], theme));
      const bg = background(theme);
      const c = contrast(ping, bg);
      assert.ok(c >= 3, `${theme}: a ping tick is ${c.toFixed(2)}:1 against the background`);
      assert.ok(contrast(event, bg) > c, `${theme}: an event tick (${contrast(event, bg).toFixed(2)}:1) stands out more than a ping`);
    });

    test(`${theme}: names inside ad, orphan, break and chapter bars at least 4.5:1 against their bar`, () => {
      const bg = background(theme);
      for (const kind of ['ad', 'orphan', 'break', 'chapter']) {
        const text = rgb(colourOf('fill', [`.timeline .seg-label.on-${kind}`, '.timeline .seg-label'], theme));
        const fill = rgb(colourOf('fill', [`.seg-${kind}`], theme));
        const opacity = Number(rules.filter((r) => r.selectors.includes(`.seg-${kind}`) && r.decls.has('opacity')).at(-1)?.decls.get('opacity') ?? 1);
        const bar = over(fill, opacity, bg);
        const c = contrast(text, bar);
        assert.ok(c >= 4.5, `${theme}: a name on a ${kind} bar is ${c.toFixed(2)}:1`);
      }
    });
  }
});

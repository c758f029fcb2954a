/**
 * What the real-browser panel checks do in the panel, shared by panel-habits.ts and the part-two
 * checks (panel-layout, -list, -selection, -timeline): click, wait for a condition, wait for a draw.
 */
import assert from 'node:assert/strict';
import type { HabitsDriver } from './panel-habits.ts';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves after two animation frames and a little more: the panel has drawn what a change caused. */
export const DRAWN = `new Promise((r) => content.requestAnimationFrame(() => content.requestAnimationFrame(() => content.setTimeout(() => r(true), 80))))`;

/** Clicks the first element matching `selector` in the panel. */
export function click(d: HabitsDriver, selector: string): Promise<boolean> {
  return d.inPanel<boolean>(`(() => {
    const el = content.document.querySelector(${JSON.stringify(selector)});
    if (!el) throw new Error(${JSON.stringify(`nothing matches ${selector}`)});
    el.click();
    return true;
  })()`);
}

/** Waits until the panel says `true` for `source`, or fails with `what` (and the last value of `show`, when given). */
export async function waitFor(d: HabitsDriver, what: string, source: string, show?: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await d.inPanel<boolean>(source))) {
    if (Date.now() > until) assert.fail(`${d.browser}: ${what}${show === undefined ? '' : `; ${await d.inPanel<string>(`String(${show})`)}`}`);
    await sleep(150);
  }
}

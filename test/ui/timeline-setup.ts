/**
 * What the timeline's component tests share: a panel of a chosen width (happy-dom has no layout, and
 * a clientWidth of 0 is read as 200 px), the timeline of a store, and a click or hover at a point
 * of the drawing (happy-dom's boxes are at 0, 0: clientX and clientY are the drawing's x and y).
 */
import { dom, run, setUpPanelDom, show } from './panel-harness.tsx';
import type { PanelStore } from '../../src/ui/store/panel-store.ts';

let width = 1000;

/** The panel's width from now on (the next render reads it). */
export function setPanelWidth(px: number): void {
  width = px;
}

/** setUpPanelDom, with every element `width` px wide. Call once, at the top level of a test file. */
export function setUpTimelineDom(): void {
  let saved: PropertyDescriptor | undefined;
  const proto = () => dom.window.HTMLElement.prototype as object;
  setUpPanelDom({
    afterInstall() {
      saved = Object.getOwnPropertyDescriptor(proto(), 'clientWidth');
      Object.defineProperty(proto(), 'clientWidth', { configurable: true, get: () => width });
    },
    beforeClose() {
      if (saved) Object.defineProperty(proto(), 'clientWidth', saved);
      else delete (proto() as { clientWidth?: number }).clientWidth;
    },
  });
}

/** The whole panel for this store, and its timeline. */
export async function showTimeline(store: PanelStore): Promise<{ panel: HTMLElement; timeline: HTMLElement }> {
  const panel = await show(store);
  const timeline = panel.querySelector<HTMLElement>('[data-testid=timeline]');
  if (!timeline) throw new Error('no timeline');
  return { panel, timeline };
}

/** A mouse event of this type on `target` at (x, y) of the drawing. */
export function mouseAt(target: Element, type: 'click' | 'mousemove', x: number, y: number): Promise<void> {
  return run(() => target.dispatchEvent(new dom.window.MouseEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y }) as unknown as Event));
}

export function num(el: Element, attr: string): number {
  return Number(el.getAttribute(attr));
}

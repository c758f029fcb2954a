/**
 * Every pane reachable at every dock size: the summary folds with its title bar like the timeline
 * (folded by default when narrow, the user's choice wins), and the sessions strip has a line to
 * drag: its width beside the list, its height above it when narrow. happy-dom does not lay out: a
 * fake ResizeObserver reports the app's width on demand, and sizes are stubbed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { all, dom, fixture, one, run, setUpPanelDom, show, storeWith, text, click } from './panel-harness.tsx';

setUpPanelDom();

/** A ResizeObserver that reports when told to (happy-dom's never does). */
class FakeResizeObserver {
  static all = new Set<FakeResizeObserver>();
  readonly targets = new Set<Element>();
  constructor(private readonly callback: (entries: { target: Element }[], observer: FakeResizeObserver) => void) {
    FakeResizeObserver.all.add(this);
  }
  observe(el: Element): void {
    this.targets.add(el);
  }
  unobserve(el: Element): void {
    this.targets.delete(el);
  }
  disconnect(): void {
    FakeResizeObserver.all.delete(this);
  }
  static report(el: Element): void {
    for (const o of [...FakeResizeObserver.all]) if (o.targets.has(el)) o.callback([{ target: el }], o);
  }
}

let saved: PropertyDescriptor | undefined;
before(() => {
  saved = Object.getOwnPropertyDescriptor(dom.window, 'ResizeObserver');
  Object.defineProperty(dom.window, 'ResizeObserver', { configurable: true, writable: true, value: FakeResizeObserver });
});
after(() => {
  if (saved) Object.defineProperty(dom.window, 'ResizeObserver', saved);
  FakeResizeObserver.all.clear();
});

async function resizeApp(c: HTMLElement, width: number): Promise<void> {
  const app = one(c, '[data-testid=app]');
  Object.defineProperty(app, 'clientWidth', { configurable: true, get: () => width });
  await run(() => FakeResizeObserver.report(app));
}

const toggle = (c: HTMLElement) => one(c, '[data-testid=summary-toggle]');
const splitter = (c: HTMLElement, variable: string) => c.querySelector<HTMLElement>(`[data-testid=splitter][data-variable="${variable}"]`);

function pointer(target: EventTarget, type: 'pointerdown' | 'pointermove' | 'pointerup', clientX: number, clientY: number): Promise<void> {
  return run(() => target.dispatchEvent(new dom.window.PointerEvent(type, { bubbles: true, cancelable: true, clientX, clientY }) as unknown as Event));
}

/** Drags `line` down by `dy` px from a pane `height` px tall (happy-dom measures nothing: the pane's box is stubbed). */
async function dragDown(line: HTMLElement, pane: Element, height: number, dy: number): Promise<void> {
  (pane as HTMLElement).getBoundingClientRect = () => ({ width: 300, height, top: 0, left: 0, right: 300, bottom: height, x: 0, y: 0, toJSON: () => ({}) });
  await pointer(line, 'pointerdown', 10, 100);
  await pointer(dom.document as unknown as EventTarget, 'pointermove', 10, 100 + dy);
  await pointer(dom.document as unknown as EventTarget, 'pointerup', 10, 100 + dy);
}

describe('summary pane', () => {
  test('docked to the side (600 px) the summary starts folded, and its toggle opens it', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    await resizeApp(c, 600);
    assert.equal(toggle(c).getAttribute('aria-expanded'), 'false');
    assert.match(text(toggle(c)), /^▸ Summary$/);
    assert.ok(!c.querySelector('[data-testid=summary]'), 'folded: not drawn');
    assert.ok(!one(c, '.left').classList.contains('with-summary'));

    await click(toggle(c));
    assert.equal(toggle(c).getAttribute('aria-expanded'), 'true');
    assert.match(text(toggle(c)), /^▾ Summary$/);
    assert.ok(c.querySelector('[data-testid=summary]'), 'opened: drawn');
    assert.ok(one(c, '.left').classList.contains('with-summary'), 'the strip makes room for it');

    // The user's choice wins over later resizes.
    await resizeApp(c, 1400);
    await resizeApp(c, 600);
    assert.ok(c.querySelector('[data-testid=summary]'), 'still open: the user opened it');
  });

  test('wide (1400 px) the summary is open, and folds with its toggle whatever the width', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    await resizeApp(c, 1400);
    assert.equal(toggle(c).getAttribute('aria-expanded'), 'true');
    assert.ok(c.querySelector('[data-testid=summary]'));
    await click(toggle(c));
    assert.ok(!c.querySelector('[data-testid=summary]'), 'folded by the toggle');
    await resizeApp(c, 600);
    await resizeApp(c, 1400);
    assert.ok(!c.querySelector('[data-testid=summary]'), 'still folded: the user folded it');
  });

  test('nothing captured: no summary toggle', async () => {
    const c = await show(storeWith([]));
    assert.ok(!c.querySelector('[data-testid=summary-toggle]'), 'the empty state has no summary');
  });
});

describe('sessions strip', () => {
  test('wide, the line beside the sessions sets their width; the line above the summary its height', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    await resizeApp(c, 1400);
    const app = one(c, '[data-testid=app]');
    const side = splitter(c, '--left-w');
    assert.ok(side, 'a splitter beside the sessions');
    assert.equal(side.getAttribute('aria-orientation'), 'vertical');
    assert.ok(!splitter(c, '--left-h'), 'no strip height when wide');

    const above = splitter(c, '--summary-h');
    assert.ok(above, 'a splitter between the sessions and the summary');
    assert.equal(above.getAttribute('aria-orientation'), 'horizontal');
    // Dragged up by 50 px: the summary (the pane after the line) grows from 200 to 250 px.
    await dragDown(above, one(c, '.summary-pane'), 200, -50);
    assert.equal(app.style.getPropertyValue('--summary-h'), '250px');
    // Dragged far up: the summary stops where the sessions keep their room (a 300 px column keeps 56 px).
    Object.defineProperty(one(c, '.left'), 'clientHeight', { configurable: true, get: () => 300 });
    await dragDown(above, one(c, '.summary-pane'), 250, -1000);
    assert.equal(app.style.getPropertyValue('--summary-h'), '244px');
  });

  test('narrow, the line under the sessions strip sets its height, as a row splitter; folded summary, no line above it', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    await resizeApp(c, 600);
    const app = one(c, '[data-testid=app]');
    const under = splitter(c, '--left-h');
    assert.ok(under, 'a splitter under the sessions strip');
    assert.equal(under.getAttribute('aria-orientation'), 'horizontal');
    assert.ok(under.classList.contains('rows'), 'drawn as a row splitter');
    assert.ok(!splitter(c, '--left-w'));
    assert.ok(!splitter(c, '--summary-h'), 'the summary is folded: nothing to size');
    // Dragged down by 120 px from a 150 px strip.
    await dragDown(under, one(c, '.left'), 150, 120);
    assert.equal(app.style.getPropertyValue('--left-h'), '270px');
    // The details splitter is still the list's and the details' line.
    assert.equal(all(c, '[data-testid=splitter]').filter((s) => s.dataset.variable === '--details-h').length, 1);
  });
});

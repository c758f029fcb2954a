/**
 * The request list's Network-panel habits and the layout around it, rendered with Preact into a
 * happy-dom document (same set-up as views.test.tsx): sortable columns (and no navigation markers
 * while sorted), resizable columns, columns giving way to the findings when the list is narrow,
 * the row context menu (copy URL, bodies, cURL, findings), Ctrl/Cmd+F find, the narrow layout
 * with the timeline folded, the splitters, and the "n of total shown" line with its "show all
 * sessions" link.
 *
 * happy-dom does not lay out: widths are 0 and its ResizeObserver never reports. Sizes are given
 * by stubbing getBoundingClientRect / clientWidth, and a fake ResizeObserver reports on demand.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'preact';
import { App } from '../../src/ui/components/App.tsx';
import { COLUMNS, FINDINGS_MIN, layoutColumns, type ColumnId } from '../../src/ui/components/request-columns.ts';
import type { PanelHost } from '../../src/ui/host.ts';
import { SID, T0 } from '../helpers/har-builder.ts';
import { all, dom, fixture, one, run, setUpPanelDom, show, storeWith, text } from './panel-harness.tsx';

/** The sid of broken-sequence.har (see test/fixtures/make-fixtures.ts). */
const SEQ_SID = 'c0ffee'.repeat(10) + '0003';

/**
 * broken-sequence.har as the store numbers it (checked by hand from the fixture): #0 sessionStart
 * (201), #1 play, #2 chapterStart, #3 ping, #4 adStart (ad.orphan-start, error), #5–#18 pings,
 * #19 adComplete, #20 ping, #21 chapterStart (chapter.overlap, warning), #22 ping (ping.late,
 * warning), #23 sessionEnd, #24 ping answered 410 (http.session-gone and session.after-end, errors).
 * Every other status is 204.
 */
const SEND_ORDER = Array.from({ length: 25 }, (_, i) => i);
const PINGS = [3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 22, 24];
const BETWEEN = (from: number, to: number) => SEND_ORDER.filter((i) => i >= from && i <= to);

setUpPanelDom();

interface TestHost {
  host: PanelHost;
  copied: string[];
}

function makeHost(copyWorks = true): TestHost {
  const copied: string[] = [];
  return {
    copied,
    host: {
      kind: 'devtools',
      copy: async (t) => { copied.push(t); return copyWorks; },
      saveSettings: () => {},
      download: () => {},
    },
  };
}

/** Dispatches an event built in the happy-dom window; returns dispatchEvent's answer (false: default prevented). */
async function fire(target: EventTarget, event: unknown): Promise<boolean> {
  let result = true;
  await run(() => { result = target.dispatchEvent(event as Event); });
  return result;
}

function click(el: Element): Promise<boolean> {
  return fire(el, new dom.window.MouseEvent('click', { bubbles: true, cancelable: true }));
}

function pointer(target: EventTarget, type: 'pointerdown' | 'pointermove' | 'pointerup', clientX = 0, clientY = 0): Promise<boolean> {
  return fire(target, new dom.window.PointerEvent(type, { bubbles: true, cancelable: true, clientX, clientY }));
}

function keydown(target: EventTarget, key: string, init: { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean; altKey?: boolean } = {}): Promise<boolean> {
  return fire(target, new dom.window.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
}

function typeInto(input: HTMLInputElement, value: string): Promise<boolean> {
  input.value = value;
  return fire(input, new dom.window.Event('input', { bubbles: true }));
}

/** The exchange numbers of the rows drawn, top to bottom. */
function order(root: ParentNode): number[] {
  return all(root, '[data-testid=request-row]').map((r) => Number(r.dataset.exchange));
}

function header(root: ParentNode, column: ColumnId): HTMLElement {
  return one(root, `[data-testid=column-header][data-column=${column}]`);
}

function rect(width: number, height = 20): DOMRect {
  return { x: 0, y: 0, left: 0, top: 0, right: width, bottom: height, width, height, toJSON: () => ({}) } as DOMRect;
}

/** Gives one element a size, as a browser's layout would. */
function stubBox(el: Element, width: number, height = 20): void {
  Object.defineProperty(el, 'getBoundingClientRect', { configurable: true, value: () => rect(width, height) });
}

function template(root: ParentNode): string {
  return one(root, '.requests').style.getPropertyValue('--row-template');
}

describe('sorting by a column', () => {
  test('a header click sorts ascending, a second descending, a third back to send order (status)', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    assert.deepEqual(order(c), SEND_ORDER, 'unsorted, the rows are in send order');
    assert.equal(header(c, 'status').getAttribute('aria-sort'), 'none', 'no column is sorted at first');

    await click(header(c, 'status'));
    assert.equal(header(c, 'status').getAttribute('aria-sort'), 'ascending', 'first click: ascending');
    assert.match(text(header(c, 'status')), /▲/, 'the header shows the ascending arrow');
    // 201 first, the 204s in send order (ties keep send order), the 410 last.
    assert.deepEqual(order(c), [0, ...BETWEEN(1, 23), 24], 'rows by status, ascending');

    await click(header(c, 'status'));
    assert.equal(header(c, 'status').getAttribute('aria-sort'), 'descending', 'second click: descending');
    assert.match(text(header(c, 'status')), /▼/, 'the header shows the descending arrow');
    assert.deepEqual(order(c), [24, ...BETWEEN(1, 23), 0], 'rows by status, descending; ties still in send order');

    await click(header(c, 'status'));
    assert.equal(header(c, 'status').getAttribute('aria-sort'), 'none', 'third click: not sorted any more');
    assert.doesNotMatch(text(header(c, 'status')), /[▲▼]/, 'no arrow when not sorted');
    assert.deepEqual(order(c), SEND_ORDER, 'third click: back to send order');
  });

  test('sorting by event orders the labels; another column starts again at ascending', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    const pingsInSendOrder = PINGS;
    await click(header(c, 'event'));
    assert.equal(header(c, 'event').getAttribute('aria-sort'), 'ascending', 'event sorted ascending');
    assert.deepEqual(order(c), [19, 4, 2, 21, ...pingsInSendOrder, 1, 23, 0],
      'adComplete, adStart, chapterStart ×2, the pings, play, sessionEnd, sessionStart');
    const labels = all(c, '[data-testid=request-row]').map((r) => r.dataset.event ?? '');
    assert.deepEqual(labels, [...labels].sort((a, b) => a.localeCompare(b)), 'the event labels are in order');

    await click(header(c, 'event'));
    assert.deepEqual(order(c), [0, 23, 1, ...pingsInSendOrder, 2, 21, 4, 19], 'event descending, ties in send order');

    await click(header(c, 'status'));
    assert.equal(header(c, 'status').getAttribute('aria-sort'), 'ascending', 'the newly clicked column sorts ascending');
    assert.equal(header(c, 'event').getAttribute('aria-sort'), 'none', 'the previous column is no longer sorted');
    assert.deepEqual(order(c), [0, ...BETWEEN(1, 23), 24], 'rows by status now');
  });

  test('sorting by findings puts the worst rows first', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    await click(header(c, 'findings'));
    // Errors first (two findings before one), then warnings, then rows without findings in send order.
    const rest = SEND_ORDER.filter((i) => ![24, 4, 21, 22].includes(i));
    assert.deepEqual(order(c), [24, 4, 21, 22, ...rest], 'findings ascending: worst first');
  });

  test('navigation markers are not drawn while the list is sorted', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    await run(() => store.navigated('https://player.example.com/watch/2', T0 + 40_000));
    const c = await show(store);
    assert.equal(all(c, '[data-testid=nav-marker]').length, 1, 'in send order the marker is drawn');

    await click(header(c, 'status'));
    assert.equal(all(c, '[data-testid=nav-marker]').length, 0, 'sorted ascending: no marker');
    assert.equal(order(c).length, 25, 'every row is still drawn');
    await click(header(c, 'status'));
    assert.equal(all(c, '[data-testid=nav-marker]').length, 0, 'sorted descending: no marker');
    await click(header(c, 'status'));
    assert.equal(all(c, '[data-testid=nav-marker]').length, 1, 'back in send order the marker is back');
  });
});

describe('resizing a column', () => {
  test('dragging a header edge widens that column in the row template, and nothing else', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    const before = template(c);
    assert.equal(before, `40px 80px 92px 108px 82px 62px minmax(${FINDINGS_MIN}px, 1fr)`, 'the default template (list not measured: every column)');

    const cell = header(c, 'event');
    stubBox(cell, 108);
    const resizer = one(cell, '[data-testid=column-resizer]');
    await pointer(resizer, 'pointerdown', 300);
    assert.equal(header(c, 'event').getAttribute('aria-sort'), 'none', 'pressing the edge does not sort');
    await pointer(dom.document, 'pointermove', 340);
    assert.equal(template(c), `40px 80px 92px 148px 82px 62px minmax(${FINDINGS_MIN}px, 1fr)`, '+40 px: the event column is 148 px wide');
    await pointer(dom.document, 'pointerup', 340);
    await pointer(dom.document, 'pointermove', 500);
    assert.equal(template(c), `40px 80px 92px 148px 82px 62px minmax(${FINDINGS_MIN}px, 1fr)`, 'after pointerup, moves change nothing');

    // A click that ends the drag on the edge does not sort either.
    await click(resizer);
    assert.equal(header(c, 'event').getAttribute('aria-sort'), 'none', 'a click on the edge does not sort');
  });

  test('a column never gets narrower than 32 px; with no measured width it starts from 0', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    const statusCell = header(c, 'status');
    stubBox(statusCell, 62);
    await pointer(one(statusCell, '[data-testid=column-resizer]'), 'pointerdown', 300);
    await pointer(dom.document, 'pointermove', 100);
    await pointer(dom.document, 'pointerup', 100);
    assert.match(template(c), /^40px 80px 92px 108px 82px 32px minmax/, 'dragged 200 px to the left: clamped to 32 px');

    // happy-dom's own box is 0 wide: a drag starts from 0 px.
    await pointer(one(header(c, 'playhead'), '[data-testid=column-resizer]'), 'pointerdown', 10);
    await pointer(dom.document, 'pointermove', 50);
    await pointer(dom.document, 'pointerup', 50);
    assert.match(template(c), /^40px 80px 92px 108px 40px 32px minmax/, 'playhead: 0 + 40 = max(32, 40) = 40 px');
    await pointer(one(header(c, 'time'), '[data-testid=column-resizer]'), 'pointerdown', 10);
    await pointer(dom.document, 'pointermove', 30);
    await pointer(dom.document, 'pointerup', 30);
    assert.match(template(c), /^40px 32px 92px/, 'time: 0 + 20 is under the minimum, 32 px');
  });

  test('the findings column has no resizer', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    assert.ok(!header(c, 'findings').querySelector('[data-testid=column-resizer]'), 'findings takes what is left');
    assert.equal(all(c, '[data-testid=column-resizer]').length, COLUMNS.length - 1, 'every other column has one');
  });
});

describe('columns giving way (layoutColumns)', () => {
  const ids = (width: number, widths = {}) => layoutColumns(width, widths).columns.map((c) => c.id);
  const FINDINGS = `minmax(${FINDINGS_MIN}px, 1fr)`;
  const ALL: ColumnId[] = ['num', 'time', 'session', 'event', 'playhead', 'status', 'findings'];

  test('wide lists show every column; narrower ones drop session, then playhead, then time', () => {
    assert.deepEqual(ids(1400), ALL, '1400 px: every column');
    assert.deepEqual(ids(700), ALL, '700 px: every column (602 px needed)');
    assert.deepEqual(ids(450), ['num', 'time', 'event', 'status', 'findings'], '450 px: session and playhead gave way');
    assert.deepEqual(ids(300), ['num', 'event', 'status', 'findings'], '300 px: session, playhead and time gave way');
    assert.deepEqual(ids(0), ALL, 'not measured yet: every column');
  });

  test('each column gives way only when needed, in order', () => {
    // Defaults: 8 (the row's padding) + 40 + 80 + 92 + 108 + 82 + 62 + FINDINGS_MIN = 602.
    assert.deepEqual(ids(602), ALL, 'exactly enough room: every column');
    assert.deepEqual(ids(601), ['num', 'time', 'event', 'playhead', 'status', 'findings'], 'one px short: session goes first');
    assert.deepEqual(ids(510), ['num', 'time', 'event', 'playhead', 'status', 'findings'], 'without session, 510 fits');
    assert.deepEqual(ids(509), ['num', 'time', 'event', 'status', 'findings'], 'then playhead');
    assert.deepEqual(ids(428), ['num', 'time', 'event', 'status', 'findings'], 'without playhead, 428 fits (the list at 1000 px with a scroll bar)');
    assert.deepEqual(ids(427), ['num', 'event', 'status', 'findings'], 'then time');
  });

  test('findings is always kept and the template always ends with its minmax', () => {
    for (const width of [1400, 700, 602, 601, 450, 300, 100, 1, 0]) {
      const { columns, template: t } = layoutColumns(width, {});
      assert.ok(columns.some((c) => c.id === 'findings'), `findings kept at ${width} px`);
      assert.ok(t.endsWith(` ${FINDINGS}`), `template at ${width} px ends with the findings minmax: ${t}`);
      assert.equal(t.split(' ').length - 1, columns.length, `one track per column at ${width} px: ${t}`);
    }
    assert.equal(layoutColumns(300, {}).template, `40px 108px 62px ${FINDINGS}`, 'the template of the columns left at 300 px');
  });

  test('resized widths count: wider columns make others give way sooner; 32 px minimum', () => {
    assert.deepEqual(ids(700, { event: 400 }), ['num', 'event', 'status', 'findings'], 'a 400 px event column leaves room for none of the three');
    assert.equal(layoutColumns(700, { event: 400 }).template, `40px 400px 62px ${FINDINGS}`, 'the resized width is in the template');
    assert.equal(layoutColumns(1400, { num: 5 }).template.split(' ')[0], '32px', 'a width under the minimum is drawn at 32 px');
    assert.ok(layoutColumns(1400, { findings: 10 }).template.endsWith(FINDINGS), 'findings ignores a width of its own');
  });
});

describe('the row context menu', () => {
  async function openMenu(c: HTMLElement, exchange: number, x = 50, y = 60): Promise<HTMLElement> {
    const row = one(c, `[data-testid=request-row][data-exchange="${exchange}"]`);
    const notPrevented = await fire(row, new dom.window.MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: x, clientY: y }));
    assert.equal(notPrevented, false, 'the browser\'s own context menu is prevented');
    return one(c, '[data-testid=row-menu]');
  }

  function item(menu: HTMLElement, label: string): HTMLButtonElement {
    const found = all(menu, '[data-testid=row-menu-item]').find((b) => text(b) === label);
    assert.ok(found, `no menu item "${label}"`);
    return found as HTMLButtonElement;
  }

  test('a right-click selects the row and opens the menu with its items at the pointer', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    assert.ok(!c.querySelector('[data-testid=row-menu]'), 'no menu at first');
    const menu = await openMenu(c, 24, 50, 60);
    assert.equal(store.get().selectedExchange, 24, 'the row is selected');
    assert.equal(one(c, '[data-testid=request-row][data-exchange="24"]').getAttribute('aria-selected'), 'true', 'the row is drawn selected');
    assert.deepEqual(all(menu, '[data-testid=row-menu-item]').map((b) => text(b)),
      ['Copy URL', 'Copy request body', 'Copy response body', 'Copy as cURL', 'Copy findings', 'Copy all as cURL', 'Copy all as HAR'], 'the menu items (two findings: plural)');
    assert.equal(menu.style.left, '50px', 'at the pointer (x)');
    assert.equal(menu.style.top, '60px', 'at the pointer (y)');
    assert.equal(item(menu, 'Copy findings').disabled, false, 'a row with findings can copy them');
  });

  test('Copy as cURL hands a curl command line to the host and says so', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const { host, copied } = makeHost();
    const c = await show(store, host);
    const url = store.exchange(24)?.url ?? '';
    assert.ok(url.startsWith('https://'), 'the exchange has a URL');
    await click(item(await openMenu(c, 24), 'Copy as cURL'));
    await run(() => new Promise((resolve) => setTimeout(resolve, 0)));
    assert.equal(copied.length, 1, 'one copy');
    const curl = copied[0] ?? '';
    assert.ok(curl.startsWith('curl '), `a curl command: ${curl.slice(0, 60)}`);
    assert.ok(curl.includes(url), 'with the URL');
    assert.ok(curl.includes('--data-raw'), 'with the request body');
    assert.equal(store.get().notice, 'Copied a cURL command of #24', 'the notice says what was copied');
    assert.ok(!c.querySelector('[data-testid=row-menu]'), 'choosing an item closes the menu');
  });

  test('Copy URL and Copy findings copy those; a refused clipboard is reported', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const good = makeHost();
    const c = await show(store, good.host);
    await click(item(await openMenu(c, 24), 'Copy URL'));
    await run(() => new Promise((resolve) => setTimeout(resolve, 0)));
    assert.deepEqual(good.copied, [store.exchange(24)?.url], 'the URL, as is');
    assert.equal(store.get().notice, 'Copied the URL of #24', 'URL notice');

    await click(item(await openMenu(c, 24), 'Copy findings'));
    await run(() => new Promise((resolve) => setTimeout(resolve, 0)));
    const findings = good.copied[1] ?? '';
    assert.match(findings, /http\.session-gone \(error\) at #24/, `the first finding: ${findings.slice(0, 80)}`);
    assert.match(findings, /session\.after-end \(error\) at #24/, 'the second finding');
    assert.match(findings, /\nfix: /, 'with the fix');

    await run(() => render(null, c));
    const refused = makeHost(false);
    await run(() => render(<App store={store} host={refused.host} />, c));
    await click(item(await openMenu(c, 24), 'Copy as cURL'));
    await run(() => new Promise((resolve) => setTimeout(resolve, 0)));
    assert.equal(store.get().notice, 'Could not copy a cURL command: the browser refused the clipboard', 'a refused copy is said');
  });

  test('a row without findings has the findings item disabled', async () => {
    const { host, copied } = makeHost();
    const c = await show(storeWith([fixture('broken-sequence.har')]), host);
    const menu = await openMenu(c, 3);
    const findings = item(menu, 'Copy finding');
    assert.equal(findings.disabled, true, 'nothing to copy: disabled');
    assert.equal(item(menu, 'Copy URL').disabled, false, 'the URL can always be copied');
    await click(findings);
    assert.equal(copied.length, 0, 'a disabled item copies nothing');
    // One finding: singular, enabled.
    const single = await openMenu(c, 4);
    assert.equal(item(single, 'Copy finding').disabled, false, 'one finding: enabled, singular');
  });

  test('Escape or a pointerdown elsewhere closes the menu; other keys and clicks inside do not', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    await openMenu(c, 5);
    await keydown(dom.document, 'a');
    assert.ok(c.querySelector('[data-testid=row-menu]'), 'another key leaves it open');
    await keydown(dom.document, 'Escape');
    assert.ok(!c.querySelector('[data-testid=row-menu]'), 'Escape closes it');

    const menu = await openMenu(c, 5);
    await pointer(menu, 'pointerdown');
    assert.ok(c.querySelector('[data-testid=row-menu]'), 'a pointerdown inside the menu leaves it open');
    await pointer(one(c, '[data-testid=request-list]'), 'pointerdown');
    assert.ok(!c.querySelector('[data-testid=row-menu]'), 'a pointerdown elsewhere closes it');

    await openMenu(c, 5);
    await fire(one(c, '[data-testid=request-list]'), new dom.window.Event('scroll'));
    assert.ok(!c.querySelector('[data-testid=row-menu]'), 'scrolling the list closes it');
  });
});

describe('find in the request list', () => {
  test('Ctrl+F opens the find bar; matches are highlighted, not filtered; Enter and Shift+Enter step', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    assert.ok(!c.querySelector('[data-testid=find-bar]'), 'no find bar at first');
    const notPrevented = await keydown(one(c, '[data-testid=request-list]'), 'f', { ctrlKey: true });
    assert.equal(notPrevented, false, 'Ctrl+F is default-prevented (not the browser\'s find)');
    one(c, '[data-testid=find-bar]');
    const input = one(c, '[data-testid=find-input]') as HTMLInputElement;
    assert.ok(dom.document.activeElement === input, 'the input has the focus');
    assert.equal(text(one(c, '[data-testid=find-count]')), '', 'no count before any text');

    await typeInto(input, 'CHAPTER');
    assert.equal(order(c).length, 25, 'every row is still shown');
    assert.deepEqual(all(c, '[data-testid=request-row].match').map((r) => Number(r.dataset.exchange)), [2, 21], 'the two chapterStart rows match');
    assert.equal(text(one(c, '[data-testid=find-count]')), '1 of 2', 'count');
    assert.equal(store.get().selectedExchange, 2, 'typing goes to the first match, as DevTools does');
    assert.equal(store.get().filter.text, '', 'find does not touch the filter');

    await keydown(input, 'Enter');
    assert.equal(store.get().selectedExchange, 21, 'Enter selects the next match');
    assert.equal(text(one(c, '[data-testid=find-count]')), '2 of 2', 'count follows');
    await keydown(input, 'Enter');
    assert.equal(store.get().selectedExchange, 2, 'Enter wraps around to the first match');
    assert.equal(text(one(c, '[data-testid=find-count]')), '1 of 2', 'count wraps too');

    // Eighteen pings: Shift+Enter goes backwards (from the first match, round to the last).
    await typeInto(input, 'ping');
    assert.deepEqual(all(c, '[data-testid=request-row].match').map((r) => Number(r.dataset.exchange)), PINGS, 'every ping matches');
    assert.equal(text(one(c, '[data-testid=find-count]')), '1 of 18', 'new text: back to the first match');
    await keydown(input, 'Enter', { shiftKey: true });
    assert.equal(store.get().selectedExchange, 24, 'Shift+Enter from the first match wraps to the last');
    assert.equal(text(one(c, '[data-testid=find-count]')), '18 of 18', 'count at the last match');
    await keydown(input, 'Enter', { shiftKey: true });
    assert.equal(store.get().selectedExchange, 22, 'Shift+Enter again: the match before');
    assert.equal(text(one(c, '[data-testid=find-count]')), '17 of 18', 'count follows backwards');
    await keydown(input, 'Enter');
    assert.equal(store.get().selectedExchange, 24, 'Enter goes forward again');

    await typeInto(input, 'nothing matches this');
    assert.equal(text(one(c, '[data-testid=find-count]')), 'no match', 'no match is said');
    assert.equal(all(c, '[data-testid=request-row].match').length, 0, 'no row highlighted');
  });

  test('Cmd+F opens it too, and a second Ctrl+F keeps the text', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    await keydown(dom.document, 'F', { metaKey: true });
    const input = one(c, '[data-testid=find-input]') as HTMLInputElement;
    await typeInto(input, 'adstart');
    assert.deepEqual(all(c, '[data-testid=request-row].match').map((r) => Number(r.dataset.exchange)), [4], 'adStart matches');
    await keydown(dom.document, 'f', { ctrlKey: true });
    assert.equal((one(c, '[data-testid=find-input]') as HTMLInputElement).value, 'adstart', 'the text stays');
    assert.equal(text(one(c, '[data-testid=find-count]')), '1 of 1', 'the count stays');
  });

  test('Escape closes the find bar, stops there and gives the focus back to the list', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    await keydown(dom.document, 'f', { ctrlKey: true });
    const input = one(c, '[data-testid=find-input]') as HTMLInputElement;
    await typeInto(input, 'chapter');
    const reached: string[] = [];
    const listener = (e: Event) => reached.push((e as KeyboardEvent).key);
    dom.document.addEventListener('keydown', listener);
    try {
      const notPrevented = await keydown(input, 'Escape');
      assert.equal(notPrevented, false, 'Escape is default-prevented');
      assert.deepEqual(reached, [], 'Escape does not reach the document (DevTools would open its drawer)');
    } finally {
      dom.document.removeEventListener('keydown', listener);
    }
    assert.ok(!c.querySelector('[data-testid=find-bar]'), 'the find bar is closed');
    assert.equal(all(c, '[data-testid=request-row].match').length, 0, 'no row highlighted any more');
    assert.ok(dom.document.activeElement === one(c, '[data-testid=request-list]'), 'the list has the focus');
  });
});

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
    this.targets.clear();
    FakeResizeObserver.all.delete(this);
  }
  /** Calls back every observer watching `el`. */
  static report(el: Element): number {
    let n = 0;
    for (const o of [...FakeResizeObserver.all]) {
      if (o.targets.has(el)) {
        o.callback([{ target: el }], o);
        n++;
      }
    }
    return n;
  }
}

describe('narrow layout', () => {
  let saved: PropertyDescriptor | undefined;
  before(() => {
    saved = Object.getOwnPropertyDescriptor(dom.window, 'ResizeObserver');
    Object.defineProperty(dom.window, 'ResizeObserver', { configurable: true, writable: true, value: FakeResizeObserver });
  });
  after(() => {
    if (saved) Object.defineProperty(dom.window, 'ResizeObserver', saved);
    FakeResizeObserver.all.clear();
  });

  /** The app's element now measures `width` px, and its ResizeObserver says so. */
  async function resizeApp(c: HTMLElement, width: number): Promise<void> {
    const app = one(c, '[data-testid=app]');
    Object.defineProperty(app, 'clientWidth', { configurable: true, get: () => width });
    let reported = 0;
    await run(() => { reported = FakeResizeObserver.report(app); });
    assert.equal(reported, 1, 'the app observes its own size');
  }

  test('under 900 px the app is narrow and the timeline starts folded; the toggle unfolds it', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    await resizeApp(c, 800);
    const app = one(c, '[data-testid=app]');
    assert.ok(app.classList.contains('narrow'), `the app is narrow: ${app.className}`);
    assert.equal(one(c, '[data-testid=timeline-toggle]').getAttribute('aria-expanded'), 'false', 'the toggle says folded');
    assert.match(text(one(c, '[data-testid=timeline-toggle]')), /▸ Timeline/, 'the toggle shows the folded arrow');
    assert.ok(!c.querySelector('[data-testid=timeline]'), 'no timeline drawn');
    const details = c.querySelector('[data-testid=splitter][data-variable="--details-h"]');
    assert.equal(details?.getAttribute('aria-orientation'), 'horizontal', 'the details splitter is a horizontal line (panes stacked)');

    await click(one(c, '[data-testid=timeline-toggle]'));
    assert.equal(one(c, '[data-testid=timeline-toggle]').getAttribute('aria-expanded'), 'true', 'the toggle says unfolded');
    assert.ok(c.querySelector('[data-testid=timeline]'), 'the timeline is drawn');

    // The user's choice wins over later resizes.
    await resizeApp(c, 1200);
    await resizeApp(c, 800);
    assert.ok(c.querySelector('[data-testid=timeline]'), 'still drawn after resizes: the user opened it');
  });

  test('at 1200 px the app is not narrow and the timeline is shown; the toggle folds it', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    await resizeApp(c, 1200);
    const app = one(c, '[data-testid=app]');
    assert.ok(!app.classList.contains('narrow'), `the app is not narrow: ${app.className}`);
    assert.equal(one(c, '[data-testid=timeline-toggle]').getAttribute('aria-expanded'), 'true', 'the toggle says unfolded');
    assert.ok(c.querySelector('[data-testid=timeline]'), 'the timeline is drawn');
    assert.equal(c.querySelector('[data-testid=splitter][data-variable="--details-w"]')?.getAttribute('aria-orientation'), 'vertical', 'details beside the list');

    await click(one(c, '[data-testid=timeline-toggle]'));
    assert.ok(!c.querySelector('[data-testid=timeline]'), 'folded by the toggle');

    // Not laid out yet (0 px) is not narrow.
    await resizeApp(c, 0);
    assert.ok(!one(c, '[data-testid=app]').classList.contains('narrow'), 'a width of 0 is not narrow');
  });
});

describe('splitters', () => {
  test('the sessions splitter sets --left-w on the app, clamped to 160–600 px', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    const app = one(c, '.app');
    const line = one(c, '[data-testid=splitter][data-variable="--left-w"]');
    assert.ok(line.previousElementSibling?.classList.contains('left'), 'the first splitter follows the left pane');
    stubBox(line.previousElementSibling as Element, 300, 500);

    await pointer(line, 'pointerdown', 300);
    assert.ok(line.classList.contains('dragging'), 'dragging while the pointer is down');
    await pointer(dom.document, 'pointermove', 400);
    assert.equal(app.style.getPropertyValue('--left-w'), '400px', '300 + 100');
    await pointer(dom.document, 'pointermove', 2000);
    assert.equal(app.style.getPropertyValue('--left-w'), '600px', 'clamped to the maximum');
    await pointer(dom.document, 'pointermove', -500);
    assert.equal(app.style.getPropertyValue('--left-w'), '160px', 'clamped to the minimum');
    await pointer(dom.document, 'pointerup', -500);
    assert.ok(!line.classList.contains('dragging'), 'no longer dragging');
    await pointer(dom.document, 'pointermove', 450);
    assert.equal(app.style.getPropertyValue('--left-w'), '160px', 'moves after pointerup change nothing');
  });

  test('the details splitter sets --details-w from the pane after it, clamped to 220–1200 px', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    await run(() => store.select(4));
    const c = await show(store);
    const app = one(c, '.app');
    const line = one(c, '[data-testid=splitter][data-variable="--details-w"]');
    assert.ok(line.nextElementSibling?.classList.contains('details'), 'the second splitter comes before the details');
    stubBox(line.nextElementSibling as Element, 400, 500);

    await pointer(line, 'pointerdown', 800);
    await pointer(dom.document, 'pointermove', 700);
    assert.equal(app.style.getPropertyValue('--details-w'), '500px', 'moving left widens the details: 400 + 100');
    await pointer(dom.document, 'pointermove', 1000);
    assert.equal(app.style.getPropertyValue('--details-w'), '220px', 'clamped to the minimum');
    await pointer(dom.document, 'pointermove', -2000);
    assert.equal(app.style.getPropertyValue('--details-w'), '1200px', 'clamped to the maximum');
    await pointer(dom.document, 'pointerup', -2000);
    assert.equal(app.style.getPropertyValue('--left-w'), '', 'the other variable is untouched');
  });
});

describe('the shown count', () => {
  test('"n of total shown" when filtered, "total requests" when not', async () => {
    const store = storeWith([fixture('vod-clean.har'), fixture('broken-sequence.har')]);
    const c = await show(store);
    const total = store.analysis().calls.length;
    assert.equal(total, 73, 'vod-clean.har (48) and broken-sequence.har (25)');
    assert.equal(text(one(c, '[data-testid=shown-count]')), '73 requests', 'nothing filtered');
    assert.ok(!c.querySelector('[data-testid=show-all-sessions]'), 'no session selected: no link');

    await run(() => store.setFilter({ severity: 'error' }));
    const shown = order(c).length;
    assert.equal(shown, 2, 'the two rows with an error');
    assert.equal(text(one(c, '[data-testid=shown-count]')), `2 of ${total} shown`, 'filtered count');
    assert.equal(one(c, '[data-testid=shown-count]').getAttribute('title'), '71 hidden by the session selection and the filters', 'the title says how many are hidden');

    await run(() => store.setFilter({ severity: 'all' }));
    assert.equal(text(one(c, '[data-testid=shown-count]')), '73 requests', 'filter removed');
  });

  test('one session selected: "show all sessions" brings every session back', async () => {
    const store = storeWith([fixture('vod-clean.har'), fixture('broken-sequence.har')]);
    const c = await show(store);
    await run(() => store.selectSession(SEQ_SID));
    assert.equal(text(one(c, '[data-testid=shown-count]')), '25 of 73 shown', 'only the selected session\'s rows');
    assert.match(text(one(c, '.list-title')), /· one session/, 'says one session is selected');
    const link = one(c, '[data-testid=show-all-sessions]');
    await click(link);
    assert.deepEqual(store.get().selectedSessions, [], 'showAllSessions cleared the session selection');
    assert.equal(text(one(c, '[data-testid=shown-count]')), '73 requests', 'every request again');
    assert.ok(!c.querySelector('[data-testid=show-all-sessions]'), 'the link is gone');

    await run(() => store.selectSession(SEQ_SID));
    await run(() => store.selectSession(SID, true));
    assert.match(text(one(c, '.list-title')), /· 2 sessions/, 'two sessions selected');
    assert.ok(c.querySelector('[data-testid=show-all-sessions]'), 'the link is there for two sessions too');
  });
});

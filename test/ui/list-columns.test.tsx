/**
 * The request list's columns as a tester reads them (issue 22, items 6, 11, 14, 15): each row's
 * session colour chip, times that compare across sessions in All sessions and start at the
 * session's start when one is selected, m:ss.mmm once a list passes 999 s, the header's sort arrow
 * never cut, the header's context menu that shows and hides columns (remembered for the panel
 * session), and the filter box's hint for a term it cannot read.
 */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'preact';
import { App } from '../../src/ui/components/App.tsx';
import { contentWidths, layoutColumns } from '../../src/ui/components/request-columns.ts';
import { relativeClock } from '../../src/ui/format.ts';
import { FILTER_HELP, FILTER_PLACEHOLDER } from '../../src/ui/store/filter-text.ts';
import type { PanelStore } from '../../src/ui/store/panel-store.ts';
import { SID, SID2, T0, ev, eventEntry, sessionStartBody, sessionsEntry } from '../helpers/har-builder.ts';
import { all, dom, fixture, one, quietHost, run, setUpPanelDom, show, storeOf, storeWith, text } from './panel-harness.tsx';

setUpPanelDom();
afterEach(() => dom.window.sessionStorage.clear());

async function fire(target: EventTarget, event: unknown): Promise<boolean> {
  let result = true;
  await run(() => { result = target.dispatchEvent(event as Event); });
  return result;
}

const click = (el: Element) => fire(el, new dom.window.MouseEvent('click', { bubbles: true, cancelable: true }));

function typeInto(input: HTMLInputElement, value: string): Promise<boolean> {
  input.value = value;
  return fire(input, new dom.window.Event('input', { bubbles: true }));
}

/** Two sessions a second apart, their calls interleaved: A at T0, B at T0 + 1 s. */
function twoSessions(): PanelStore {
  return storeOf([
    sessionsEntry(sessionStartBody(T0), SID, { at: 0 }),
    eventEntry(SID, ev('play', 0, T0 + 5), { at: 5 }),
    sessionsEntry(sessionStartBody(T0 + 1000, { 'media.name': 'Second film', 'media.id': 'vod-2' }), SID2, { at: 1000 }),
    eventEntry(SID2, ev('play', 0, T0 + 1010), { at: 1010 }),
    eventEntry(SID, ev('ping', 10, T0 + 10_005), { at: 10_005 }),
    eventEntry(SID2, ev('ping', 10, T0 + 11_010), { at: 11_010 }),
  ]);
}

/** Each drawn row: its exchange, time text, chip colour, where the chip is. */
function drawn(c: ParentNode) {
  return all(c, '[data-testid=request-row]').map((r) => ({
    exchange: Number(r.dataset.exchange),
    time: text(r.querySelector('[data-testid=time-cell]')),
    colour: r.querySelector('[data-testid=session-chip]')?.getAttribute('data-colour') ?? null,
    chipIn: r.querySelector('[data-testid=session-chip]')?.parentElement?.className ?? null,
  }));
}

const header = (c: ParentNode, id: string) => c.querySelector<HTMLElement>(`[data-testid=column-header][data-column=${id}]`);
const template = (c: ParentNode) => one(c, '.requests').style.getPropertyValue('--row-template');

describe('session chips in the list', () => {
  test('each row shows its session\'s chip in the session cell, in the colour of the session\'s place; its title names the session', async () => {
    const c = await show(twoSessions());
    const rows = drawn(c);
    assert.deepEqual(rows.map((r) => r.colour), ['0', '0', '1', '1', '0', '1'], 'first session c0, second c1');
    assert.ok(rows.every((r) => r.chipIn === 'session-cell'), 'the chip is in the session cell');
    const chip = one(c, '[data-testid=request-row][data-exchange="2"] [data-testid=session-chip]');
    assert.ok(chip.classList.contains('chip') && chip.classList.contains('c1'), chip.className);
    const cell = chip.parentElement as HTMLElement;
    assert.match(cell.title, new RegExp(`^session ${SID2}\\n`), 'the title starts with the sid');
    assert.match(cell.title, /Second film · started \d\d:\d\d:\d\d\.000 · player demo-player/, cell.title);
    assert.equal(text(cell.querySelector('.sid')), 'bbbbbbbb…', 'the sid\'s first characters after the chip, ellipsis in its own box');
  });

  test('with the session column hidden (or given way), the chip goes before the event', async () => {
    const c = await show(twoSessions());
    await openColumnMenuAndToggle(c, 'session');
    assert.equal(header(c, 'session'), null, 'no session column');
    const rows = drawn(c);
    assert.deepEqual(rows.map((r) => r.colour), ['0', '0', '1', '1', '0', '1'], 'the colours are still there');
    assert.ok(rows.every((r) => r.chipIn?.split(' ').includes('event')), `in the event cell: ${rows.map((r) => r.chipIn).join(', ')}`);
  });
});

describe('the time column', () => {
  test('All sessions: times since the capture\'s first event, comparable across sessions; the header says so', async () => {
    const c = await show(twoSessions());
    assert.deepEqual(drawn(c).map((r) => r.time), ['+0.000 s', '+0.005 s', '+1.000 s', '+1.010 s', '+10.005 s', '+11.010 s'],
      'not restarting at the second session (+0.000, +0.010)');
    const title = header(c, 'time')?.title ?? '';
    assert.match(title, /relative to the capture's first event \(\d\d:\d\d:\d\d\.000\)/, title);
    assert.match(title, /every session is listed/, title);
  });

  test('one session selected: times since its start, as before; two selected: since the capture\'s first event again', async () => {
    const store = twoSessions();
    const c = await show(store);
    await run(() => store.selectSession(SID2));
    assert.deepEqual(drawn(c).map((r) => r.time), ['+0.000 s', '+0.010 s', '+10.010 s'], 'the second session from its own start');
    assert.match(header(c, 'time')?.title ?? '', /relative to the selected session's start/);

    await run(() => store.selectSession(SID, true));
    assert.deepEqual(drawn(c).map((r) => r.time), ['+0.000 s', '+0.005 s', '+1.000 s', '+1.010 s', '+10.005 s', '+11.010 s'], 'two sessions share the list');
    assert.match(header(c, 'time')?.title ?? '', /several sessions are listed/);
  });

  test('a list whose times pass 999 s writes every time as m:ss.mmm, and the column fits them', async () => {
    const store = storeOf([
      sessionsEntry(sessionStartBody(T0), SID, { at: 0 }),
      eventEntry(SID, ev('play', 0, T0 + 5), { at: 5 }),
      eventEntry(SID, ev('ping', 990, T0 + 999_999), { at: 999_999 }),
      eventEntry(SID, ev('ping', 1000, T0 + 1_000_260), { at: 1_000_260 }),
    ]);
    const c = await show(store);
    assert.deepEqual(drawn(c).map((r) => r.time), ['+0:00.000', '+0:00.005', '+16:39.999', '+16:40.260']);
    // Without the last call the longest is 999.999 s: seconds still fit.
    await run(() => store.setFilter({ text: '-status-code:204' }));
    assert.deepEqual(drawn(c).map((r) => r.time), ['+0.000 s'], 'the list shown decides (only the 201 left)');
  });

  test('relativeClock and the content widths', () => {
    assert.equal(relativeClock(T0 + 1_000_260, T0), '+16:40.260');
    assert.equal(relativeClock(T0 + 6_000_000, T0), '+100:00.000', 'minutes are not wrapped into hours');
    assert.equal(relativeClock(T0 - 61_001, T0), '−1:01.001');
    assert.equal(relativeClock(T0, null), '—');
    assert.equal(relativeClock(Number.NaN, T0), '—');
    assert.deepEqual(contentWidths(999, 10), { num: 40, time: 80 }, 'three digits and ten characters fit the defaults');
    assert.deepEqual(contentWidths(99_999, 11), { num: 50, time: 88 }, 'five digits; "+100:00.000"');
    assert.deepEqual(contentWidths(100_000, 10).num, 58);
    assert.equal(layoutColumns(0, {}, new Set(), contentWidths(100_000, 11)).template.split(' ').slice(0, 2).join(' '), '58px 88px', 'the template grows with them');
    assert.equal(layoutColumns(0, { time: 60 }, new Set(), contentWidths(0, 11)).template.split(' ')[1], '60px', 'a width the user dragged wins');
  });
});

describe('the header', () => {
  test('a sorted header keeps its arrow apart from its label (the label gives way, the arrow never)', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    const status = header(c, 'status') as HTMLElement;
    assert.equal(text(status.querySelector('.label')), 'status');
    assert.equal(status.querySelector('.arrow'), null, 'no arrow unsorted');
    await click(status);
    assert.equal(text(header(c, 'status')?.querySelector('.arrow') ?? null), '▲');
    assert.equal(text(header(c, 'status')?.querySelector('.label') ?? null), 'status', 'the label stays whole text');
  });
});

/** Right-clicks the header row and chooses the column's item. */
async function openColumnMenuAndToggle(c: HTMLElement, id: string): Promise<void> {
  const notPrevented = await fire(one(c, '[data-testid=header-row]'), new dom.window.MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: 30, clientY: 40 }));
  assert.equal(notPrevented, false, 'the browser\'s menu is prevented');
  await click(one(c, `[data-testid=column-menu-item][data-column=${id}]`));
}

describe('the header\'s context menu: show or hide columns', () => {
  test('lists every column checked; choosing one hides it, choosing it again shows it', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    await fire(one(c, '[data-testid=header-row]'), new dom.window.MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: 30, clientY: 40 }));
    const menu = one(c, '[data-testid=column-menu]');
    assert.deepEqual(all(menu, '[data-testid=column-menu-item]').map((b) => b.dataset.column), ['num', 'time', 'session', 'event', 'playhead', 'status', 'findings']);
    assert.ok(all(menu, '[data-testid=column-menu-item]').every((b) => b.getAttribute('aria-checked') === 'true'), 'every column shown');
    assert.equal(menu.style.left, '30px');

    await click(one(menu, '[data-testid=column-menu-item][data-column=status]'));
    assert.ok(!c.querySelector('[data-testid=column-menu]'), 'the menu closes');
    assert.equal(header(c, 'status'), null, 'no status header');
    assert.ok(all(c, '[data-testid=request-row]').every((r) => !r.querySelector('.status')), 'no status cell');
    assert.equal(template(c), '40px 80px 92px 108px 82px minmax(130px, 1fr)', 'its track is gone');

    await openColumnMenuAndToggle(c, 'status');
    assert.ok(header(c, 'status'), 'shown again');
  });

  test('remembered for the panel session: a list drawn again (after Clear, say) keeps them hidden', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    await openColumnMenuAndToggle(c, 'playhead');
    await openColumnMenuAndToggle(c, 'findings');
    assert.deepEqual(all(c, '[data-testid=column-header]').map((h) => h.dataset.column), ['num', 'time', 'session', 'event', 'status']);
    await run(() => render(null, c));
    await run(() => render(<App store={store} host={quietHost} />, c));
    assert.deepEqual(all(c, '[data-testid=column-header]').map((h) => h.dataset.column), ['num', 'time', 'session', 'event', 'status'], 'still hidden');
    assert.ok(!c.querySelector('[data-testid=findings-cell]'), 'no findings cells');
  });

  test('the last column shown cannot be hidden', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    for (const id of ['num', 'time', 'session', 'event', 'playhead', 'status']) await openColumnMenuAndToggle(c, id);
    assert.deepEqual(all(c, '[data-testid=column-header]').map((h) => h.dataset.column), ['findings']);
    await fire(one(c, '[data-testid=header-row]'), new dom.window.MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
    const last = one(c, '[data-testid=column-menu-item][data-column=findings]') as HTMLButtonElement;
    assert.equal(last.disabled, true, 'the last one is disabled');
    await click(last);
    assert.deepEqual(all(c, '[data-testid=column-header]').map((h) => h.dataset.column), ['findings'], 'still shown');
  });

  test('Escape closes it', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    await fire(one(c, '[data-testid=header-row]'), new dom.window.MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
    await fire(dom.document, new dom.window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    assert.ok(!c.querySelector('[data-testid=column-menu]'));
  });
});

describe('the filter box', () => {
  test('its placeholder and title show the syntax; a term it cannot read is said above the list', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    const input = one(c, '[data-testid=filter-text]') as HTMLInputElement;
    assert.equal(input.placeholder, FILTER_PLACEHOLDER);
    assert.equal(input.title, FILTER_HELP);
    assert.ok(!c.querySelector('[data-testid=filter-hint]'), 'no hint for an empty filter');
    await typeInto(input, 'status-code:410');
    assert.ok(!c.querySelector('[data-testid=filter-hint]'), 'no hint for a known property');
    assert.deepEqual(all(c, '[data-testid=request-row]').map((r) => r.dataset.exchange), ['24']);
    await typeInto(input, 'status:410');
    assert.match(text(one(c, '[data-testid=filter-hint]')), /unknown property "status:" \(searched as text; known: status-code, method, sid, event, code\)/);
  });
});

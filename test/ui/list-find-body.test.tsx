/**
 * Ctrl/Cmd+F in the request list (issue 22, item 15): a match inside a body marks that body where
 * the details show it (Raw for the request, Response for the reply), not the event cell; a match
 * in a cell marks that cell.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SID, T0, ev, eventEntry, sessionStartBody, sessionsEntry } from '../helpers/har-builder.ts';
import { all, dom, fixture, one, run, setUpPanelDom, show, storeOf, storeWith, text } from './panel-harness.tsx';

setUpPanelDom();

async function fire(target: EventTarget, event: unknown): Promise<void> {
  await run(() => target.dispatchEvent(event as Event));
}

async function find(c: HTMLElement, value: string): Promise<HTMLInputElement> {
  if (!c.querySelector('[data-testid=find-input]')) {
    await fire(dom.document, new dom.window.KeyboardEvent('keydown', { key: 'f', ctrlKey: true, bubbles: true, cancelable: true }));
  }
  const input = one(c, '[data-testid=find-input]') as HTMLInputElement;
  input.value = value;
  await fire(input, new dom.window.Event('input', { bubbles: true }));
  return input;
}

const selectedTab = (c: ParentNode) => all(c, '[role=tab]').find((t) => t.getAttribute('aria-selected') === 'true')?.textContent ?? '';
const marks = (c: ParentNode) => all(c, '[data-testid=find-mark]').map((m) => m.textContent);
const row = (c: ParentNode, n: number) => one(c, `[data-testid=request-row][data-exchange="${n}"]`);

describe('Ctrl+F on a body match', () => {
  test('a text found only in a request body: the row is a match, its event cell is not marked, the details open Raw with the text marked', async () => {
    const c = await show(storeWith([fixture('broken-sequence.har')]));
    assert.equal(selectedTab(c), '', 'nothing selected yet');
    await find(c, 'PODPOSITION');
    const adStart = row(c, 4);
    assert.ok(adStart.classList.contains('match'), 'the adStart row is a match');
    assert.equal(adStart.dataset.match, 'request-body');
    assert.ok(!adStart.querySelector('.event.hit'), 'the event cell is not marked');
    assert.equal(all(c, '.row .hit').length, 0, 'no cell is');
    assert.match(selectedTab(c), /^Raw/, 'the details show the raw request body');
    assert.deepEqual(marks(c), ['podPosition'], 'the text is marked there, as written in the body');
    assert.equal(one(c, '[data-testid=find-mark]').closest('pre')?.textContent?.includes('"media.ad.podPosition":1'), true);
  });

  test('a text found in the event label marks the event cell and leaves the details alone', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    await run(() => store.select(1));
    const c = await show(store);
    await fire(one(c, '[data-testid=tab-Headers]'), new dom.window.MouseEvent('click', { bubbles: true }));
    await find(c, 'chapter');
    assert.ok(row(c, 2).querySelector('.event.hit'), 'chapterStart: its event cell is marked');
    assert.equal(selectedTab(c), 'Headers', 'the tab the tester chose stays');
    assert.deepEqual(marks(c), []);
  });

  test('a text found in a reply body opens Response with it marked; Enter to the next match moves the marks; closing the find removes them', async () => {
    const store = storeOf([
      sessionsEntry(sessionStartBody(T0), SID, { at: 0 }),
      eventEntry(SID, ev('play', 0, T0 + 5), { at: 5, status: 404, responseBody: '{"message":"zebra session unknown"}' }),
      eventEntry(SID, ev('ping', 10, T0 + 10_005), { at: 10_005, rawBody: JSON.stringify(ev('ping', 10, T0 + 10_005, { customMetadata: { note: 'zebra crossing' } })) }),
    ]);
    const c = await show(store);
    const input = await find(c, 'zebra');
    assert.equal(row(c, 1).dataset.match, 'response-body');
    assert.match(selectedTab(c), /^Response/, 'the reply is shown');
    assert.deepEqual(marks(c), ['zebra'], 'marked in the reply body');

    await fire(input, new dom.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    assert.equal(store.get().selectedExchange, 2, 'the next match');
    assert.equal(row(c, 2).dataset.match, 'request-body');
    assert.match(selectedTab(c), /^Raw/, 'its request body is shown');
    assert.deepEqual(marks(c), ['zebra']);

    await fire(input, new dom.window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    assert.deepEqual(marks(c), [], 'closed: no mark left');
    assert.match(text(one(c, '[data-testid=details-Raw]')), /zebra crossing/, 'the body is still shown, unmarked');
  });
});

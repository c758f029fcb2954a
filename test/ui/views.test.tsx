/**
 * The panel's views, rendered with Preact into a happy-dom document, fed by a store holding the
 * HAR fixtures and an in-memory host. What a tester sees: sessions with their counts, the
 * virtualised request list with finding badges, details of a request, the timeline, the summary,
 * the empty states, the theme, a crash kept to its own pane, and hostile text shown as text.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Exchange } from '../../src/core/exchange.ts';
import { EDGE_CLIENTS, EDGE_SCENARIOS, edgeSession } from '../helpers/edge-sdk-scenarios.ts';
import { PanelStore } from '../../src/ui/store/panel-store.ts';
import { buildRows } from '../../src/ui/store/rows.ts';
import { entry, eventEntry, ev, sessionStartBody, sessionsEntry, SID, SID2, T0 } from '../helpers/har-builder.ts';
import { liveStream, longSessionWithProblems, SID3, toExchanges, vodWithAds } from '../helpers/session-scenarios.ts';
import { installFileDrop } from '../../src/ui/file-drop.ts';
import {
  all, click, dom, fixture, makeHost, one, rowsShown, run, setUpPanelDom, show, storeWith, text, waitUntil, withoutIndex, type NewExchange,
} from './panel-harness.tsx';

/** The sid of broken-sequence.har (see test/fixtures/make-fixtures.ts). */
const SEQ_SID = 'c0ffee'.repeat(10) + '0003';

setUpPanelDom();

function key(el: Element, k: string): Promise<void> {
  return run(() => el.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }) as unknown as Event));
}

function typeInto(input: HTMLInputElement, value: string): Promise<void> {
  return run(() => {
    input.value = value;
    input.dispatchEvent(new dom.window.Event('input', { bubbles: true }) as unknown as Event);
  });
}

function check(input: HTMLInputElement, checked: boolean): Promise<void> {
  return run(() => {
    input.checked = checked;
    input.dispatchEvent(new dom.window.Event('change', { bubbles: true }) as unknown as Event);
  });
}

function rowFor(root: ParentNode, exchange: number): HTMLElement {
  return one(root, `[data-testid=request-row][data-exchange="${exchange}"]`);
}

/** The exchange index of the first call whose body has this event type (and optional text). */
function indexOf(store: PanelStore, eventType: string, contains = ''): number {
  const ex = store.allExchanges().find((e) => {
    try {
      return (JSON.parse(e.requestBody ?? '') as { eventType?: string }).eventType === eventType && (e.requestBody ?? '').includes(contains);
    } catch {
      return false;
    }
  });
  assert.ok(ex, `no ${eventType} call${contains ? ` with ${contains}` : ''}`);
  return ex.index;
}

/** The text of the <dd> after the <dt> with this label. */
function definition(root: ParentNode, label: string): string {
  const dt = all(root, 'dt').find((d) => text(d) === label);
  assert.ok(dt, `no ${label} in the definitions`);
  return text(dt.nextElementSibling);
}

/** Summary table as { label: value }. */
function summaryOf(root: ParentNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tr of all(one(root, '[data-testid=summary]'), 'tr')) {
    const [k, v] = [...tr.querySelectorAll('td')].map((td) => text(td));
    if (k) out[k] = v ?? '';
  }
  return out;
}

describe('sessions list', () => {
  test('each session with its content name and its error and warning counts', async () => {
    const live = withoutIndex(toExchanges(liveStream(SID3, T0 + 2000, 0.05)));
    const store = storeWith([fixture('vod-clean.har'), fixture('broken-sequence.har'), fixture('broken-requests.har'), live]);
    const c = await show(store);
    const sessions = all(c, '[data-testid=session]');
    assert.deepEqual(sessions.map((s) => s.dataset.sid).sort(), [SID, SID2, SID3, SEQ_SID].sort());
    const bySid = (sid: string) => sessions.find((s) => s.dataset.sid === sid) as HTMLElement;

    assert.equal(text(bySid(SID3).querySelector('.title')), 'News 24');
    assert.equal(text(bySid(SID).querySelector('.title')), 'Big Buck Bunny');
    assert.match(text(bySid(SID3)), /live-news/);

    // broken-sequence.har, checked by hand against the spec: errors ad.orphan-start, session.after-end,
    // http.session-gone; warnings chapter.overlap, ping.late.
    const seq = bySid(SEQ_SID);
    assert.equal(text(seq.querySelector('.badge.error')), '3');
    assert.equal(text(seq.querySelector('.badge.warning')), '2');
    assert.match(seq.querySelector('.dot')?.className ?? '', /\berror\b/, 'the dot takes the worst severity');

    // broken-requests.har: the counts are those of the analysis for that session.
    const findings = store.analysis().findings.filter((f) => f.sid === SID2);
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    assert.ok(errors >= 6, 'schema violation, unknown event type, not JSON, 500, blocked, 404');
    assert.equal(text(bySid(SID2).querySelector('.badge.error')), String(errors));
    assert.equal(text(bySid(SID2).querySelector('.badge.warning')), String(warnings));

    // A correct session says ok, with no badge.
    assert.equal(bySid(SID).querySelectorAll('.badge').length, 0);
    assert.equal(text(bySid(SID).querySelector('.counts')), 'ok');
    assert.match(text(one(c, '[data-testid=sessions] .pane-title')), /\(4\)/);
  });

  test('clicking a session selects it; Ctrl-click adds another', async () => {
    const store = storeWith([fixture('vod-clean.har'), fixture('broken-sequence.har')]);
    const c = await show(store);
    const seq = one(c, `[data-testid=session][data-sid="${SEQ_SID}"]`);
    await click(seq);
    assert.deepEqual(store.get().selectedSessions, [SEQ_SID]);
    assert.equal(one(c, `[data-testid=session][data-sid="${SEQ_SID}"]`).getAttribute('aria-selected'), 'true');
    assert.equal(one(c, `[data-testid=session][data-sid="${SID}"]`).getAttribute('aria-selected'), 'false');
    await click(one(c, `[data-testid=session][data-sid="${SID}"]`), { ctrlKey: true });
    assert.deepEqual(store.get().selectedSessions, [SEQ_SID, SID]);
    // Both sessions are drawn on the timeline.
    assert.deepEqual(all(c, '[data-testid=timeline] g[data-sid]').map((g) => g.dataset.sid), [SEQ_SID, SID]);
  });
});

describe('toolbar and status bar', () => {
  test('Record pauses and resumes capture; the status bar says it is paused', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    const record = one(c, '[data-testid=record]');
    assert.equal(record.getAttribute('aria-pressed'), 'true');
    await click(record);
    assert.equal(store.get().recording, false);
    assert.equal(one(c, '[data-testid=record]').getAttribute('aria-pressed'), 'false');
    assert.match(text(one(c, '[data-testid=statusbar]')), /recording paused/);
    assert.equal(store.addExchange(fixture('vod-clean.har')[0] as NewExchange), null);
    await click(one(c, '[data-testid=record]'));
    assert.equal(store.get().recording, true);
    assert.doesNotMatch(text(one(c, '[data-testid=statusbar]')), /recording paused/);
  });

  test('the status bar counts calls, sessions, findings by severity and other requests', async () => {
    const others = withoutIndex(toExchanges([entry('https://cdn.example.com/a.m3u8', null, { method: 'GET', rawBody: null, status: 200 })]));
    const store = storeWith([fixture('broken-sequence.har'), fixture('vod-clean.har'), others]);
    const c = await show(store);
    const parts = all(one(c, '[data-testid=statusbar]'), 'span').map((e) => text(e));
    assert.ok(parts.includes('73 Media Collection calls'), parts.join(' | '));
    assert.ok(parts.includes('2 sessions'), parts.join(' | '));
    // broken-sequence.har: 3 errors and 2 warnings (checked by hand); vod-clean.har: none.
    assert.ok(parts.includes('3 errors'), parts.join(' | '));
    assert.ok(parts.includes('2 warnings'), parts.join(' | '));
    assert.ok(parts.some((p) => /^1 other request/.test(p)), parts.join(' | '));
  });

  test('Clear empties the panel; Preserve log follows its checkbox', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    await check(one(c, '[data-testid=preserve-log]') as HTMLInputElement, false);
    assert.equal(store.get().preserveLog, false);
    await click(one(c, '[data-testid=clear]'));
    assert.equal(store.analysis().calls.length, 0);
    assert.ok(c.querySelector('[data-testid=empty]'));
  });

  test('ArrowDown and ArrowUp on the sessions list move the selected session', async () => {
    const store = storeWith([fixture('vod-clean.har'), fixture('broken-sequence.har')]);
    const c = await show(store);
    const sids = store.analysis().sessions.map((s) => s.sid);
    const list = one(c, '[data-testid=sessions]');
    await key(list, 'ArrowDown');
    assert.deepEqual(store.get().selectedSessions, [sids[1]]);
    assert.equal(one(c, `[data-testid=session][data-sid="${sids[1]}"]`).getAttribute('aria-selected'), 'true');
    await key(list, 'ArrowUp');
    assert.deepEqual(store.get().selectedSessions, [sids[0]]);
  });
});

describe('request list', () => {
  test('one row per call, in send order, with its finding badges', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    const rows = rowsShown(c);
    assert.equal(rows.length, 25);
    const times = rows.map((r) => Number(r.dataset.time));
    assert.deepEqual(times, [...times].sort((a, b) => a - b));

    const orphan = rowFor(c, indexOf(store, 'adStart', 'soda-15s'));
    const badge = one(orphan, '.badge[data-code="ad.orphan-start"]');
    assert.match(badge.className, /\berror\b/);
    assert.equal(text(badge), 'ad.orphan-start');

    const gone = rows.find((r) => text(r.querySelector('.status')) === '410') as HTMLElement;
    assert.ok(gone, 'the 410 ping is listed');
    assert.deepEqual(all(gone, '.badge[data-code]').map((b) => b.dataset.code).sort(), ['http.session-gone', 'session.after-end']);
    assert.match(gone.className, /\bfailed\b/);

    // A request without finding has no badge.
    const start = rowFor(c, indexOf(store, 'sessionStart'));
    assert.equal(start.querySelectorAll('.badge').length, 0);
    assert.equal(text(start.querySelector('.status')), '201');
  });

  test('virtualised: with about 2000 calls only the rows in view are in the document', async () => {
    const live = withoutIndex(toExchanges(liveStream(SID3, T0, 5.5)));
    assert.ok(live.length >= 1900, `the fixture has ${live.length} calls`);
    const store = storeWith([live]);
    const c = await show(store);
    const list = one(c, '[data-testid=request-list]');
    assert.equal(list.getAttribute('aria-rowcount'), String(live.length));
    const shown = rowsShown(c);
    assert.ok(shown.length > 0 && shown.length <= 100, `${shown.length} row elements for ${live.length} rows`);
    // The scroll area is as tall as every row together.
    const spacer = list.firstElementChild as HTMLElement;
    assert.equal(spacer.style.height, `${live.length * 20}px`);

    // Scrolling half-way draws the rows there, not the first ones.
    const order = buildRows(store.analysis()).map((r) => r.index);
    await run(() => {
      list.scrollTop = 1000 * 20;
      list.dispatchEvent(new dom.window.Event('scroll') as unknown as Event);
    });
    const after = rowsShown(c).map((r) => Number(r.dataset.exchange));
    assert.ok(after.length <= 100);
    assert.ok(after.includes(order[1000] as number), 'the row at the scroll position is drawn');
    assert.ok(!after.includes(order[0] as number), 'the first row is no longer drawn');
  });

  test('filtering by text and hiding pings changes the rows', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    const pings = rowsShown(c).filter((r) => r.dataset.event === 'ping').length;
    assert.ok(pings > 10);

    await typeInto(one(c, '[data-testid=filter-text]') as HTMLInputElement, 'soda-15s');
    assert.deepEqual(rowsShown(c).map((r) => r.dataset.event), ['adStart'], 'text inside the body matches');

    await typeInto(one(c, '[data-testid=filter-text]') as HTMLInputElement, '');
    assert.equal(rowsShown(c).length, 25);

    const flaggedPings = rowsShown(c).filter((r) => r.dataset.event === 'ping' && r.dataset.codes).length;
    assert.ok(flaggedPings > 0, 'the 410 ping and the late ping carry findings');
    await check(one(c, '[data-testid=hide-pings]') as HTMLInputElement, true);
    assert.equal(store.get().filter.hidePings, true);
    const rows = rowsShown(c);
    // A ping with a finding is evidence: hiding pings never hides it, and the list says rows are hidden.
    assert.equal(rows.length, 25 - pings + flaggedPings);
    assert.ok(rows.every((r) => r.dataset.event !== 'ping' || r.dataset.codes));
    assert.equal(text(one(c, '[data-testid=shown-count]')), `${25 - pings + flaggedPings} of 25 shown`);

    await typeInto(one(c, '[data-testid=filter-text]') as HTMLInputElement, 'nothing matches this');
    assert.equal(rowsShown(c).length, 0);
    assert.match(text(one(c, '[data-testid=request-list]')), /No request matches the filter/);
  });

  test('the severity and event type selects filter the rows', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    await run(() => {
      const sel = one(c, '[data-testid=filter-severity]') as HTMLSelectElement;
      sel.value = 'error';
      sel.dispatchEvent(new dom.window.Event('change', { bubbles: true }) as unknown as Event);
    });
    assert.deepEqual(rowsShown(c).map((r) => r.dataset.event), ['adStart', 'ping']);
    await run(() => {
      const sel = one(c, '[data-testid=filter-type]') as HTMLSelectElement;
      sel.value = 'ping';
      sel.dispatchEvent(new dom.window.Event('change', { bubbles: true }) as unknown as Event);
    });
    assert.deepEqual(rowsShown(c).map((r) => text(r.querySelector('.status'))), ['410']);
  });

  test('keyboard: ArrowDown, ArrowUp, Home and End move the selection', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    const list = one(c, '[data-testid=request-list]');
    const order = buildRows(store.analysis()).map((r) => r.index);
    const selectedRow = () => all(c, '[data-testid=request-row][aria-selected=true]').map((r) => Number(r.dataset.exchange));

    await key(list, 'ArrowDown');
    assert.equal(store.get().selectedExchange, order[0], 'the first ArrowDown selects the first row');
    assert.deepEqual(selectedRow(), [order[0]]);
    await key(list, 'ArrowDown');
    await key(list, 'ArrowDown');
    assert.equal(store.get().selectedExchange, order[2]);
    assert.deepEqual(selectedRow(), [order[2]]);
    await key(list, 'ArrowUp');
    assert.equal(store.get().selectedExchange, order[1]);
    await key(list, 'End');
    assert.equal(store.get().selectedExchange, order[order.length - 1]);
    assert.deepEqual(selectedRow(), [order[order.length - 1]]);
    await key(list, 'ArrowDown');
    assert.equal(store.get().selectedExchange, order[order.length - 1], 'stays on the last row');
    await key(list, 'Home');
    assert.equal(store.get().selectedExchange, order[0]);
    await key(list, 'ArrowUp');
    assert.equal(store.get().selectedExchange, order[0], 'stays on the first row');
    // Details follow the keyboard.
    assert.ok(c.querySelector('[data-testid=details]'));
  });

  test('keyboard End on a long list selects the last row, and it is drawn once scrolled there', async () => {
    const live = withoutIndex(toExchanges(liveStream(SID3, T0, 5.5)));
    const store = storeWith([live]);
    const c = await show(store);
    const list = one(c, '[data-testid=request-list]');
    const order = buildRows(store.analysis()).map((r) => r.index);
    await key(list, 'End');
    assert.equal(store.get().selectedExchange, order[order.length - 1]);
    // The list scrolled itself to keep the selection in view; the browser then reports a scroll.
    assert.ok(list.scrollTop > 0, 'the list scrolled to the selected row');
    await run(() => list.dispatchEvent(new dom.window.Event('scroll') as unknown as Event));
    const row = rowFor(c, order[order.length - 1] as number);
    assert.equal(row.getAttribute('aria-selected'), 'true');
  });

  test('navigation markers appear among the rows', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    await run(() => store.navigated('https://player.example.com/watch/2', T0 + 40_000));
    const c = await show(store);
    const items = all(c, '[data-testid=request-list] .row');
    const pos = items.findIndex((el) => el.dataset.testid === 'nav-marker');
    assert.ok(pos > 0, 'the marker is listed');
    assert.match(text(items[pos] as HTMLElement), /navigated to https:\/\/player\.example\.com\/watch\/2/);
    assert.ok(Number((items[pos - 1] as HTMLElement).dataset.time) <= T0 + 40_000);
    assert.ok(Number((items[pos + 1] as HTMLElement).dataset.time) > T0 + 40_000);
  });

  /** broken-sequence.har between two navigations: a marker before the first row and one after the last. */
  async function listBetweenNavigations() {
    const store = new PanelStore();
    // The page navigated, the player sent its calls, then the page navigated again (chronological, as captured).
    store.navigated('https://player.example.com/watch/1', T0 - 5000);
    for (const ex of fixture('broken-sequence.har')) store.addExchange(ex);
    store.navigated('https://player.example.com/watch/2', T0 + 200_000);
    const c = await show(store);
    const items = all(c, '[data-testid=request-list] .row');
    assert.equal(items[0]?.dataset.testid, 'nav-marker', 'a marker comes first');
    assert.equal(items[items.length - 1]?.dataset.testid, 'nav-marker', 'a marker comes last');
    const order = buildRows(store.analysis()).map((r) => r.index);
    const list = one(c, '[data-testid=request-list]');
    await key(list, 'ArrowDown');
    assert.equal(store.get().selectedExchange, order[0], 'ArrowDown skips the leading marker');
    await key(list, 'ArrowDown');
    await key(list, 'ArrowDown');
    assert.equal(store.get().selectedExchange, order[2]);
    return { store, list, order };
  }

  test('keyboard End selects the last request when a navigation marker comes after it', async () => {
    const { store, list, order } = await listBetweenNavigations();
    await key(list, 'End');
    assert.equal(store.get().selectedExchange, order[order.length - 1], 'End selects the last request');
  });

  test('keyboard Home selects the first request when a navigation marker comes before it', async () => {
    const { store, list, order } = await listBetweenNavigations();
    await key(list, 'Home');
    assert.equal(store.get().selectedExchange, order[0], 'Home selects the first request');
  });

  test('keyboard ArrowUp and ArrowDown step over a navigation marker between rows', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    await run(() => store.navigated('https://player.example.com/watch/2', T0 + 40_000));
    const c = await show(store);
    const items = all(c, '[data-testid=request-list] .row');
    const pos = items.findIndex((el) => el.dataset.testid === 'nav-marker');
    const before = Number(items[pos - 1]?.dataset.exchange);
    const afterIt = Number(items[pos + 1]?.dataset.exchange);
    await click(items[pos - 1] as HTMLElement);
    const list = one(c, '[data-testid=request-list]');
    await key(list, 'ArrowDown');
    assert.equal(store.get().selectedExchange, afterIt);
    await key(list, 'ArrowUp');
    assert.equal(store.get().selectedExchange, before);
  });
});

describe('details of the selected request', () => {
  test('clicking a row shows its findings: code beside the message and the fix', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    assert.equal(c.querySelector('[data-testid=details]'), null, 'nothing selected yet');
    const index = indexOf(store, 'adStart', 'soda-15s');
    await click(rowFor(c, index));
    assert.equal(store.get().selectedExchange, index);
    assert.equal(rowFor(c, index).getAttribute('aria-selected'), 'true');
    const details = one(c, '[data-testid=details]');
    const findings = all(details, '[data-testid=finding]');
    assert.deepEqual(findings.map((f) => f.dataset.code), ['ad.orphan-start']);
    const f = findings[0] as HTMLElement;
    const expected = store.analysis().findings.find((x) => x.exchange === index && x.code === 'ad.orphan-start');
    assert.ok(expected);
    assert.equal(text(f.querySelector('.code')), 'ad.orphan-start');
    assert.match(text(f.querySelector('.badge')), /error/);
    assert.ok(text(f).includes(expected.message), 'the message is shown');
    assert.match(expected.message, /15(\.0)? s/, 'the message says how many seconds are miscounted (spec)');
    assert.ok(text(f).includes(`Fix: ${expected.fix}`), 'the fix is shown');
    assert.match(text(one(details, '[data-testid=tab-Findings]')), /Findings \(1\)/);
  });

  test('a request without finding says so', async () => {
    const store = storeWith([fixture('vod-clean.har')]);
    const c = await show(store);
    await click(rowFor(c, indexOf(store, 'play')));
    assert.equal(all(c, '[data-testid=finding]').length, 0);
    assert.match(text(one(c, '[data-testid=details-Findings]')), /No finding/);
  });

  test('Body shows the JSON as a tree, Raw the text as sent, Response the status and Location', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    const start = indexOf(store, 'sessionStart');
    const ex = store.exchange(start) as Exchange;
    await click(rowFor(c, start));

    await click(one(c, '[data-testid=tab-Body]'));
    assert.equal(one(c, '[data-testid=tab-Body]').getAttribute('aria-selected'), 'true');
    const tree = one(c, '[data-testid=details-Body] [data-testid=json-tree]');
    const keys = all(tree, '.key').map((k) => text(k));
    assert.ok(keys.includes('"eventType"') && keys.includes('"playerTime"') && keys.includes('"media.name"'), keys.join(' '));
    assert.ok(all(tree, '.str').some((s) => text(s) === '"Big Buck Bunny"'));
    assert.ok(all(tree, '.num').some((s) => text(s) === '600'), 'numbers as numbers');
    assert.ok(all(tree, '.lit').some((s) => text(s) === 'true'), 'booleans as literals');

    await click(one(c, '[data-testid=tab-Raw]'));
    assert.equal(one(c, '[data-testid=details-Raw] pre').textContent, ex.requestBody);

    await click(one(c, '[data-testid=tab-Response]'));
    const response = one(c, '[data-testid=details-Response]');
    assert.equal(definition(response, 'Status'), '201');
    assert.equal(text(one(response, '[data-testid=location]')), `/api/v1/sessions/${SEQ_SID}`);
    assert.ok(text(response).includes(ex.url));
  });

  test('Response of a failed request says there was no reply, and why', async () => {
    const store = storeWith([fixture('broken-requests.har')]);
    const c = await show(store);
    const blocked = store.allExchanges().find((e) => e.status === 0) as Exchange;
    await click(rowFor(c, blocked.index));
    assert.equal(text(rowFor(c, blocked.index).querySelector('.status')), 'failed');
    await click(one(c, '[data-testid=tab-Response]'));
    assert.equal(definition(one(c, '[data-testid=details-Response]'), 'Status'), 'no reply (net::ERR_BLOCKED_BY_CLIENT)');
    assert.equal(c.querySelector('[data-testid=location]'), null);
  });

  test('Body of a body that is not JSON points to Raw and the findings', async () => {
    const store = storeWith([fixture('broken-requests.har')]);
    const c = await show(store);
    const notJson = store.allExchanges().find((e) => e.requestBody?.endsWith('"ts":')) as Exchange;
    await click(rowFor(c, notJson.index));
    assert.deepEqual(all(c, '[data-testid=finding]').map((f) => f.dataset.code), ['body.not-json']);
    await click(one(c, '[data-testid=tab-Body]'));
    assert.equal(c.querySelector('[data-testid=json-tree]'), null);
    assert.match(text(one(c, '[data-testid=details-Body]')), /not JSON/);
  });

  test('Copy body and Copy as cURL hand the host the body and a curl command', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const { host, copied } = makeHost();
    const c = await show(store, host);
    const index = indexOf(store, 'adStart', 'soda-15s');
    const ex = store.exchange(index) as Exchange;
    await click(rowFor(c, index));
    const buttons = all(c, '[data-testid=details] button.action');
    const copyBody = buttons.find((b) => text(b) === 'Copy body') as HTMLElement;
    const copyCurl = buttons.find((b) => text(b) === 'Copy as cURL') as HTMLElement;
    assert.ok(copyBody && copyCurl);

    await click(copyBody);
    assert.deepEqual(copied, [ex.requestBody]);
    assert.match(text(one(c, '[data-testid=notice]')), /Copied the body/);

    await click(copyCurl);
    assert.equal(copied.length, 2);
    const curl = copied[1] as string;
    // As Chrome's "Copy as cURL (bash)": one option per line; a POST with a body needs no -X.
    const lines = curl.split(' \\\n  ');
    assert.equal(lines[0], `curl '${ex.url}'`, curl);
    assert.equal(lines.includes(`-X 'POST'`), false, curl);
    assert.ok(lines.includes(`-H 'Content-Type: application/json'`), curl);
    assert.equal(lines[lines.length - 1], `--data-raw '${ex.requestBody}'`, 'the body, shell-quoted (it has no quote to escape)');
    assert.match(text(one(c, '[data-testid=notice]')), /Copied the request as cURL/);
  });

  test('when the clipboard refuses, the notice says the copy failed', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const { host, copied } = makeHost('devtools', false);
    const c = await show(store, host);
    await click(rowFor(c, indexOf(store, 'play')));
    const copyBody = all(c, '[data-testid=details] button.action').find((b) => text(b) === 'Copy body') as HTMLElement;
    await click(copyBody);
    assert.equal(copied.length, 1);
    assert.match(text(one(c, '[data-testid=notice]')), /Could not copy the body/);
  });

  test('Copy body is disabled when the browser did not expose the body', async () => {
    const beacon = withoutIndex(toExchanges([eventEntry(SID, ev('ping', 10, T0 + 10_000), { at: 10_000, rawBody: null, resourceType: 'ping' })]));
    const store = storeWith([fixture('vod-clean.har'), beacon]);
    const c = await show(store);
    const index = store.allExchanges().find((e) => e.requestBody === null)?.index as number;
    await click(rowFor(c, index));
    const copyBody = all(c, '[data-testid=details] button.action').find((b) => text(b) === 'Copy body') as HTMLButtonElement;
    assert.equal(copyBody.disabled, true);
    assert.ok(all(c, '[data-testid=finding]').some((f) => f.dataset.code === 'body.unavailable'));
    await click(one(c, '[data-testid=tab-Raw]'));
    assert.match(text(one(c, '[data-testid=details-Raw]')), /did not expose/);
  });
});

describe('timeline', () => {
  test('draws the lanes\' segments, to scale', async () => {
    const store = storeWith([fixture('vod-clean.har')]);
    const c = await show(store);
    const timeline = one(c, '[data-testid=timeline]');
    const kinds = new Set(all(timeline, 'rect[data-kind]').map((r) => r.dataset.kind));
    for (const k of ['playing', 'paused', 'buffering', 'break', 'ad', 'chapter', 'state']) assert.ok(kinds.has(k), `a ${k} segment (has ${[...kinds].join(', ')})`);
    // The pause of vod-clean.har lasts from pauseStart (+40.033 s) to play (+52.035 s).
    const paused = all(timeline, 'rect[data-kind=paused]');
    assert.equal(paused.length, 1);
    assert.match(text(paused[0]?.querySelector('title') ?? null), /\+40\.033 s → \+52\.035 s \(12\.0 s\)/);
    // Three ads in two breaks: the pre-roll pod from adBreakStart (+0.005 s) to adBreakComplete (+10.020 s).
    assert.equal(all(timeline, 'rect[data-kind=ad]').length, 3);
    const breaks = all(timeline, 'rect[data-kind=break]').map((r) => text(r.querySelector('title')));
    assert.ok(breaks.some((t) => t.startsWith('ad break 0 · +0.005 s →')), breaks.join(' | '));
    assert.ok(breaks.some((t) => /^ad break 0 · .* → \+10\.020 s/.test(t)), breaks.join(' | '));
    assert.ok(breaks.some((t) => t.startsWith('ad break 1 · +85.042 s →')), breaks.join(' | '));
    // A clean session has no finding mark.
    assert.equal(timeline.querySelectorAll('circle.fmark').length, 0);
  });

  test('findings are marked without clicking: the orphan adStart and the 410', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    const timeline = one(c, '[data-testid=timeline]');
    const orphanIndex = indexOf(store, 'adStart', 'soda-15s');
    const mark = one(timeline, 'circle.fmark[data-code~="ad.orphan-start"]');
    assert.match(mark.getAttribute('class') ?? '', /\berror\b/);
    assert.equal(mark.dataset.exchange, String(orphanIndex));
    assert.match(text(mark.querySelector('title')), /ad\.orphan-start/);
    assert.ok(timeline.querySelector('circle.fmark.warning[data-code~="chapter.overlap"]'));
    // Both findings of the 410 ping share its mark, and both are named.
    const goneMark = one(timeline, 'circle.fmark.error[data-code~="http.session-gone"]');
    assert.deepEqual((goneMark.dataset.code ?? '').split(' ').sort(), ['http.session-gone', 'session.after-end']);
    // The orphan ad is its own segment on the ads lane; the 410 is a red mark on the events lane.
    assert.equal(all(timeline, 'rect[data-kind=orphan]').length, 1);
    assert.equal(all(timeline, 'path.fmark[data-status=bad]').length, 1);
  });

  test('clicking an event mark selects its request', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    const timeline = one(c, '[data-testid=timeline]');
    const gone = store.allExchanges().find((e) => e.status === 410) as Exchange;
    const line = one(timeline, `line.mark[data-exchange="${gone.index}"]`);
    const x = Number(line.getAttribute('x1'));
    const y = (Number(line.getAttribute('y1')) + Number(line.getAttribute('y2'))) / 2;
    await click(line, { clientX: x, clientY: y });
    assert.equal(store.get().selectedExchange, gone.index);
    assert.deepEqual(all(c, '[data-testid=finding]').map((f) => f.dataset.code).sort(), ['http.session-gone', 'session.after-end']);
  });

  test('clicking a finding mark selects the request it points at', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    const timeline = one(c, '[data-testid=timeline]');
    const mark = one(timeline, 'circle.fmark[data-code~="ad.orphan-start"]');
    await click(mark, { clientX: Number(mark.getAttribute('cx')), clientY: Number(mark.getAttribute('cy')) });
    assert.equal(store.get().selectedExchange, Number(mark.dataset.exchange));
    assert.deepEqual(all(c, '[data-testid=finding]').map((f) => f.dataset.code), ['ad.orphan-start']);
  });

  test('on a long session, clicking a finding mark selects a request with that finding', async () => {
    // A panel 1000 px wide (happy-dom has no layout: its clientWidth is 0, which the timeline reads as 200).
    const proto = dom.window.HTMLElement.prototype as object;
    const saved = Object.getOwnPropertyDescriptor(proto, 'clientWidth');
    Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => 1000 });
    try {
      const store = storeWith([withoutIndex(toExchanges(longSessionWithProblems(SID)))]);
      const c = await show(store);
      const timeline = one(c, '[data-testid=timeline]');
      assert.equal(one(timeline, 'svg').getAttribute('width'), '1000');
      const marks = all(timeline, 'circle.fmark');
      assert.ok(marks.length >= 3);
      const wrong: string[] = [];
      for (const mark of marks) {
        const codes = (mark.dataset.code ?? '').split(' ');
        await click(mark, { clientX: Number(mark.getAttribute('cx')), clientY: Number(mark.getAttribute('cy')) });
        const selected = store.get().selectedExchange;
        const found = store.analysis().findings.filter((f) => f.exchange === selected).map((f) => f.code as string);
        if (!codes.some((code) => found.includes(code))) {
          wrong.push(`${codes.join('+')} (#${mark.dataset.exchange}) selected #${selected} [${found.join(', ') || 'no finding'}]`);
        }
      }
      assert.deepEqual(wrong, [], 'each finding mark selects its request');
    } finally {
      if (saved) Object.defineProperty(proto, 'clientWidth', saved);
      else delete (proto as { clientWidth?: number }).clientWidth;
    }
  });

  test('hovering a mark says what it is', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    const timeline = one(c, '[data-testid=timeline]');
    const gone = store.allExchanges().find((e) => e.status === 410) as Exchange;
    const line = one(timeline, `line.mark[data-exchange="${gone.index}"]`);
    await run(() => timeline.dispatchEvent(new dom.window.MouseEvent('mousemove', {
      bubbles: true, clientX: Number(line.getAttribute('x1')), clientY: Number(line.getAttribute('y2')) - 2,
    }) as unknown as Event));
    const tip = text(one(c, '[data-testid=timeline-tooltip]'));
    assert.match(tip, /\bping\b/);
    assert.match(tip, /\+76\.000 s/, 'time relative to the session start');
    assert.match(tip, /status 410/);
    assert.match(tip, /error http\.session-gone/);
    await run(() => timeline.dispatchEvent(new dom.window.MouseEvent('mouseleave', { bubbles: false }) as unknown as Event));
    assert.equal(c.querySelector('[data-testid=timeline-tooltip]'), null);
  });
});

describe('summary', () => {
  test('shows the estimated metrics of the selected session', async () => {
    const store = storeWith([fixture('vod-clean.har'), fixture('broken-sequence.har')]);
    const c = await show(store);
    // With no session selected the newest is shown; select the clean VOD one.
    await run(() => store.selectSession(store.analysis().sessions[0]?.sid ?? ''));
    assert.match(text(one(c, '[data-testid=summary]')), /estimate/i);
    // vod-clean.har by hand (test/helpers/scenarios.ts cleanVod): content 10.025→40.033, 52.035→62.037,
    // 65.039→85.042, 91.052→131.072 s = 100.033 s; ads 5 + 5 + 6 s; pause 12.002 s; buffering 3.002 s.
    const vod = summaryOf(c);
    assert.equal(vod['Main content played'], '1 min 40 s');
    assert.equal(vod['of which orphan ads'], '0.0 s');
    assert.equal(vod['Ads played (valid)'], '16.0 s');
    assert.equal(vod['Paused'], '12.0 s');
    assert.equal(vod['Buffering'], '3.0 s');
    assert.equal(vod['Session span'], '2 min 11 s');
    assert.equal(vod['Ads started / completed / skipped'], '3 / 3 / 0');
    assert.equal(vod['Ad breaks'], '2');
    assert.equal(vod['Chapters started / completed / skipped'], '2 / 2 / 0');
    assert.equal(vod['Bitrate changes'], '1');
    assert.equal(vod['State fullscreen'], '30.0 s');

    // broken-sequence.har: the 15 s orphan ad is counted as main content (spec section 4).
    await click(one(c, `[data-testid=session][data-sid="${SEQ_SID}"]`));
    const seq = summaryOf(c);
    assert.equal(seq['Main content played'], '1 min 07 s');
    assert.equal(seq['of which orphan ads'], '15.0 s');
    assert.equal(seq['Ads played (valid)'], '0.0 s');
    assert.equal(seq['Ad breaks'], '0');
  });
});

describe('empty states', () => {
  test('nothing captured yet: says so, with the count of other requests', async () => {
    const others = withoutIndex(toExchanges([
      entry('https://cdn.example.com/a.m3u8', null, { method: 'GET', rawBody: null, status: 200 }),
      entry('https://cdn.example.com/b.ts', null, { method: 'GET', rawBody: null, status: 200, at: 10 }),
      entry('https://cdn.example.com/c.ts', null, { method: 'GET', rawBody: null, status: 200, at: 20 }),
    ]));
    const store = storeWith([others]);
    const c = await show(store);
    const empty = one(c, '[data-testid=empty]');
    assert.match(text(empty), /No Media Collection call captured yet/);
    assert.match(text(one(empty, '[data-testid=empty-others]')), /\b3 other requests were seen\b/);
    assert.equal(c.querySelector('[data-testid=empty-paused]'), null, 'recording is on');
    assert.equal(c.querySelector('[data-testid=request-list]'), null);
    assert.equal(c.querySelector('[data-testid=timeline]'), null);

    await run(() => store.setRecording(false));
    assert.match(text(one(c, '[data-testid=empty-paused]')), /Recording is paused/);
    assert.match(text(one(c, '[data-testid=record]')), /Paused/);

    // The first call replaces the empty state.
    await run(() => { store.setRecording(true); store.addExchange(fixture('vod-clean.har')[0] as NewExchange); });
    assert.equal(c.querySelector('[data-testid=empty]'), null);
    assert.equal(rowsShown(c).length, 1);
  });

  test('no request at all, and one other request, are said right', async () => {
    const store = new PanelStore();
    const c = await show(store);
    assert.match(text(one(c, '[data-testid=empty-others]')), /No request has been seen/);
    await run(() => store.addExchange(withoutIndex(toExchanges([entry('https://cdn.example.com/a.m3u8', null, { method: 'GET', rawBody: null, status: 200 })]))[0] as NewExchange));
    assert.match(text(one(c, '[data-testid=empty-others]')), /\b1 other request was seen\b/);
  });

  test('the viewer asks to open a file', async () => {
    const store = new PanelStore({ source: 'file' });
    const c = await show(store, makeHost('viewer').host);
    const empty = one(c, '[data-testid=empty]');
    assert.match(text(empty), /Open a recording/);
    assert.doesNotMatch(text(empty), /No Media Collection call captured yet/);
    assert.ok(empty.querySelector('[data-testid=open-file]'));
    assert.equal(c.querySelector('[data-testid=record]'), null, 'no record button outside DevTools');
  });
});

describe('theme and robustness', () => {
  test('theme dark puts theme-dark on the app; a theme change follows', async () => {
    const store = storeWith([fixture('vod-clean.har')], { theme: 'dark' });
    const c = await show(store);
    const app = one(c, '[data-testid=app]');
    assert.ok(app.classList.contains('theme-dark'));
    assert.ok(!app.classList.contains('theme-light'));
    await run(() => store.setTheme('light'));
    assert.ok(one(c, '[data-testid=app]').classList.contains('theme-light'));
    assert.ok(!one(c, '[data-testid=app]').classList.contains('theme-dark'));
  });

  test('a render error in the timeline stays there: the list and the sessions still render', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    store.timeline = () => { throw new Error('timeline exploded'); };
    const c = await show(store);
    const crash = one(c, '[data-testid=crash-timeline]');
    assert.match(text(crash), /timeline exploded/);
    assert.equal(crash.getAttribute('role'), 'alert');
    assert.equal(c.querySelector('[data-testid=timeline]'), null);
    assert.equal(rowsShown(c).length, 25);
    assert.equal(all(c, '[data-testid=session]').length, 1);
    assert.ok(c.querySelector('[data-testid=summary]'));
    assert.ok(c.querySelector('[data-testid=statusbar]'));
    // The rest still works.
    await click(rowFor(c, indexOf(store, 'adStart', 'soda-15s')));
    assert.deepEqual(all(c, '[data-testid=finding]').map((f) => f.dataset.code), ['ad.orphan-start']);
  });

  test('hostile strings in bodies are shown as text, never as markup', async () => {
    const g = globalThis as { __pwned?: unknown };
    delete g.__pwned;
    const IMG = '<img src=x onerror="globalThis.__pwned=1">';
    const SCRIPT = '<script>globalThis.__pwned=2</script>';
    const hostile = withoutIndex(toExchanges([
      sessionsEntry(sessionStartBody(T0, { 'media.name': SCRIPT, 'media.id': IMG }), SID, { at: 20 }),
      eventEntry(SID, { playerTime: { playhead: 0, ts: T0 + 1000 }, eventType: IMG, params: { [SCRIPT]: SCRIPT } }, { at: 1020, responseBody: SCRIPT, status: 400 }),
      eventEntry(SID, { playerTime: { playhead: 1, ts: T0 + 2000 }, eventType: 'play', params: { note: SCRIPT } }, { at: 2020 }),
    ]));
    const store = storeWith([hostile]);
    const c = await show(store);
    const bad = indexOf(store, IMG);
    const row = rowFor(c, bad);
    assert.ok(text(row).includes(IMG), 'the event type is shown as typed');
    assert.equal(row.dataset.event, IMG);
    assert.ok(text(one(c, '[data-testid=session] .title')).includes(SCRIPT));

    await click(row);
    const findings = all(c, '[data-testid=finding]');
    assert.ok(findings.some((f) => f.dataset.code === 'schema.unknown-event-type'));
    await click(one(c, '[data-testid=tab-Body]'));
    assert.ok(text(one(c, '[data-testid=details-Body]')).includes(JSON.stringify(IMG)));
    await click(one(c, '[data-testid=tab-Raw]'));
    assert.equal(one(c, '[data-testid=details-Raw] pre').textContent, store.exchange(bad)?.requestBody);
    await click(one(c, '[data-testid=tab-Response]'));
    assert.ok(text(one(c, '[data-testid=details-Response]')).includes(SCRIPT));
    await click(rowFor(c, indexOf(store, 'play')));
    await click(one(c, '[data-testid=tab-Body]'));
    await typeInto(one(c, '[data-testid=filter-text]') as HTMLInputElement, '<script>');

    assert.equal(dom.document.querySelectorAll('img').length, 0, 'no img element');
    assert.equal(dom.document.querySelectorAll('script').length, 0, 'no script element');
    assert.equal(dom.document.querySelectorAll('[onerror]').length, 0);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(g.__pwned, undefined);
  });
});

describe('edge states', () => {
  test('a session whose start was not captured says so', async () => {
    // Its first call comes within seconds of the recording's first: it began before the recording.
    const late = withoutIndex(toExchanges([
      eventEntry(SID2, ev('ping', 40, T0 + 4_000), { at: 4_020 }),
      eventEntry(SID2, ev('ping', 50, T0 + 14_000), { at: 14_020 }),
    ]));
    const store = storeWith([fixture('vod-clean.har'), late]);
    const c = await show(store);
    const session = one(c, `[data-testid=session][data-sid="${SID2}"]`);
    assert.equal(text(session.querySelector('.title')), 'start not captured');
    assert.ok(store.analysis().findings.some((f) => f.sid === SID2 && f.code === 'session.unknown' && f.severity === 'info'));
    assert.equal(session.querySelectorAll('.badge').length, 0, 'info is not counted as a problem');
  });

  test('a session that begins without its start while the recording runs: a capture gap, not a late recording', async () => {
    const late = withoutIndex(toExchanges([
      eventEntry(SID2, ev('ping', 40, T0 + 40_000), { at: 40_020 }),
      eventEntry(SID2, ev('ping', 50, T0 + 50_000), { at: 50_020 }),
    ]));
    const store = storeWith([fixture('vod-clean.har'), late]);
    await show(store);
    const mine = store.analysis().findings.filter((f) => f.sid === SID2);
    assert.deepEqual(mine.map((f) => `${f.code} ${f.severity}`), ['capture.gap info', 'session.open-at-end info']);
    assert.match(mine[0]!.message, /the capture lost the sessionStart/);
  });

  test('a body too large to show whole is shortened on screen, and copied whole', async () => {
    const long = 'x'.repeat(150_000);
    const big = withoutIndex(toExchanges([eventEntry(SID, ev('play', 0, T0 + 1000, { params: { note: long } }), { at: 1020 })]));
    const store = storeWith([fixture('vod-clean.har'), big]);
    const { host, copied } = makeHost();
    const c = await show(store, host);
    const index = store.allExchanges().find((e) => (e.requestBody?.length ?? 0) > 100_000)?.index as number;
    const body = store.exchange(index)?.requestBody as string;
    await click(rowFor(c, index));
    await click(one(c, '[data-testid=tab-Raw]'));
    const shown = one(c, '[data-testid=details-Raw] pre').textContent ?? '';
    assert.ok(shown.length < body.length, 'not drawn whole');
    assert.ok(shown.startsWith(body.slice(0, 1000)));
    assert.match(shown, /more characters/);
    await click(one(c, '[data-testid=tab-Body]'));
    const str = all(c, '[data-testid=json-tree] .str').map((e) => e.textContent ?? '').find((t) => t.startsWith('"xxx')) as string;
    assert.ok(str.length < 2000 && /more characters/.test(str), 'a long string in the tree is shortened');
    await click(all(c, '[data-testid=details] button.action').find((b) => text(b) === 'Copy body') as HTMLElement);
    assert.equal(copied[0], body, 'the copy has all of it');
  });
});

describe('settings and files', () => {
  test('changing the ad ping cadence in ⚙ Settings re-analyses and saves the settings', async () => {
    const store = storeWith([withoutIndex(toExchanges(vodWithAds(SID, T0, 10_000)))]);
    const { host, saved } = makeHost();
    const c = await show(store, host);
    assert.equal(c.querySelectorAll('.badge[data-code="ping.late"]').length, 0);
    await click(one(c, '[data-testid=settings-button]'));
    await run(() => {
      const sel = one(c, '[data-testid=setting-ad-ping]') as HTMLSelectElement;
      sel.value = '1';
      sel.dispatchEvent(new dom.window.Event('change', { bubbles: true }) as unknown as Event);
    });
    assert.equal(store.get().settings.adPingCadence, '1');
    assert.equal(saved.length, 1);
    assert.equal(saved[0]?.adPingCadence, '1');
    assert.ok(c.querySelectorAll('.badge[data-code="ping.late"]').length > 0, 'ad pings 10 s apart are now late');
  });

  test('the main ping interval in ⚙ Settings: empty is auto; a number pins it, re-analyses, is saved and shown in the summary', async () => {
    // An Edge mobile session pinging every 15 s: read as its own interval while the setting is auto.
    const sdk = edgeSession(EDGE_CLIENTS.find((e) => e.options.mainPingMs === 15_000)!, EDGE_SCENARIOS[0]!, 0x5e77);
    const store = storeWith([withoutIndex(toExchanges(sdk.entries()))]);
    const { host, saved } = makeHost();
    const c = await show(store, host);
    assert.match(text(one(c, '[data-testid=summary]')), /Main ping interval\s*15 s \(this session's own, read from its pings\)/);
    assert.equal(c.querySelectorAll('.badge[data-code="ping.late"]').length, 0);
    await click(one(c, '[data-testid=settings-button]'));
    const input = one(c, '[data-testid=setting-main-ping]') as HTMLInputElement;
    assert.equal(input.value, '', 'auto');
    const change = async (value: string) => run(() => {
      input.value = value;
      input.dispatchEvent(new dom.window.Event('change', { bubbles: true }) as unknown as Event);
    });
    await change('10');
    assert.equal(store.get().settings.mainPingIntervalS, 10);
    assert.equal(saved.at(-1)?.mainPingIntervalS, 10);
    assert.ok(c.querySelectorAll('.badge[data-code="ping.late"]').length > 0, '15-s pings judged at 10 s are late');
    assert.match(text(one(c, '[data-testid=summary]')), /Main ping interval\s*10 s \(setting\)/);
    await change('5');
    assert.match(text(one(c, '[data-testid=settings]')), /main ping interval must be auto or a number of seconds from 10 to 50/);
    assert.equal(store.get().settings.mainPingIntervalS, 10, 'a value out of range changes nothing');
    await change('');
    assert.equal(store.get().settings.mainPingIntervalS, null, 'empty: auto again');
    assert.equal(c.querySelectorAll('.badge[data-code="ping.late"]').length, 0);
  });

  test('"Keep sensitive headers" in ⚙ Settings: off by default (a Cookie is shown removed), on keeps the next requests\' values, and is saved', async () => {
    const withCookie = (n: number): NewExchange => {
      const [ex] = fixture('vod-clean.har');
      return { ...ex!, startedAt: ex!.startedAt + n, requestHeaders: [...ex!.requestHeaders, { name: 'Cookie', value: `secret-cookie-${n}` }] };
    };
    const store = new PanelStore({ source: 'devtools' });
    const { host, saved } = makeHost();
    const c = await show(store, host);
    await run(() => void store.addExchange(withCookie(1)));
    await click(one(c, '[data-testid=settings-button]'));
    const box = one(c, '[data-testid=setting-keep-sensitive]') as HTMLInputElement;
    assert.equal(box.checked, false, 'off by default');
    await check(box, true);
    assert.equal(store.get().settings.keepSensitiveHeaders, true);
    assert.equal(saved.at(-1)?.keepSensitiveHeaders, true, 'saved with the other settings');
    await run(() => void store.addExchange(withCookie(2)));
    const cookies = store.allExchanges().map((x) => x.requestHeaders.find((h) => h.name === 'Cookie')?.value);
    assert.deepEqual(cookies, ['(removed: sensitive header)', 'secret-cookie-2'], 'what was captured before stays removed');
  });

  test('an invalid custom endpoint is refused with a message, nothing else changes', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const { host, saved } = makeHost();
    const c = await show(store, host);
    await click(one(c, '[data-testid=settings-button]'));
    const area = one(c, '[data-testid=setting-endpoints]') as HTMLTextAreaElement;
    await run(() => {
      area.value = 'not a url';
      area.dispatchEvent(new dom.window.Event('input', { bubbles: true }) as unknown as Event);
    });
    await run(() => area.dispatchEvent(new dom.window.FocusEvent('blur') as unknown as Event));
    assert.match(text(one(c, '[data-testid=settings]')), /custom endpoint must be an http\(s\) URL/);
    assert.equal(saved.length, 0);
    assert.deepEqual(store.get().settings.customEndpoints, []);
    assert.equal(rowsShown(c).length, 25);
  });

  test('a HAR file dropped on the viewer is opened; a broken one is reported, not a crash', async () => {
    const store = new PanelStore({ source: 'file' });
    installFileDrop(dom.document, store);
    const c = await show(store, makeHost('viewer').host);
    const drag = (type: string, files: File[]) => {
      const e = new dom.window.Event(type, { bubbles: true, cancelable: true }) as unknown as DragEvent;
      Object.defineProperty(e, 'dataTransfer', { value: { types: ['Files'], files } });
      dom.document.body.dispatchEvent(e);
      return e;
    };
    const har = readFileSync(new URL('../fixtures/broken-sequence.har', import.meta.url), 'utf8');
    await run(() => {
      const over = drag('dragover', []);
      assert.equal(over.defaultPrevented, true, 'the page accepts the drop');
    });
    assert.ok(dom.document.body.classList.contains('dropzone'));
    await run(async () => {
      drag('drop', [new File([har], 'broken-sequence.har', { type: 'application/json' })]);
      await waitUntil(() => store.analysis().calls.length > 0);
    });
    assert.ok(!dom.document.body.classList.contains('dropzone'));
    assert.equal(rowsShown(c).length, 25);
    assert.match(text(one(c, '[data-testid=notice]')), /^Opened broken-sequence\.har\b.*: 25 requests$/);

    await run(async () => {
      drag('drop', [new File(['{"log": {"entries": [ {'], 'cut.har')]);
      await waitUntil(() => /cut\.har/.test(store.get().notice ?? ''));
    });
    assert.match(text(one(c, '[data-testid=notice]')), /cut\.har: the file is truncated/);
    assert.equal(rowsShown(c).length, 25, 'what was open stays open');
  });
});

/**
 * One selection drives everything (issue 22, items 1, 2 and 9): with *All sessions*, a click on a
 * request of an older session brings that session into the summary (and the timeline's selection);
 * a session click brings the details to the Findings tab (a row click keeps the tab); a selected
 * session's list and timeline carry only the navigations within its span.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { T0 } from '../helpers/har-builder.ts';
import { idleThen410, SID3, SID4 } from '../helpers/session-scenarios.ts';
import { callSpanOf, effectiveSelectionOf, navigationsInSpan } from '../../src/ui/store/selection.ts';
import type { Navigation } from '../../src/ui/store/panel-store.ts';
import { click, one, run, setUpPanelDom, show, storeOf } from './panel-harness.tsx';

setUpPanelDom();

/** Two sessions: SID3 (older) whose play after an 11-minute pause is answered 410, then SID4 (newer). */
function twoSessions() {
  const { entries, gone } = idleThen410(SID3, SID4);
  return { store: storeOf(entries), gone };
}

describe('All sessions: the summary follows the selected request\'s session', () => {
  test('the shown session is the selected one, else the selected request\'s, else the newest', () => {
    const { store, gone } = twoSessions();
    const sessions = store.analysis().sessions;
    assert.deepEqual(sessions.map((s) => s.sid), [SID3, SID4]);
    assert.deepEqual(effectiveSelectionOf([], sessions), [SID4], 'nothing selected: the newest');
    assert.deepEqual(effectiveSelectionOf([], sessions, SID3), [SID3], 'the selected request\'s session');
    assert.deepEqual(effectiveSelectionOf([SID4], sessions, SID3), [SID4], 'an explicit selection wins');
    assert.deepEqual(effectiveSelectionOf(['gone'], sessions, 'unknown'), [SID4], 'unknown sids fall back to the newest');
    assert.deepEqual(store.shownSessions(), [SID4]);
    store.select(gone);
    assert.equal(store.sessionOf(gone), SID3);
    assert.deepEqual(store.shownSessions(), [SID3], 'the 410\'s session is shown');
    store.select(null);
    assert.deepEqual(store.shownSessions(), [SID4]);
  });

  test('clicking the 410 row of the older session puts that session in the summary and outlines it in the sessions pane', async () => {
    const { store, gone } = twoSessions();
    const c = await show(store);
    const summarySid = () => one(c, '[data-testid=summary-of]').dataset.sid;
    assert.equal(summarySid(), SID4, 'before: the newest session');
    const row = c.querySelector<HTMLElement>(`[data-testid=request-row][data-exchange="${gone}"]`);
    assert.ok(row, 'the 410 is listed under All sessions');
    await click(row);
    assert.equal(store.get().selectedExchange, gone);
    assert.deepEqual(store.get().selectedSessions, [], 'still All sessions');
    assert.equal(summarySid(), SID3, 'the summary follows the selected request');
    const outlined = one(c, `[data-testid=session][data-sid="${SID3}"]`);
    assert.match(outlined.className, /\bshown\b/);
    assert.match(outlined.getAttribute('title') ?? '', /selected request's session/);
    assert.doesNotMatch(one(c, `[data-testid=session][data-sid="${SID4}"]`).className, /\bshown\b/);
    assert.ok(one(c, '[data-testid=summary-findings]').querySelector('[data-code="http.session-gone"]'), 'the 410\'s finding is in the summary');
  });
});

describe('a session click shows its first finding in the Findings tab', () => {
  test('from the Headers tab, a session click brings Findings to the front; a row click keeps the tab', async () => {
    const { store, gone } = twoSessions();
    const c = await show(store);
    await run(() => store.select(gone));
    await click(one(c, '[data-testid=tab-Headers]'));
    assert.ok(c.querySelector('[data-testid=details-Headers]'));
    // A row click keeps the tab the tester chose.
    await click(one(c, `[data-testid=request-row][data-exchange="${gone - 1}"]`));
    assert.ok(c.querySelector('[data-testid=details-Headers]'), 'a row click keeps Headers');
    await click(one(c, `[data-testid=session][data-sid="${SID3}"]`));
    assert.equal(store.get().selectedExchange, store.analysis().findings.find((f) => f.sid === SID3)?.exchange);
    assert.ok(c.querySelector('[data-testid=details-Findings]'), 'a session click shows Findings');
    assert.ok(c.querySelector('[data-testid=finding]'), 'with the finding it selected');
    // The tester can still choose another tab afterwards, and it stays for row clicks.
    await click(one(c, '[data-testid=tab-Body]'));
    assert.ok(c.querySelector('[data-testid=details-Body]'));
    await click(one(c, `[data-testid=request-row][data-exchange="${gone}"]`));
    assert.ok(c.querySelector('[data-testid=details-Body]'));
  });
});

describe('navigations within the selected sessions\' span', () => {
  const nav = (time: number, url: string): Navigation => ({ afterCount: 0, time, url });

  test('navigationsInSpan keeps the navigations from the first to the last call, ends included', () => {
    const navs = [nav(100, 'a'), nav(200, 'b'), nav(300, 'c'), nav(400, 'd')];
    assert.deepEqual(navigationsInSpan(navs, { from: 200, to: 300 }).map((n) => n.url), ['b', 'c']);
    assert.deepEqual(navigationsInSpan(navs, null).map((n) => n.url), ['a', 'b', 'c', 'd'], 'no span: the whole capture');
    assert.deepEqual(navigationsInSpan(navs, { from: 450, to: 500 }), []);
  });

  test('the store gives each selection its navigations: all of them for All sessions, the span\'s for a session', () => {
    const { store } = twoSessions();
    const sessions = store.analysis().sessions;
    const span = (sid: string) => store.callSpan([sid]);
    const a = span(SID3);
    const b = span(SID4);
    assert.ok(a && b);
    const s3 = sessions.find((s) => s.sid === SID3);
    assert.equal(a.from, store.exchange(s3?.calls[0] as number)?.startedAt, 'from its first call\'s send time');
    assert.equal(a.to, store.exchange(s3?.calls.at(-1) as number)?.startedAt, 'to its last call\'s');
    assert.deepEqual(callSpanOf(sessions, [SID3, SID4], (i) => store.exchange(i)?.startedAt), { from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) });
    assert.equal(callSpanOf(sessions, ['nobody'], (i) => store.exchange(i)?.startedAt), null);
    // A navigation before SID3 started, one during SID3's pause, one after SID4 ended.
    store.navigated('https://player.example.com/before', T0 - 60_000);
    store.navigated('https://player.example.com/during', a.from + 5_000);
    store.navigated('https://player.example.com/after', Math.max(a.to, b.to) + 60_000);
    assert.deepEqual(store.navigationsFor([]).map((n) => n.url.split('/').pop()), ['before', 'during', 'after']);
    assert.deepEqual(store.navigationsFor([SID3]).map((n) => n.url.split('/').pop()), ['during']);
    assert.deepEqual(store.navigationsFor(['nobody']), []);
  });
});

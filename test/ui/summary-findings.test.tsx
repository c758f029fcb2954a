/**
 * The summary's findings and ping interval, and the Details note on a repeated finding:
 *
 * - the Summary lists the shown session's findings, a finding repeated on several calls once
 *   ("on 22 calls"), in the session's time order; a click selects the line's first call;
 * - it names the main ping interval the session was judged by: Adobe's default, the session's own
 *   (read from its pings) or the settings';
 * - in Details, a finding repeated on other calls of its session says "also on N other calls of
 *   this session" with those calls, each a link that selects it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PanelStore } from '../../src/ui/store/panel-store.ts';
import { EDGE_SID } from '../helpers/edge-builder.ts';
import { OWN_CADENCE_SID, ownCadenceSession, qoeNullSession, QOE_NULL_CALLS } from '../helpers/repeat-scenarios.ts';
import { all, calls, click, one, run, setUpPanelDom, show, storeOf, text } from './panel-harness.tsx';

setUpPanelDom();

/** The value of the summary row with this label. */
function summaryValue(root: ParentNode, label: string): string {
  const row = all(one(root, '[data-testid=summary]'), 'tr').find((tr) => text(tr.querySelector('td')) === label);
  assert.ok(row, `a "${label}" row`);
  return text(row.querySelector('td.num'));
}

/** qoeNullSession with a misspelt field on call 6, then the own-cadence session: two sessions. */
function twoSessions(): unknown[] {
  const entries = qoeNullSession();
  const post = ((entries[6] as { request: { postData: { text: string } } }).request).postData;
  post.text = post.text.replace('"qoeDataDetails":null', '"qoeDataDetails":null,"lenght":30');
  return [...entries, ...ownCadenceSession(OWN_CADENCE_SID, 300_000)];
}

describe('summary: the session\'s findings', () => {
  test('a finding repeated on every call is one line, "on N calls"; other findings have their own line', async () => {
    const store = storeOf(twoSessions());
    const c = await show(store);
    await run(() => store.selectSession(EDGE_SID));
    const lines = all(one(c, '[data-testid=summary-findings]'), '[data-testid=summary-finding]');
    assert.deepEqual(lines.map((l) => l.dataset.code), ['schema.violation', 'schema.unknown-field'], 'in time order, one line each');
    const [repeated, single] = lines as [HTMLElement, HTMLElement];
    assert.equal(repeated.dataset.count, String(QOE_NULL_CALLS));
    assert.match(text(repeated), new RegExp(`^✖ schema\\.violation /xdm/mediaCollection/qoeDataDetails must be an object, but it is null\\. · on ${QOE_NULL_CALLS} calls$`));
    assert.ok(repeated.querySelector('.sev-error'), 'in the error colour');
    assert.equal(single.querySelector('[data-testid=summary-finding-repeats]'), null, 'no count on a single finding');
    assert.ok(single.querySelector('.sev-warning'));
    // The metrics table is unchanged by the list (the list is no table row).
    assert.ok(all(one(c, '[data-testid=summary]'), 'tr').every((tr) => !tr.closest('[data-testid=summary-findings]')));
  });

  test('clicking a line selects its first call, and Details shows that call\'s findings', async () => {
    const store = storeOf(twoSessions());
    const c = await show(store);
    await run(() => store.selectSession(EDGE_SID));
    await run(() => store.select(null));
    const first = store.analysis().findings.find((f) => f.sid === EDGE_SID && f.code === 'schema.violation');
    assert.ok(first);
    await click(one(c, '[data-testid=summary-finding][data-code="schema.violation"]'));
    assert.equal(store.get().selectedExchange, first.exchange);
    assert.deepEqual(all(c, '[data-testid=finding]').map((f) => f.dataset.code), ['schema.violation']);
    await click(one(c, '[data-testid=summary-finding][data-code="schema.unknown-field"]'));
    assert.equal(store.get().selectedExchange, 6);
  });

  test('a session without findings has no list; the list follows the session the summary shows', async () => {
    const store = storeOf(twoSessions());
    const c = await show(store);
    await run(() => store.selectSession(OWN_CADENCE_SID));
    assert.equal(c.querySelector('[data-testid=summary-findings]'), null);
    await run(() => store.selectSession(EDGE_SID));
    assert.ok(c.querySelector('[data-testid=summary-findings]'));
  });
});

describe('summary: the main ping interval', () => {
  test('Adobe\'s default, the session\'s own interval, or the setting', async () => {
    const store = storeOf(twoSessions());
    const c = await show(store);
    await run(() => store.selectSession(EDGE_SID));
    assert.equal(summaryValue(c, 'Main ping interval'), '10 s (Adobe\'s default)');
    await run(() => store.selectSession(OWN_CADENCE_SID));
    assert.deepEqual(store.analysis().sessions.find((s) => s.sid === OWN_CADENCE_SID)?.pingCadence, { mainMs: 15_000, source: 'inferred' }, 'premise');
    assert.equal(summaryValue(c, 'Main ping interval'), '15 s (this session\'s own, read from its pings)');
    await run(() => store.setSettings({ mainPingIntervalS: 20 }));
    await run(() => store.selectSession(OWN_CADENCE_SID));
    assert.equal(summaryValue(c, 'Main ping interval'), '20 s (setting)');
  });

  test('shown from the session report, whatever computed it', async () => {
    const store = new PanelStore();
    for (const ex of calls(qoeNullSession())) store.addExchange(ex);
    const real = store.analysis.bind(store);
    store.analysis = () => {
      const a = real();
      return { ...a, sessions: a.sessions.map((s) => ({ ...s, pingCadence: { mainMs: 30_000, source: 'inferred' as const } })) };
    };
    const c = await show(store);
    assert.equal(summaryValue(c, 'Main ping interval'), '30 s (this session\'s own, read from its pings)');
  });
});

describe('details: a finding repeated on other calls of its session', () => {
  test('says on how many other calls, lists them, and each selects its call', async () => {
    const store = storeOf(qoeNullSession());
    const c = await show(store);
    const violations = store.analysis().findings.filter((f) => f.code === 'schema.violation');
    const at = violations[3]?.exchange as number;
    await run(() => store.select(at));
    const note = one(one(c, '[data-testid=finding]'), '[data-testid=finding-repeats]');
    const others = violations.map((f) => f.exchange).filter((n) => n !== at);
    assert.match(text(note), new RegExp(`^also on ${others.length} other calls of this session: #${others[0]}, `));
    const links = all(note, '[data-testid=request-link]');
    assert.deepEqual(links.map((l) => Number(l.dataset.exchange)), [...others.slice(0, 8), others[others.length - 1]], 'the first eight and the last');
    await click(links[1] as HTMLElement);
    assert.equal(store.get().selectedExchange, others[1]);
  });

  test('a finding on its call alone has no note', async () => {
    const store = storeOf(twoSessions());
    const c = await show(store);
    await run(() => store.select(6));
    const card = (code: string) => one(c, `[data-testid=finding][data-code="${code}"]`);
    assert.equal(all(c, '[data-testid=finding]').length, 2);
    assert.ok(card('schema.violation').querySelector('[data-testid=finding-repeats]'));
    assert.equal(card('schema.unknown-field').querySelector('[data-testid=finding-repeats]'), null);
  });
});

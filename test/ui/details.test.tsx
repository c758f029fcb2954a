/**
 * Details of a request as a QA engineer uses them: a finding's JSON pointer marks its field in the
 * Body tree (expanded, in the finding's severity colour) and a click on the finding shows it; "#n"
 * in a message selects request n; the Headers tab lists what was captured; Escape closes Settings
 * without reaching DevTools; the summary says which session it shows when several are selected.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withRequestLinks } from '../../src/ui/components/Details.tsx';
import { clockTime, durationText, shortSid } from '../../src/ui/format.ts';
import { timeTitle } from '../../src/ui/components/JsonTree.tsx';
import { edgeCall, edgeEvent, edgeStart, sessionDetails } from '../helpers/edge-builder.ts';
import { ev, eventEntry, sessionsEntry, sessionStartBody, SID, T0 } from '../helpers/har-builder.ts';
import { downloadedEntry } from '../helpers/more-builders.ts';
import { liveStream, SID3, vodWithAds } from '../helpers/session-scenarios.ts';
import { all, click, dom, one, run, setUpPanelDom, show, showNode, storeOf, text } from './panel-harness.tsx';

setUpPanelDom();

/** The node of the Body tree that shows this pointer. */
function pointed(root: ParentNode, pointer: string): HTMLElement {
  const el = all(root, '[data-testid=json-tree] [data-pointer]').find((n) => n.dataset.pointer === pointer);
  assert.ok(el, `no node marked at ${pointer}; marked: ${all(root, '[data-pointer]').map((n) => n.dataset.pointer).join(', ')}`);
  return el;
}

/** Every <details> between the node and the tree's root is open. */
function assertUnfolded(node: HTMLElement): void {
  const tree = node.closest('[data-testid=json-tree]');
  assert.ok(tree, 'the node is in the tree');
  for (let p = node.parentElement; p && p !== tree; p = p.parentElement) {
    if (p.tagName === 'DETAILS') assert.ok((p as HTMLDetailsElement).open, `a branch on the way to ${node.dataset.pointer} is folded`);
  }
}

/** One session with a type error (#1), a missing key (#2), then an event after sessionEnd (#4, "at #3"). */
function brokenAds(): unknown[] {
  return [
    sessionsEntry(sessionStartBody(T0), SID),
    eventEntry(SID, ev('adBreakStart', 0, T0 + 1000, { params: { 'media.ad.podIndex': 'one', 'media.ad.podSecond': 0 } }), { at: 1020 }),
    eventEntry(SID, ev('adStart', 0, T0 + 1100, { params: { 'media.ad.id': 'ad-1', 'media.ad.length': 15, 'media.ad.playerName': 'p' } }), { at: 1120 }),
    eventEntry(SID, ev('sessionEnd', 5, T0 + 5000), { at: 5020 }),
    eventEntry(SID, ev('play', 5, T0 + 6000), { at: 6020, status: 410 }),
  ];
}

describe('findings marked in the Body tree', () => {
  test('the field a finding points at is marked in its severity colour, and the way to it is open', async () => {
    const store = storeOf(brokenAds());
    const c = await show(store);
    await run(() => store.select(1));
    const finding = store.analysis().findings.find((f) => f.exchange === 1 && f.code === 'schema.violation');
    assert.equal(finding?.pointer, '/params/media.ad.podIndex');
    await click(one(c, '[data-testid=tab-Body]'));
    const node = pointed(c, '/params/media.ad.podIndex');
    assert.match(node.className, /\bpointed\b/);
    assert.match(node.className, /\bpointed-error\b/, 'in the error colour');
    assert.equal(node.dataset.severity, 'error');
    assert.match(text(node), /"media\.ad\.podIndex": "one"/);
    assert.match(node.getAttribute('title') ?? '', /error schema\.violation: \/params\/media\.ad\.podIndex must be an integer/);
    assertUnfolded(node);
    assert.equal(all(c, '[data-testid=json-tree] .pointed').length, 1, 'only the pointed field is marked');
  });

  test('a missing key is marked where it should be', async () => {
    const store = storeOf(brokenAds());
    const c = await show(store);
    await run(() => store.select(2));
    await click(one(c, '[data-testid=tab-Body]'));
    const node = pointed(c, '/params/media.ad.podPosition');
    assert.match(node.className, /\bpointed-error\b/);
    assert.equal(text(node), '"media.ad.podPosition": missing');
    assertUnfolded(node);
  });

  test('clicking a finding shows its field: the Body tab, the branch unfolded, the field focused', async () => {
    const store = storeOf(brokenAds());
    const c = await show(store);
    await run(() => store.select(1));
    await click(one(c, '[data-testid=finding] [data-testid=finding-pointer]'));
    assert.equal(one(c, '[data-testid=tab-Body]').getAttribute('aria-selected'), 'true');
    let node = pointed(c, '/params/media.ad.podIndex');
    assert.equal(dom.document.activeElement, node, 'the field has the focus');

    // Folded by hand, then the finding (the card itself) clicked again: unfolded and focused again.
    const params = node.closest('details') as HTMLDetailsElement;
    await run(() => { params.open = false; });
    await click(one(c, '[data-testid=tab-Findings]'));
    await click(one(c, '[data-testid=finding]'));
    node = pointed(c, '/params/media.ad.podIndex');
    assertUnfolded(node);
    assert.equal(dom.document.activeElement, node);
  });

  test('in a batch of 700 events, fields of events past the first 500 are drawn and marked, each in its severity', async () => {
    const batch: Record<string, unknown>[] = [sessionStartBody(T0, { 'media.downloaded': true }), ev('play', 0, T0 + 100)];
    for (let i = 2; i < 700; i++) batch.push(ev('ping', (i - 1) * 10, T0 + i * 10_000));
    (batch[612]?.playerTime as Record<string, unknown>).playhead = 'x';
    const store = storeOf([downloadedEntry(batch)]);
    const c = await show(store);
    const findings = store.analysis().findings.filter((f) => f.exchange === 0 && f.pointer);
    const bySeverity = (s: string) => findings.find((f) => f.severity === s)?.pointer as string;
    assert.equal(bySeverity('error'), '/612/playerTime/playhead');
    assert.ok(bySeverity('warning') && bySeverity('info'), findings.map((f) => `${f.severity} ${f.pointer}`).join(', '));
    await run(() => store.select(0));
    await click(one(c, '[data-testid=tab-Body]'));
    const error = pointed(c, '/612/playerTime/playhead');
    assert.match(error.className, /\bpointed-error\b/);
    assert.equal(text(error), '"playhead": "x"');
    assertUnfolded(error);
    assert.match(pointed(c, bySeverity('warning')).className, /\bpointed-warning\b/);
    assert.match(pointed(c, bySeverity('info')).className, /\bpointed-info\b/);
  });
});

describe('request references in findings', () => {
  test('"#3" in a message is a link that selects request 3', async () => {
    const store = storeOf(brokenAds());
    const c = await show(store);
    await run(() => store.select(4));
    const afterEnd = store.analysis().findings.find((f) => f.exchange === 4 && f.code === 'session.after-end');
    assert.match(afterEnd?.message ?? '', /\(at #3\)/);
    const card = all(c, '[data-testid=finding]').find((f) => f.dataset.code === 'session.after-end') as HTMLElement;
    assert.ok(text(card).includes(afterEnd?.message ?? ''), 'the message reads as before');
    const link = one(card, '[data-testid=request-link]');
    assert.equal(link.tagName, 'BUTTON');
    assert.equal(text(link), '#3');
    assert.equal(link.dataset.exchange, '3');
    await click(link);
    assert.equal(store.get().selectedExchange, 3);
    assert.match(text(one(c, '[data-testid=details]')), /No finding|Findings/);
  });

  test('only references to captured requests are links, not a "#5" inside a quoted id', async () => {
    const store = storeOf(brokenAds());
    const c = await showNode(<p>{withRequestLinks('adStart for "#2" while the previous ad (#2) and #3: see #99, #1.', store)}</p>);
    assert.equal(text(c), 'adStart for "#2" while the previous ad (#2) and #3: see #99, #1.');
    assert.deepEqual(all(c, '[data-testid=request-link]').map((b) => b.dataset.exchange), ['2', '3', '1']);
  });
});

describe('headers', () => {
  test('the Headers tab lists the request and the response headers as captured', async () => {
    const store = storeOf(brokenAds());
    const c = await show(store);
    await run(() => store.select(0));
    await click(one(c, '[data-testid=tab-Headers]'));
    const pairs = (testid: string) => {
      const dl = one(c, `[data-testid=${testid}]`);
      return all(dl, 'dt').map((dt) => `${text(dt)}: ${text(dt.nextElementSibling)}`);
    };
    assert.deepEqual(pairs('request-headers'), ['Content-Type: application/json', 'Origin: https://player.example.com']);
    assert.deepEqual(pairs('response-headers'), [`Location: /api/v1/sessions/${SID}`, 'Access-Control-Expose-Headers: Location']);
  });

  test('a long header value is shortened on screen and whole in its title; no reply, no response header', async () => {
    const long = 'v'.repeat(5000);
    const store = storeOf([
      sessionsEntry(sessionStartBody(T0), SID, { responseHeaders: [{ name: 'Location', value: `/api/v1/sessions/${SID}` }, { name: 'X-Long', value: long }] }),
      eventEntry(SID, ev('play', 0, T0 + 1000), { at: 1020, status: 0, error: 'net::ERR_BLOCKED_BY_CLIENT' }),
    ]);
    const c = await show(store);
    await run(() => store.select(0));
    await click(one(c, '[data-testid=tab-Headers]'));
    const dd = all(c, '[data-testid=response-headers] dt').find((dt) => text(dt) === 'X-Long')?.nextElementSibling as HTMLElement;
    assert.ok(dd, 'X-Long is listed');
    assert.ok(text(dd).length < 300, `shortened on screen (${text(dd).length} characters)`);
    assert.ok(text(dd).startsWith('vvvv'), 'the start of the value is shown');
    assert.equal(dd.getAttribute('title'), long);
    await run(() => store.select(1));
    assert.match(text(one(c, '[data-testid=response-headers]')), /No reply/);
  });
});

describe('settings', () => {
  test('Escape in Settings closes it and does not reach DevTools', async () => {
    const store = storeOf(brokenAds());
    const c = await show(store);
    await click(one(c, '[data-testid=settings-button]'));
    const dialog = one(c, '[data-testid=settings]');
    assert.ok(dialog.contains(dom.document.activeElement), 'the focus is in the dialog, so Escape reaches it');
    const seen: string[] = [];
    const listener = (e: Event) => { seen.push((e as KeyboardEvent).key); };
    dom.document.addEventListener('keydown', listener);
    dom.window.addEventListener('keydown', listener as never);
    try {
      const escape = new dom.window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }) as unknown as Event;
      await run(() => one(c, '[data-testid=setting-ad-ping]').dispatchEvent(escape));
      assert.equal(c.querySelector('[data-testid=settings]'), null, 'closed');
      assert.deepEqual(seen, [], 'the document did not see the Escape');
      assert.ok(escape.defaultPrevented, 'default prevented');
    } finally {
      dom.document.removeEventListener('keydown', listener);
      dom.window.removeEventListener('keydown', listener as never);
    }
  });
});

describe('summary', () => {
  test('with two sessions selected, the summary names the one it shows and goes to the other', async () => {
    const store = storeOf([...vodWithAds(SID, T0), ...liveStream(SID3, T0 + 2000, 0.05)]);
    const c = await show(store);
    const sessions = store.analysis().sessions;
    const first = sessions.find((s) => s.sid === SID);
    const second = sessions.find((s) => s.sid === SID3);
    assert.ok(first && second, 'both sessions analysed');
    await run(() => { store.selectSession(SID); store.selectSession(SID3, true); });
    const heading = () => text(one(c, '[data-testid=summary-of]'));
    const span = () => {
      const row = all(one(c, '[data-testid=summary]'), 'tr').find((tr) => text(tr.querySelector('td')) === 'Session span');
      return text(row?.querySelector('td.num') ?? null);
    };
    const name = (s: typeof first) => s.media.name ?? s.media.id ?? '';
    assert.deepEqual([name(first), name(second)], ['Big Buck Bunny', 'News 24']);

    assert.ok(heading().includes(`Summary of ${name(first)} (${shortSid(SID)})`), heading());
    assert.match(heading(), /1 of 2 selected/);
    assert.equal(one(c, '[data-testid=summary-of]').dataset.sid, SID);
    assert.equal(span(), durationText(first.metrics.durationMs));

    await click(one(c, '[data-testid=summary-next]'));
    assert.ok(heading().includes(`Summary of ${name(second)} (${shortSid(SID3)})`), heading());
    assert.match(heading(), /2 of 2 selected/);
    assert.equal(span(), durationText(second.metrics.durationMs));

    // One session selected: named, no switch.
    await run(() => store.selectSession(SID));
    assert.ok(heading().includes(`Summary of ${name(first)}`), heading());
    assert.equal(c.querySelector('[data-testid=summary-switch]'), null);
  });
});

describe('the server\'s reply, one message per line; times with their clock time', () => {
  test('a 400 whose message joins several reasons with " | " reads one reason per line', async () => {
    const store = storeOf([
      sessionsEntry(sessionStartBody(T0), SID),
      eventEntry(SID, ev('play', 0, T0 + 1000), { at: 1020, status: 400, responseBody: JSON.stringify({ message: '/playerTime/playhead: must be a number | /params: must not be present | eventType play is not allowed here' }) }),
    ]);
    const c = await show(store);
    await run(() => store.select(1));
    await click(one(c, '[data-testid=tab-Response]'));
    assert.deepEqual(all(c, '[data-testid=server-message] [data-testid=server-line]').map(text),
      ['/playerTime/playhead: must be a number', '/params: must not be present', 'eventType play is not allowed here']);
    assert.ok(one(c, '[data-testid=details-Response] pre'), 'the reply body is still shown as it came');
  });

  test('a Media Edge problem reads one line per reason, a joined reason split too', async () => {
    const problem = { type: 'https://ns.adobe.com/aep/errors/va-edge-0400-400', status: 400, title: 'Invalid request', detail: 'The request body failed validation.', report: { details: 'xdm.mediaCollection.playhead is required | xdm.timestamp is required' } };
    const start = edgeStart('direct', edgeEvent('sessionStart', 0, 0, sessionDetails()));
    const call = edgeCall('direct', 'play', edgeEvent('play', 0, 1000), { at: 1000, status: 400, responseBody: JSON.stringify(problem) });
    const store = storeOf([start, call]);
    const c = await show(store);
    await run(() => store.select(1));
    await click(one(c, '[data-testid=tab-Response]'));
    const problems = all(c, '[data-testid=edge-problem]');
    assert.equal(problems.length, 1);
    assert.deepEqual(all(problems[0] as HTMLElement, '[data-testid=server-line]').map(text), ['xdm.mediaCollection.playhead is required', 'xdm.timestamp is required']);
  });

  test('playerTime.ts and an XDM timestamp say their clock time on hover in the Body tree', async () => {
    const store = storeOf([sessionsEntry(sessionStartBody(T0), SID), eventEntry(SID, ev('play', 0, T0 + 1234), { at: 1250 })]);
    const c = await show(store);
    await run(() => store.select(1));
    await click(one(c, '[data-testid=tab-Body]'));
    const times = all(c, '[data-testid=json-tree] [data-testid=time-value]');
    assert.equal(times.length, 1, 'the ts, and no other number');
    assert.equal(text(times[0] as HTMLElement), String(T0 + 1234));
    assert.match(times[0]?.getAttribute('title') ?? '', new RegExp(`^${clockTime(T0 + 1234).replace(/\./g, '\\.')} on \\d{4}-\\d\\d-\\d\\d`));
    // An XDM timestamp (ISO text) the same way; a ts that is no time in ms has no such title.
    assert.match(timeTitle('timestamp', '2026-11-02T10:00:01.234Z') ?? '', new RegExp(`^${clockTime(T0 + 1234).replace(/\./g, '\\.')} on `));
    assert.equal(timeTitle('ts', 12.5), null);
    assert.equal(timeTitle('playhead', T0), null);
  });
});

/**
 * Copying from the request list's context menu as from DevTools' Network panel (issue 22, item 15):
 * "Copy as cURL" written as Chrome's "Copy as cURL (bash)" (a `\` continuation per option, one
 * header per line), "Copy all as cURL" and "Copy all as HAR" of every listed request in the list's
 * order, and no sensitive header value in any of them unless the setting keeps them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { REMOVED_VALUE } from '../../src/core/privacy/sensitive-headers.ts';
import { allAsCurlBash, toCurlBash } from '../../src/core/report/curl-bash.ts';
import { PanelStore } from '../../src/ui/store/panel-store.ts';
import { SID, T0, ev, eventEntry, sessionStartBody, sessionsEntry } from '../helpers/har-builder.ts';
import { all, calls, dom, fixture, makeHost, one, run, setUpPanelDom, show, storeWith, text, type TestHost } from './panel-harness.tsx';

setUpPanelDom();

/** broken-sequence.har's pings, in send order (list-habits.test.tsx). */
const PINGS = [3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 22, 24];

async function fire(target: EventTarget, event: unknown): Promise<void> {
  await run(() => target.dispatchEvent(event as Event));
}

/** Right-clicks a row and chooses an item of its menu; resolves once the copy was handed over. */
async function choose(c: HTMLElement, exchange: number, label: string): Promise<void> {
  await fire(one(c, `[data-testid=request-row][data-exchange="${exchange}"]`), new dom.window.MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: 20, clientY: 20 }));
  const item = all(one(c, '[data-testid=row-menu]'), '[data-testid=row-menu-item]').find((b) => text(b) === label);
  assert.ok(item, `no item ${label}`);
  await fire(item, new dom.window.MouseEvent('click', { bubbles: true, cancelable: true }));
  await run(() => new Promise((r) => setTimeout(r, 0)));
}

/** A session whose calls carry a cookie and an API key, as a logged-in player's would. */
function withSecrets(): ReturnType<typeof calls> {
  const entries = [
    sessionsEntry(sessionStartBody(T0), SID, { at: 0 }),
    eventEntry(SID, ev('play', 0, T0 + 5), { at: 5 }),
  ];
  for (const e of entries) {
    const request = e.request as { headers: { name: string; value: string }[] };
    request.headers.push({ name: 'Cookie', value: 'session=s3cr3t' }, { name: 'X-Api-Key', value: 'k3y' });
  }
  return calls(entries);
}

function storeKeeping(keep: boolean): PanelStore {
  const store = new PanelStore({ settings: { keepSensitiveHeaders: keep } });
  for (const ex of withSecrets()) store.addExchange(ex);
  return store;
}

describe('cURL as bash, one option per line', () => {
  test('Copy as cURL: the URL, then each header and the body on its own line after " \\"', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const { host, copied }: TestHost = makeHost();
    const c = await show(store, host);
    await choose(c, 24, 'Copy as cURL');
    const ex = store.exchange(24);
    assert.ok(ex);
    const lines = (copied[0] ?? '').split('\n');
    assert.equal(lines[0], `curl '${ex.url}' \\`, 'the URL first');
    assert.ok(lines.slice(1, -1).every((l) => /^ {2}-H '[^']*' \\$/.test(l)), `one header per line:\n${lines.join('\n')}`);
    assert.ok(lines.some((l) => l === "  -H 'Content-Type: application/json' \\"), 'Content-Type');
    assert.equal(lines.at(-1), `  --data-raw '${ex.requestBody}'`, 'the body last, without a continuation');
    assert.ok(!copied[0]?.includes('-X'), 'a POST with a body needs no -X (as Chrome writes it)');
    assert.equal(store.get().notice, 'Copied a cURL command of #24');
  });

  test('toCurlBash: other methods are said; quotes in a body are escaped for the shell', () => {
    const base = storeWith([fixture('broken-sequence.har')]).exchange(1);
    assert.ok(base);
    assert.match(toCurlBash({ ...base, method: 'PUT' }), /^curl '[^']+' \\\n {2}-X 'PUT' \\\n/);
    assert.doesNotMatch(toCurlBash({ ...base, method: 'GET', requestBody: null }), /-X|--data-raw/);
    assert.ok(toCurlBash({ ...base, requestBody: `{"name":"it's"}` }).endsWith(`--data-raw '{"name":"it'\\''s"}'`));
    assert.equal(allAsCurlBash([base, base]).split(' ;\n').length, 2, 'commands joined as Chrome joins them');
  });
});

describe('Copy all as cURL and as HAR', () => {
  test('every listed request, in the list\'s order (filter and sort applied), said in the notice', async () => {
    const store = storeWith([fixture('vod-clean.har'), fixture('broken-sequence.har')]);
    const { host, copied } = makeHost();
    const c = await show(store, host);
    await run(() => store.setFilter({ text: 'sid:c0ffee event:ping' }));
    const first = 48 + (PINGS[0] as number);
    await choose(c, first, 'Copy all as cURL');
    const commands = (copied[0] ?? '').split(' ;\n');
    assert.equal(commands.length, PINGS.length, 'one command per listed ping');
    commands.forEach((cmd, i) => {
      assert.ok(cmd.startsWith(`curl '${store.exchange(48 + (PINGS[i] as number))?.url}' \\\n`), `command ${i} is the listed request's`);
      assert.ok(cmd.includes('"eventType":"ping"'), `command ${i} is a ping`);
    });
    assert.equal(store.get().notice, `Copied ${PINGS.length} cURL commands`);

    // Sorted by status, descending: the 410 first.
    await fire(one(c, '[data-testid=column-header][data-column=status]'), new dom.window.MouseEvent('click', { bubbles: true }));
    await fire(one(c, '[data-testid=column-header][data-column=status]'), new dom.window.MouseEvent('click', { bubbles: true }));
    await choose(c, 48 + 24, 'Copy all as HAR');
    const har = JSON.parse(copied[1] ?? '') as { log: { entries: { request: { url: string; postData?: { text: string } }; response: { status: number } }[] } };
    assert.equal(har.log.entries.length, PINGS.length, 'one entry per listed request');
    assert.equal(har.log.entries[0]?.response.status, 410, 'in the list\'s order: the 410 first');
    assert.ok(har.log.entries.every((e) => e.request.postData?.text.includes('"ping"')), 'only pings');
    assert.equal(store.get().notice, `Copied ${PINGS.length} requests as HAR`);
  });

  test('nothing listed: both are disabled', async () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    const c = await show(store);
    await fire(one(c, '[data-testid=request-row][data-exchange="3"]'), new dom.window.MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
    // The row menu stays on the row right-clicked; the filter then lists nothing.
    await run(() => store.setFilter({ text: 'nothing-matches-this' }));
    const items = all(one(c, '[data-testid=row-menu]'), '[data-testid=row-menu-item]').filter((b) => text(b).startsWith('Copy all'));
    assert.equal(items.length, 2);
    assert.ok(items.every((b) => (b as HTMLButtonElement).disabled), 'nothing to copy');
  });
});

describe('sensitive headers in copies', () => {
  test('by default no copy holds a secret: cURL leaves the header out, HAR keeps its name with the value removed', async () => {
    const store = storeKeeping(false);
    const { host, copied } = makeHost();
    const c = await show(store, host);
    await choose(c, 1, 'Copy as cURL');
    await choose(c, 1, 'Copy all as cURL');
    await choose(c, 1, 'Copy all as HAR');
    for (const t of copied) {
      assert.ok(!t.includes('s3cr3t') && !t.includes('k3y'), `no secret in: ${t.slice(0, 200)}`);
    }
    assert.ok(!copied[0]?.includes('Cookie'), 'cURL: no Cookie line to replay a placeholder');
    const har = JSON.parse(copied[2] ?? '') as { log: { entries: { request: { headers: { name: string; value: string }[] } }[] } };
    const cookie = har.log.entries[0]?.request.headers.find((h) => h.name === 'Cookie');
    assert.equal(cookie?.value, REMOVED_VALUE, 'HAR: the header was sent, its value removed');
  });

  test('with "keep sensitive headers" on, the copies keep them', async () => {
    const store = storeKeeping(true);
    const { host, copied } = makeHost();
    const c = await show(store, host);
    await choose(c, 1, 'Copy as cURL');
    await choose(c, 1, 'Copy all as HAR');
    assert.ok(copied[0]?.includes("  -H 'Cookie: session=s3cr3t' \\"), copied[0]);
    assert.ok(copied[0]?.includes("-H 'X-Api-Key: k3y'"));
    assert.ok(copied[1]?.includes('s3cr3t'));
  });

  test('captured while kept, copied after the setting was turned off: removed at the copy', async () => {
    const store = storeKeeping(true);
    await run(() => store.setSettings({ keepSensitiveHeaders: false }));
    const { host, copied } = makeHost();
    const c = await show(store, host);
    await choose(c, 1, 'Copy as cURL');
    await choose(c, 1, 'Copy all as cURL');
    await choose(c, 1, 'Copy all as HAR');
    assert.equal(copied.length, 3);
    for (const t of copied) assert.ok(!t.includes('s3cr3t') && !t.includes('k3y'), `no secret in: ${t.slice(0, 300)}`);
  });
});

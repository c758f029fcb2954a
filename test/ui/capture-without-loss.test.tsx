/**
 * "Capture without loss" in the panel: the toolbar's switch in each state, the banner after a
 * navigation that may have lost calls (with the way to the consent page), what the capture gap
 * says in the analysis, and which capture reported a request.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PanelStore } from '../../src/ui/store/panel-store.ts';
import type { PanelHost } from '../../src/ui/host.ts';
import { ev, eventEntry, sessionsEntry, sessionStartBody, SID, T0 } from '../helpers/har-builder.ts';
import { calls, click, one, run, setUpPanelDom, show, text } from './panel-harness.tsx';

setUpPanelDom();

function hostWithSetup() {
  const opened: string[] = [];
  const host: PanelHost = { kind: 'devtools', copy: async () => true, saveSettings: () => {}, download: () => {}, openCaptureSetup: () => opened.push('setup') };
  return { host, opened };
}

/** A session whose last captured call is 200 ms before a navigation at +12 s (the rest lost). */
function sessionCutByNavigation(store: PanelStore): void {
  for (const ex of calls([
    sessionsEntry(sessionStartBody(T0), SID, { at: 10 }),
    eventEntry(SID, ev('play', 0, T0 + 500), { at: 510 }),
    eventEntry(SID, ev('ping', 10, T0 + 11_800), { at: 11_810 }),
  ])) store.addExchange(ex);
}

describe('Capture without loss, in the panel', () => {
  test('the switch: off offers it, on says so, on but not for this site asks to allow it; each opens the consent page', async () => {
    const store = new PanelStore({ source: 'devtools' });
    const { host, opened } = hostWithSetup();
    const c = await show(store, host);
    assert.equal(c.querySelector('[data-testid=web-capture]'), null, 'not offered where the host cannot (viewer, tests)');
    await run(() => store.setWebCapture('off'));
    assert.equal(text(one(c, '[data-testid=web-capture]')), 'Capture without loss…');
    await click(one(c, '[data-testid=web-capture]'));
    assert.deepEqual(opened, ['setup']);
    await run(() => store.setWebCapture('on'));
    assert.equal(text(one(c, '[data-testid=web-capture]')), '✓ Without loss');
    assert.equal(one(c, '[data-testid=web-capture]').getAttribute('aria-pressed'), 'true');
    await run(() => store.setWebCapture('not-this-site'));
    assert.match(text(one(c, '[data-testid=web-capture]')), /allow this site/);
  });

  test('a navigation right after media calls, capture without loss off: a banner, and the session\'s end a capture gap', async () => {
    const store = new PanelStore({ source: 'devtools' });
    const { host, opened } = hostWithSetup();
    await run(() => store.setWebCapture('off'));
    sessionCutByNavigation(store);
    const c = await show(store, host);
    assert.equal(c.querySelector('[data-testid=loss-banner]'), null, 'no banner before a navigation');
    await run(() => store.navigated('https://player.example.com/next', T0 + 12_000));
    assert.match(text(one(c, '[data-testid=loss-banner]')), /DevTools can lose calls at a navigation/);
    const mine = store.analysis().findings.filter((f) => f.sid === SID).map((f) => f.code);
    assert.deepEqual(mine, ['capture.gap'], 'the open session is explained by the gap, not session.open-at-end');
    await click(one(c, '[data-testid=loss-banner-setup]'));
    assert.deepEqual(opened, ['setup']);
    await click(one(c, '[data-testid=loss-banner-dismiss]'));
    assert.equal(c.querySelector('[data-testid=loss-banner]'), null);
  });

  test('with capture without loss on, a navigation is no gap and shows no banner', async () => {
    const store = new PanelStore({ source: 'devtools' });
    await run(() => store.setWebCapture('on'));
    sessionCutByNavigation(store);
    const c = await show(store, hostWithSetup().host);
    await run(() => store.navigated('https://player.example.com/next', T0 + 12_000));
    assert.equal(c.querySelector('[data-testid=loss-banner]'), null);
    assert.deepEqual(store.analysis().findings.filter((f) => f.sid === SID).map((f) => f.code), ['session.open-at-end']);
  });

  test('a navigation long after the last media call shows no banner', async () => {
    const store = new PanelStore({ source: 'devtools' });
    await run(() => store.setWebCapture('off'));
    sessionCutByNavigation(store);
    const c = await show(store, hostWithSetup().host);
    await run(() => store.navigated('https://player.example.com/next', T0 + 60_000));
    assert.equal(c.querySelector('[data-testid=loss-banner]'), null);
  });

  test('the Headers tab says which capture reported the request', async () => {
    const store = new PanelStore({ source: 'devtools' });
    const [start] = calls([sessionsEntry(sessionStartBody(T0), SID, { at: 10 })]);
    const index = store.addExchange({ ...start!, capturedBy: ['webRequest'] }) as number;
    const c = await show(store);
    await run(() => store.select(index));
    await click(one(c, '[data-testid=tab-Headers]'));
    assert.match(text(one(c, '[data-testid=captured-by]')), /webRequest capture \(Capture without loss\) alone: DevTools lost this request/);
  });
});

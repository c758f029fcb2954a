/**
 * The panel's frame in a real browser (the same checks for Chromium and Firefox): a finding's
 * pointer link scrolls the body tree and nothing else (the toolbar stays at the top, no start-up
 * placeholder is left under the status bar), the summary can be opened when DevTools is docked to
 * the side (600 px), the status bar's counts filter the list, and the dark theme's scroll bars are
 * dark (color-scheme).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HabitsDriver } from './panel-habits.ts';
import { click, DRAWN, sleep, waitFor } from './panel-actions.ts';

interface Frame {
  toolbarTop: number;
  statusBottom: number;
  viewport: number;
  rootScroll: number;
  appScroll: number;
  placeholder: boolean;
  pointedInView: boolean;
}

const FRAME = `(() => {
  const doc = content.document;
  const toolbar = doc.querySelector('.toolbar').getBoundingClientRect();
  const status = doc.querySelector('[data-testid=statusbar]').getBoundingClientRect();
  const app = doc.querySelector('[data-testid=app]');
  const node = doc.activeElement && doc.activeElement.closest ? doc.activeElement.closest('[data-pointer]') : null;
  const body = doc.querySelector('.tab-body');
  const nb = node && node.getBoundingClientRect();
  const bb = body && body.getBoundingClientRect();
  return {
    toolbarTop: toolbar.top,
    statusBottom: status.bottom,
    viewport: content.innerHeight,
    rootScroll: (doc.scrollingElement || doc.documentElement).scrollTop + doc.body.scrollTop,
    appScroll: app.scrollTop,
    placeholder: doc.body.textContent.includes('is starting'),
    pointedInView: !!(nb && bb && nb.top >= bb.top - 1 && nb.bottom <= bb.bottom + 1),
  };
})()`;

export function panelLayout(d: () => HabitsDriver): void {
  test('layout: a finding\'s pointer link scrolls the body tree only: the toolbar stays at the top, no start-up placeholder remains', async () => {
    const drv = d();
    await drv.resize(1600, 1000);
    await drv.scenario('bad-schema', 8);
    const before = await drv.inPanel<Frame>(FRAME);
    assert.equal(before.placeholder, false, `${drv.browser}: the "is starting…" placeholder is still in the panel`);
    await click(drv, '[data-testid=all-sessions]');
    await waitFor(drv, 'no row with schema.violation', `!!content.document.querySelector('[data-testid=request-row][data-codes*="schema.violation"]')`);
    await click(drv, '[data-testid=request-row][data-codes*="schema.violation"]');
    await drv.inPanel<boolean>(DRAWN);
    await click(drv, '[data-testid=tab-Findings]');
    await waitFor(drv, 'the schema.violation finding has no pointer link', `!!content.document.querySelector('[data-testid=finding][data-code="schema.violation"] [data-testid=finding-pointer]')`);
    await click(drv, '[data-testid=finding][data-code="schema.violation"] [data-testid=finding-pointer]');
    await drv.inPanel<boolean>(DRAWN);
    await sleep(300);
    const after = await drv.inPanel<Frame>(FRAME);
    assert.ok(after.pointedInView, `${drv.browser}: the pointed field is focused and in view in the Body tab (${JSON.stringify(after)})`);
    assert.equal(after.toolbarTop, 0, `${drv.browser}: the toolbar left the top (${JSON.stringify(after)})`);
    assert.equal(after.rootScroll, 0, `${drv.browser}: the panel's document scrolled (${JSON.stringify(after)})`);
    assert.equal(after.appScroll, 0, `${drv.browser}: the panel's frame scrolled (${JSON.stringify(after)})`);
    assert.ok(Math.abs(after.statusBottom - after.viewport) <= 1, `${drv.browser}: the status bar is at the bottom (${JSON.stringify(after)})`);
    assert.equal(after.placeholder, false, `${drv.browser}: the "is starting…" placeholder is in the panel`);
  });

  test('layout: docked to the side (600 px) the summary starts folded and opens from its title bar, the list keeps its rows', async () => {
    const drv = d();
    await drv.resize(600, 1000);
    try {
      await waitFor(drv, 'the panel did not become narrow at 600 px', `!!content.document.querySelector('[data-testid=app].narrow')`);
      const folded = await drv.inPanel<{ expanded: string | null; summary: boolean }>(`({
        expanded: content.document.querySelector('[data-testid=summary-toggle]').getAttribute('aria-expanded'),
        summary: !!content.document.querySelector('[data-testid=summary]'),
      })`);
      assert.deepEqual(folded, { expanded: 'false', summary: false }, `${drv.browser}: folded by default when narrow`);
      await click(drv, '[data-testid=summary-toggle]');
      await drv.inPanel<boolean>(DRAWN);
      const open = await drv.inPanel<{ summary: { top: number; bottom: number; height: number } | null; list: number; viewport: number; width: number; toolbarTop: number }>(`(() => {
        const doc = content.document;
        const s = doc.querySelector('[data-testid=summary]');
        const b = s && s.getBoundingClientRect();
        return {
          summary: b && { top: b.top, bottom: b.bottom, height: b.height },
          list: doc.querySelector('[data-testid=request-list]').getBoundingClientRect().height,
          viewport: content.innerHeight,
          width: content.innerWidth,
          toolbarTop: doc.querySelector('.toolbar').getBoundingClientRect().top,
        };
      })()`);
      await drv.screenshot?.(`layout-${drv.browser}-600-summary`);
      assert.ok(open.width <= 900, `${drv.browser}: the panel is narrow (${open.width} px)`);
      assert.ok(open.summary && open.summary.height >= 60, `${drv.browser}: the summary is open and readable (${JSON.stringify(open)})`);
      assert.ok(open.summary.top >= 0 && open.summary.bottom <= open.viewport, `${drv.browser}: the summary is inside the panel (${JSON.stringify(open)})`);
      assert.ok(open.list >= 60, `${drv.browser}: the request list keeps room for rows (${JSON.stringify(open)})`);
      assert.equal(open.toolbarTop, 0, `${drv.browser}: the panel did not scroll`);
    } finally {
      await drv.resize(1600, 1000);
    }
  });

  test('layout: the status bar\'s error count filters the list to requests with errors, looks pressed, and a second click shows all', async () => {
    const drv = d();
    await click(drv, '[data-testid=all-sessions]');
    const read = () => drv.inPanel<{ severity: string; pressed: string | null; count: string; shown: string; codes: string[] }>(`new Promise((r) => content.setTimeout(() => {
      const doc = content.document;
      const b = doc.querySelector('[data-testid=status-error]');
      r({
        severity: doc.querySelector('[data-testid=filter-severity]').value,
        pressed: b.getAttribute('aria-pressed'),
        count: b.textContent,
        shown: (doc.querySelector('[data-testid=shown-count]') || {}).textContent || '',
        codes: [...doc.querySelectorAll('[data-testid=request-row]')].map((row) => row.dataset.codes || ''),
      });
    }, 150))`);
    const before = await read();
    assert.match(before.count, /^[1-9]\d* errors?$/, `${drv.browser}: the scenario's errors are counted`);
    assert.equal(before.pressed, 'false');
    await click(drv, '[data-testid=status-error]');
    const on = await read();
    assert.equal(on.severity, 'error', `${drv.browser}: the severity filter is on errors`);
    assert.equal(on.pressed, 'true', `${drv.browser}: the count looks pressed`);
    assert.match(on.shown, /^\d+ of \d+ shown/, `${drv.browser}: the list says it is filtered`);
    assert.ok(on.codes.length > 0 && on.codes.every((c) => c !== ''), `${drv.browser}: only requests with findings (${JSON.stringify(on.codes)})`);
    await click(drv, '[data-testid=status-error]');
    const off = await read();
    assert.equal(off.severity, 'all', `${drv.browser}: a second click clears the filter`);
    assert.equal(off.pressed, 'false');
  });

  test('layout: the dark theme\'s color-scheme is dark (scroll bars and controls), the light theme\'s light', async () => {
    const drv = d();
    // The panel follows DevTools' theme; its class decides the CSS, so switching the class shows what the stylesheet gives either theme.
    const schemes = await drv.inPanel<Record<string, { app: string; summary: string; root: string }>>(`new Promise((resolve) => {
      const doc = content.document;
      const app = doc.querySelector('[data-testid=app]');
      const was = app.className;
      const read = () => ({
        app: content.getComputedStyle(app).colorScheme,
        summary: content.getComputedStyle(doc.querySelector('.summary, [data-testid=sessions]')).colorScheme,
        root: content.getComputedStyle(doc.documentElement).colorScheme,
      });
      const out = {};
      app.className = was.replace(/theme-\\w+/, 'theme-dark');
      out.dark = read();
      app.className = was.replace(/theme-\\w+/, 'theme-light');
      out.light = read();
      app.className = was;
      resolve(out);
    })`);
    assert.deepEqual(schemes.dark, { app: 'dark', summary: 'dark', root: 'dark' }, `${drv.browser}: ${JSON.stringify(schemes)}`);
    assert.equal(schemes.light?.app, 'light', `${drv.browser}: ${JSON.stringify(schemes)}`);
    assert.equal(schemes.light?.summary, 'light', `${drv.browser}: ${JSON.stringify(schemes)}`);
  });

  test('layout: Viewer ↗ opens the current capture in a viewer tab, which says what it shows', async () => {
    const drv = d();
    // The test listens on the extension's handoff channel to know when the viewer has drawn the
    // capture, and watches the panel's window.open to close that tab then: while it is in front,
    // DevTools is hidden and the panel draws nothing (no animation frames).
    const panel = await drv.inPanel<{ calls: number; sessions: number }>(`(() => {
      const doc = content.document;
      const heard = new content.BroadcastChannel('mci-viewer-handoff');
      content.__mciHeard = [];
      heard.onmessage = (e) => content.__mciHeard.push(e.data.type);
      content.__mciChannel = heard;
      const open = content.open;
      content.open = function (...args) { const w = open.apply(content, args); content.__mciOpened = w; return w; };
      doc.querySelector('[data-testid=open-viewer]').click();
      content.open = open;
      const status = doc.querySelector('[data-testid=statusbar]').textContent;
      return { calls: Number(/([\\d,]+) Media Collection call/.exec(status)[1].replace(/,/g, '')), sessions: doc.querySelectorAll('[data-testid=session]').length };
    })()`);
    try {
      assert.ok(panel.sessions > 0, `${drv.browser}: the panel has sessions to hand over`);
      await waitFor(drv, 'the viewer never said it shows the capture', `content.__mciHeard.join(' ') === 'ask capture shown'`, undefined, 15_000);
    } finally {
      await drv.inPanel<boolean>('(() => { if (content.__mciOpened) content.__mciOpened.close(); content.__mciChannel.close(); return true; })()');
    }
    // The viewer drew the panel's requests and sessions, and said so to the panel.
    const shown = `The viewer tab shows ${panel.calls} Media Collection call${panel.calls === 1 ? '' : 's'} in ${panel.sessions} session${panel.sessions === 1 ? '' : 's'}`;
    await waitFor(drv, `the panel does not say "${shown}"`, `(content.document.querySelector('[data-testid=notice]') || {}).textContent === ${JSON.stringify(shown)}`);
  });
}

/**
 * The panel as a QA engineer uses it, in a real browser (the same checks for Chromium and Firefox):
 * a session click leads to its requests and first finding, filters say how many rows they hide and
 * never hide a ping with a finding, the findings column stays readable at 800, 1000 and 1280 px,
 * text is at DevTools' size, and the list follows new requests until the user scrolls away.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { PanelView } from './panel-dom.ts';
import { click, sleep } from './panel-actions.ts';

export interface HabitsDriver {
  browser: 'chromium' | 'firefox';
  /** Evaluates an expression (source text; `content` is the panel's window) in the panel; its JSON value. */
  inPanel<T>(source: string): Promise<T>;
  /**
   * Clears the panel, runs a demo scenario and waits until the panel shows at least `minRows` rows
   * (reading scrolls the list).
   */
  scenario(name: string, minRows: number): Promise<PanelView>;
  /** Runs a demo scenario in the page only, without reading the panel (over a protocol of the demo's switch). */
  play(name: string, protocol?: 'collection' | 'edge' | 'websdk'): Promise<void>;
  resize(width: number, height: number): Promise<void>;
  screenshot?(name: string): Promise<void>;
}

/** What the list draws now (its rows in view) and how it is scrolled. */
interface ListState {
  rows: { exchange: number; sid: string; event: string; codes: string; selected: boolean }[];
  shown: string;
  scrollTop: number;
  atEnd: boolean;
  fontSize: string;
}

const LIST_STATE = `new Promise((resolve) => content.requestAnimationFrame(() => content.setTimeout(() => {
  const doc = content.document;
  const list = doc.querySelector('[data-testid=request-list]');
  const rows = [...doc.querySelectorAll('[data-testid=request-row]')].map((r) => ({
    exchange: Number(r.dataset.exchange), sid: r.dataset.sid || '', event: r.dataset.event || '', codes: r.dataset.codes || '',
    selected: r.getAttribute('aria-selected') === 'true',
  }));
  const row = doc.querySelector('[data-testid=request-row]');
  resolve({
    rows,
    shown: (doc.querySelector('[data-testid=shown-count]') || {}).textContent || '',
    scrollTop: list ? list.scrollTop : -1,
    atEnd: list ? list.scrollTop + list.clientHeight >= list.scrollHeight - 22 : false,
    fontSize: row ? content.getComputedStyle(row).fontSize : '',
  });
}, 60)))`;

const listState = (d: HabitsDriver) => d.inPanel<ListState>(LIST_STATE);

/** Waits until `check` holds for the list, or fails with the last state seen. */
async function waitForList(d: HabitsDriver, what: string, check: (s: ListState) => boolean, ms = 8000): Promise<ListState> {
  const until = Date.now() + ms;
  let s = await listState(d);
  while (!check(s)) {
    if (Date.now() > until) assert.fail(`${d.browser}: ${what}; the list shows ${JSON.stringify({ ...s, rows: s.rows.slice(0, 8) })}`);
    await sleep(150);
    s = await listState(d);
  }
  return s;
}

export function panelHabits(d: () => HabitsDriver): void {
  test('text is at DevTools\' own size (12 px in Chrome, 11 px in Firefox), not the 9 px of a 75% body', async () => {
    const drv = d();
    await drv.scenario('clean', 48);
    const s = await listState(drv);
    assert.equal(s.fontSize, drv.browser === 'firefox' ? '11px' : '12px');
  });

  test('the list follows new requests to its end, until the user scrolls away', async () => {
    const drv = d();
    await click(drv, '[data-testid=all-sessions]');
    const scrollTo = (where: 'top' | 'end') => drv.inPanel<boolean>(`(() => {
      const l = content.document.querySelector('[data-testid=request-list]');
      l.scrollTop = ${where === 'top' ? '0' : 'l.scrollHeight'};
      return true;
    })()`);
    // Counts, not exact numbers: Firefox's DevTools may lose a call (README, Known limits).
    const count = (st: ListState) => Number(/^([\d,]+)/.exec(st.shown)?.[1]?.replace(/,/g, '') ?? 0);
    // New rows have come, and the rest of the session has had time to land.
    const arrived = async (before: number, what: string) => {
      await waitForList(drv, what, (st) => count(st) > before);
      await sleep(1500);
      return listState(drv);
    };
    // The user scrolls to the end: the next session's requests come into view as they arrive.
    await scrollTo('end');
    await sleep(300);
    const before = count(await listState(drv));
    await drv.play('after-end');
    await arrived(before, 'the after-end session did not arrive');
    // Still at its end once the new rows have come: the list followed them.
    await waitForList(drv, 'the list did not follow the after-end session to its end', (st) => st.atEnd && count(st) > before);
    // The user scrolls to the top: a new session must not pull the list back down.
    await scrollTo('top');
    await sleep(300);
    const atTop = count(await listState(drv));
    await drv.play('orphan-ad');
    const stayed = await arrived(atTop, 'the orphan-ad session did not arrive');
    assert.equal(stayed.scrollTop, 0, `${drv.browser}: the list jumped while the user was reading its top`);
  });

  test('clicking a session brings its requests into view and selects its first finding; All sessions lists everything', async () => {
    const drv = d();
    // The orphan-ad session of the test before (played now if that test did not run).
    const orphanSid = () => drv.inPanel<string>(`(() => {
      const orphan = [...content.document.querySelectorAll('[data-testid=session]')].find((s) => (s.querySelector('[data-testid=session-first-finding]') || {}).textContent === 'ad.orphan-start');
      return orphan ? orphan.dataset.sid : '';
    })()`);
    let sid = await orphanSid();
    if (!sid) {
      await drv.play('orphan-ad');
      for (let i = 0; !sid && i < 30; i++) {
        await sleep(200);
        sid = await orphanSid();
      }
    }
    assert.ok(sid, `${drv.browser}: no session whose first finding is ad.orphan-start`);
    await drv.inPanel<boolean>(`(() => { content.document.querySelector('[data-testid=session][data-sid="${sid}"]').click(); return true; })()`);
    const s = await waitForList(drv, 'the orphan session\'s requests were not shown', (st) => st.rows.length > 0 && st.rows.every((r) => r.sid === sid));
    const selected = s.rows.find((r) => r.selected);
    assert.ok(selected?.codes.includes('ad.orphan-start'), `${drv.browser}: the selected request is the orphan adStart (${JSON.stringify(selected)})`);
    assert.match(s.shown, /^\d+ of \d+ shown$/, 'the list says it shows one session of several');
    await click(drv, '[data-testid=all-sessions]');
    await waitForList(drv, 'All sessions did not bring every request back', (st) => /requests$/.test(st.shown));
  });

  test('Hide pings and the Errors filter never hide a ping with a finding, and the list says how many rows are hidden', async () => {
    const drv = d();
    const view = await drv.scenario('lost-session', 9);
    const lost = view.rows.filter((r) => r.codes.includes('http.session-not-found'));
    assert.ok(lost.length > 0, 'the 404s are listed');
    // And a 410 on a ping, from a session after its sessionEnd (no clear: sessions accumulate).
    await drv.play('after-end');
    await sleep(1500);
    await click(drv, '[data-testid=all-sessions]');
    await drv.inPanel<boolean>(`(() => {
      const sev = content.document.querySelector('[data-testid=filter-severity]');
      sev.value = 'error';
      sev.dispatchEvent(new content.Event('change', { bubbles: true }));
      const pings = content.document.querySelector('[data-testid=hide-pings]');
      if (!pings.checked) pings.click();
      return true;
    })()`);
    const s = await waitForList(drv, 'the filtered list', (st) => /of \d+ shown/.test(st.shown));
    assert.ok(s.rows.some((r) => r.event === 'ping' && r.codes.includes('http.session-not-found')), `${drv.browser}: a ping with http.session-not-found stays in view (${s.shown})`);
    // The after-end session's 410 ping, unless Firefox's DevTools lost it (then the list has no such row at all).
    const all = (await drv.inPanel<string[]>('[...content.document.querySelectorAll("[data-testid=session]")].map((x) => (x.querySelector("[data-testid=session-first-finding]") || {}).textContent || "")')).join(' ');
    if (all.includes('http.session-gone')) assert.ok(s.rows.some((r) => r.event === 'ping' && r.codes.includes('http.session-gone')), `${drv.browser}: the 410 ping stays in view (${s.shown})`);
    await drv.inPanel<boolean>(`(() => {
      const sev = content.document.querySelector('[data-testid=filter-severity]');
      sev.value = 'all';
      sev.dispatchEvent(new content.Event('change', { bubbles: true }));
      content.document.querySelector('[data-testid=hide-pings]').click();
      return true;
    })()`);
  });

  test('the findings column stays readable at 1280, 1000 and 800 px, and every cut says so', async () => {
    const drv = d();
    for (const width of [1280, 1000, 800]) {
      await drv.resize(width, 1000);
      await sleep(400);
      const cells = await drv.inPanel<{ width: number; panel: number; badge: number; more: boolean; codes: number }[]>(`(() => {
        const doc = content.document;
        return [...doc.querySelectorAll('[data-testid=request-row]')].filter((r) => r.dataset.codes).map((r) => {
          const cell = r.querySelector('[data-testid=findings-cell]');
          const box = cell ? cell.getBoundingClientRect() : { width: 0, right: 0 };
          const row = r.getBoundingClientRect();
          const badge = cell && cell.querySelector('.badge[data-code]');
          const shown = cell ? [...cell.querySelectorAll('.badge[data-code]')].filter((b) => b.getBoundingClientRect().width > 0).length : 0;
          const codes = new Set(r.dataset.codes.split(' ')).size;
          const more = !!(cell && [...cell.querySelectorAll('[data-testid=more-findings]')].some((b) => b.getBoundingClientRect().width > 0));
          return { width: box.right <= row.right + 1 ? box.width : 0, panel: content.innerWidth, badge: badge ? badge.getBoundingClientRect().width : 0, more: shown < codes ? more : true, codes };
        });
      })()`);
      assert.ok(cells.length > 0, `${drv.browser} at ${width} px: rows with findings are drawn`);
      for (const c of cells) {
        assert.ok(c.width >= 100, `${drv.browser} at ${width} px (panel ${c.panel} px): the findings column is ${c.width} px wide`);
        assert.ok(c.badge >= 30, `${drv.browser} at ${width} px: the first badge is ${c.badge} px wide`);
        assert.ok(c.more, `${drv.browser} at ${width} px: a cell that does not show all ${c.codes} codes says "+N"`);
      }
      await drv.screenshot?.(`panel-${drv.browser}-${width}`);
    }
    await drv.resize(1600, 1000);
  });
}

/** Media Edge traffic from the demo, in the real panel: the same findings as over Media Collection. */
export function panelEdge(d: () => HabitsDriver): void {
  test('Media Edge: the demo\'s scenarios sent the Web SDK\'s way and directly show as Edge sessions with their findings', async () => {
    const drv = d();
    await click(drv, '[data-testid=all-sessions]');
    const sessionsNow = () => drv.inPanel<{ sid: string; protocol: string; first: string }[]>(`[...content.document.querySelectorAll('[data-testid=session]')].map((s) => ({
      sid: s.dataset.sid, protocol: (s.querySelector('[data-testid=session-protocol]') || {}).textContent || '', first: (s.querySelector('[data-testid=session-first-finding]') || {}).textContent || '' }))`);
    const waitForSession = async (what: string, match: (s: { sid: string; protocol: string; first: string }) => boolean) => {
      const until = Date.now() + 15_000;
      for (;;) {
        const found = (await sessionsNow()).find(match);
        if (found) return found;
        if (Date.now() > until) assert.fail(`${drv.browser}: ${what}; sessions: ${JSON.stringify(await sessionsNow())}`);
        await sleep(250);
      }
    };
    const isOrphan = (s: { protocol: string; first: string }) => s.protocol === 'Edge · Web SDK' && s.first === 'ad.orphan-start';
    await drv.play('orphan-ad', 'websdk');
    const orphan = await waitForSession('no Web SDK-style Edge session with ad.orphan-start', isOrphan);
    // The events Edge answered 404, found among the Edge calls (the text filter searches URLs),
    // with http.session-not-found.
    const filter = (text: string) => drv.inPanel<boolean>(`(() => {
      const input = content.document.querySelector('[data-testid=filter-text]');
      input.value = ${JSON.stringify('')} + ${JSON.stringify(text)};
      input.dispatchEvent(new content.Event('input', { bubbles: true }));
      return true;
    })()`);
    const lostShown = (st: ListState) => st.rows.some((r) => r.codes.includes('http.session-not-found'));
    await drv.play('lost-session', 'edge');
    await filter('/va/v1/');
    await waitForList(drv, 'no Edge event answered 404 with its finding', lostShown);
    await filter('');
    // The orphan's session leads to its adStart, whose body is Edge's XDM.
    await drv.inPanel<boolean>(`(() => { content.document.querySelector('[data-testid=session][data-sid="${orphan.sid}"]').click(); return true; })()`);
    const s = await waitForList(drv, 'the Edge session\'s requests', (st) => st.rows.length > 0 && st.rows.every((r) => r.sid === orphan.sid) && st.rows.some((r) => r.selected));
    const selected = s.rows.find((r) => r.selected);
    assert.equal(selected?.event, 'adStart', `${drv.browser}: the first finding selected is the orphan adStart`);
    assert.ok(selected?.codes.includes('ad.orphan-start'), `${drv.browser}: it carries ad.orphan-start`);
  });
}

/**
 * The Media Edge recordings of each client style (test/fixtures/edge-*.har), dropped on the panel
 * as a tester would drop a HAR someone sent: the correct session is clean, the broken ones show
 * their codes. (Dropping replaces the capture: run last.)
 */
export function panelEdgeRecordings(d: () => HabitsDriver): void {
  for (const style of ['web-sdk', 'mobile', 'direct']) {
    test(`Media Edge recording (${style} style) dropped on the panel: the broken sessions' codes, none in the correct one`, async () => {
      const drv = d();
      const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', `edge-${style}.har`), 'utf8');
      await drv.inPanel<boolean>(`(() => {
        const doc = content.document;
        const data = new content.DataTransfer();
        data.items.add(new content.File([${JSON.stringify(text)}], 'edge-${style}.har', { type: 'application/json' }));
        doc.dispatchEvent(new content.DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
        return true;
      })()`);
      const codesBySession = () => drv.inPanel<Record<string, string>>(`(() => {
        const out = {};
        for (const s of content.document.querySelectorAll('[data-testid=session]')) out[s.dataset.sid] = (s.querySelector('[data-testid=session-protocol]') || {}).textContent + '|' + ((s.querySelector('[data-testid=session-first-finding]') || {}).textContent || '');
        return out;
      })()`);
      const tag = style === 'web-sdk' ? 'Edge · Web SDK' : 'Edge';
      const until = Date.now() + 10_000;
      let seen: Record<string, string> = {};
      for (;;) {
        seen = await codesBySession();
        // The recording's three sessions (test/helpers/edge-scenarios.ts), and nothing else: the drop replaced the capture.
        const sids = Object.keys(seen);
        const correct = Object.entries(seen).find(([sid]) => sid.startsWith('eeee'))?.[1] ?? '';
        const notice = await drv.inPanel<string>('(content.document.querySelector("[data-testid=notice]") || {}).textContent || ""');
        if (notice.includes(`edge-${style}.har`) && sids.length === 3 && sids.every((sid) => /0000(edge|lost)$/.test(sid)) && correct.startsWith(`${tag}|`)) break;
        if (Date.now() > until) assert.fail(`${drv.browser}: the recording's sessions did not appear (${JSON.stringify(seen)})`);
        await sleep(200);
      }
      const values = Object.values(seen);
      assert.ok(values.includes(`${tag}|`), `${drv.browser}: the correct session has no finding worse than info (${JSON.stringify(seen)})`);
      assert.ok(values.includes(`${tag}|edge.path-mismatch`) || values.includes(`${tag}|ad.orphan-start`), `${drv.browser}: the broken session leads with its error (${JSON.stringify(seen)})`);
      assert.ok(values.some((v) => v.endsWith('|http.session-not-found')), `${drv.browser}: the events answered 404 (${JSON.stringify(seen)})`);
      const status = await drv.inPanel<string>('content.document.querySelector("[data-testid=statusbar]").textContent');
      assert.match(status, /[1-9]\d* errors/, `${drv.browser}: errors counted (${status})`);
    });
  }
  test('Media Edge sessions as Adobe\'s clients send them (mobile, Web SDK automatic, manual, legacy), dropped on the panel: 21 sessions, no warning, no error', async () => {
    const drv = d();
    const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'edge-sdk-clients.har'), 'utf8');
    await drv.inPanel<boolean>(`(() => {
      const data = new content.DataTransfer();
      data.items.add(new content.File([${JSON.stringify(text)}], 'edge-sdk-clients.har', { type: 'application/json' }));
      content.document.dispatchEvent(new content.DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      return true;
    })()`);
    const read = () => drv.inPanel<{ notice: string; sessions: number; firsts: string[]; status: string }>(`(() => {
      const doc = content.document;
      return {
        notice: (doc.querySelector('[data-testid=notice]') || {}).textContent || '',
        sessions: doc.querySelectorAll('[data-testid=session]').length,
        firsts: [...doc.querySelectorAll('[data-testid=session-first-finding]')].map((e) => e.textContent),
        status: doc.querySelector('[data-testid=statusbar]').textContent,
      };
    })()`);
    const until = Date.now() + 15_000;
    let seen = await read();
    while (!(seen.notice.includes('edge-sdk-clients.har') && seen.sessions === 21)) {
      if (Date.now() > until) assert.fail(`${drv.browser}: the recording's 21 sessions did not appear (${JSON.stringify(seen)})`);
      await sleep(200);
      seen = await read();
    }
    assert.deepEqual(seen.firsts, [], `${drv.browser}: no session leads with a finding`);
    assert.match(seen.status, /(^|\D)0 errors · 0 warnings/, `${drv.browser}: ${seen.status}`);
  });
}

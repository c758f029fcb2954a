/**
 * What you click is what you see, in the real panel (issue 22; the same checks for Chromium and
 * Firefox): under *All sessions* a click on an older session's 410 brings that session into the
 * summary and the timeline; a session click shows its first finding in the Findings tab; a HAR
 * dropped on the panel opens in a view of its own while the live capture goes on, and "Back to live
 * capture" brings the capture back whole; docked right at 600 px every session row keeps its colour
 * chip and its worst finding's code, uncut.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { HabitsDriver } from './panel-habits.ts';
import { click, sleep } from './panel-actions.ts';

/** Polls `read` until `check` holds, or fails with what was last seen. */
async function until<T>(drv: HabitsDriver, what: string, read: () => Promise<T>, check: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await read();
  while (!check(v)) {
    if (Date.now() > end) assert.fail(`${drv.browser}: ${what}; last seen ${JSON.stringify(v)}`);
    await sleep(200);
    v = await read();
  }
  return v;
}

function filter(drv: HabitsDriver, text: string): Promise<boolean> {
  return drv.inPanel<boolean>(`(() => {
    const input = content.document.querySelector('[data-testid=filter-text]');
    input.value = ${JSON.stringify(text)};
    input.dispatchEvent(new content.Event('input', { bubbles: true }));
    return true;
  })()`);
}

/** What the selection shows: the summary's session, the timeline's sessions, the details' tab, the outlined session. */
interface Shown {
  summary: string;
  timeline: string[];
  tab: string;
  outlined: string[];
  sessions: string[];
  fileBar: string;
  notice: string;
}

const SHOWN = `(() => {
  const doc = content.document;
  const summary = doc.querySelector('[data-testid=summary-of]');
  const tab = doc.querySelector('[data-testid=details] .tab-body');
  return {
    summary: summary ? summary.dataset.sid || '' : '',
    timeline: [...doc.querySelectorAll('[data-testid=timeline] [data-sid]')].map((g) => g.dataset.sid),
    tab: tab ? tab.dataset.testid || '' : '',
    outlined: [...doc.querySelectorAll('[data-testid=session].shown')].map((s) => s.dataset.sid),
    sessions: [...doc.querySelectorAll('[data-testid=session]')].map((s) => s.dataset.sid),
    fileBar: (doc.querySelector('[data-testid=file-view-bar]') || {}).textContent || '',
    notice: (doc.querySelector('[data-testid=notice]') || {}).textContent || '',
  };
})()`;

const shown = (drv: HabitsDriver) => drv.inPanel<Shown>(SHOWN);

/** Back to the live capture if a test before left a file's view open. */
async function live(drv: HabitsDriver): Promise<void> {
  if ((await shown(drv)).fileBar) await click(drv, '[data-testid=back-to-live]');
}

/** Sessions to work with, one of them with a finding (the tests before may have left them; run alone, they play one). */
async function withSessions(drv: HabitsDriver): Promise<void> {
  const has = () => drv.inPanel<boolean>('!!content.document.querySelector("[data-testid=session-first-finding]")');
  if (await has()) return;
  await drv.play('orphan-ad');
  await until(drv, 'the orphan-ad session did not arrive', has, (v) => v);
}

export function panelSelection(d: () => HabitsDriver): void {
  test('All sessions: a click on an older session\'s 410 brings it into the summary and the timeline; a session click shows Findings', async () => {
    const drv = d();
    await live(drv);
    await drv.scenario('after-end', 5);
    // The 410 and its session, before a newer session arrives.
    const goneRow = () => drv.inPanel<{ exchange: number; sid: string } | null>(`(() => {
      const r = [...content.document.querySelectorAll('[data-testid=request-row]')].find((x) => (x.dataset.codes || '').includes('http.session-gone'));
      return r ? { exchange: Number(r.dataset.exchange), sid: r.dataset.sid } : null;
    })()`);
    const gone = await until(drv, 'the after-end session\'s 410 is not listed', goneRow, (r) => r !== null);
    assert.ok(gone);
    await drv.play('clean');
    await click(drv, '[data-testid=all-sessions]');
    const before = await until(drv, 'the clean session did not become the newest', () => shown(drv), (s) => s.sessions.length >= 2 && s.summary !== '' && s.summary !== gone.sid);
    assert.ok(!before.timeline.includes(gone.sid), `${drv.browser}: the timeline shows the newest session before the click`);
    // Found through the filter (the list keeps All sessions), clicked, and the filter cleared.
    await filter(drv, 'http.session-gone');
    await until(drv, 'the filter did not find the 410', goneRow, (r) => r !== null);
    await click(drv, `[data-testid=request-row][data-exchange="${gone.exchange}"]`);
    await filter(drv, '');
    const after = await until(drv, 'the summary did not follow the 410\'s session', () => shown(drv), (s) => s.summary === gone.sid);
    assert.ok(after.timeline.includes(gone.sid), `${drv.browser}: the timeline shows the 410's session (${JSON.stringify(after.timeline)})`);
    assert.deepEqual(after.outlined, [gone.sid], `${drv.browser}: the sessions pane outlines the shown session`);
    // The Headers tab, then a click on the session: its first finding, in the Findings tab.
    await click(drv, '[data-testid=tab-Headers]');
    await until(drv, 'the Headers tab did not open', () => shown(drv), (s) => s.tab === 'details-Headers');
    await click(drv, `[data-testid=session][data-sid="${gone.sid}"]`);
    const picked = await until(drv, 'a session click did not bring the Findings tab', () => shown(drv), (s) => s.tab === 'details-Findings');
    assert.equal(picked.summary, gone.sid);
    const findings = await drv.inPanel<string[]>('[...content.document.querySelectorAll("[data-testid=finding]")].map((f) => f.dataset.code)');
    assert.ok(findings.length > 0, `${drv.browser}: the session's first finding is shown`);
    await click(drv, '[data-testid=all-sessions]');
  });

  test('a HAR dropped on the panel opens in its own view; the live capture goes on and comes back with "Back to live capture"', async () => {
    const drv = d();
    await live(drv);
    await withSessions(drv);
    await click(drv, '[data-testid=all-sessions]');
    const liveBefore = await until(drv, 'no live session to keep', () => shown(drv), (s) => s.sessions.length > 0);
    const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'vod-clean.har'), 'utf8');
    const fileSids = [...new Set([...text.matchAll(/\/sessions\/([0-9a-f]{16,})\//g)].map((m) => m[1] as string))];
    assert.equal(fileSids.length, 1, 'the fixture has one session');
    await drv.inPanel<boolean>(`(() => {
      const data = new content.DataTransfer();
      data.items.add(new content.File([${JSON.stringify(text)}], 'vod-clean.har', { type: 'application/json' }));
      content.document.dispatchEvent(new content.DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      return true;
    })()`);
    const opened = await until(drv, 'the file\'s view did not open', () => shown(drv), (s) => s.fileBar.includes('vod-clean.har'));
    assert.deepEqual(opened.sessions, fileSids, `${drv.browser}: only the file's session is listed`);
    assert.match(opened.notice, /^Opened vod-clean\.har \(HAR\)/);
    await drv.screenshot?.(`panel-${drv.browser}-file-view`);
    // Live traffic while the file is shown goes to the live capture, not into the file.
    await drv.play('orphan-ad');
    const meanwhile = await until(drv, 'the bar did not count the live capture\'s new calls', () => shown(drv), (s) => /new Media Collection calls? since/.test(s.fileBar));
    assert.deepEqual(meanwhile.sessions, fileSids, `${drv.browser}: live traffic did not merge into the file`);
    await click(drv, '[data-testid=back-to-live]');
    const back = await until(drv, 'the live capture did not come back with the new session', () => shown(drv), (s) => !s.fileBar && s.sessions.length > liveBefore.sessions.length);
    for (const sid of liveBefore.sessions) assert.ok(back.sessions.includes(sid), `${drv.browser}: live session ${sid} came back`);
    assert.ok(!back.sessions.some((sid) => fileSids.includes(sid)), `${drv.browser}: the file's session went with the file`);
    assert.doesNotMatch(back.notice, /Opened/, `${drv.browser}: the "Opened…" notice went with the file`);
  });

  test('docked right at 600 px, every session row keeps its colour chip and its worst finding\'s code, uncut', async () => {
    const drv = d();
    await live(drv);
    await withSessions(drv);
    await drv.resize(600, 900);
    try {
      await sleep(400);
      const rows = await drv.inPanel<{ sid: string; chip: number; code: string; codeW: number; cut: boolean; inside: boolean }[]>(`(() => {
        return [...content.document.querySelectorAll('[data-testid=session]')].map((s) => {
          const chip = s.querySelector('[data-testid=session-chip]');
          const code = s.querySelector('[data-testid=session-first-finding]');
          const box = code ? code.getBoundingClientRect() : null;
          const row = s.getBoundingClientRect();
          return {
            sid: s.dataset.sid, chip: chip ? chip.getBoundingClientRect().width : 0,
            code: code ? code.textContent : '', codeW: box ? box.width : 0,
            cut: code ? code.scrollWidth > code.clientWidth + 1 : false,
            inside: box ? box.right <= row.right + 1 && box.left >= row.left - 1 : true,
          };
        });
      })()`);
      assert.ok(rows.length > 0, `${drv.browser}: sessions are listed`);
      assert.ok(rows.some((r) => r.code), `${drv.browser}: some session leads with a finding`);
      for (const r of rows) {
        assert.ok(r.chip >= 6, `${drv.browser} at 600 px: session ${r.sid} has its colour chip (${r.chip} px)`);
        if (!r.code) continue;
        assert.ok(r.codeW > 0 && !r.cut && r.inside, `${drv.browser} at 600 px: ${r.code} is shown whole (${JSON.stringify(r)})`);
      }
      await drv.screenshot?.(`panel-${drv.browser}-600-sessions`);
    } finally {
      await drv.resize(1600, 1000);
    }
  });
}

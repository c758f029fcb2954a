/**
 * The request list's Network-panel habits in a real browser (the same checks for Chromium and
 * Firefox; issue 22, items 6, 11, 14, 15): property filters and their negation, the header's
 * context menu hiding a column, "Copy all as cURL" handing over one bash command per listed
 * request, and at 1000 px a sorted "status" header and 4-digit times drawn whole, the sessions
 * told apart by their chips.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SID, SID2, T0, ev, eventEntry, har, sessionStartBody, sessionsEntry } from '../helpers/har-builder.ts';
import type { HabitsDriver } from './panel-habits.ts';
import { sleep, waitFor } from './panel-actions.ts';

/** Types into the toolbar's filter box, as the input event a keystroke makes. */
function filter(d: HabitsDriver, text: string): Promise<boolean> {
  return d.inPanel<boolean>(`(() => {
    const input = content.document.querySelector('[data-testid=filter-text]');
    input.value = ${JSON.stringify(text)};
    input.dispatchEvent(new content.Event('input', { bubbles: true }));
    return true;
  })()`);
}

/** The rows drawn: exchange and status cell; and the shown count. */
interface Listed {
  rows: { exchange: number; status: string }[];
  shown: string;
}

const LISTED = `(() => {
  const doc = content.document;
  return {
    rows: [...doc.querySelectorAll('[data-testid=request-row]')].map((r) => ({ exchange: Number(r.dataset.exchange), status: ((r.querySelector('.status') || {}).textContent || '').trim() })),
    shown: (doc.querySelector('[data-testid=shown-count]') || {}).textContent || '',
  };
})()`;

const listed = (d: HabitsDriver) => d.inPanel<Listed>(LISTED);

/** "12 of 87 shown" or "87 requests": [shown, total]. */
function counts(shown: string): [number, number] {
  const n = (s: string | undefined) => Number((s ?? '0').replace(/,/g, ''));
  const of = /^([\d,]+) of ([\d,]+) shown$/.exec(shown);
  if (of) return [n(of[1]), n(of[2])];
  const all = /^([\d,]+) requests$/.exec(shown);
  return [n(all?.[1]), n(all?.[1])];
}

/** Two sessions of half an hour, their events seconds apart at the start and minutes apart later. */
function longRecording(): string {
  return JSON.stringify(har([
    sessionsEntry(sessionStartBody(T0), SID, { at: 0 }),
    eventEntry(SID, ev('play', 0, T0 + 5), { at: 5 }),
    sessionsEntry(sessionStartBody(T0 + 2000, { 'media.id': 'vod-2', 'media.name': 'Second film' }), SID2, { at: 2000 }),
    eventEntry(SID2, ev('play', 0, T0 + 2005), { at: 2005 }),
    eventEntry(SID, ev('ping', 10, T0 + 10_005), { at: 10_005 }),
    eventEntry(SID2, ev('ping', 10, T0 + 12_005), { at: 12_005 }),
    eventEntry(SID, ev('ping', 1000, T0 + 1_000_260), { at: 1_000_260 }),
    eventEntry(SID2, ev('ping', 1200, T0 + 1_202_005), { at: 1_202_005 }),
    eventEntry(SID, ev('ping', 1800, T0 + 1_800_005), { at: 1_800_005 }),
    eventEntry(SID, ev('sessionEnd', 1800, T0 + 1_800_010), { at: 1_800_010 }),
  ]));
}

export function panelList(d: () => HabitsDriver): void {
  test('list: status-code:410 keeps the 410, -status-code:410 everything else; an unknown property is said', async () => {
    const drv = d();
    await drv.scenario('after-end', 5);
    await drv.inPanel<boolean>('(() => { content.document.querySelector("[data-testid=all-sessions]").click(); return true; })()');
    const before = await listed(drv);
    const total = counts(before.shown)[0];
    const gone = before.rows.filter((r) => r.status === '410').length;
    assert.ok(gone >= 1, `${drv.browser}: the after-end scenario's 410 is listed (${JSON.stringify(before)})`);

    await filter(drv, 'status-code:410');
    await waitFor(drv, 'status-code:410 did not keep the 410s alone',
      `(() => { const l = ${LISTED}; return l.rows.length === ${gone} && l.rows.every((r) => r.status === '410'); })()`, `JSON.stringify(${LISTED})`);
    await filter(drv, '-status-code:410');
    await waitFor(drv, '-status-code:410 did not keep every other request',
      `(() => { const l = ${LISTED}; return l.rows.length === ${total - gone} && l.rows.every((r) => r.status !== '410'); })()`, `JSON.stringify(${LISTED})`);

    await filter(drv, 'status:410');
    await waitFor(drv, 'no visible hint for an unknown property',
      `(() => { const h = content.document.querySelector('[data-testid=filter-hint]'); return !!h && h.getBoundingClientRect().width > 20 && /unknown property "status:"/.test(h.textContent); })()`);
    const help = await drv.inPanel<string>('content.document.querySelector("[data-testid=filter-text]").title');
    assert.match(help, /status-code:410/, `${drv.browser}: the filter box's tooltip shows the syntax`);
    await filter(drv, '');
  });

  test('list: "Copy all as cURL" hands over one multi-line bash command per listed request', async () => {
    const drv = d();
    await filter(drv, 'event:ping');
    await waitFor(drv, 'event:ping listed no ping alone', `(() => { const r = content.document.querySelectorAll('[data-testid=request-row]'); return r.length > 0 && [...r].every((x) => x.dataset.event === 'ping'); })()`);
    const pings = (await listed(drv)).rows.length;
    // The text the panel hands to the clipboard, recorded on its way (the real clipboard still gets it).
    await drv.inPanel<boolean>(`(() => {
      content.__mciCopied = [];
      const clip = content.navigator.clipboard;
      if (clip && !clip.__mciRecorded) {
        const write = clip.writeText.bind(clip);
        clip.writeText = (t) => { content.__mciCopied.push(t); return write(t); };
        clip.__mciRecorded = true;
      }
      const row = content.document.querySelector('[data-testid=request-row]');
      const box = row.getBoundingClientRect();
      row.dispatchEvent(new content.MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: box.left + 20, clientY: box.top + 5 }));
      return true;
    })()`);
    await waitFor(drv, 'no row menu', `!!content.document.querySelector('[data-testid=row-menu]')`);
    await drv.inPanel<boolean>(`(() => {
      const item = [...content.document.querySelectorAll('[data-testid=row-menu-item]')].find((b) => b.textContent === 'Copy all as cURL');
      item.click();
      return true;
    })()`);
    // A click made by a script has no user activation: Firefox refuses it the clipboard (a tester's
    // click is allowed), so the notice may say so; what the panel handed over is checked either way.
    await waitFor(drv, 'the copy was not reported', `/^(Copied|Could not copy) ${pings} cURL commands?\\b/.test((content.document.querySelector('[data-testid=notice]') || {}).textContent || '')`,
      `(content.document.querySelector('[data-testid=notice]') || {}).textContent`);
    if (drv.browser === 'chromium') {
      const notice = await drv.inPanel<string>('content.document.querySelector("[data-testid=notice]").textContent');
      assert.match(notice, /^Copied /, `${drv.browser}: the clipboard took it`);
    }
    const copied = await drv.inPanel<string[]>('content.__mciCopied');
    assert.equal(copied.length, 1, `${drv.browser}: one copy`);
    const commands = (copied[0] ?? '').split(' ;\n');
    assert.equal(commands.length, pings, `${drv.browser}: one command per listed ping`);
    for (const cmd of commands) {
      const lines = cmd.split('\n');
      assert.match(lines[0] ?? '', /^curl 'http:\/\/[^']+\/api\/v1\/sessions\/[0-9a-f]+\/events' \\$/, `${drv.browser}: the URL first: ${lines[0]}`);
      assert.ok(lines.slice(1, -1).every((l) => /^ {2}(-H|-X) '.*' \\$/.test(l)), `${drv.browser}: one header per line:\n${cmd}`);
      assert.match(lines.at(-1) ?? '', /^ {2}--data-raw '.*"eventType":"ping".*'$/, `${drv.browser}: the body last`);
    }
    await filter(drv, '');
  });

  test('list: the header\'s context menu hides a column and shows it again', async () => {
    const drv = d();
    const columns = () => drv.inPanel<string[]>('[...content.document.querySelectorAll("[data-testid=column-header]")].map((h) => h.dataset.column)');
    assert.ok((await columns()).includes('status'), `${drv.browser}: the status column is shown`);
    const toggle = (id: string) => drv.inPanel<boolean>(`(() => {
      const header = content.document.querySelector('[data-testid=header-row]');
      const box = header.getBoundingClientRect();
      header.dispatchEvent(new content.MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: box.left + 30, clientY: box.top + 5 }));
      return true;
    })()`).then(() => waitFor(drv, 'no column menu', `!!content.document.querySelector('[data-testid=column-menu]')`))
      .then(() => drv.inPanel<boolean>(`(() => { content.document.querySelector('[data-testid=column-menu-item][data-column=${id}]').click(); return true; })()`));
    await toggle('status');
    await waitFor(drv, 'the status column was not hidden', `!content.document.querySelector('[data-testid=column-header][data-column=status]') && !content.document.querySelector('[data-testid=request-row] .status')`);
    await toggle('status');
    await waitFor(drv, 'the status column did not come back', `!!content.document.querySelector('[data-testid=column-header][data-column=status]') && !!content.document.querySelector('[data-testid=request-row] .status')`);
  });

  test('list at 1000 px: a sorted "status" header and 4-digit times drawn whole, each session\'s chip its own colour', async () => {
    const drv = d();
    await drv.inPanel<boolean>(`(() => {
      const data = new content.DataTransfer();
      data.items.add(new content.File([${JSON.stringify(longRecording())}], 'half-an-hour.har', { type: 'application/json' }));
      content.document.dispatchEvent(new content.DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      return true;
    })()`);
    await waitFor(drv, 'the half-hour recording was not listed', `content.document.querySelectorAll('[data-testid=request-row]').length === 10 && [...content.document.querySelectorAll('[data-testid=request-row]')].some((r) => r.dataset.sid.startsWith('bbbb'))`,
      `(content.document.querySelector('[data-testid=shown-count]') || {}).textContent`);
    try {
      await drv.resize(1000, 1000);
      await sleep(400);
      await drv.inPanel<boolean>('(() => { content.document.querySelector("[data-testid=column-header][data-column=status]").click(); return true; })()');
      await sleep(200);
      const seen = await drv.inPanel<{
        panel: number; list: number; columns: string[];
        status: { label: number; labelFull: number; arrow: string; arrowRight: number; right: number } | null;
        times: { text: string; scroll: number; client: number }[];
        chips: Record<string, string>;
      }>(`(() => {
        const doc = content.document;
        const head = doc.querySelector('[data-testid=column-header][data-column=status]');
        const label = head && head.querySelector('.label');
        const arrow = head && head.querySelector('.arrow');
        const chips = {};
        for (const r of doc.querySelectorAll('[data-testid=request-row]')) {
          const chip = r.querySelector('[data-testid=session-chip]');
          if (chip && chip.getBoundingClientRect().width > 0) chips[r.dataset.sid.slice(0, 4)] = content.getComputedStyle(chip).backgroundColor;
        }
        return {
          panel: content.innerWidth,
          list: doc.querySelector('[data-testid=request-list]').clientWidth,
          columns: [...doc.querySelectorAll('[data-testid=column-header]')].map((h) => h.dataset.column),
          status: head ? { label: label.clientWidth, labelFull: label.scrollWidth, arrow: arrow ? arrow.textContent : '', arrowRight: arrow ? arrow.getBoundingClientRect().right : 0, right: head.getBoundingClientRect().right } : null,
          times: [...doc.querySelectorAll('[data-testid=time-cell]')].map((t) => ({ text: t.textContent, scroll: t.scrollWidth, client: t.clientWidth })),
          chips,
        };
      })()`);
      const where = `${drv.browser} at 1000 px (panel ${seen.panel} px, list ${seen.list} px, columns ${seen.columns.join(' ')})`;
      await drv.screenshot?.(`panel-list-${drv.browser}-1000`);
      assert.ok(seen.status, `${where}: the status column is shown`);
      assert.ok(seen.status.labelFull <= seen.status.label, `${where}: "status" is whole (${seen.status.labelFull} px in ${seen.status.label})`);
      assert.equal(seen.status.arrow, '▲', `${where}: the sort arrow is drawn`);
      assert.ok(seen.status.arrowRight <= seen.status.right + 0.5, `${where}: the arrow is inside its header`);
      assert.ok(seen.columns.includes('time'), `${where}: the time column is kept`);
      assert.equal(seen.times.length, 10, `${where}: a time per row`);
      for (const t of seen.times) {
        assert.match(t.text, /^[+−]\d+:\d\d\.\d{3}$/, `${where}: m:ss.mmm for a half-hour list (${t.text})`);
        assert.ok(t.scroll <= t.client, `${where}: "${t.text}" is not cut (${t.scroll} px in ${t.client})`);
      }
      assert.ok(seen.times.some((t) => t.text === '+30:00.010'), `${where}: the last time is 30 minutes in (${seen.times.map((t) => t.text).join(' ')})`);
      assert.ok(seen.chips.aaaa && seen.chips.bbbb && seen.chips.aaaa !== seen.chips.bbbb, `${where}: each session's chip has its own colour (${JSON.stringify(seen.chips)})`);

      // Wide: the session column is back, its ellipsis clear of the event.
      await drv.resize(1600, 1000);
      await sleep(400);
      const gaps = await drv.inPanel<number[]>(`[...content.document.querySelectorAll('[data-testid=request-row]')].map((r) => {
        const sid = r.querySelector('.session-cell .sid');
        const event = r.querySelector('.event');
        return sid && event ? event.getBoundingClientRect().left - sid.getBoundingClientRect().right : -999;
      })`);
      await drv.screenshot?.(`panel-list-${drv.browser}-1600`);
      assert.ok(gaps.length === 10 && gaps.every((g) => g >= 4), `${drv.browser} at 1600 px: the sid's ellipsis keeps clear of the event (gaps ${gaps.join(', ')})`);
    } finally {
      await drv.resize(1600, 1000);
      // Unsorted again (ascending, descending, none), and back to the live capture.
      for (let i = 0; i < 2; i++) await drv.inPanel<boolean>('(() => { const h = content.document.querySelector("[data-testid=column-header][data-column=status]"); if (h && h.getAttribute("aria-sort") !== "none") h.click(); return true; })()');
      await drv.inPanel<boolean>('(() => { const b = content.document.querySelector("[data-testid=back-to-live]"); if (b) b.click(); return true; })()');
      await waitFor(drv, 'the live capture did not come back', '!content.document.querySelector("[data-testid=file-view-bar]")',
        '(content.document.querySelector("[data-testid=file-view-bar]") || {}).outerHTML');
    }
  });
}

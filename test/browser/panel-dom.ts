/**
 * Reads what the Media Collection panel shows, from inside the panel's document. The same
 * function runs in Chromium (Frame.evaluate) and in Firefox (as source text in a frame script),
 * so it is self-contained. The request list is virtualised: it scrolls through it to see every row.
 */
export interface PanelRow {
  exchange: number;
  event: string;
  sid: string;
  time: number;
  codes: string[];
  status: string;
}

export interface PanelView {
  sessions: { sid: string; text: string }[];
  rows: PanelRow[];
  empty: boolean;
  emptyText: string;
  status: string;
  findings: string[];
}

/**
 * Source text, not a function: the test runner's transpiler would add helpers (__name) that do not
 * exist in the panel's page. Evaluates to a Promise<PanelView>.
 */
export const READ_PANEL = `(async () => {
  // In a Firefox frame script the page is \`content\`; in Chromium it is the global window.
  const win = typeof content !== 'undefined' ? content : window;
  // Two animation frames and a little more: the virtualised list has drawn the rows for the new
  // scrollTop. A hidden document gets no frames, hence the time limit.
  const drawn = () => new Promise((r) => {
    win.setTimeout(r, 250);
    win.requestAnimationFrame(() => win.requestAnimationFrame(() => win.setTimeout(r, 20)));
  });
  const doc = win.document;
  const sessions = [...doc.querySelectorAll('[data-testid=session]')].map((e) => ({ sid: e.dataset.sid || '', text: e.textContent || '' }));
  const list = doc.querySelector('[data-testid=request-list]');
  const rows = new Map();
  if (list) {
    list.scrollTop = 0;
    list.dispatchEvent(new win.Event('scroll'));
    await drawn();
    for (let i = 0; i < 5000; i++) {
      for (const r of list.querySelectorAll('[data-testid=request-row]')) {
        rows.set(r.dataset.exchange || '', {
          exchange: Number(r.dataset.exchange), event: r.dataset.event || '', sid: r.dataset.sid || '', time: Number(r.dataset.time),
          codes: r.dataset.codes ? r.dataset.codes.split(' ') : [], status: (r.querySelector('.status') || {}).textContent || '',
        });
      }
      if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1) break;
      // Half a screen at a time: every row is in view at least once, whatever the overscan.
      list.scrollTop += Math.max(20, Math.floor(list.clientHeight / 2));
      list.dispatchEvent(new win.Event('scroll'));
      await drawn();
    }
    list.scrollTop = 0;
    list.dispatchEvent(new win.Event('scroll'));
  }
  const empty = doc.querySelector('[data-testid=empty]');
  const status = doc.querySelector('[data-testid=statusbar]');
  return {
    sessions,
    rows: [...rows.values()],
    empty: empty !== null,
    emptyText: empty ? empty.textContent : '',
    status: status ? status.textContent : '',
    findings: [...doc.querySelectorAll('[data-testid=finding]')].map((f) => f.dataset.code || ''),
  };
})()`;

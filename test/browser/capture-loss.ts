/**
 * Measures what the panel's capture loses at navigations: the loss page (loss-page.ts) plays a
 * short session and navigates as soon as its last reply is in, `rounds` times; the page's own count
 * of what it sent and what was answered is then compared, call by call, with what the panel shows.
 * A call is *lost* when the panel has no row for it, *misread* when its row says no reply
 * (`failed`) although the page got one. Both browsers print their rates (README, Known limits).
 */
import type { Page } from 'puppeteer-core';
import type { PanelRow, PanelView } from './panel-dom.ts';
import type { SentCall } from './loss-page.ts';

export interface LossDriver {
  /** "Chromium 156.0…" or "Firefox 153.8.0": what ran. */
  browser: string;
  page: Page;
  clear(): Promise<unknown>;
  /** Everything the panel shows (scrolls through the list: slow). */
  read(): Promise<PanelView>;
  /** The status bar's text (cheap): how many calls the panel holds. */
  status(): Promise<string>;
}

export interface LossResult {
  rounds: number;
  /** Calls the page made and got an answer to. */
  answered: SentCall[];
  lost: SentCall[];
  misread: SentCall[];
  /** Rows that carry capture.gap (the panel saying that the capture lost something). */
  gapRows: PanelRow[];
  /** Rows of calls the page made that carry http.failed although the page got an answer. */
  failedRows: PanelRow[];
  /** Rounds of which the panel shows some calls but not all, and no row of that session names a capture gap. */
  unexplained: number[];
  view: PanelView;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the navigations and compares; `url` is the loss page's first page. */
export async function measureLoss(d: LossDriver, url: string, rounds: number): Promise<LossResult> {
  await d.clear();
  await d.page.goto(url).catch(() => undefined);
  const until = Date.now() + 30_000 + rounds * 2000;
  for (;;) {
    const state = await d.page.evaluate(() => document.body?.dataset.state ?? '').catch(() => '');
    if (state === 'done') break;
    if (Date.now() > until) throw new Error(`${d.browser}: the loss page did not finish its ${rounds} navigations`);
    await sleep(200);
  }
  const sent = JSON.parse(await d.page.evaluate(() => localStorage.getItem('mci-sent') ?? '[]')) as SentCall[];
  const answered = sent.filter((c) => c.status !== 0);
  // The panel may still be receiving (a reply body is waited for up to 3 s; reconciliation runs
  // every few seconds): wait until its status bar holds every call, or stays the same for 8 s.
  let previous = '';
  let same = 0;
  for (let i = 0; i < 60; i++) {
    const status = await d.status();
    const calls = Number(/([\d,]+) Media Collection call/.exec(status)?.[1]?.replace(/,/g, '') ?? 0);
    if (calls >= answered.length && status === previous) break;
    same = status === previous ? same + 1 : 0;
    if (same >= 16) break;
    previous = status;
    await sleep(500);
  }
  const view = await d.read();
  const rowOf = (c: SentCall) => view.rows.find((r) => r.event === c.eventType && r.time === c.ts);
  const lost = answered.filter((c) => !rowOf(c));
  const misread = answered.filter((c) => rowOf(c)?.status === 'failed');
  const ours = new Set(answered.map((c) => `${c.eventType}@${c.ts}`));
  const failedRows = view.rows.filter((r) => ours.has(`${r.event}@${r.time}`) && r.codes.includes('http.failed'));
  const gapRows = view.rows.filter((r) => r.codes.includes('capture.gap'));
  const unexplained: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const mine = answered.filter((c) => c.round === round);
    const missing = mine.filter((c) => lost.includes(c)).length;
    if (missing === 0 || missing === mine.length) continue;
    // Explained: the session (its entry in the sessions pane) or a row of it (by sid, or one of the
    // round's own calls, which may have no sid when its start was shown without reply) names the gap.
    const sid = mine.find((c) => c.sid)?.sid;
    const own = new Set(mine.map((c) => `${c.eventType}@${c.ts}`));
    const sessionSays = !!sid && view.sessions.some((x) => x.sid === sid && x.text.includes('capture.gap'));
    if (!sessionSays && !gapRows.some((r) => (sid && r.sid === sid) || own.has(`${r.event}@${r.time}`))) unexplained.push(round);
  }
  return { rounds, answered, lost, misread, gapRows, failedRows, unexplained, view };
}

export function describeLoss(browser: string, mode: string, r: LossResult): string {
  const pct = (n: number) => (r.answered.length ? ((100 * n) / r.answered.length).toFixed(1) : '0.0');
  return `# capture loss (${browser}, ${mode}): ${r.rounds} navigations, ${r.answered.length} answered calls: ${r.lost.length} lost (${pct(r.lost.length)} %), ${r.misread.length} shown without their reply (${pct(r.misread.length)} %); ${r.gapRows.length} rows name a capture gap`;
}

/** What the panel shows of these rounds (for a failure message). */
export function describeRounds(r: LossResult, rounds: readonly number[]): string {
  return rounds.map((round) => {
    const mine = r.answered.filter((c) => c.round === round);
    const sid = mine.find((c) => c.sid)?.sid;
    const own = new Set(mine.map((c) => `${c.eventType}@${c.ts}`));
    const rows = r.view.rows.filter((row) => (sid && row.sid === sid) || own.has(`${row.event}@${row.time}`));
    const session = r.view.sessions.find((x) => rows.some((row) => row.sid === x.sid));
    return `round ${round}: sent ${mine.map((c) => c.eventType).join(' ')}; shown ${rows.map((row) => `#${row.exchange} ${row.event}${row.codes.length ? ` [${row.codes.join(' ')}]` : ''}`).join(', ')}; session: ${session ? session.text : 'none'}; sids ${[...new Set(rows.map((row) => row.sid.slice(0, 8)))].join(',')} vs ${sid?.slice(0, 8)}`;
  }).join('\n');
}

export function listCalls(calls: readonly SentCall[]): string {
  return calls.slice(0, 12).map((c) => `#${c.round} ${c.eventType} (ts ${c.ts}, answered ${c.status})`).join(', ') + (calls.length > 12 ? `, … ${calls.length - 12} more` : '');
}

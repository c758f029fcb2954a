/** What the panel exports: all sessions, the selected ones, or what the filter shows, in any report format. */
import type { Exchange } from '../core/exchange.ts';
import { isoTime } from '../core/iso-time.ts';
import { browserFromUserAgent, type RecordedFrom, type RecordedPage } from '../core/report/recorded-from.ts';
import { REPORT_EXTENSION, REPORT_MIME, renderReport, type ReportFormat } from '../core/report/render-report.ts';
import { exportFileName, fileStem, hostOf, sessionNamePart } from './export-name.ts';
import { buildRows, filterRows } from './store/rows.ts';
import type { PanelStore } from './store/panel-store.ts';

export type ExportScope = 'all' | 'selected' | 'filtered';

export function exchangesFor(store: PanelStore, scope: ExportScope): Exchange[] {
  const all = store.allExchanges();
  if (scope === 'all') return all;
  const analysis = store.analysis();
  if (scope === 'selected') {
    // The sessions the summary and timeline show: with none chosen, the selected request's (else the newest).
    const sids = new Set(store.shownSessions());
    const keep = new Set(analysis.calls.filter((c) => c.sid !== null && sids.has(c.sid)).map((c) => c.exchange.index));
    return all.filter((e) => keep.has(e.index));
  }
  // The rows the request list shows: the filter applied to the selected sessions' requests.
  const keep = new Set(filterRows(buildRows(analysis), store.get().filter, store.get().selectedSessions).map((r) => r.index));
  return all.filter((e) => keep.has(e.index));
}

interface ExportFile {
  fileName: string;
  mime: string;
  text: string;
  count: number;
}

/** What the export knows of where it runs; by default the browser's own `navigator.userAgent`. */
export interface ExportEnvironment {
  userAgent?: string | null;
  /** The inspected page's host, when the panel's host knows it (for the file's name). */
  pageHost?: string | null;
}

export function exportReport(store: PanelStore, format: ReportFormat, scope: ExportScope, now = new Date(), env: ExportEnvironment = defaultEnvironment()): ExportFile {
  const exchanges = exchangesFor(store, scope);
  const source = store.get().source === 'devtools' ? 'DevTools capture' : 'opened recording';
  const context = {
    recordedFrom: recordedFromPanel(store, env),
    // The panel counts the other requests it sees without keeping them: the report shows its count.
    ignoredNotKept: store.get().otherRequests,
  };
  return {
    fileName: exportFileName({ site: siteOf(store, env.pageHost), session: onlySessionOf(store, exchanges), now, extension: REPORT_EXTENSION[format] }),
    mime: REPORT_MIME[format],
    text: renderReport(format, exchanges, store.get().settings, `${source}, ${scope === 'all' ? 'all sessions' : scope === 'selected' ? 'selected sessions' : 'filtered requests'}`, now, context),
    count: exchanges.length,
  };
}

/**
 * Where the capture was made, as far as the panel knows: the browser it runs in (DevTools runs
 * in the browser of the inspected page; a file opened in the viewer may come from another, so
 * only for a DevTools capture) and the pages the inspected tab navigated to, each with the
 * captured calls made after it. Calls from before the first navigation are on a page the panel
 * never saw the address of.
 */
export function recordedFromPanel(store: PanelStore, env: ExportEnvironment): RecordedFrom | null {
  const state = store.get();
  if (state.source !== 'devtools') return null;
  const browser = browserFromUserAgent(env.userAgent);
  // A navigation's afterCount is how many calls had been kept before it: calls are kept in order.
  const order = store.allExchanges().map((e) => e.index);
  const navigations = state.navigations;
  const pages: RecordedPage[] = navigations.map((nav, i) => {
    const end = navigations[i + 1]?.afterCount ?? order.length;
    return {
      url: nav.url,
      title: null,
      startedDateTime: Number.isFinite(nav.time) ? isoTime(nav.time) : null,
      exchanges: order.slice(nav.afterCount, Math.max(nav.afterCount, end)),
    };
  });
  // The page before the first navigation: its calls are on a page whose address is unknown.
  const before = navigations[0]?.afterCount ?? 0;
  if (before > 0) pages.unshift({ url: null, title: null, startedDateTime: null, exchanges: order.slice(0, before) });
  return browser || pages.length ? { browsers: browser ? [browser] : [], pages } : null;
}

/**
 * Where the recording comes from, for the file's name: the file it was opened from, else the
 * inspected page's host (as the panel's host knows it, else the last page DevTools saw it go to).
 */
export function siteOf(store: PanelStore, pageHost: string | null | undefined): string | null {
  const state = store.get();
  if (state.file) return fileStem(state.file.name);
  return pageHost ?? hostOf(state.navigations.at(-1)?.url);
}

/** The session the exported requests all belong to, when there is exactly one. */
function onlySessionOf(store: PanelStore, exchanges: readonly Exchange[]): string | null {
  const kept = new Set(exchanges.map((e) => e.index));
  const sids = new Set<string>();
  for (const c of store.analysis().calls) if (c.sid !== null && kept.has(c.exchange.index)) sids.add(c.sid);
  if (sids.size !== 1) return null;
  const [sid] = sids;
  const session = store.analysis().sessions.find((s) => s.sid === sid);
  return session ? sessionNamePart(session) : null;
}

export function defaultEnvironment(): ExportEnvironment {
  const nav = (globalThis as { navigator?: { userAgent?: unknown } }).navigator;
  return { userAgent: typeof nav?.userAgent === 'string' ? nav.userAgent : null };
}

/** What the panel exports: all sessions, the selected ones, or what the filter shows, in any report format. */
import type { Exchange } from '../core/exchange.ts';
import { REPORT_EXTENSION, REPORT_MIME, renderReport, type ReportFormat } from '../core/report/render-report.ts';
import { effectiveSelectionOf } from './store/selection.ts';
import { buildRows, filterRows } from './store/rows.ts';
import type { PanelStore } from './store/panel-store.ts';

export type ExportScope = 'all' | 'selected' | 'filtered';

export function exchangesFor(store: PanelStore, scope: ExportScope): Exchange[] {
  const all = store.allExchanges();
  if (scope === 'all') return all;
  const analysis = store.analysis();
  if (scope === 'selected') {
    const sids = new Set(effectiveSelectionOf(store.get().selectedSessions, analysis.sessions));
    const keep = new Set(analysis.calls.filter((c) => c.sid !== null && sids.has(c.sid)).map((c) => c.exchange.index));
    return all.filter((e) => keep.has(e.index));
  }
  const keep = new Set(filterRows(buildRows(analysis), store.get().filter).map((r) => r.index));
  return all.filter((e) => keep.has(e.index));
}

interface ExportFile {
  fileName: string;
  mime: string;
  text: string;
  count: number;
}

export function exportReport(store: PanelStore, format: ReportFormat, scope: ExportScope, now = new Date()): ExportFile {
  const exchanges = exchangesFor(store, scope);
  const source = store.get().source === 'devtools' ? 'DevTools capture' : 'opened recording';
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return {
    fileName: `media-collection-${stamp}.${REPORT_EXTENSION[format]}`,
    mime: REPORT_MIME[format],
    text: renderReport(format, exchanges, store.get().settings, `${source}, ${scope === 'all' ? 'all sessions' : scope === 'selected' ? 'selected sessions' : 'filtered requests'}`, now),
    count: exchanges.length,
  };
}

/**
 * A timeline click selects a request; when the list's filters hide it (a ping under "Hide pings",
 * a request outside the event-type, severity or text filter), the selection would highlight
 * nothing and say nothing. Decision: the filters that hide it are turned off, and the status bar
 * says which and why, so the row is in view and the tester knows the list changed. (Showing a
 * filtered-out row anyway would leave the list's counts and the filter contradicting each other.)
 */
import type { AnalysisResult } from '../../../core/analysis/analyser.ts';
import { callOfExchange } from '../../../core/sorted-list.ts';
import type { Filter, PanelStore } from '../../store/panel-store.ts';
import { filterRows, worstOf, type Row } from '../../store/rows.ts';

const NO_FILTER: Filter = { text: '', eventTypes: [], severity: 'all', hidePings: false };

/** The list's row of a request (only what the filters read), or null when it is not a call of the analysis. */
function rowOf(analysis: AnalysisResult, index: number): Row | null {
  const call = callOfExchange(analysis.calls, index);
  if (!call) return null;
  const findings = analysis.findings.filter((f) => f.exchange === index);
  return {
    index, call, time: call.exchange.startedAt, eventTime: call.exchange.startedAt, sid: call.sid, label: call.label,
    playhead: null, status: call.exchange.status, findings, badges: [], worst: worstOf(findings),
  };
}

/** Each part of the filter that, alone, hides the row: what undoes it and how to say so. */
function hiding(filter: Filter, row: Row): { patch: Partial<Filter>; said: string }[] {
  const parts: { on: Partial<Filter>; patch: Partial<Filter>; said: string }[] = [
    { on: { hidePings: filter.hidePings }, patch: { hidePings: false }, said: 'turned Hide pings off' },
    { on: { eventTypes: filter.eventTypes }, patch: { eventTypes: [] }, said: 'cleared the event type filter' },
    { on: { severity: filter.severity }, patch: { severity: 'all' }, said: 'set the severity filter back to All requests' },
    { on: { text: filter.text }, patch: { text: '' }, said: `cleared the text filter "${filter.text.trim()}"` },
  ];
  return parts.filter((p) => filterRows([row], { ...NO_FILTER, ...p.on }).length === 0);
}

/**
 * Selects the request clicked on the timeline, turning off the filters that hide it from the list
 * (and saying so in the status bar).
 */
export function selectFromTimeline(store: PanelStore, index: number): void {
  const row = rowOf(store.analysis(), index);
  const hidden = row ? hiding(store.get().filter, row) : [];
  if (row && hidden.length) {
    store.setFilter(Object.assign({}, ...hidden.map((h) => h.patch)) as Partial<Filter>);
    store.setNotice(`#${index} ${row.label}, selected on the timeline, was hidden from the list: ${hidden.map((h) => h.said).join(', ')} to show it`);
  }
  store.select(index);
}

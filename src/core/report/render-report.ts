/** Every report format from the same captured exchanges: shared by the CLI and the panel. */
import { Analyser } from '../analysis/analyser.ts';
import type { Exchange } from '../exchange.ts';
import type { SessionTimeline } from '../session/timeline.ts';
import type { Settings } from '../session/settings.ts';
import { jsonFileChunks } from '../json/json-chunks.ts';
import { harChunks } from './har-export.ts';
import { htmlChunks } from './html-report.ts';
import { buildJsonReport, notKeptCount, type ReportContext } from './json-report.ts';
import { recordedFromFor } from './recorded-from.ts';
import { captureContextFrom } from '../analysis/capture-gaps.ts';
import { toMarkdown } from './markdown.ts';
import { withoutSensitiveHeaders } from '../privacy/sensitive-headers.ts';

export type { ReportContext };

export const REPORT_FORMATS = ['json', 'html', 'har', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_MIME: Record<ReportFormat, string> = {
  json: 'application/json',
  html: 'text/html',
  har: 'application/json',
  md: 'text/markdown',
};

export const REPORT_EXTENSION: Record<ReportFormat, string> = { json: 'mci.json', html: 'html', har: 'har', md: 'md' };

/**
 * Renders `exchanges` (all of a capture, or a subset: selected sessions, a filter) in `format`.
 * The exchanges are analysed afresh, so a subset's report is consistent on its own. `context`
 * says what the exchanges do not: where they were recorded, and how many other requests were
 * seen but not kept (the JSON and HTML reports show them).
 */
export function renderReport(format: ReportFormat, exchanges: readonly Exchange[], settings: Partial<Settings>, source: string, now = new Date(), context: ReportContext = {}): string {
  const text = renderReportChunks(format, exchanges, settings, source, now, context);
  if (typeof text === 'string') return text;
  let joined = '';
  for (const chunk of text) joined += chunk;
  return joined;
}

/**
 * The same report, json, har and html as chunks of their text, never joined: the CLI writes them
 * as they come. The analysis is done before this returns.
 */
export function renderReportChunks(format: ReportFormat, recorded: readonly Exchange[], settings: Partial<Settings>, source: string, now = new Date(), context: ReportContext = {}): string | Iterable<string> {
  // Reports go into tickets: secrets (Cookie, Authorization…) are left out unless asked for.
  const exchanges = settings.keepSensitiveHeaders ? recorded : recorded.map(withoutSensitiveHeaders);
  if (format === 'har') return harChunks(exchanges);
  const analyser = new Analyser(settings).addAll(exchanges);
  analyser.setCaptureContext(captureContextFrom(context.recordedFrom, exchanges));
  const analysis = analyser.result();
  if (format === 'json') return jsonFileChunks(buildJsonReport(exchanges, analysis, source, now, context));
  if (format === 'md') return toMarkdown(analysis, source, recordedFromFor(context.recordedFrom, new Set(analysis.calls.map((c) => c.exchange.index))));
  const timelines = new Map<string, SessionTimeline>();
  for (const s of analysis.sessions) {
    const tl = analyser.timeline(s.sid);
    if (tl) timelines.set(s.sid, tl);
  }
  return htmlChunks({
    exchanges, analysis, timelines, source, createdAt: now,
    otherRequests: analysis.ignored + notKeptCount(context.ignoredNotKept),
    recordedFrom: recordedFromFor(context.recordedFrom, new Set(analysis.calls.map((c) => c.exchange.index))),
  });
}

export function isReportFormat(v: string): v is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(v);
}

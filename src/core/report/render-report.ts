/** Every report format from the same captured exchanges: shared by the CLI and the panel. */
import { Analyser } from '../analysis/analyser.ts';
import type { Exchange } from '../exchange.ts';
import type { SessionTimeline } from '../session/timeline.ts';
import type { Settings } from '../session/settings.ts';
import { toHar } from './har-export.ts';
import { toHtml } from './html-report.ts';
import { buildJsonReport } from './json-report.ts';
import { toMarkdown } from './markdown.ts';

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
 * The exchanges are analysed afresh, so a subset's report is consistent on its own.
 */
export function renderReport(format: ReportFormat, exchanges: readonly Exchange[], settings: Partial<Settings>, source: string, now = new Date()): string {
  if (format === 'har') return `${JSON.stringify(toHar(exchanges), null, 2)}\n`;
  const analyser = new Analyser(settings).addAll(exchanges);
  const analysis = analyser.result();
  if (format === 'json') return `${JSON.stringify(buildJsonReport(exchanges, analysis, source, now), null, 2)}\n`;
  if (format === 'md') return toMarkdown(analysis, source);
  const timelines = new Map<string, SessionTimeline>();
  for (const s of analysis.sessions) {
    const tl = analyser.timeline(s.sid);
    if (tl) timelines.set(s.sid, tl);
  }
  return toHtml({ exchanges, analysis, timelines, source, createdAt: now });
}

export function isReportFormat(v: string): v is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(v);
}

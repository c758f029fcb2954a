/**
 * The JSON report: a versioned, lossless record of a capture. It holds every exchange exactly
 * as captured, the settings, and the analysis (sessions with metrics, findings) for readers that
 * do not run the engine. Importing it re-analyses the exchanges with the settings, which gives the
 * identical analysis. Its JSON Schema: src/core/report/report.schema.json.
 */
import type { AnalysisResult } from '../analysis/analyser.ts';
import type { Exchange, Header } from '../exchange.ts';
import type { Finding } from '../findings/finding.ts';
import type { SessionReport } from '../session/session-report.ts';
import { withDefaults, type Settings } from '../session/settings.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import { capturedBy, isRecord } from '../har/read-har.ts';
import { countBySeverity } from '../findings/finding.ts';
import { recordedFromFor, recordedFromReport, type RecordedFrom } from './recorded-from.ts';

export const REPORT_FORMAT = 'media-collection-inspector-report';
export const REPORT_FORMAT_VERSION = 1;

/** An exchange in JSON: `startedAt` is null when unknown (JSON has no NaN). */
export type ReportExchange = Omit<Exchange, 'startedAt'> & { startedAt: number | null };

export interface JsonReport {
  format: typeof REPORT_FORMAT;
  formatVersion: number;
  tool: { name: string; version: string };
  createdAt: string;
  /** Where the capture came from (file names, "DevTools"), for the reader. */
  source: string;
  settings: Settings;
  exchanges: ReportExchange[];
  sessions: SessionReport[];
  findings: Finding[];
  summary: {
    exchanges: number;
    sessions: number;
    /** Requests that are not Media Collection calls: those among `exchanges` and those counted but not kept. */
    ignored: number;
    /** Of `ignored`, how many are not among `exchanges` (the panel counts other requests without keeping them); absent when none. */
    ignoredNotKept?: number;
    findings: { error: number; warning: number; info: number };
  };
  /** The browser and pages the capture was made in and on, when known; absent otherwise. */
  recordedFrom?: RecordedFrom;
}

/** What a report knows beyond its exchanges: where they were recorded, and the other requests not kept. */
export interface ReportContext {
  recordedFrom?: RecordedFrom | null;
  /** Requests that are not Media Collection calls and are not among the exchanges (the panel's count). */
  ignoredNotKept?: number;
}

export function buildJsonReport(exchanges: readonly Exchange[], analysis: AnalysisResult, source: string, now = new Date(), context: ReportContext = {}): JsonReport {
  const counts = countBySeverity(analysis.findings);
  const notKept = notKeptCount(context.ignoredNotKept);
  const recordedFrom = recordedFromFor(context.recordedFrom, new Set(analysis.calls.map((c) => c.exchange.index)));
  const report: JsonReport = {
    format: REPORT_FORMAT,
    formatVersion: REPORT_FORMAT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    createdAt: now.toISOString(),
    source,
    settings: analysis.settings,
    exchanges: exchanges.map((e) => ({ ...e, startedAt: Number.isFinite(e.startedAt) ? e.startedAt : null })),
    sessions: analysis.sessions.map((s) => ({ ...s, calls: [...s.calls] })),
    findings: analysis.findings,
    summary: {
      exchanges: analysis.calls.length,
      sessions: analysis.sessions.length,
      ignored: analysis.ignored + notKept,
      ...(notKept > 0 ? { ignoredNotKept: notKept } : {}),
      findings: counts,
    },
  };
  if (recordedFrom) report.recordedFrom = recordedFrom;
  return report;
}

/** A count of other requests as given (a non-negative integer), else 0. */
export function notKeptCount(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 0;
}

export class ReportError extends Error {
  override name = 'ReportError';
}

export function isJsonReport(doc: unknown): boolean {
  return isRecord(doc) && doc.format === REPORT_FORMAT;
}

/** The exchanges and settings of a report, ready to analyse again. Throws ReportError when malformed. */
export function readJsonReport(doc: unknown, fileName: string): {
  exchanges: Exchange[];
  settings: Partial<Settings>;
  source: string;
  recordedFrom: RecordedFrom | null;
  ignoredNotKept: number;
} {
  if (!isRecord(doc) || doc.format !== REPORT_FORMAT) throw new ReportError(`${fileName}: not a Media Collection Inspector report`);
  const version = doc.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ReportError(`${fileName}: the report has no valid "formatVersion"; it was not written by this tool or was edited`);
  }
  if (version > REPORT_FORMAT_VERSION) {
    throw new ReportError(`${fileName}: report format version ${String(version)} is newer than this tool reads (${REPORT_FORMAT_VERSION}); update the inspector`);
  }
  if (!Array.isArray(doc.exchanges)) throw new ReportError(`${fileName}: the report has no "exchanges" list`);
  const exchanges = doc.exchanges.map((raw, i) => exchangeFrom(raw, i, fileName));
  const settings = isRecord(doc.settings) ? (doc.settings as Partial<Settings>) : {};
  try {
    withDefaults(settings);
  } catch (e) {
    throw new ReportError(`${fileName}: the report's settings are not valid (${e instanceof Error ? e.message : String(e)})`);
  }
  return {
    exchanges,
    settings,
    source: typeof doc.source === 'string' ? doc.source : fileName,
    recordedFrom: recordedFromReport(doc.recordedFrom),
    ignoredNotKept: notKeptCount(isRecord(doc.summary) ? doc.summary.ignoredNotKept : undefined),
  };
}

function exchangeFrom(raw: unknown, position: number, fileName: string): Exchange {
  if (!isRecord(raw)) throw new ReportError(`${fileName}: exchange ${position} is not an object`);
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  const strOrNull = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    index: num(raw.index, position),
    method: typeof raw.method === 'string' ? raw.method : 'GET',
    url: typeof raw.url === 'string' ? raw.url : '',
    requestHeaders: headers(raw.requestHeaders),
    requestBody: strOrNull(raw.requestBody),
    status: num(raw.status, 0),
    statusText: typeof raw.statusText === 'string' ? raw.statusText : '',
    responseHeaders: headers(raw.responseHeaders),
    responseBody: strOrNull(raw.responseBody),
    startedAt: num(raw.startedAt, Number.NaN),
    durationMs: typeof raw.durationMs === 'number' ? raw.durationMs : null,
    resourceType: strOrNull(raw.resourceType),
    failure: strOrNull(raw.failure),
    ...capturedBy(raw.capturedBy),
  };
}

function headers(v: unknown): Header[] {
  return Array.isArray(v) ? v.filter(isRecord).map((h) => ({ name: String(h.name ?? ''), value: String(h.value ?? '') })) : [];
}

/**
 * The result of `mci check` as a public JSON contract (documented in docs/cli-json.md).
 * Field names never change meaning; new fields may be added.
 */
import type { Exchange } from '../exchange.ts';
import { countBySeverity, groupBySession, type Finding, type Severity } from '../findings/finding.ts';
import type { AnalysisResult } from '../analysis/analyser.ts';
import type { SessionReport } from '../session/session-report.ts';
import type { Settings } from '../session/settings.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import { isoTime } from '../iso-time.ts';

export interface CheckInput {
  file: string;
  creator: string | null;
  /** Global index of this file's first entry. */
  firstIndex: number;
  entries: number;
}

export interface ExchangeRow {
  index: number;
  /** media-collection or media-edge (an added field: the others are unchanged). */
  protocol: string;
  input: string;
  sid: string | null;
  method: string;
  url: string;
  status: number;
  kind: string;
  eventType: string;
  startedDateTime: string | null;
  findings: number;
}

/** A session with every finding of its calls and of its sequence, in time order. */
export interface SessionRow extends Omit<SessionReport, 'findings'> {
  findings: Finding[];
}

export interface CheckResult {
  tool: { name: string; version: string };
  settings: Settings;
  inputs: CheckInput[];
  exchanges: ExchangeRow[];
  sessions: SessionRow[];
  findings: Finding[];
  summary: {
    exchanges: number;
    ignored: number;
    sessions: number;
    findings: Record<Severity, number>;
  };
}

/** `ignoredNotKept`: other requests the inputs counted without keeping them (JSON reports exported by the panel). */
export function buildCheckResult(inputs: CheckInput[], analysis: AnalysisResult, ignoredNotKept = 0): CheckResult {
  const perExchange = new Map<number, number>();
  for (const f of analysis.findings) perExchange.set(f.exchange, (perExchange.get(f.exchange) ?? 0) + 1);
  const counts = countBySeverity(analysis.findings);
  const { bySid } = groupBySession(analysis.findings, analysis.sessions.map((s) => s.sid));
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    settings: analysis.settings,
    inputs,
    exchanges: analysis.calls.map((c) => ({
      index: c.exchange.index,
      protocol: c.protocol,
      input: inputOf(inputs, c.exchange.index),
      sid: c.sid,
      method: c.exchange.method,
      url: c.exchange.url,
      status: c.exchange.status,
      kind: c.kind,
      eventType: c.label,
      startedDateTime: isoOrNull(c.exchange),
      findings: perExchange.get(c.exchange.index) ?? 0,
    })),
    sessions: analysis.sessions.map((session) => ({ ...session, findings: bySid.get(session.sid) ?? [] })),
    findings: analysis.findings,
    summary: { exchanges: analysis.calls.length, ignored: analysis.ignored + ignoredNotKept, sessions: analysis.sessions.length, findings: counts },
  };
}

function inputOf(inputs: CheckInput[], index: number): string {
  let file = inputs[0]?.file ?? '';
  for (const i of inputs) if (index >= i.firstIndex) file = i.file;
  return file;
}

function isoOrNull(ex: Exchange): string | null {
  return Number.isFinite(ex.startedAt) ? isoTime(ex.startedAt) : null;
}

/**
 * Batch analysis of a recording: every exchange through the protocol adapters, the request
 * findings, and the cross-call rules of the "HTTP replies" section (session.not-restarted).
 */
import type { Exchange } from '../exchange.ts';
import type { Finding } from '../findings/finding.ts';
import { makeFinding } from '../findings/make-finding.ts';
import type { InspectedCall, ProtocolAdapter } from '../protocol/call.ts';
import { mediaCollection } from '../protocol/media-collection/adapter.ts';

export const DEFAULT_ADAPTERS: readonly ProtocolAdapter[] = [mediaCollection];

export interface RecordingAnalysis {
  /** Calls of a known protocol, in recording order. */
  calls: InspectedCall[];
  /** Every finding, ordered by exchange then as found. */
  findings: Finding[];
  /** Exchanges of no known protocol. */
  ignored: number;
}

export function inspectExchange(ex: Exchange, adapters: readonly ProtocolAdapter[] = DEFAULT_ADAPTERS): InspectedCall | null {
  for (const adapter of adapters) {
    const call = adapter.inspect(ex);
    if (call) return call;
  }
  return null;
}

export function analyseRecording(exchanges: readonly Exchange[], adapters = DEFAULT_ADAPTERS): RecordingAnalysis {
  const calls: InspectedCall[] = [];
  let ignored = 0;
  for (const ex of exchanges) {
    const call = inspectExchange(ex, adapters);
    if (call) calls.push(call);
    else ignored++;
  }
  calls.sort((a, b) => a.exchange.index - b.exchange.index);
  const findings = calls.flatMap((c) => c.findings);
  findings.push(...notRestarted(calls));
  findings.sort((a, b) => a.exchange - b.exchange);
  return { calls, findings, ignored };
}

/** After a 404/410 the player must start a new session: flag the sids where none followed. */
export function notRestarted(calls: readonly InspectedCall[]): Finding[] {
  const playerOf = new Map<string, string | null>();
  const starts: { at: number; index: number; player: string | null }[] = [];
  for (const c of calls) {
    if (c.kind !== 'sessions') continue;
    const player = playerName(c);
    starts.push({ at: sendOrder(c), index: c.exchange.index, player });
    if (c.sid) playerOf.set(c.sid, player);
  }
  const out: Finding[] = [];
  const flagged = new Set<string>();
  for (const c of calls) {
    if (c.kind !== 'events' || (c.exchange.status !== 404 && c.exchange.status !== 410) || !c.sid || flagged.has(c.sid)) continue;
    flagged.add(c.sid);
    const player = playerOf.get(c.sid) ?? null;
    const at = sendOrder(c);
    const later = (s: { at: number; index: number }) => s.at > at || (s.at === at && s.index > c.exchange.index);
    const restarted = starts.some((s) => later(s) && (player === null || s.player === null || s.player === player));
    if (!restarted) {
      out.push(makeFinding('session.not-restarted', { exchange: c.exchange.index, sid: c.sid, time: c.findings[0]?.time ?? null },
        `After this ${c.exchange.status} the player${player ? ` "${player}"` : ''} did not start a new session, so everything it played afterwards is missing from Adobe Analytics.`));
    }
  }
  return out;
}

function playerName(c: InspectedCall): string | null {
  const name = c.events[0]?.params?.['media.playerName'];
  return typeof name === 'string' ? name : null;
}

/** Send time when the recording has it, else the recording position. */
function sendOrder(c: InspectedCall): number {
  return Number.isFinite(c.exchange.startedAt) ? c.exchange.startedAt : c.exchange.index;
}

/**
 * edge.hint-changed: a Media Edge session whose calls change their location hint (`/ee/or2/…` then
 * `/ee/va6/…`) may land on another edge server. Starting without a hint and continuing with one is
 * normal (the sessionStart reply gives it). A cross-call rule over the calls that carry a hint.
 */
import type { Finding } from '../findings/finding.ts';
import { makeFinding } from '../findings/make-finding.ts';
import type { InspectedCall } from '../protocol/call.ts';

export function hintChanges(calls: readonly InspectedCall[]): Finding[] {
  const first = new Map<string, InspectedCall>();
  const out: Finding[] = [];
  const flagged = new Set<string>();
  // The analyser keeps its hinted calls in this order already: checking is cheaper than sorting.
  const ordered = isOrdered(calls) ? calls : [...calls].sort(bySendTime);
  for (const call of ordered) {
    if (!call.sid || !call.hint || flagged.has(call.sid)) continue;
    const before = first.get(call.sid);
    if (!before) {
      first.set(call.sid, call);
      continue;
    }
    if (before.hint === call.hint) continue;
    flagged.add(call.sid);
    out.push(makeFinding('edge.hint-changed', { exchange: call.exchange.index, sid: call.sid, time: call.events[0]?.ts ?? null },
      `This call goes to location hint "${call.hint}", where the session's calls went to "${before.hint}" (#${before.exchange.index}): it may land on another edge server, which may not know the session.`));
  }
  return out;
}

/** Send order, then exchange order: how the rule reads hinted calls (the analyser keeps them so). */
export function bySendTime(a: InspectedCall, b: InspectedCall): number {
  return (a.exchange.startedAt || 0) - (b.exchange.startedAt || 0) || a.exchange.index - b.exchange.index;
}

function isOrdered(calls: readonly InspectedCall[]): boolean {
  for (let i = 1; i < calls.length; i++) if (bySendTime(calls[i - 1] as InspectedCall, calls[i] as InspectedCall) > 0) return false;
  return true;
}

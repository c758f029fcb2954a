/**
 * Where a Media Edge session's calls go, call after call: cross-call rules over the calls that name
 * a location hint or a datastream.
 * - edge.hint-changed: the location hint in the path changes (`/ee/or2/…` then `/ee/va6/…`): the
 *   call may land on another edge server. Starting without a hint and continuing with one is
 *   normal (the session start's reply gives it).
 * - edge.config-changed: the datastream (`configId`) changes. The Web SDK's datastream override
 *   sends only the session start to the override and every later event to the configured one.
 * Each is reported once per session, at the first call that differs from the session's first.
 */
import type { Finding } from '../findings/finding.ts';
import { makeFinding } from '../findings/make-finding.ts';
import type { InspectedCall } from '../protocol/call.ts';
import { insertSorted } from '../sorted-list.ts';

/** Whether a call takes part in these rules. */
export function isRouted(call: InspectedCall): boolean {
  return !!call.sid && (!!call.hint || !!call.configId);
}

/** Batch form: the findings of every session, from its routed calls in any order. */
export function routeChanges(calls: readonly InspectedCall[]): Finding[] {
  const bySid = new Map<string, InspectedCall[]>();
  for (const call of calls) {
    if (!isRouted(call)) continue;
    const list = bySid.get(call.sid as string) ?? bySid.set(call.sid as string, []).get(call.sid as string) as InspectedCall[];
    list.push(call);
  }
  const out: Finding[] = [];
  for (const list of bySid.values()) out.push(...sessionRouteFindings(list.sort(bySendTime)));
  return out;
}

/**
 * Incremental form, for the analyser: each session's routed calls kept in send order; a call that
 * lands at the end is compared with the session's first ones (O(1)), one that lands earlier
 * (out-of-order arrival) makes its session read again.
 */
export class RouteChanges {
  private readonly sessions = new Map<string, RoutedSession>();
  private cache: Finding[] | null = [];

  add(call: InspectedCall): void {
    if (!isRouted(call)) return;
    const sid = call.sid as string;
    let session = this.sessions.get(sid);
    if (!session) {
      session = { calls: [], findings: [] };
      this.sessions.set(sid, session);
    }
    const at = insertSorted(session.calls, call, bySendTime);
    const before = session.findings;
    session.findings = at === session.calls.length - 1 ? appendOne(session, call) : sessionRouteFindings(session.calls);
    if (session.findings !== before) this.cache = null;
  }

  /** Every session's findings (a new array only when they changed). */
  findings(): Finding[] {
    if (this.cache) return this.cache;
    const out: Finding[] = [];
    for (const s of this.sessions.values()) for (const f of s.findings) out.push(f);
    this.cache = out;
    return out;
  }
}

interface RoutedSession {
  calls: InspectedCall[];
  findings: Finding[];
}

/** The session's findings once `call` joined at the end of its send order. */
function appendOne(s: RoutedSession, call: InspectedCall): Finding[] {
  const hasHint = s.findings.some((f) => f.code === 'edge.hint-changed');
  const hasConfig = s.findings.some((f) => f.code === 'edge.config-changed');
  const firstHinted = call.hint && !hasHint ? s.calls.find((c) => c.hint) : undefined;
  const firstConfigured = call.configId && !hasConfig ? s.calls.find((c) => c.configId) : undefined;
  const added: Finding[] = [];
  if (firstHinted && firstHinted !== call && firstHinted.hint !== call.hint) added.push(hintChanged(call, firstHinted));
  if (firstConfigured && firstConfigured !== call && firstConfigured.configId !== call.configId) added.push(configChanged(call, firstConfigured));
  return added.length ? [...s.findings, ...added] : s.findings;
}

/** The findings of one session's routed calls, given in send order. */
function sessionRouteFindings(calls: readonly InspectedCall[]): Finding[] {
  const out: Finding[] = [];
  const firstHinted = calls.find((c) => c.hint);
  const hintChange = firstHinted ? calls.find((c) => c.hint && c.hint !== firstHinted.hint) : undefined;
  if (firstHinted && hintChange) out.push(hintChanged(hintChange, firstHinted));
  const firstConfigured = calls.find((c) => c.configId);
  const configChange = firstConfigured ? calls.find((c) => c.configId && c.configId !== firstConfigured.configId) : undefined;
  if (firstConfigured && configChange) out.push(configChanged(configChange, firstConfigured));
  return out;
}

function at(call: InspectedCall) {
  return { exchange: call.exchange.index, sid: call.sid, time: call.events[0]?.ts ?? null };
}

function hintChanged(call: InspectedCall, before: InspectedCall): Finding {
  return makeFinding('edge.hint-changed', at(call),
    `This call goes to location hint "${call.hint}", where the session's calls went to "${before.hint}" (#${before.exchange.index}): it may land on another edge server, which may not know the session.`);
}

function configChanged(call: InspectedCall, before: InspectedCall): Finding {
  return makeFinding('edge.config-changed', at(call),
    `This call names datastream "${call.configId}", where the session began on "${before.configId}" (#${before.exchange.index}). The Web SDK's datastream override sends only the session start to the override: if datastream "${call.configId}" lacks Media Analytics, this event and the session's later ones are lost.`);
}

/** Send order, then exchange order: how the rules read routed calls. */
export function bySendTime(a: InspectedCall, b: InspectedCall): number {
  return (a.exchange.startedAt || 0) - (b.exchange.startedAt || 0) || a.exchange.index - b.exchange.index;
}

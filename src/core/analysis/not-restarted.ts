/**
 * session.not-restarted: after a 404 or 410 the player must start a new session. A cross-session
 * rule, computed over all calls whenever the result is read.
 */
import type { Finding } from '../findings/finding.ts';
import { makeFinding } from '../findings/make-finding.ts';
import type { InspectedCall } from '../protocol/call.ts';

/**
 * `endedBy`: the sessionEnd call that closed each session; a 404/410 sent after it is the
 * player's stray event (session.after-end), not a session to restart.
 */
export function notRestarted(
  sessionCalls: readonly InspectedCall[],
  lostCalls: readonly InspectedCall[],
  endedBy: ReadonlyMap<string, InspectedCall> = new Map(),
): Finding[] {
  if (lostCalls.length === 0) return [];
  const playerOf = new Map<string, string | null>();
  const starts: { at: number; index: number; player: string | null }[] = [];
  for (const c of sessionCalls) {
    const player = playerName(c);
    starts.push({ at: sendOrder(c), index: c.exchange.index, player });
    if (c.sid) playerOf.set(c.sid, player);
  }
  const out: Finding[] = [];
  const flagged = new Set<string>();
  // Each sid once, at its first 404/410 in recording order.
  for (const c of [...lostCalls].sort((a, b) => a.exchange.index - b.exchange.index)) {
    if (!c.sid || flagged.has(c.sid)) continue;
    const at = sendOrder(c);
    const later = (s: { at: number; index: number }) => s.at > at || (s.at === at && s.index > c.exchange.index);
    const end = endedBy.get(c.sid);
    if (end && !later({ at: sendOrder(end), index: end.exchange.index })) continue;
    flagged.add(c.sid);
    const player = playerOf.get(c.sid) ?? null;
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

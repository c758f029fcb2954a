/** Reference model (see object-store-analyser.ts): one event of a session as an object, as at commit 0cba935. */
import type { InspectedCall, TrackedEvent } from '../../src/core/protocol/call.ts';
import { isPlausibleMsTs, type SeqEntry } from '../../src/core/session/seq-entry.ts';
export type { SeqEntry };
import { NO_FINDINGS } from '../../src/core/session/step-context.ts';


export function makeEntry(call: InspectedCall, event: TrackedEvent, pos: number, opening: boolean): SeqEntry {
  const sendTime = call.exchange.startedAt;
  const tsUsable = isPlausibleMsTs(event.ts);
  return {
    call, event, pos, opening,
    time: tsUsable ? (event.ts as number) : Number.isFinite(sendTime) ? sendTime : 0,
    tsUsable,
    sendTime,
    findings: NO_FINDINGS,
    orderFindings: NO_FINDINGS,
    lane: null,
  };
}

/** Session order: the opening event, then by effective time, send time, exchange, position. */
export function compareSeq(a: SeqEntry, b: SeqEntry): number {
  if (a.opening !== b.opening) return a.opening ? -1 : 1;
  return a.time - b.time || num(a.sendTime) - num(b.sendTime) || a.call.exchange.index - b.call.exchange.index || a.pos - b.pos;
}

/** Send order: by send time, then exchange, then position inside a batch. */
export function compareSend(a: SeqEntry, b: SeqEntry): number {
  return num(a.sendTime) - num(b.sendTime) || a.call.exchange.index - b.call.exchange.index || a.pos - b.pos;
}

function num(t: number): number {
  return Number.isFinite(t) ? t : 0;
}

/** One event of a session as the state machine's rules see it (the columns load one per step). */
import type { Finding } from '../findings/finding.ts';
import type { InspectedCall, TrackedEvent } from '../protocol/call.ts';
import type { Lane } from './lane.ts';

export interface SeqEntry {
  call: InspectedCall;
  event: TrackedEvent;
  /** Position of the event inside its call (batches carry several). */
  pos: number;
  /** The session-opening event sorts first whatever its ts: events need the sid it brings. */
  opening: boolean;
  /** Effective time: `ts` when it is a plausible ms epoch, else the send time. */
  time: number;
  /** Whether `time` came from `ts`. */
  tsUsable: boolean;
  /** When the request was sent (ms since epoch), or NaN. */
  sendTime: number;
  /** Findings of the state machine at this event (recomputed on replay). */
  findings: Finding[];
  /** Findings about send order (ts.out-of-order), kept apart from the replay. */
  orderFindings: Finding[];
  /** What the session was doing after this event, for the timeline (set by the replay). */
  lane: Lane | null;
}

/** `ts` values outside this range cannot be ms since the epoch (1973 to 5138). */
export const MIN_MS_TS = 1e11;
export const MAX_MS_TS = 1e14;

export function isPlausibleMsTs(ts: number | null): ts is number {
  return ts !== null && Number.isInteger(ts) && ts >= MIN_MS_TS && ts < MAX_MS_TS;
}

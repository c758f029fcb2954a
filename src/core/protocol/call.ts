/** What a protocol adapter makes of one captured exchange: protocol-neutral, for the engine. */
import type { Exchange } from '../exchange.ts';
import type { Finding } from '../findings/finding.ts';
import type { PingClient } from '../session/ping-cadence.ts';

/** One tracking event carried by a call (a call may carry a whole batch). */
export interface TrackedEvent {
  /** As sent, even when unknown. Empty when the body had none. */
  eventType: string;
  /** Whether eventType is one of the protocol's event types. */
  known: boolean;
  playhead: number | null;
  /** Event time, ms since epoch, when the body had a usable number. */
  ts: number | null;
  params: Record<string, unknown> | null;
  qoe: Record<string, unknown> | null;
  /** JSON pointer of this event inside the request body ("" for a single event). */
  pointer: string;
}

export interface InspectedCall {
  protocol: string;
  exchange: Exchange;
  /** Protocol-specific route, e.g. "sessions", "events". */
  kind: string;
  /** Session id: from the URL of an events call, from the reply of a session start. */
  sid: string | null;
  /** True when this call opens the session `sid` (a sessions call with its 201, or a batch). */
  opensSession: boolean;
  /**
   * True when the call carries a whole session recorded earlier (downloaded content, posted after
   * playback): its events were not sent live, so send-time rules (clock skew) do not apply.
   */
  batch: boolean;
  events: TrackedEvent[];
  /** Short label for lists: the event type, or a description of the call. */
  label: string;
  /** Findings about this call alone (HTTP reply and body). */
  findings: Finding[];
  /** How the client reached the protocol, when it says more than the protocol (Media Edge: "Web SDK"). */
  style?: string;
  /** The location hint in a Media Edge path (`or2`, `va6`…). */
  hint?: string | null;
  /** The datastream a Media Edge call names (`configId`), null when it names none. */
  configId?: string | null;
  /**
   * How the client that sent it keeps its ping timer, when its protocol lets clients differ
   * (Media Edge: a main interval of 10 to 50 s; the Web SDK restarts its timer after every call).
   * Absent: Adobe's classic timer (10 s, restarted at playback states and ad boundaries).
   */
  pingClient?: PingClient;
}

/** A protocol the engine can inspect (Media Collection today; Media Edge and heartbeats next). */
export interface ProtocolAdapter {
  id: string;
  /** The call, or null when the exchange is not this protocol's. */
  inspect(exchange: Exchange): InspectedCall | null;
  /**
   * Whether a request with this method and URL may be this protocol's, before its reply has come:
   * the capture asks, to fetch the reply bodies the protocol needs (an Edge session id is in one).
   */
  matches?(method: string, url: string): boolean;
}

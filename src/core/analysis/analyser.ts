/**
 * The incremental analyser shared by the panel and the CLI: exchanges arrive one at a time, in
 * any order; each updates only its own session. `result()` after any arrival order equals the
 * result of the same exchanges added in recording order.
 */
import type { Exchange } from '../exchange.ts';
import type { Finding } from '../findings/finding.ts';
import { compareFindings } from '../findings/order.ts';
import { appendChanges, sameFindings, SortedFindings, type FindingChanges } from '../findings/sorted-findings.ts';
import type { InspectedCall, ProtocolAdapter } from '../protocol/call.ts';
import { createMediaCollectionAdapter, mediaCollection } from '../protocol/media-collection/adapter.ts';
import { SessionTrack } from '../session/session-track.ts';
import type { SessionReport } from '../session/session-report.ts';
import type { SessionTimeline } from '../session/timeline.ts';
import { withDefaults, type Settings } from '../session/settings.ts';
import { notRestarted } from './not-restarted.ts';
import { restartFindings } from './restarts.ts';
import { RouteChanges } from './route-changes.ts';
import { captureGaps, hiddenKey, NO_CAPTURE_CONTEXT, type CaptureContext } from './capture-gaps.ts';
import { mergeSorted } from '../findings/sorted-findings.ts';
import { callOfExchange, insertSorted } from '../sorted-list.ts';
import { createMediaEdgeAdapter, mediaEdge } from '../protocol/media-edge/adapter.ts';

export const DEFAULT_ADAPTERS: readonly ProtocolAdapter[] = [mediaCollection, mediaEdge];

/** The adapters for the last custom endpoints asked for (the capture asks for every request). */
let lastAdapters: { key: string; adapters: readonly ProtocolAdapter[] } | null = null;

/** The protocols the analysis reads: every one, at its custom endpoints too when there are some. */
export function adaptersFor(customEndpoints: readonly string[]): readonly ProtocolAdapter[] {
  if (!customEndpoints.length) return DEFAULT_ADAPTERS;
  const key = customEndpoints.join('\n');
  if (lastAdapters?.key !== key) lastAdapters = { key, adapters: [createMediaCollectionAdapter(customEndpoints), createMediaEdgeAdapter(customEndpoints)] };
  return lastAdapters.adapters;
}

export { mayBeTracked } from '../protocol/may-be-tracked.ts';

export interface AnalysisResult {
  settings: Settings;
  /** Calls of a known protocol, in recording order (by exchange index). */
  calls: InspectedCall[];
  /** Sessions in order of their first call. */
  sessions: SessionReport[];
  /** Every finding (request and sequence), in time order. */
  findings: Finding[];
  /** Exchanges of no known protocol. */
  ignored: number;
}

export class Analyser {
  readonly settings: Settings;
  /** Calls by exchange index, kept sorted as they arrive (no sort when reading; a binary search finds one). */
  private readonly sortedCalls: InspectedCall[] = [];
  /** Every finding in canonical order, kept up to date as findings come and go. */
  private readonly findings = new SortedFindings();
  /** Findings of calls added since the last result. */
  private newCallFindings: Finding[] = [];
  /** Sessions that took calls since the last result. */
  private changed: SessionTrack[] = [];
  /** The cross-session findings of the last result. */
  private crossFindings: Finding[] = [];
  /** For session.not-restarted: every sessions call, and every events call answered 404/410. */
  private readonly sessionStarts: InspectedCall[] = [];
  private readonly lostCalls: InspectedCall[] = [];
  private readonly sessions = new Map<string, SessionTrack>();
  /** Calls that name a location hint or a datastream (Media Edge), for edge.hint-changed and edge.config-changed. */
  private readonly routes = new RouteChanges();
  private ignoredCount = 0;
  /** Session starts that got no reply (capture.gap when their session went on), and every call without a reply. */
  private readonly failedStarts: InspectedCall[] = [];
  private readonly failedCalls: InspectedCall[] = [];
  /** Send time of the recording's first request of any kind. */
  private recordingStart = Number.NaN;
  private captureContext: CaptureContext = NO_CAPTURE_CONTEXT;
  private readonly seen = new IndexSet();
  private cached: AnalysisResult | null = null;

  private readonly adapters: readonly ProtocolAdapter[];

  constructor(settings: Partial<Settings> = {}, adapters?: readonly ProtocolAdapter[]) {
    this.settings = withDefaults(settings);
    this.adapters = adapters ?? adaptersFor(this.settings.customEndpoints);
  }

  /** Adds one exchange; an index already seen is ignored. Returns the call, or null if not tracked. */
  add(ex: Exchange): InspectedCall | null {
    if (this.seen.has(ex.index)) return callOfExchange(this.sortedCalls, ex.index);
    this.seen.add(ex.index);
    this.cached = null;
    if (Number.isFinite(ex.startedAt) && !(ex.startedAt >= this.recordingStart)) this.recordingStart = ex.startedAt;
    let call = inspectExchange(ex, this.adapters);
    if (!call) {
      this.ignoredCount++;
      return null;
    }
    if (call.sid !== null && (call.kind === 'events' || call.opensSession)) {
      let track = this.sessions.get(call.sid);
      if (!track) {
        track = new SessionTrack(call.sid, this.settings);
        this.sessions.set(call.sid, track);
      }
      // One string per session, not one per call (a sid is 64 characters, a session has thousands of calls).
      call.sid = track.sid;
      // The session keeps the call's events in its columns and gives back the compact call to keep.
      call = track.add(call);
      if (!track.changedSinceResult) {
        track.changedSinceResult = true;
        this.changed.push(track);
      }
    }
    insertSorted(this.sortedCalls, call, byIndex);
    for (const f of call.findings) this.newCallFindings.push(f);
    this.routes.add(call);
    if (call.kind === 'sessions') this.sessionStarts.push(call);
    if (call.kind === 'sessions' && ex.status === 0 && !call.batch) this.failedStarts.push(call);
    if (ex.status === 0) this.failedCalls.push(call);
    if (call.kind === 'events' && (ex.status === 404 || ex.status === 410)) this.lostCalls.push(call);
    return call;
  }

  addAll(exchanges: Iterable<Exchange>): this {
    for (const ex of exchanges) this.add(ex);
    return this;
  }

  /** The call of an exchange, or null when it was not a tracked call (or not added). */
  call(index: number): InspectedCall | null {
    return callOfExchange(this.sortedCalls, index);
  }

  /** The report of one session (cheap when nothing changed in it). */
  session(sid: string): SessionReport | null {
    return this.sessions.get(sid)?.report() ?? null;
  }

  /**
   * How the recording was made beyond its requests (its navigations, and whether the capture loses
   * calls at them): the capture.gap rule reads it. The panel sets it as it goes; the CLI from the
   * recording's pages and browser.
   */
  setCaptureContext(context: CaptureContext): void {
    this.captureContext = context;
    this.cached = null;
  }

  /** The timeline of one session, or null when the sid is unknown. */
  timeline(sid: string): SessionTimeline | null {
    return this.sessions.get(sid)?.timeline() ?? null;
  }

  /** Everything so far. Cheap to call again: only changed sessions are re-read. */
  result(): AnalysisResult {
    if (this.cached) return this.cached;
    const tracks = [...this.sessions.values()].sort((a, b) => a.firstExchange() - b.firstExchange() || (a.sid < b.sid ? -1 : 1));
    const sessions = tracks.map((t) => t.report());
    const changes: FindingChanges = { removed: [], added: this.newCallFindings };
    this.newCallFindings = [];
    for (const track of this.changed) {
      track.changedSinceResult = false;
      appendChanges(changes, track.takeChanges());
    }
    this.changed = [];
    // Cross-session rules are recomputed (they are cheap: one pass over sessions and lost calls);
    // their findings change the list only when they read differently.
    const gaps = this.gaps(sessions);
    const cross = [
      ...notRestarted(this.sessionStarts, this.lostCalls, this.endedBySessionEnd(sessions)),
      ...restartFindings(tracks.map((t) => t.restartFacts())),
      ...this.routes.findings(),
      ...gaps.added,
    ].sort(compareFindings);
    if (!sameFindings(cross, this.crossFindings)) {
      appendChanges(changes, { removed: this.crossFindings, added: cross });
      this.crossFindings = cross;
    }
    this.findings.apply(changes);
    // What a capture gap explains (a start's http.failed, a session.unknown, an open-at-end) is left out.
    const shown = (f: Finding) => !gaps.hidden.has(hiddenKey(f));
    const findings = gaps.hidden.size ? this.findings.items.filter(shown) : this.findings.items.slice();
    const withGaps = gaps.added.length || gaps.hidden.size ? sessions.map((s) => this.withGaps(s, gaps.added, shown)) : sessions;
    this.cached = { settings: this.settings, calls: this.sortedCalls.slice(), sessions: withGaps, findings, ignored: this.ignoredCount };
    return this.cached;
  }

  /** The capture gaps of the recording (capture-gaps.ts), from the sessions as they read now. */
  private gaps(sessions: readonly SessionReport[]) {
    const unknown = sessions.filter((s) => !s.startCaptured);
    if (unknown.length === 0 && (!this.captureContext.lossyAtNavigation || this.captureContext.navigations.length === 0)) return { added: [], hidden: new Set<string>() };
    const firstCalls = new Map<string, { exchange: number; sentAt: number }>();
    for (const s of unknown) {
      const call = this.call(this.sessions.get(s.sid)?.firstExchange() ?? -1);
      if (call) firstCalls.set(s.sid, { exchange: call.exchange.index, sentAt: call.exchange.startedAt });
    }
    return captureGaps({
      sessions, failedStarts: this.failedStarts, failedCalls: this.failedCalls, firstCalls, recordingStart: this.recordingStart, context: this.captureContext,
      lastCall: (sid) => this.sessions.get(sid)?.lastCall() ?? null,
      firstCall: (sid) => this.sessions.get(sid)?.firstCall() ?? null,
    });
  }

  /** A session's report with the gap findings of its sid in, and what they explain out. */
  private withGaps(s: SessionReport, added: readonly Finding[], shown: (f: Finding) => boolean): SessionReport {
    const mine = added.filter((f) => f.sid === s.sid);
    const kept = s.findings.filter(shown);
    if (mine.length === 0 && kept.length === s.findings.length) return s;
    return { ...s, findings: mergeSorted(kept, [...mine].sort(compareFindings)) };
  }

  private endedBySessionEnd(sessions: readonly SessionReport[]): Map<string, InspectedCall> {
    const out = new Map<string, InspectedCall>();
    for (const s of sessions) {
      const call = s.closedBy?.reason === 'sessionEnd' ? callOfExchange(this.sortedCalls, s.closedBy.exchange) : null;
      if (call) out.set(s.sid, call);
    }
    return out;
  }
}

/** Which exchange indexes were seen: a bitmap for the usual small integers, a Set for the rest. */
class IndexSet {
  private bits = new Uint8Array(1024);
  private readonly others = new Set<number>();

  has(i: number): boolean {
    return Number.isInteger(i) && i >= 0 && i < 1 << 30 ? i < this.bits.length * 8 && ((this.bits[i >> 3] as number) & (1 << (i & 7))) !== 0 : this.others.has(i);
  }

  add(i: number): void {
    if (!(Number.isInteger(i) && i >= 0 && i < 1 << 30)) {
      this.others.add(i);
      return;
    }
    while (i >= this.bits.length * 8) {
      const grown = new Uint8Array(this.bits.length * 2);
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[i >> 3] = (this.bits[i >> 3] as number) | (1 << (i & 7));
  }
}

/** Exchange order, the order of the result's calls. */
function byIndex(a: InspectedCall, b: InspectedCall): number {
  return a.exchange.index - b.exchange.index;
}

function inspectExchange(ex: Exchange, adapters: readonly ProtocolAdapter[] = DEFAULT_ADAPTERS): InspectedCall | null {
  for (const adapter of adapters) {
    const call = adapter.inspect(ex);
    if (call) return call;
  }
  return null;
}

/** Batch analysis: the same as adding every exchange to a fresh Analyser. */
export function analyse(exchanges: Iterable<Exchange>, settings: Partial<Settings> = {}): AnalysisResult {
  return new Analyser(settings).addAll(exchanges).result();
}

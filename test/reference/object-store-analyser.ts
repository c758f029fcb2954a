/**
 * The reference model for the compact store's property test: the Analyser as it was at commit
 * 0cba935, before issue 15, frozen. One object per event (SeqEntry) in each session, the
 * adapters' InspectedCall objects kept whole, and every finding re-sorted on every read. It
 * shares the adapters and the state machine's rules with the engine: what it pins is the storage
 * and the ordering, the part issue 15 rewrote. Do not update it with the engine.
 */
import type { Exchange } from '../../src/core/exchange.ts';
import type { Finding } from '../../src/core/findings/finding.ts';
import { compareFindings } from '../../src/core/findings/order.ts';
import type { InspectedCall, ProtocolAdapter } from '../../src/core/protocol/call.ts';
import { ObjectSessionTrack as SessionTrack } from './object-session-track.ts';
import type { SessionReport } from '../../src/core/session/session-report.ts';
import type { SessionTimeline } from '../../src/core/session/timeline.ts';
import { withDefaults, type Settings } from '../../src/core/session/settings.ts';
import { notRestarted } from '../../src/core/analysis/not-restarted.ts';
import { restartFindings } from '../../src/core/analysis/restarts.ts';
import { routeChanges } from '../../src/core/analysis/route-changes.ts';
import { captureGaps, hiddenKey, NO_CAPTURE_CONTEXT } from '../../src/core/analysis/capture-gaps.ts';
import { adaptersFor, DEFAULT_ADAPTERS, type AnalysisResult } from '../../src/core/analysis/analyser.ts';

export class ObjectStoreAnalyser {
  readonly settings: Settings;
  /** Calls by exchange index (a plain array: indexes are small dense integers in practice). */
  private readonly calls: (InspectedCall | undefined)[] = [];
  /** The same calls by exchange index, kept sorted as they arrive (no sort when reading). */
  private readonly sortedCalls: InspectedCall[] = [];
  private readonly callsWithFindings: InspectedCall[] = [];
  /** For session.not-restarted: every sessions call, and every events call answered 404/410. */
  private readonly sessionStarts: InspectedCall[] = [];
  private readonly lostCalls: InspectedCall[] = [];
  private readonly sessions = new Map<string, SessionTrack>();
  /** Media Edge calls with a location hint, for edge.hint-changed (none in Media Collection traffic). */
  private readonly hintedCalls: InspectedCall[] = [];
  private ignoredCount = 0;
  /** Added with issue 20 (capture gaps): session starts without reply, the recording's first send time. */
  private readonly failedStarts: InspectedCall[] = [];
  private recordingStart = Number.NaN;
  private readonly seen = new IndexSet();
  private cached: AnalysisResult | null = null;

  private readonly adapters: readonly ProtocolAdapter[];

  constructor(settings: Partial<Settings> = {}, adapters?: readonly ProtocolAdapter[]) {
    this.settings = withDefaults(settings);
    this.adapters = adapters ?? adaptersFor(this.settings.customEndpoints);
  }

  /** Adds one exchange; an index already seen is ignored. Returns the call, or null if not tracked. */
  add(ex: Exchange): InspectedCall | null {
    if (this.seen.has(ex.index)) return this.calls[ex.index] ?? null;
    this.seen.add(ex.index);
    this.cached = null;
    if (Number.isFinite(ex.startedAt) && !(ex.startedAt >= this.recordingStart)) this.recordingStart = ex.startedAt;
    const call = inspectExchange(ex, this.adapters);
    if (!call) {
      this.ignoredCount++;
      return null;
    }
    this.calls[ex.index] = call;
    insertByIndex(this.sortedCalls, call);
    if (call.findings.length > 0) this.callsWithFindings.push(call);
    if (call.hint || call.configId) this.hintedCalls.push(call);
    if (call.kind === 'sessions') this.sessionStarts.push(call);
    if (call.kind === 'sessions' && ex.status === 0 && !call.batch) this.failedStarts.push(call);
    if (call.kind === 'events' && (ex.status === 404 || ex.status === 410)) this.lostCalls.push(call);
    if (call.sid !== null && (call.kind === 'events' || call.opensSession)) {
      let track = this.sessions.get(call.sid);
      if (!track) {
        track = new SessionTrack(call.sid, this.settings);
        this.sessions.set(call.sid, track);
      }
      // One string per session, not one per call (a sid is 64 characters, a session has thousands of calls).
      call.sid = track.sid;
      track.add(call);
    }
    return call;
  }

  addAll(exchanges: Iterable<Exchange>): this {
    for (const ex of exchanges) this.add(ex);
    return this;
  }

  /** The report of one session (cheap when nothing changed in it). */
  session(sid: string): SessionReport | null {
    return this.sessions.get(sid)?.report() ?? null;
  }

  /** The timeline of one session, or null when the sid is unknown. */
  timeline(sid: string): SessionTimeline | null {
    return this.sessions.get(sid)?.timeline() ?? null;
  }

  /** Everything so far. Cheap to call again: only changed sessions are re-read. */
  result(): AnalysisResult {
    if (this.cached) return this.cached;
    const tracks = [...this.sessions.values()].sort((a, b) => a.firstExchange() - b.firstExchange() || (a.sid < b.sid ? -1 : 1));
    const reports = tracks.map((t) => t.report());
    // Capture gaps, computed from scratch on every read.
    const firstCalls = new Map<string, { exchange: number; sentAt: number }>();
    for (const t of tracks) {
      const call = this.calls[t.firstExchange()];
      if (call) firstCalls.set(t.sid, { exchange: call.exchange.index, sentAt: call.exchange.startedAt });
    }
    const gaps = captureGaps({ sessions: reports, failedStarts: this.failedStarts, firstCalls, recordingStart: this.recordingStart, context: NO_CAPTURE_CONTEXT, lastCall: () => null, firstCall: () => null });
    const shown = (f: Finding) => !gaps.hidden.has(hiddenKey(f));
    const sessions = reports.map((s) => {
      const mine = gaps.added.filter((f) => f.sid === s.sid);
      const kept = s.findings.filter(shown);
      return mine.length === 0 && kept.length === s.findings.length ? s : { ...s, findings: [...kept, ...mine].sort(compareFindings) };
    });
    const findings = [
      ...this.callsWithFindings.flatMap((c) => c.findings),
      ...reports.flatMap((s) => s.findings),
      ...notRestarted(this.sessionStarts, this.lostCalls, this.endedBySessionEnd(reports)),
      ...restartFindings(tracks.map((t) => t.restartFacts())),
      ...(this.hintedCalls.length ? routeChanges(this.hintedCalls) : []),
      ...gaps.added,
    ].filter(shown).sort(compareFindings);
    this.cached = { settings: this.settings, calls: this.sortedCalls.slice(), sessions, findings, ignored: this.ignoredCount };
    return this.cached;
  }

  private endedBySessionEnd(sessions: readonly SessionReport[]): Map<string, InspectedCall> {
    const out = new Map<string, InspectedCall>();
    for (const s of sessions) {
      const call = s.closedBy?.reason === 'sessionEnd' ? this.calls[s.closedBy.exchange] : undefined;
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

/** Keeps calls sorted by exchange index; live and recorded traffic mostly append. */
function insertByIndex(list: InspectedCall[], call: InspectedCall): void {
  const i = call.exchange.index;
  if (list.length === 0 || (list[list.length - 1] as InspectedCall).exchange.index < i) {
    list.push(call);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as InspectedCall).exchange.index < i) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, call);
}

function inspectExchange(ex: Exchange, adapters: readonly ProtocolAdapter[] = DEFAULT_ADAPTERS): InspectedCall | null {
  for (const adapter of adapters) {
    const call = adapter.inspect(ex);
    if (call) return call;
  }
  return null;
}

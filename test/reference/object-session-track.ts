/**
 * Reference model (see object-store-analyser.ts): the SessionTrack of commit 0cba935, frozen, with
 * one SeqEntry object per event and findings sorted on every report.
 */
import type { Finding } from '../../src/core/findings/finding.ts';
import { makeFinding } from '../../src/core/findings/make-finding.ts';
import { compareFindings } from '../../src/core/findings/order.ts';
import type { InspectedCall } from '../../src/core/protocol/call.ts';
import type { RestartFacts } from '../../src/core/analysis/restarts.ts';
import { compareSend, compareSeq, makeEntry, type SeqEntry } from './object-seq-entry.ts';
import { cloneState, initialState, type SessionState } from '../../src/core/session/session-state.ts';
import { metricsOf, summariseState, type SessionMedia, type SessionReport } from '../../src/core/session/session-report.ts';
import type { Settings } from '../../src/core/session/settings.ts';
import { duration, NO_FINDINGS, StepContext } from '../../src/core/session/step-context.ts';
import { step } from '../../src/core/session/step.ts';
import { startStatusOf } from '../../src/core/session/start-status.ts';
import { buildTimeline, type SessionTimeline } from '../../src/core/session/timeline.ts';
import { cadenceOf, FIXED_TIMER_CLIENT, readCadence, sameCadence } from '../../src/core/session/ping-cadence.ts';

const CHECKPOINT_EVERY = 512;

export class ObjectSessionTrack {
  private readonly entries: SeqEntry[] = [];
  private readonly sendOrder: SeqEntry[] = [];
  private readonly calls: InspectedCall[] = [];
  /** Exchange indexes of `calls`, kept alongside so that reading a report is cheap. */
  private callIndexes: number[] = [];
  private checkpoints: { pos: number; state: SessionState }[] = [];
  private state: SessionState;
  private processed = 0;
  private opening: InspectedCall | null = null;
  private cached: SessionReport | null = null;
  /** Entries that currently hold findings, so reading a report does not walk every event. */
  private readonly withFindings = new Set<SeqEntry>();

  private readonly ctx: StepContext;

  constructor(readonly sid: string, private readonly settings: Settings) {
    this.state = initialState(false);
    this.ctx = new StepContext(settings, sid);
  }

  /** Exchange index of the session's first call in send order (for ordering sessions). */
  firstExchange(): number {
    return this.callIndexes[0] ?? Number.MAX_SAFE_INTEGER;
  }

  add(call: InspectedCall): void {
    const at = insertSorted(this.calls, call, compareCalls);
    if (at === this.callIndexes.length) this.callIndexes.push(call.exchange.index);
    else {
      // Reports copy their calls lazily, up to the length the list had; a new list for an
      // insertion before the end (rare: out-of-order arrival) leaves what they show unchanged.
      const next = this.callIndexes.slice();
      next.splice(at, 0, call.exchange.index);
      this.callIndexes = next;
    }
    this.cached = null;
    // The session opens with its earliest sessions call in send order (a retried sessionStart
    // answered with the same sid is an event of the session), whatever the arrival order.
    if (call.opensSession && (!this.opening || compareCalls(call, this.opening) < 0)) {
      const previous = this.opening;
      this.opening = call;
      if (previous) this.reinsert(previous);
      this.rollBackTo(0, true);
    }
    const opening = call === this.opening;
    const events = call.events;
    for (let pos = 0; pos < events.length; pos++) this.insert(makeEntry(call, events[pos] as (typeof events)[number], pos, opening));
  }

  /** A call that no longer opens the session: its events go back in as ordinary ones. */
  private reinsert(call: InspectedCall): void {
    const mine = (e: SeqEntry) => e.call === call;
    for (const list of [this.entries, this.sendOrder]) {
      for (let i = list.length - 1; i >= 0; i--) {
        const e = list[i] as SeqEntry;
        if (mine(e)) {
          list.splice(i, 1);
          this.withFindings.delete(e);
        }
      }
    }
    call.events.forEach((event, pos) => this.insert(makeEntry(call, event, pos, false)));
  }

  report(): SessionReport {
    if (this.cached) return this.cached;
    this.run();
    const s = this.state;
    const findings: Finding[] = [];
    for (const e of this.withFindings) findings.push(...e.findings, ...e.orderFindings);
    findings.push(...this.endFindings(s));
    findings.sort(compareFindings);
    const indexes = this.callIndexes;
    const count = indexes.length;
    let calls: number[] | null = null;
    const first = this.opening ?? this.calls[0];
    this.cached = {
      sid: this.sid,
      protocol: first?.protocol ?? 'media-collection',
      style: first?.style ?? null,
      startCaptured: this.opening !== null,
      startStatus: startStatusOf(this.opening !== null, this.calls),
      media: this.media(),
      // Copied on first read only: a live session's report is rebuilt on every event, and copying
      // 100 000 indexes each time would make adding an event O(n).
      get calls() {
        calls ??= indexes.slice(0, count);
        return calls;
      },
      state: summariseState(s),
      closedBy: s.closed && s.closedAt ? { reason: s.closed, ...s.closedAt } : null,
      pingCadence: this.ctx.cadence,
      metrics: metricsOf(s),
      findings,
    };
    return this.cached;
  }

  /** What the cross-session restart rules need of this session. */
  restartFacts(): RestartFacts {
    this.run();
    const p = this.opening?.events[0]?.params ?? {};
    const first = this.entries[0];
    const media = this.media();
    return {
      sid: this.sid,
      media: media.id !== null && media.playerName !== null ? `${media.playerName}\u0000${media.id}` : null,
      start: this.opening && first?.opening ? { exchange: this.opening.exchange.index, time: first.time, resume: p['media.resume'] === true } : null,
      restored: this.state.restored ?? this.state.restoring,
      closing: this.state.closing,
    };
  }

  /** The session's timeline (lanes and marks), for drawing. */
  timeline(): SessionTimeline {
    this.run();
    return buildTimeline(this.sid, this.entries);
  }

  private insert(entry: SeqEntry): void {
    const pos = insertSorted(this.entries, entry, compareSeq);
    if (pos < this.processed) this.rollBackTo(pos, false);
    const q = insertSorted(this.sendOrder, entry, compareSend);
    this.checkSendOrder(q);
    this.checkSendOrder(q + 1);
  }

  /** Restores the state from the last checkpoint at or before `pos` (or from scratch). */
  private rollBackTo(pos: number, fromScratch: boolean): void {
    if (fromScratch) this.checkpoints = [];
    while (this.checkpoints.length > 0 && (this.checkpoints[this.checkpoints.length - 1] as { pos: number }).pos > pos) this.checkpoints.pop();
    const cp = this.checkpoints[this.checkpoints.length - 1];
    this.state = cp ? cloneState(cp.state) : initialState(this.opening !== null);
    this.processed = cp ? cp.pos : 0;
  }

  /** The ping client and main interval, read again from scratch on every run (added with issue 19). */
  private refreshPingSetup(): void {
    const client = (this.opening ?? this.calls[0])?.pingClient ?? FIXED_TIMER_CLIENT;
    const entries = this.entries;
    const reading = client.cadenceMayVary && this.settings.mainPingIntervalS === null
      ? readCadence({
        length: entries.length,
        type: (i) => (entries[i] as SeqEntry).event.eventType,
        time: (i) => (entries[i] as SeqEntry).time,
        sendTime: (i) => (entries[i] as SeqEntry).sendTime,
        durationMs: (i) => (entries[i] as SeqEntry).call.exchange.durationMs,
      }, client, this.settings.pingToleranceMs)
      : null;
    const cadence = cadenceOf(this.settings, client, reading);
    if (client === this.ctx.client && sameCadence(cadence, this.ctx.cadence)) return;
    this.ctx.client = client;
    this.ctx.cadence = cadence;
    this.rollBackTo(0, true);
  }

  private run(): void {
    this.refreshPingSetup();
    for (let i = this.processed; i < this.entries.length; i++) {
      const lastCp = this.checkpoints[this.checkpoints.length - 1];
      if (i % CHECKPOINT_EVERY === 0 && (!lastCp || lastCp.pos < i)) this.checkpoints.push({ pos: i, state: cloneState(this.state) });
      const e = this.entries[i] as SeqEntry;
      const had = e.findings !== NO_FINDINGS;
      e.findings = NO_FINDINGS;
      step(this.ctx.at(this.state, e));
      if (had || e.findings !== NO_FINDINGS) this.track(e);
    }
    this.processed = this.entries.length;
  }

  /** ts.out-of-order: judged in the order the requests were sent. */
  private checkSendOrder(q: number): void {
    const e = this.sendOrder[q];
    if (!e) return;
    const had = e.orderFindings !== NO_FINDINGS;
    e.orderFindings = NO_FINDINGS;
    if (had) this.track(e);
    const prev = this.sendOrder[q - 1];
    if (!prev || !e.tsUsable || !prev.tsUsable) return;
    const back = (prev.event.ts as number) - (e.event.ts as number);
    if (back <= 0) return;
    const f = makeFinding('ts.out-of-order', { exchange: e.call.exchange.index, sid: this.sid, time: e.time },
      `This ${e.event.eventType} was sent after the ${prev.event.eventType} of #${prev.call.exchange.index} but its ts is ${duration(back)} earlier: ${back > 1000 ? 'more than 1 s out of order, Adobe may fail to reorder it and miscount the session' : 'Adobe reorders small inversions, but the player should send events in order'}.`,
      { pointer: `${e.event.pointer}/playerTime/ts` });
    e.orderFindings = [back > 1000 ? { ...f, severity: 'error' } : f];
    this.track(e);
  }

  private track(e: SeqEntry): void {
    if (e.findings.length > 0 || e.orderFindings.length > 0) this.withFindings.add(e);
    else this.withFindings.delete(e);
  }

  /** Findings that depend on the whole session as recorded so far. */
  private endFindings(s: SessionState): Finding[] {
    const out: Finding[] = [];
    const at = (exchange: number, time: number) => ({ exchange, sid: this.sid, time });
    for (const o of s.orphans) {
      const credited = o.creditedMs > 0
        ? `about ${duration(o.creditedMs)} of ad are counted as main content (estimated)`
        : 'its duration is counted as main content';
      out.push(makeFinding('ad.orphan-start', at(o.exchange, o.time),
        `adStart${o.id ? ` for ad "${o.id}"` : ''} with no open ad break: Adobe ignores the ad, so ${credited}, and the ad is missing from ad reports.`));
    }
    const first = this.entries[0];
    const firstCall = this.calls[0];
    // A sid Adobe answered 404 for is unknown to Adobe too: a player bug (http.session-not-found
    // says so), not a recording that started late.
    if (!this.opening && firstCall && !this.calls.some((c) => c.exchange.status === 404)) {
      out.push(makeFinding('session.unknown', at(first?.call.exchange.index ?? firstCall.exchange.index, first?.time ?? firstCall.exchange.startedAt),
        'The sessions call that opened this session was not captured (the recording started late): its start, metadata and first events are unknown, so some checks are skipped and metrics are partial.'));
    }
    const last = this.entries[this.entries.length - 1];
    // Added with issue 22: a sid Adobe never knew (404, start not captured) was never open.
    if (last && !s.closed && !s.completed && startStatusOf(this.opening !== null, this.calls) !== 'unknown-to-adobe') {
      out.push(makeFinding('session.open-at-end', at(last.call.exchange.index, last.time),
        `The recording ends with this session neither completed nor ended (last event: ${last.event.eventType || 'unknown'}): fine if playback was still going, otherwise the player forgot sessionComplete or sessionEnd.`));
    }
    return out;
  }

  private media(): SessionMedia {
    const p = this.opening?.events[0]?.params ?? {};
    const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : null);
    return {
      id: str('media.id'),
      name: str('media.name'),
      contentType: str('media.contentType'),
      length: typeof p['media.length'] === 'number' ? (p['media.length'] as number) : null,
      playerName: str('media.playerName'),
      streamType: str('media.streamType'),
    };
  }
}

function compareCalls(a: InspectedCall, b: InspectedCall): number {
  return sendKey(a) - sendKey(b) || a.exchange.index - b.exchange.index;
}

function sendKey(c: InspectedCall): number {
  return Number.isFinite(c.exchange.startedAt) ? c.exchange.startedAt : 0;
}

/** Inserts keeping the array sorted; searches from the end, where live traffic lands. Returns the index. */
function insertSorted<T>(list: T[], item: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = list.length;
  if (hi > 0 && compare(list[hi - 1] as T, item) <= 0) {
    list.push(item);
    return hi;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid] as T, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
  return lo;
}

/**
 * One session, followed incrementally. Events are kept in columns (event-columns.ts) and ordered
 * by two index arrays: session order and send order. The state machine runs lazily up to the
 * last event. An event that lands before the processed part rolls the state back to the nearest
 * checkpoint (one every CHECKPOINT_EVERY events) and replays from there, so the result never
 * depends on arrival order and appending costs O(1) amortised. Findings are kept in order as they
 * change, and the changes are handed to the analyser, so reading a report never sorts them all.
 */
import type { Finding } from '../findings/finding.ts';
import { makeFinding } from '../findings/make-finding.ts';
import { compareFindings } from '../findings/order.ts';
import { appendChanges, mergeSorted, noChanges, sameFindings, SortedFindings, type FindingChanges } from '../findings/sorted-findings.ts';
import type { InspectedCall } from '../protocol/call.ts';
import type { RestartFacts } from '../analysis/restarts.ts';
import { blankEntry, EventColumns, ORDER_FINDINGS, STEP_FINDINGS } from './event-columns.ts';
import { cadenceOf, FIXED_TIMER_CLIENT, readCadence, sameCadence, type CadenceEvents, type CadenceReading, type PingClient } from './ping-cadence.ts';
import { RowOrder } from './row-order.ts';
import { cloneState, initialState, type SessionState } from './session-state.ts';
import { metricsOf, summariseState, type SessionMedia, type SessionReport } from './session-report.ts';
import type { Settings } from './settings.ts';
import { duration, NO_FINDINGS, StepContext } from './step-context.ts';
import { step } from './step.ts';
import { StoredCall } from './stored-call.ts';
import { insertSorted } from '../sorted-list.ts';
import { startStatusOf } from './start-status.ts';
import { buildTimeline, type SessionTimeline } from './timeline.ts';

const CHECKPOINT_EVERY = 512;

export class SessionTrack {
  private readonly columns = new EventColumns();
  /** Rows in session order (the order the state machine reads). */
  private readonly seq: RowOrder;
  /** Rows in send order (ts.out-of-order is judged in it). */
  private readonly send: RowOrder;
  private readonly calls: InspectedCall[] = [];
  /** Exchange indexes of `calls`, kept alongside so that reading a report is cheap. */
  private callIndexes: number[] = [];
  private checkpoints: { pos: number; state: SessionState }[] = [];
  private state: SessionState;
  private processed = 0;
  private opening: InspectedCall | null = null;
  private cached: SessionReport | null = null;
  /** Findings of the state machine and of send order, by row (most rows have none). */
  private readonly stepFindings = new Map<number, Finding[]>();
  private readonly orderFindings = new Map<number, Finding[]>();
  /** The same findings in order, and the changes not yet applied to it. */
  private readonly sorted = new SortedFindings();
  private pending: FindingChanges = noChanges();
  /** Changes the analyser has not taken yet (step, order and end findings). */
  private unread: FindingChanges = noChanges();
  private endFindingsShown: Finding[] = [];

  /** Set by the analyser while the session is on its list of sessions changed since the last result. */
  changedSinceResult = false;

  private readonly ctx: StepContext;
  private readonly cursor = blankEntry();
  /** What the session's first pings say of its main ping interval, and whether to read them again. */
  private cadenceReading: CadenceReading | null = null;
  private cadenceStale = true;
  /** The session's events in session order, as the cadence reading reads them. */
  private readonly cadenceEvents: CadenceEvents;

  constructor(readonly sid: string, private readonly settings: Settings) {
    this.state = initialState(false);
    this.ctx = new StepContext(settings, sid);
    const cols = this.columns;
    this.seq = new RowOrder((a, b) => {
      const oa = cols.opening(a);
      if (oa !== cols.opening(b)) return oa ? -1 : 1;
      return cols.time(a) - cols.time(b) || num(cols.sendTime(a)) - num(cols.sendTime(b)) || cols.exchangeIndex(a) - cols.exchangeIndex(b) || cols.posOf(a) - cols.posOf(b);
    });
    this.send = new RowOrder((a, b) => num(cols.sendTime(a)) - num(cols.sendTime(b)) || cols.exchangeIndex(a) - cols.exchangeIndex(b) || cols.posOf(a) - cols.posOf(b));
    const seq = this.seq;
    this.cadenceEvents = {
      get length() { return seq.length; },
      type: (i) => cols.eventType(seq.at(i)),
      time: (i) => cols.time(seq.at(i)),
      sendTime: (i) => cols.sendTime(seq.at(i)),
      durationMs: (i) => cols.call(seq.at(i)).exchange.durationMs,
    };
  }

  /** Exchange index of the session's first call in send order (for ordering sessions). */
  firstExchange(): number {
    return this.callIndexes[0] ?? Number.MAX_SAFE_INTEGER;
  }

  /** The session's last call in send order (capture gaps at navigations). */
  lastCall(): { exchange: number; sentAt: number; time: number } | null {
    return callFacts(this.calls[this.calls.length - 1]);
  }

  /** The session's first call in send order. */
  firstCall(): { exchange: number; sentAt: number; time: number } | null {
    return callFacts(this.calls[0]);
  }

  /** Adds a call of this session; returns the compact call to keep in its place. */
  add(inspected: InspectedCall): InspectedCall {
    const firstRow = this.columns.length;
    const call = new StoredCall(inspected, this.columns, firstRow);
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
    let opening = false;
    if (call.opensSession && (!this.opening || compareCalls(call, this.opening) < 0)) {
      const previous = this.opening;
      this.opening = call;
      opening = true;
      if (previous) this.demote(previous);
      this.rollBackTo(0, true);
    }
    const events = inspected.events;
    for (let pos = 0; pos < events.length; pos++) {
      this.insert(this.columns.append(call, events[pos] as (typeof events)[number], pos, opening));
    }
    return call;
  }

  /** A call that no longer opens the session: its events become ordinary ones, placed anew. */
  private demote(call: InspectedCall): void {
    const rows: number[] = [];
    const cols = this.columns;
    for (const list of [this.seq, this.send]) list.removeWhere((row) => cols.call(row) === call);
    for (let row = 0; row < cols.length; row++) if (cols.call(row) === call) rows.push(row);
    for (const row of rows) {
      this.setFindings(this.stepFindings, STEP_FINDINGS, row, NO_FINDINGS);
      this.setFindings(this.orderFindings, ORDER_FINDINGS, row, NO_FINDINGS);
      cols.clearOpening(row);
    }
    for (const row of rows) this.insert(row);
  }

  report(): SessionReport {
    if (this.cached) return this.cached;
    this.run();
    const s = this.state;
    // The step and order changes since the last report: into this session's list, then on to the analyser.
    const changes = this.pending;
    this.pending = noChanges();
    this.sorted.apply(changes);
    appendChanges(this.unread, changes);
    const end = this.endFindings(s).sort(compareFindings);
    if (!sameFindings(end, this.endFindingsShown)) {
      appendChanges(this.unread, { removed: this.endFindingsShown, added: end });
      this.endFindingsShown = end;
    }
    const findings = mergeSorted(this.sorted.items, this.endFindingsShown);
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

  /**
   * The findings that came and went since the last call (for the analyser's ordered list of
   * every finding). Read after report(), which brings them up to date.
   */
  takeChanges(): FindingChanges {
    const out = this.unread;
    this.unread = noChanges();
    return out;
  }

  /** What the cross-session restart rules need of this session. */
  restartFacts(): RestartFacts {
    this.run();
    const p = this.openingParams();
    const first = this.seq.length > 0 ? this.seq.at(0) : -1;
    const media = this.media();
    return {
      sid: this.sid,
      media: media.id !== null && media.playerName !== null ? `${media.playerName}\u0000${media.id}` : null,
      start: this.opening && first >= 0 && this.columns.opening(first) ? { exchange: this.opening.exchange.index, time: this.columns.time(first), resume: p['media.resume'] === true } : null,
      restored: this.state.restored ?? this.state.restoring,
      closing: this.state.closing,
    };
  }

  /** The session's timeline (lanes and marks), for drawing. */
  timeline(): SessionTimeline {
    this.run();
    const entries = [];
    for (let i = 0; i < this.seq.length; i++) entries.push(this.columns.entry(this.seq.at(i)));
    return buildTimeline(this.sid, entries);
  }

  private insert(row: number): void {
    const pos = this.seq.insert(row);
    if (pos < this.processed) this.rollBackTo(pos, false);
    if (!this.cadenceReading || pos <= this.cadenceReading.horizon) this.cadenceStale = true;
    const q = this.send.insert(row);
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

  /**
   * The session's ping client (from its opening call, else its first) and the main interval it is
   * judged by; when either changes, the state machine runs again from the start.
   */
  private refreshPingSetup(): void {
    const client: PingClient = (this.opening ?? this.calls[0])?.pingClient ?? FIXED_TIMER_CLIENT;
    if (this.cadenceStale || client !== this.ctx.client) {
      this.cadenceStale = false;
      this.cadenceReading = client.cadenceMayVary && this.settings.mainPingIntervalS === null
        ? readCadence(this.cadenceEvents, client, this.settings.pingToleranceMs) : null;
    }
    const cadence = cadenceOf(this.settings, client, this.cadenceReading);
    if (client === this.ctx.client && sameCadence(cadence, this.ctx.cadence)) return;
    this.ctx.client = client;
    this.ctx.cadence = cadence;
    this.rollBackTo(0, true);
  }

  private run(): void {
    this.refreshPingSetup();
    const e = this.cursor;
    for (let i = this.processed; i < this.seq.length; i++) {
      const lastCp = this.checkpoints[this.checkpoints.length - 1];
      if (i % CHECKPOINT_EVERY === 0 && (!lastCp || lastCp.pos < i)) this.checkpoints.push({ pos: i, state: cloneState(this.state) });
      const row = this.seq.at(i);
      this.columns.load(e, row);
      step(this.ctx.at(this.state, e));
      this.columns.setLane(row, e.lane);
      this.setFindings(this.stepFindings, STEP_FINDINGS, row, e.findings);
    }
    this.processed = this.seq.length;
  }

  /** Replaces a row's findings in `map` (marked on the row by `bit`), noting what went and came. */
  private setFindings(map: Map<number, Finding[]>, bit: number, row: number, next: Finding[]): void {
    const had = this.columns.marked(row, bit);
    if (!had && next.length === 0) return; // the usual row: no findings before or after
    const before = had ? map.get(row) : undefined;
    if (before) {
      for (const f of before) {
        this.pending.removed.push(f);
      }
    }
    if (next.length === 0) map.delete(row);
    else {
      map.set(row, next);
      for (const f of next) {
        this.pending.added.push(f);
      }
    }
    this.columns.mark(row, bit, next.length > 0);
    this.cached = null;
  }

  /** ts.out-of-order: judged in the order the requests were sent. */
  private checkSendOrder(q: number): void {
    if (q >= this.send.length) return;
    const cols = this.columns;
    const row = this.send.at(q);
    const prev = q > 0 ? this.send.at(q - 1) : -1;
    if (prev < 0 || !cols.tsUsable(row) || !cols.tsUsable(prev)) {
      this.setFindings(this.orderFindings, ORDER_FINDINGS, row, NO_FINDINGS);
      return;
    }
    const back = (cols.ts(prev) as number) - (cols.ts(row) as number);
    if (back <= 0) {
      this.setFindings(this.orderFindings, ORDER_FINDINGS, row, NO_FINDINGS);
      return;
    }
    const f = makeFinding('ts.out-of-order', { exchange: cols.exchangeIndex(row), sid: this.sid, time: cols.time(row) },
      `This ${cols.eventType(row)} was sent after the ${cols.eventType(prev)} of #${cols.exchangeIndex(prev)} but its ts is ${duration(back)} earlier: ${back > 1000 ? 'more than 1 s out of order, Adobe may fail to reorder it and miscount the session' : 'Adobe reorders small inversions, but the player should send events in order'}.`,
      { pointer: `${cols.pointer(row)}/playerTime/ts` });
    this.setFindings(this.orderFindings, ORDER_FINDINGS, row, [back > 1000 ? { ...f, severity: 'error' } : f]);
  }

  /** Findings that depend on the whole session as recorded so far. */
  private endFindings(s: SessionState): Finding[] {
    const out: Finding[] = [];
    const cols = this.columns;
    const at = (exchange: number, time: number) => ({ exchange, sid: this.sid, time });
    for (const o of s.orphans) {
      const credited = o.creditedMs > 0
        ? `about ${duration(o.creditedMs)} of ad are counted as main content (estimated)`
        : 'its duration is counted as main content';
      out.push(makeFinding('ad.orphan-start', at(o.exchange, o.time),
        `adStart${o.id ? ` for ad "${o.id}"` : ''} with no open ad break: Adobe ignores the ad, so ${credited}, and the ad is missing from ad reports.`));
    }
    const first = this.seq.length > 0 ? this.seq.at(0) : -1;
    const firstCall = this.calls[0];
    // A sid Adobe answered 404 for is unknown to Adobe too: a player bug (http.session-not-found
    // says so), not a recording that started late.
    const status = startStatusOf(this.opening !== null, this.calls);
    if (status === 'not-captured' && firstCall) {
      out.push(makeFinding('session.unknown', at(first >= 0 ? cols.exchangeIndex(first) : firstCall.exchange.index, first >= 0 ? cols.time(first) : firstCall.exchange.startedAt),
        'The sessions call that opened this session was not captured (the recording started late): its start, metadata and first events are unknown, so some checks are skipped and metrics are partial.'));
    }
    const last = this.seq.length > 0 ? this.seq.at(this.seq.length - 1) : -1;
    // A sid Adobe never knew was never open: nothing to end.
    if (last >= 0 && !s.closed && !s.completed && status !== 'unknown-to-adobe') {
      out.push(makeFinding('session.open-at-end', at(cols.exchangeIndex(last), cols.time(last)),
        `The recording ends with this session neither completed nor ended (last event: ${cols.eventType(last) || 'unknown'}): fine if playback was still going, otherwise the player forgot sessionComplete or sessionEnd.`));
    }
    return out;
  }

  private openingParams(): Record<string, unknown> {
    const o = this.opening;
    return (o instanceof StoredCall ? o.firstParams() : o?.events[0]?.params) ?? {};
  }

  private media(): SessionMedia {
    const p = this.openingParams();
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

/** A call's exchange, send time, and the time a finding on it takes (its event's ts, else its send time). */
function callFacts(call: InspectedCall | undefined): { exchange: number; sentAt: number; time: number } | null {
  if (!call) return null;
  const ts = call.events[0]?.ts;
  return { exchange: call.exchange.index, sentAt: sendKey(call), time: typeof ts === 'number' && Number.isFinite(ts) ? ts : sendKey(call) };
}

function compareCalls(a: InspectedCall, b: InspectedCall): number {
  return sendKey(a) - sendKey(b) || a.exchange.index - b.exchange.index;
}

function sendKey(c: InspectedCall): number {
  return Number.isFinite(c.exchange.startedAt) ? c.exchange.startedAt : 0;
}

function num(t: number): number {
  return Number.isFinite(t) ? t : 0;
}

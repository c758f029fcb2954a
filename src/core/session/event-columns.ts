/**
 * A session's events in columns: typed arrays with one row per event, in arrival order, instead
 * of one object per event. About 50 bytes an event instead of about 300, no boxed numbers, and
 * nothing for the garbage collector to trace. The rare and variable parts (params, qoe, unknown
 * event types, pointers into batches) sit in sparse maps by row. Objects (TrackedEvent, SeqEntry)
 * are built only when something reads them.
 */
import type { InspectedCall, TrackedEvent } from '../protocol/call.ts';
import type { Lane } from './lane.ts';
import { isPlausibleMsTs, type SeqEntry } from './seq-entry.ts';
import { NO_FINDINGS } from './step-context.ts';

const OPENING = 1;
const TS_USABLE = 2;
const KNOWN = 4;
/** Whether the sparse maps hold something for the row: most rows need no lookup. */
const HAS_PARAMS = 8;
const HAS_QOE = 16;
const HAS_POINTER = 32;
/** Bits the session track sets on a row: it holds findings of the step, of send order. */
export const STEP_FINDINGS = 64;
export const ORDER_FINDINGS = 128;

/**
 * Event types are few: each gets a small number, shared by every session. Hostile recordings can
 * hold any number of made-up types, so only short ones are numbered, and only so many; the others
 * are kept by row.
 */
const TYPE_IDS = new Map<string, number>([['', 0]]);
const TYPE_NAMES: string[] = [''];
const MAX_TYPES = 4096;
const MAX_TYPE_LENGTH = 64;
/** Row type id for "see the map": the type was not numbered. */
const UNNUMBERED = 0xffff;

function typeId(type: string): number {
  const known = TYPE_IDS.get(type);
  if (known !== undefined) return known;
  if (type.length > MAX_TYPE_LENGTH || TYPE_NAMES.length >= MAX_TYPES) return UNNUMBERED;
  TYPE_IDS.set(type, TYPE_NAMES.length);
  TYPE_NAMES.push(type);
  return TYPE_NAMES.length - 1;
}

export class EventColumns {
  length = 0;
  /** The call each row came in (the kept, compact call). */
  calls: InspectedCall[] = [];
  private pos = new Int32Array(64);
  private timeCol = new Float64Array(64);
  /** The call's send time, kept here too: the state machine and both orders read it for every row. */
  private sendCol = new Float64Array(64);
  /** NaN where the event had no usable number. */
  private tsCol = new Float64Array(64);
  private playheadCol = new Float64Array(64);
  private typeCol = new Uint16Array(64);
  private flagCol = new Uint8Array(64);
  /** Lane id per row (index into `lanes`), -1 before the row's step has run. */
  private laneCol = new Int32Array(64);
  private readonly lanes: Lane[] = [];
  private readonly laneIds = new Map<Lane, number>();
  private lastLane: Lane | null = null;
  private lastLaneId = -1;
  private readonly unnumbered = new Map<number, string>();
  private readonly params = new Map<number, Record<string, unknown>>();
  private readonly qoe = new Map<number, Record<string, unknown>>();
  private readonly pointers = new Map<number, string>();

  /** Adds one event; returns its row. */
  append(call: InspectedCall, event: TrackedEvent, pos: number, opening: boolean): number {
    if (this.length === this.pos.length) this.grow();
    const row = this.length++;
    const sendTime = call.exchange.startedAt;
    const tsUsable = isPlausibleMsTs(event.ts);
    this.calls.push(call);
    this.pos[row] = pos;
    this.sendCol[row] = sendTime;
    this.timeCol[row] = tsUsable ? (event.ts as number) : Number.isFinite(sendTime) ? sendTime : 0;
    this.tsCol[row] = event.ts ?? Number.NaN;
    this.playheadCol[row] = event.playhead ?? Number.NaN;
    const id = typeId(event.eventType);
    this.typeCol[row] = id;
    if (id === UNNUMBERED) this.unnumbered.set(row, event.eventType);
    this.flagCol[row] = (opening ? OPENING : 0) | (tsUsable ? TS_USABLE : 0) | (event.known ? KNOWN : 0) |
      (event.params ? HAS_PARAMS : 0) | (event.qoe ? HAS_QOE : 0) | (event.pointer ? HAS_POINTER : 0);
    this.laneCol[row] = -1;
    if (event.params) this.params.set(row, event.params);
    if (event.qoe) this.qoe.set(row, event.qoe);
    if (event.pointer) this.pointers.set(row, event.pointer);
    return row;
  }

  /** Later calls that no longer open the session: their rows become ordinary events. */
  clearOpening(row: number): void {
    this.flagCol[row] = (this.flagCol[row] as number) & ~OPENING;
  }

  call(row: number): InspectedCall {
    return this.calls[row] as InspectedCall;
  }

  exchangeIndex(row: number): number {
    return (this.calls[row] as InspectedCall).exchange.index;
  }

  sendTime(row: number): number {
    return this.sendCol[row] as number;
  }

  posOf(row: number): number {
    return this.pos[row] as number;
  }

  time(row: number): number {
    return this.timeCol[row] as number;
  }

  opening(row: number): boolean {
    return ((this.flagCol[row] as number) & OPENING) !== 0;
  }

  tsUsable(row: number): boolean {
    return ((this.flagCol[row] as number) & TS_USABLE) !== 0;
  }

  ts(row: number): number | null {
    const v = this.tsCol[row] as number;
    return Number.isNaN(v) ? null : v;
  }

  eventType(row: number): string {
    const id = this.typeCol[row] as number;
    return id === UNNUMBERED ? (this.unnumbered.get(row) ?? '') : (TYPE_NAMES[id] as string);
  }

  paramsOf(row: number): Record<string, unknown> | null {
    return ((this.flagCol[row] as number) & HAS_PARAMS) !== 0 ? (this.params.get(row) ?? null) : null;
  }

  /** The event's JSON pointer inside its call's body ("" for a single-event body). */
  pointer(row: number): string {
    return ((this.flagCol[row] as number) & HAS_POINTER) !== 0 ? (this.pointers.get(row) ?? '') : '';
  }

  /** The event as the adapter made it (a new object on every call). */
  event(row: number): TrackedEvent {
    const ev: TrackedEvent = { eventType: '', known: false, playhead: null, ts: null, params: null, qoe: null, pointer: '' };
    this.loadEvent(ev, row);
    return ev;
  }

  marked(row: number, bit: number): boolean {
    return ((this.flagCol[row] as number) & bit) !== 0;
  }

  mark(row: number, bit: number, on: boolean): void {
    this.flagCol[row] = on ? (this.flagCol[row] as number) | bit : (this.flagCol[row] as number) & ~bit;
  }

  lane(row: number): Lane | null {
    const id = this.laneCol[row] as number;
    return id < 0 ? null : (this.lanes[id] as Lane);
  }

  /** Unchanged lanes are the same object (laneOf), so each distinct lane is stored once. */
  setLane(row: number, lane: Lane | null): void {
    if (lane === null) {
      this.laneCol[row] = -1;
      return;
    }
    // Consecutive rows mostly share their lane: no map lookup then.
    if (lane === this.lastLane) {
      this.laneCol[row] = this.lastLaneId;
      return;
    }
    let id = this.laneIds.get(lane);
    if (id === undefined) {
      id = this.lanes.length;
      this.lanes.push(lane);
      this.laneIds.set(lane, id);
    }
    this.lastLane = lane;
    this.lastLaneId = id;
    this.laneCol[row] = id;
  }

  /** A SeqEntry of the row, for readers outside the state machine (timeline, tests). */
  entry(row: number): SeqEntry {
    return {
      call: this.call(row), event: this.event(row), pos: this.posOf(row), opening: this.opening(row),
      time: this.time(row), tsUsable: this.tsUsable(row), sendTime: this.sendTime(row),
      findings: NO_FINDINGS, orderFindings: NO_FINDINGS, lane: this.lane(row),
    };
  }

  /**
   * Points a reusable entry (and its event) at a row, for the state machine: no allocation per
   * step. The rules copy what they keep, so the objects can be re-aimed at the next row.
   */
  load(into: SeqEntry, row: number): void {
    const flags = this.loadEvent(into.event, row);
    const call = this.calls[row] as InspectedCall;
    into.call = call;
    into.pos = this.pos[row] as number;
    into.opening = (flags & OPENING) !== 0;
    into.time = this.timeCol[row] as number;
    into.tsUsable = (flags & TS_USABLE) !== 0;
    into.sendTime = this.sendCol[row] as number;
    into.findings = NO_FINDINGS;
    into.orderFindings = NO_FINDINGS;
    into.lane = null;
  }

  /** Writes the row's event into `ev`; returns the row's flags (read once: this runs for every step). */
  private loadEvent(ev: TrackedEvent, row: number): number {
    const flags = this.flagCol[row] as number;
    const id = this.typeCol[row] as number;
    const ts = this.tsCol[row] as number;
    const playhead = this.playheadCol[row] as number;
    ev.eventType = id === UNNUMBERED ? (this.unnumbered.get(row) ?? '') : (TYPE_NAMES[id] as string);
    ev.known = (flags & KNOWN) !== 0;
    ev.playhead = Number.isNaN(playhead) ? null : playhead;
    ev.ts = Number.isNaN(ts) ? null : ts;
    ev.params = (flags & HAS_PARAMS) !== 0 ? (this.params.get(row) ?? null) : null;
    ev.qoe = (flags & HAS_QOE) !== 0 ? (this.qoe.get(row) ?? null) : null;
    ev.pointer = (flags & HAS_POINTER) !== 0 ? (this.pointers.get(row) ?? '') : '';
    return flags;
  }

  /** Bytes held by the typed columns (for the benchmark's accounting). */
  columnBytes(): number {
    return this.pos.byteLength + this.timeCol.byteLength + this.sendCol.byteLength + this.tsCol.byteLength + this.playheadCol.byteLength +
      this.typeCol.byteLength + this.flagCol.byteLength + this.laneCol.byteLength;
  }

  private grow(): void {
    const n = this.pos.length * 2;
    this.pos = grown(this.pos, new Int32Array(n));
    this.timeCol = grown(this.timeCol, new Float64Array(n));
    this.sendCol = grown(this.sendCol, new Float64Array(n));
    this.tsCol = grown(this.tsCol, new Float64Array(n));
    this.playheadCol = grown(this.playheadCol, new Float64Array(n));
    this.typeCol = grown(this.typeCol, new Uint16Array(n));
    this.flagCol = grown(this.flagCol, new Uint8Array(n));
    this.laneCol = grown(this.laneCol, new Int32Array(n));
  }
}

function grown<T extends Int32Array | Float64Array | Uint16Array | Uint8Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}

/** A reusable entry for the state machine to be pointed at rows (EventColumns.load). */
export function blankEntry(): SeqEntry {
  return {
    call: null as unknown as InspectedCall,
    event: { eventType: '', known: false, playhead: null, ts: null, params: null, qoe: null, pointer: '' },
    pos: 0, opening: false, time: 0, tsUsable: false, sendTime: Number.NaN,
    findings: NO_FINDINGS, orderFindings: NO_FINDINGS, lane: null,
  };
}

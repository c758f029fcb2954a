/**
 * A session's call as the analysis keeps it: the captured exchange, its sid and findings, and
 * where its events sit in the session's columns. What every call of a kind shares (protocol,
 * route, style, how many events) is one shared object; the events are rebuilt from the columns
 * when read. Reads the same as the adapter's InspectedCall, in about a third of the memory.
 */
import type { Exchange } from '../exchange.ts';
import type { Finding } from '../findings/finding.ts';
import type { InspectedCall, TrackedEvent } from '../protocol/call.ts';
import type { EventColumns } from './event-columns.ts';
import type { PingClient } from './ping-cadence.ts';

/** What calls of the same kind share. */
interface CallShape {
  protocol: string;
  kind: string;
  opensSession: boolean;
  batch: boolean;
  style: string | undefined;
  hint: string | null | undefined;
  configId: string | null | undefined;
  pingClient: PingClient | undefined;
  count: number;
  /** The label, when it is not the first event's type (which it is for almost every call). */
  label: string | null;
}

const SHAPES = new Map<string, CallShape>();
/** Shapes are few (protocols × routes × hints); hostile ones beyond this are not shared. */
const MAX_SHAPES = 4096;
/** The shape found last: consecutive calls mostly share it, and comparing beats building a key. */
let lastShape: CallShape | null = null;

/** The label a shape stores: null when the call's label is its first event's type. */
function ownLabel(call: InspectedCall): string | null {
  return call.events.length > 0 && call.label === call.events[0]?.eventType ? null : call.label;
}

function fits(shape: CallShape, call: InspectedCall): boolean {
  return shape.label === ownLabel(call) && shape.count === call.events.length && shape.kind === call.kind && shape.protocol === call.protocol && shape.opensSession === call.opensSession &&
    shape.batch === call.batch && shape.style === call.style && shape.hint === call.hint && shape.configId === call.configId && shape.pingClient === call.pingClient;
}

function shapeOf(call: InspectedCall): CallShape {
  if (lastShape && fits(lastShape, call)) return lastShape;
  const label = ownLabel(call);
  const key = `${label ?? '\u0001'}\u0000${call.protocol}\u0000${call.kind}\u0000${call.opensSession ? 1 : 0}${call.batch ? 1 : 0}\u0000${call.style ?? '\u0001'}\u0000${call.hint === undefined ? '\u0001' : call.hint ?? '\u0002'}\u0000${call.events.length}\u0000${call.configId === undefined ? '\u0001' : call.configId ?? '\u0002'}\u0000${clientKey(call.pingClient)}`;
  let shape = SHAPES.get(key);
  if (!shape) {
    shape = {
      protocol: call.protocol, kind: call.kind, opensSession: call.opensSession, batch: call.batch, style: call.style,
      hint: call.hint, configId: call.configId, pingClient: call.pingClient, count: call.events.length, label,
    };
    if (SHAPES.size < MAX_SHAPES) SHAPES.set(key, shape);
  }
  lastShape = shape;
  return shape;
}

function clientKey(c: PingClient | undefined): string {
  return c ? `${c.cadenceMayVary ? 1 : 0}${c.restartsOnEveryCall ? 1 : 0}` : '\u0001';
}

export class StoredCall implements InspectedCall {
  // Private fields: invisible to deep comparison and to JSON, like the storage they point into.
  readonly #shape: CallShape;
  readonly #columns: EventColumns;
  /** Row of the call's first event; its events are the rows that follow. */
  readonly #firstRow: number;
  readonly exchange: Exchange;
  sid: string | null;
  readonly findings: Finding[];

  constructor(call: InspectedCall, columns: EventColumns, firstRow: number) {
    this.#shape = shapeOf(call);
    this.#columns = columns;
    this.#firstRow = firstRow;
    this.exchange = call.exchange;
    this.sid = call.sid;
    this.findings = call.findings;
  }

  get label(): string {
    return this.#shape.label ?? this.#columns.eventType(this.#firstRow);
  }

  get protocol(): string {
    return this.#shape.protocol;
  }

  get kind(): string {
    return this.#shape.kind;
  }

  get opensSession(): boolean {
    return this.#shape.opensSession;
  }

  get batch(): boolean {
    return this.#shape.batch;
  }

  get style(): string | undefined {
    return this.#shape.style;
  }

  get hint(): string | null | undefined {
    return this.#shape.hint;
  }

  get configId(): string | null | undefined {
    return this.#shape.configId;
  }

  get pingClient(): PingClient | undefined {
    return this.#shape.pingClient;
  }

  get events(): TrackedEvent[] {
    const out: TrackedEvent[] = [];
    for (let i = 0; i < this.#shape.count; i++) out.push(this.#columns.event(this.#firstRow + i));
    return out;
  }

  /** The params of the call's first event, without building the events. */
  firstParams(): Record<string, unknown> | null {
    return this.#shape.count > 0 ? this.#columns.paramsOf(this.#firstRow) : null;
  }
}

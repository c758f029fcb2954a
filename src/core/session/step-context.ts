/** What every rule of the state machine receives for one event. */
import type { FindingCode } from '../findings/catalogue.ts';
import { NO_FINDINGS, type Finding } from '../findings/finding.ts';
import { clipFinding, makeFinding } from '../findings/make-finding.ts';
import { DEFAULT_CADENCE, FIXED_TIMER_CLIENT, type PingCadence, type PingClient } from './ping-cadence.ts';
import type { SeqEntry } from './seq-entry.ts';
import type { SessionState } from './session-state.ts';
import type { Settings } from './settings.ts';

/** Re-exported for the session's modules, which take it from here with the rest of a step's context. */
export { NO_FINDINGS };

/**
 * One per session track, re-aimed at each event (`at`), so a step allocates nothing of its own.
 */
export class StepContext {
  s!: SessionState;
  e!: SeqEntry;
  /** How the session's client keeps its ping timer (set by the session from its first call). */
  client: PingClient = FIXED_TIMER_CLIENT;
  /** The main ping interval the session is judged by (set by the session before its steps run). */
  cadence: PingCadence = DEFAULT_CADENCE;

  constructor(readonly settings: Settings, readonly sid: string) {}

  at(s: SessionState, e: SeqEntry): this {
    this.s = s;
    this.e = e;
    return this;
  }

  /** Adds a finding at this event (or at another exchange, e.g. the unclosed adBreakStart). */
  emit(code: FindingCode, message: string, extra: Partial<Finding> = {}, at?: { exchange: number; time: number }): void {
    const e = this.e;
    const finding = makeFinding(code, { exchange: at?.exchange ?? e.call.exchange.index, sid: this.sid, time: at?.time ?? e.time }, message);
    const pointer = e.event.pointer && !at ? { pointer: e.event.pointer } : {};
    const f = clipFinding({ ...finding, ...pointer, ...extra });
    if (e.findings === NO_FINDINGS) e.findings = [f];
    else e.findings.push(f);
  }

  /** Adds a finding only the first time `code` (or `key`) comes up in this session. */
  emitOnce(code: FindingCode, message: string, extra?: Partial<Finding>, key: string = code): void {
    if (this.s.reported.has(key)) return;
    this.s.reported.add(key);
    this.emit(code, message, extra);
  }
}

/** "7 ms", "12.3 s" or "4 min 10 s": a few-ms gap in ms, never "0.0 s" (zero itself stays "0.0 s"). */
export function duration(ms: number): string {
  if (ms > 0 && ms < 100) return `${Math.round(ms) || '<1'} ms`;
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  if (whole < 7200) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** What every rule of the state machine receives for one event. */
import type { FindingCode } from '../findings/catalogue.ts';
import type { Finding } from '../findings/finding.ts';
import { makeFinding } from '../findings/make-finding.ts';
import type { SeqEntry } from './seq-entry.ts';
import type { SessionState } from './session-state.ts';
import type { Settings } from './settings.ts';

export interface StepContext {
  s: SessionState;
  e: SeqEntry;
  settings: Settings;
  sid: string;
  /** Adds a finding at this event (or at another exchange, e.g. the unclosed adBreakStart). */
  emit(code: FindingCode, message: string, extra?: Partial<Finding>, at?: { exchange: number; time: number }): void;
  /** Adds a finding only the first time `code` (or `key`) comes up in this session. */
  emitOnce(code: FindingCode, message: string, extra?: Partial<Finding>, key?: string): void;
}

export function stepContext(s: SessionState, e: SeqEntry, settings: Settings, sid: string): StepContext {
  const emit: StepContext['emit'] = (code, message, extra = {}, at) => {
    const finding = makeFinding(code, { exchange: at?.exchange ?? e.call.exchange.index, sid, time: at?.time ?? e.time }, message);
    e.findings.push({ ...finding, ...extra, ...(e.event.pointer && !at ? { pointer: e.event.pointer } : {}) });
  };
  return {
    s, e, settings, sid, emit,
    emitOnce(code, message, extra, key = code) {
      if (s.reported.has(key)) return;
      s.reported.add(key);
      emit(code, message, extra);
    },
  };
}

/** "12.3 s" or "4 min 10 s". */
export function duration(ms: number): string {
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  if (whole < 7200) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${(s / 3600).toFixed(1)} h`;
}

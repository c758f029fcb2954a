import { CATALOGUE, type FindingCode } from './catalogue.ts';
import type { Finding } from './finding.ts';

/**
 * Findings quote captured values (event types, ids, keys) that may be megabytes long: their text
 * fields are kept to this many characters. The captured data itself is never shortened.
 */
export const FINDING_TEXT_MAX = 1000;

function clipText(text: string): string {
  return text.length > FINDING_TEXT_MAX ? `${text.slice(0, FINDING_TEXT_MAX)}… (${text.length - FINDING_TEXT_MAX} more characters)` : text;
}

/** The same finding with every text field within FINDING_TEXT_MAX. */
export function clipFinding(f: Finding): Finding {
  const long = (v: unknown) => typeof v === 'string' && v.length > FINDING_TEXT_MAX;
  if (!long(f.message) && !long(f.pointer) && !long(f.actual) && !long(f.expected) && !long(f.fix)) return f;
  const out = { ...f, message: clipText(f.message), fix: clipText(f.fix) };
  for (const k of ['pointer', 'actual', 'expected'] as const) if (typeof out[k] === 'string') out[k] = clipText(out[k] as string);
  return out;
}

/** Builds a finding with the catalogue's severity and default fix. */
export function makeFinding(
  code: FindingCode,
  at: { exchange: number; sid: string | null; time: number | null },
  message: string,
  extra: Partial<Omit<Finding, 'code' | 'message' | 'exchange' | 'sid' | 'time'>> = {},
): Finding {
  const entry = CATALOGUE[code];
  return clipFinding({
    code,
    severity: entry.severity,
    message,
    fix: entry.fix,
    exchange: at.exchange,
    sid: at.sid,
    // A time is a finite number or null, whatever the captured data held.
    time: at.time !== null && Number.isFinite(at.time) ? at.time : null,
    ...stripUndefined(extra),
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A session id as findings quote it: its first 8 characters. */
export function shortSid(sid: string | null): string {
  if (!sid) return '(unknown)';
  return sid.length > 12 ? `${sid.slice(0, 8)}…` : sid;
}

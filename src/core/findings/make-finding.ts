import { CATALOGUE, type FindingCode } from './catalogue.ts';
import type { Finding } from './finding.ts';

/** Builds a finding with the catalogue's severity and default fix. */
export function makeFinding(
  code: FindingCode,
  at: { exchange: number; sid: string | null; time: number | null },
  message: string,
  extra: Partial<Omit<Finding, 'code' | 'message' | 'exchange' | 'sid' | 'time'>> = {},
): Finding {
  const entry = CATALOGUE[code];
  return {
    code,
    severity: entry.severity,
    message,
    fix: entry.fix,
    exchange: at.exchange,
    sid: at.sid,
    // A time is a finite number or null, whatever the captured data held.
    time: at.time !== null && Number.isFinite(at.time) ? at.time : null,
    ...stripUndefined(extra),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

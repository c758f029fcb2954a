/** Display formatting: times, durations, shortened values. Long values are shortened on screen only. */
import { isDateMs } from '../core/iso-time.ts';

export function clockTime(ms: number): string {
  if (!isDateMs(ms)) return '—';
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** "+12.345 s" relative to a start; "—" when unknown. */
export function relativeTime(ms: number, start: number | null): string {
  if (!Number.isFinite(ms) || start === null || !Number.isFinite(start)) return '—';
  const s = (ms - start) / 1000;
  return `${s < 0 ? '−' : '+'}${Math.abs(s).toFixed(3)} s`;
}

/**
 * "+16:40.260" (minutes:seconds.milliseconds, minutes not wrapped into hours) relative to a start;
 * "—" when unknown. For lists whose times pass 999 s, where "+1000.260 s" would not fit its column.
 */
export function relativeClock(ms: number, start: number | null): string {
  if (!Number.isFinite(ms) || start === null || !Number.isFinite(start)) return '—';
  const total = Math.round(Math.abs(ms - start));
  const min = Math.floor(total / 60_000);
  const sec = Math.floor((total % 60_000) / 1000);
  return `${ms < start ? '−' : '+'}${min}:${pad(sec)}.${String(total % 1000).padStart(3, '0')}`;
}

export function durationText(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const sec = whole % 60;
  return h ? `${h} h ${pad(m)} min` : `${m} min ${pad(sec)} s`;
}

/**
 * A count with thousands separators ("100,000"), as toLocaleString('en') writes it, without
 * Intl: the first toLocaleString in a page loads ICU's number data, which showed as 14 ms of the
 * panel's load in the benchmark's profile.
 */
export function count(n: number): string {
  return Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : n.toLocaleString('en');
}

/** "1 error", "3 errors", "1,000 requests": a count and its noun, singular for exactly one (`many` for an irregular plural). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

export function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}… (${count(text.length - max)} more characters)` : text;
}

export function shortSid(sid: string | null): string {
  if (!sid) return '—';
  return sid.length > 12 ? `${sid.slice(0, 8)}…` : sid;
}

export function playheadText(p: number | null): string {
  return p === null ? '—' : p.toFixed(p % 1 ? 3 : 0);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Captured text in a compact place (a title, a lane, a row): at most `max` characters. */
export function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Analysis settings with documented defaults (README "Settings"). Findings name the setting they depend on. */
export type AdPingCadence = '1' | '10' | 'either';

export interface Settings {
  /** Expected ping cadence inside ad breaks: classic SDKs ping every 1 s, newer ones every 10 s. */
  adPingCadence: AdPingCadence;
  /** How late a ping may be beyond its cadence before ping.late (ms). */
  pingToleranceMs: number;
  /** How far `ts` may be from the send time before ts.clock-skew (ms). */
  clockSkewToleranceMs: number;
  /** How far a VOD playhead may pass media.length before playhead.beyond-length (s). */
  playheadToleranceS: number;
  /** Custom collection endpoints that stand for `…/api/v1` (proxies with other paths). */
  customEndpoints: string[];
  /**
   * Main-content ping interval (s, 10 to 50, the range Adobe's SDKs accept), or null for "auto":
   * a session whose protocol allows another interval (Media Edge) is judged by the interval it
   * keeps itself, every other session by Adobe's default of 10 s. Optional in stored settings.
   */
  mainPingIntervalS: number | null;
  /**
   * Whether the values of sensitive headers (Cookie, Authorization…) are kept in a capture and its
   * exports. Off by default: they are removed (core/privacy/sensitive-headers.ts). Optional in stored settings.
   */
  keepSensitiveHeaders: boolean;
}

/** The main ping intervals Adobe's Edge SDKs accept (s): mainPingInterval 10 to 50. */
export const MAIN_PING_RANGE_S = { min: 10, max: 50 } as const;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  adPingCadence: 'either',
  pingToleranceMs: 2000,
  clockSkewToleranceMs: 5 * 60 * 1000,
  playheadToleranceS: 2,
  customEndpoints: [],
  mainPingIntervalS: null,
  keepSensitiveHeaders: false,
});

/** Settings names as they appear in findings, the CLI and the panel. */
export const SETTING_NAMES: Record<keyof Settings, string> = {
  adPingCadence: 'ad ping cadence',
  pingToleranceMs: 'ping tolerance',
  clockSkewToleranceMs: 'clock skew tolerance',
  playheadToleranceS: 'playhead tolerance',
  customEndpoints: 'custom endpoints',
  mainPingIntervalS: 'main ping interval',
  keepSensitiveHeaders: 'keep sensitive headers',
};

export function withDefaults(partial: Partial<Settings> = {}): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, ...stripUndefined(partial) };
  if (!Array.isArray(s.customEndpoints)) throw new RangeError('custom endpoints must be a list of URLs');
  s.customEndpoints = [...s.customEndpoints];
  for (const base of s.customEndpoints) {
    if (typeof base !== 'string' || !/^https?:\/\/[^/]+/.test(base)) throw new RangeError(`a custom endpoint must be an http(s) URL, not ${JSON.stringify(base)}`);
  }
  if (typeof s.adPingCadence !== 'string' || !['1', '10', 'either'].includes(s.adPingCadence)) throw new RangeError(`ad ping cadence must be 1, 10 or either, not ${String(s.adPingCadence)}`);
  for (const key of ['pingToleranceMs', 'clockSkewToleranceMs', 'playheadToleranceS'] as const) {
    if (!Number.isFinite(s[key]) || s[key] < 0) throw new RangeError(`${SETTING_NAMES[key]} must be a number ≥ 0, not ${String(s[key])}`);
  }
  if (typeof s.keepSensitiveHeaders !== 'boolean') throw new RangeError(`${SETTING_NAMES.keepSensitiveHeaders} must be true or false, not ${String(s.keepSensitiveHeaders)}`);
  const main = s.mainPingIntervalS;
  if (main !== null && (typeof main !== 'number' || !Number.isFinite(main) || main < MAIN_PING_RANGE_S.min || main > MAIN_PING_RANGE_S.max)) {
    throw new RangeError(`${SETTING_NAMES.mainPingIntervalS} must be auto or a number of seconds from ${MAIN_PING_RANGE_S.min} to ${MAIN_PING_RANGE_S.max} (the range Adobe's SDKs accept), not ${String(main)}`);
  }
  return s;
}

/** True when two complete settings analyse alike (same values, same endpoints in the same order). */
export function sameSettings(a: Settings, b: Settings): boolean {
  return a.adPingCadence === b.adPingCadence && a.pingToleranceMs === b.pingToleranceMs
    && a.clockSkewToleranceMs === b.clockSkewToleranceMs && a.playheadToleranceS === b.playheadToleranceS
    && a.mainPingIntervalS === b.mainPingIntervalS && a.keepSensitiveHeaders === b.keepSensitiveHeaders
    && a.customEndpoints.length === b.customEndpoints.length && a.customEndpoints.every((e, i) => e === b.customEndpoints[i]);
}

/** Expected gap between pings (ms) in an ad break; 'either' accepts up to 10 s. */
export function adPingIntervalMs(s: Settings): number {
  return s.adPingCadence === '1' ? 1000 : 10000;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

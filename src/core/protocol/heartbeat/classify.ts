/**
 * Recognises the legacy heartbeat traffic of heartbeat.md §1: a heartbeat (by its decoded keys, on
 * any host: first-party CNAMEs exist), the settings poll, and the AppMeasurement media start that
 * goes with them. Anything else (a Media Collection or Media Edge call, a page request) is null.
 */
import { analyticsStart, type AnalyticsStart } from './analytics-start.ts';
import { decodeHeartbeat, HEARTBEAT_LIMITS, type DecodedHeartbeat } from './decode.ts';
import { formDecode, hostOf, pathOf, queryOf } from './form-query.ts';

export type HeartbeatRoute =
  | { kind: 'heartbeat'; eventType: string; sid: string; heartbeat: DecodedHeartbeat }
  | { kind: 'settings'; org: string }
  | ({ kind: 'analytics-start' } & AnalyticsStart);

/** Adobe's default heartbeat hosts: `<namespace>.hb.omtrdc.net` (not `hb-api`: Media Collection). */
const ADOBE_HB_HOST = /\.hb\.omtrdc\.net$/;
/** `/settings/<org>.xml` at the root; `//settings` when the tracking server has a trailing slash. */
const SETTINGS = /^\/+settings\/([^/]+)\.xml$/;
/** The poll's cache buster, `r=<ms>`. */
const CACHE_BUSTER = /(?:^|&)r=\d+(?:&|$)/;

/**
 * The heartbeat route of a request, or null. `body`: the request body, read only for an
 * AppMeasurement POST. `heartbeatHosts`: hosts already seen carrying heartbeats, whose
 * `/settings/<org>.xml` is the poll even without Adobe's host name or the `r` cache buster.
 */
export function classifyHeartbeat(
  method: string,
  url: string,
  body: string | null = null,
  heartbeatHosts: ReadonlySet<string> = new Set(),
): HeartbeatRoute | null {
  const m = method.toUpperCase();
  const start = analyticsStart(m, url, body);
  if (start) return { kind: 'analytics-start', ...start };
  // Heartbeats and the poll are GETs (§1); a preflight or a POST to the same URL is not one.
  if (m !== 'GET') return null;
  const settings = settingsOrg(url, heartbeatHosts);
  if (settings !== null) return { kind: 'settings', org: settings };
  return heartbeatOf(url);
}

/** The org of a settings poll (§1: `GET <heartbeat host>/settings/<org>.xml?r=<ms>`), or null. */
function settingsOrg(url: string, heartbeatHosts: ReadonlySet<string>): string | null {
  const path = SETTINGS.exec(pathOf(url));
  if (!path) return null;
  // `/settings/x.xml` alone is too common a path to claim on any host: ask for Adobe's host, a
  // host seen carrying heartbeats, or the poll's own `r=<ms>`.
  const host = hostOf(url) ?? '';
  const ours = ADOBE_HB_HOST.test(host) || heartbeatHosts.has(host) || CACHE_BUSTER.test(queryOf(url) ?? '');
  return ours ? formDecode(path[1] ?? '').text : null;
}

/** A heartbeat: its decoded keys include `s:event:type` and `s:event:sid` (§1). */
function heartbeatOf(url: string): HeartbeatRoute | null {
  const query = queryOf(url);
  // Every request is asked: decode only queries that can hold the keys (sent plain or encoded).
  if (query === null || !/event|%/i.test(query.slice(0, HEARTBEAT_LIMITS.maxChars))) return null;
  const heartbeat = decodeHeartbeat(url);
  const type = heartbeat.byKey.get('s:event:type');
  const sid = heartbeat.byKey.get('s:event:sid');
  if (!type || !sid) return null;
  return { kind: 'heartbeat', eventType: type.text, sid: sid.text, heartbeat };
}

/**
 * Recognises Media Collection API calls by path suffix, on any host and under any path prefix
 * (first-party collection hosts exist: spec section 1).
 */
export type CallKind = 'sessions' | 'events' | 'downloaded' | 'schema';

export interface CallRoute {
  kind: CallKind;
  /** sid from an events URL. */
  sid: string | null;
  /** Event type from a schema URL. */
  schemaType: string | null;
}

/** The routes, as path suffixes after `…/api/v1` (or after a custom endpoint standing for it). */
const SESSIONS = /^\/sessions\/?$/;
const EVENTS = /^\/sessions\/([^/]+)\/events\/?$/;
const DOWNLOADED = /^\/downloaded\/?$/;
const SCHEMA = /^\/schemas\/([^/]+)\/?$/;
const API_V1 = '/api/v1';

/**
 * The route of a Media Collection call, or null for any other request (including CORS preflights).
 * `apiBases`: custom endpoints that stand for `…/api/v1` (e.g. `https://t.example.com/mc`), for
 * proxies that rewrite Adobe's paths.
 */
export function classify(method: string, url: string, apiBases: readonly string[] = []): CallRoute | null {
  if (method === 'OPTIONS' || method === 'HEAD') return null;
  // The path is the URL up to its query or fragment: matching the suffix there needs no URL parser
  // (this runs for every captured request).
  const path = beforeQuery(url);
  for (const base of apiBases) {
    const b = base.replace(/\/+$/, '');
    if (b && path.startsWith(b)) {
      const route = routeOf(path.slice(b.length));
      if (route) return route;
    }
  }
  const at = path.lastIndexOf(API_V1);
  return at < 0 ? null : routeOf(path.slice(at + API_V1.length));
}

/** The route of what follows `…/api/v1` (the whole rest of the path). */
function routeOf(rest: string): CallRoute | null {
  if (SESSIONS.test(rest)) return { kind: 'sessions', sid: null, schemaType: null };
  const events = EVENTS.exec(rest);
  if (events) return { kind: 'events', sid: decode(events[1] ?? ''), schemaType: null };
  if (DOWNLOADED.test(rest)) return { kind: 'downloaded', sid: null, schemaType: null };
  const schema = SCHEMA.exec(rest);
  if (schema) return { kind: 'schema', sid: null, schemaType: decode(schema[1] ?? '') };
  return null;
}

function beforeQuery(url: string): string {
  const q = url.indexOf('?');
  const h = url.indexOf('#');
  const end = q < 0 ? h : h < 0 ? q : Math.min(q, h);
  return end < 0 ? url : url.slice(0, end);
}

/** The path of an absolute or relative URL, without query or fragment; null if unparseable. */
export function pathOf(url: string): string | null {
  try {
    return new URL(url, 'http://relative.invalid').pathname;
  } catch {
    return null;
  }
}

/** The sid in a `Location` header (`/api/v1/sessions/<sid>`, relative or absolute). */
export function sidFromLocation(location: string | null): string | null {
  if (!location) return null;
  const path = pathOf(location.trim());
  const m = path === null ? null : /\/api\/(?:[^/]+\/)*sessions\/([^/?#]+)\/?$/.exec(path);
  return m?.[1] ? decode(m[1]) : null;
}

function decode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

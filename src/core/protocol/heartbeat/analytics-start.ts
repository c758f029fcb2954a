/**
 * Reads an AppMeasurement call as the Analytics media start that goes with heartbeats
 * (heartbeat.md §1): `/b/ss/<rsid>/…`, GET or POST, `pe=ms_s` (content) or `pe=msa_s` (ad), and
 * the context data `c.a.media.vsid` naming the heartbeat session (`s:event:sid`).
 */
import { parseForm, queryOf, pathOf, type FormField } from './form-query.ts';

export interface AnalyticsStart {
  /** `main` for `pe=ms_s`, `ad` for `pe=msa_s`. */
  assetType: 'main' | 'ad';
  /** The report suites in the path (`/b/ss/rs1,rs2/…`). */
  rsids: string[];
  /** `c.a.media.vsid`: the heartbeat sid this start goes with; null when not sent. */
  vsid: string | null;
}

/** AppMeasurement's path: `/b/ss/<rsid[,rsid…]>/<version>/<id>`, under any host. */
const B_SS = /\/b\/ss\/([^/]+)(?:\/|$)/;
const PE: Record<string, AnalyticsStart['assetType']> = { ms_s: 'main', msa_s: 'ad' };
/** Deeper context-data nesting than this is not AppMeasurement's; its names stop growing. */
const MAX_DEPTH = 16;

/** The Analytics media start in this call, or null when it is not one. */
export function analyticsStart(method: string, url: string, body: string | null): AnalyticsStart | null {
  const m = method.toUpperCase();
  if (m !== 'GET' && m !== 'POST') return null;
  const path = B_SS.exec(pathOf(url));
  if (!path) return null;
  // A POST carries the fields in its body (sendBeacon, long calls); a GET in its query.
  const fields = parseForm(queryOf(url) ?? '').fields;
  if (m === 'POST' && body) fields.push(...parseForm(body).fields);
  const named = contextNames(fields);
  const assetType = PE[named.get('pe') ?? ''];
  if (!assetType) return null;
  return {
    assetType,
    rsids: decodePath(path[1] ?? '').split(',').filter(Boolean),
    vsid: named.get('c.a.media.vsid') ?? null,
  };
}

/**
 * The fields by full name, first occurrence kept. AppMeasurement nests context data:
 * `c.&a.&media.&vsid=X&.media&.a&.c` is `c.a.media.vsid=X`; the flat form is read too.
 */
function contextNames(fields: readonly FormField[]): Map<string, string> {
  const named = new Map<string, string>();
  const stack: string[] = [];
  for (const f of fields) {
    if (f.rawValue === null && f.key.length > 1 && f.key.endsWith('.')) {
      if (stack.length < MAX_DEPTH) stack.push(f.key);
      continue;
    }
    if (f.rawValue === null && f.key.length > 1 && f.key.startsWith('.')) {
      stack.pop();
      continue;
    }
    const name = stack.join('') + f.key;
    if (!named.has(name)) named.set(name, f.value);
  }
  return named;
}

function decodePath(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * What "Capture without loss" asks for, and nothing more: the webRequest API (Firefox also its
 * blocking form and response filtering, to read a Media Edge session start's reply) and access to
 * Adobe's collection hosts, Edge's, the legacy heartbeat hosts and the user's custom endpoints.
 * Both are optional in the manifests: nothing is granted at install.
 */
export const CONSENT_KEY = 'captureWithoutLoss';

/** Adobe's hosts: the Media Collection API, the Edge Network, the legacy heartbeats. */
export const ADOBE_ORIGINS = ['*://*.hb-api.omtrdc.net/*', '*://edge.adobedc.net/*', '*://*.hb.omtrdc.net/*'] as const;

export type BrowserKind = 'firefox' | 'chromium';

export function apiPermissions(kind: BrowserKind): string[] {
  return kind === 'firefox' ? ['webRequest', 'webRequestBlocking', 'webRequestFilterResponse'] : ['webRequest'];
}

/** A match pattern for a custom endpoint's host (patterns carry no port: any port of that host). */
export function originOf(endpoint: string): string | null {
  try {
    const u = new URL(endpoint);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.protocol}//${u.hostname.includes(':') ? `[${u.hostname.replace(/^\[|\]$/g, '')}]` : u.hostname}/*`;
  } catch {
    return null;
  }
}

/** The origins to ask for: Adobe's, and the custom endpoints' hosts. */
export function originsFor(customEndpoints: readonly string[]): string[] {
  const out = new Set<string>(ADOBE_ORIGINS);
  for (const e of customEndpoints) {
    const o = originOf(e);
    if (o) out.add(o);
  }
  return [...out];
}

export interface PermissionsApi {
  contains(p: { permissions?: string[]; origins?: string[] }): Promise<boolean>;
  getAll(): Promise<{ permissions?: string[]; origins?: string[] }>;
}

/** Granted: the webRequest API and at least Adobe's hosts. */
export async function isGranted(p: PermissionsApi): Promise<boolean> {
  try {
    const all = await p.getAll();
    const perms = new Set(all.permissions ?? []);
    if (!perms.has('webRequest')) return false;
    return await p.contains({ origins: [...ADOBE_ORIGINS] });
  } catch {
    return false;
  }
}

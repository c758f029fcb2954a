/**
 * Recognises Media Edge API calls by path, on any host and under any base path (media-edge-api.md
 * section 1): `…/<base>[/<hint>]/va/v1/<eventType>`, and the Web SDK's `…/<base>[/<hint>]/v1/interact`
 * (a media call only when its body holds a media.sessionStart event: the adapter decides that).
 */
export interface EdgeRoute {
  /** `media`: a `/va/v1/<eventType>` call; `interact`: a Web SDK Edge call. */
  kind: 'media' | 'interact';
  /** The event type in the path (media calls). */
  pathType: string | null;
  /** The location hint between the base path and `va` (`or2`, `va6`, `irl1`…), when there is one. */
  hint: string | null;
  /** The `configId` query parameter (the datastream), or null when absent. */
  configId: string | null;
}

const MEDIA = /\/va\/v1\/([^/]+)\/?$/;
const INTERACT = /\/v1\/interact\/?$/;
/** Location hints are short region codes with a number: or2, va6, irl1, aus3. */
const HINT = /^[a-z]{2,4}\d{1,2}$/i;

/**
 * The route of a Media Edge call, or null for any other request. `bases`: custom endpoints (the
 * settings' custom endpoints) that stand for `…/<base>`, for first-party proxies.
 */
export function classifyEdge(method: string, url: string, bases: readonly string[] = []): EdgeRoute | null {
  if (method !== 'POST') return null;
  const q = url.indexOf('?');
  const path = q < 0 ? url.split('#')[0] ?? url : url.slice(0, q);
  const media = MEDIA.exec(path);
  const interact = media ? null : INTERACT.exec(path);
  if (!media && !interact) return null;
  const before = path.slice(0, (media ?? interact)?.index ?? 0);
  if (!isEdgePath(before, bases)) return null;
  const last = before.slice(before.lastIndexOf('/') + 1);
  const segments = before.replace(/^[a-z]+:\/\/[^/]+/i, '').split('/').filter(Boolean);
  return {
    kind: media ? 'media' : 'interact',
    pathType: media ? decode(media[1] ?? '') : null,
    hint: segments.length >= 2 && HINT.test(last) ? last : null,
    configId: queryParam(url, 'configId'),
  };
}

/**
 * Whether the path before `/va/v1` (or `/v1/interact`) is an Edge base path: any base on any host
 * (first-party CNAMEs keep Adobe's paths), but not Media Collection's `…/api` (its own adapter).
 */
function isEdgePath(before: string, bases: readonly string[]): boolean {
  if (bases.some((b) => b && before.startsWith(b.replace(/\/+$/, '')))) return true;
  return !/\/api$/.test(before);
}

function queryParam(url: string, name: string): string | null {
  const q = url.indexOf('?');
  if (q < 0) return null;
  const query = url.slice(q + 1).split('#')[0] ?? '';
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    if (key === name) return decode(eq < 0 ? '' : part.slice(eq + 1));
  }
  return null;
}

function decode(s: string): string {
  if (!s.includes('%') && !s.includes('+')) return s;
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * The wire the demo player speaks: the Media Collection API, or the Media Edge API in the direct
 * style (mobile, Roku, direct API users: `/ee/va/v1/<eventType>`, JSON, the session started by
 * `/ee/va/v1/sessionStart`) or the Web SDK style (the session started through `/ee/v1/interact`,
 * every body `text/plain`). Chosen by `?protocol=` and by the page's protocol control.
 */
export type DemoProtocol = 'collection' | 'edge' | 'websdk';

export const PROTOCOLS: Record<DemoProtocol, { label: string; detail: string }> = {
  collection: { label: 'Media Collection', detail: 'POST …/api/v1/sessions, then …/sessions/<sid>/events (JSON)' },
  edge: { label: 'Media Edge (direct)', detail: 'POST /ee/va/v1/sessionStart, then /ee/<hint>/va/v1/<eventType> (JSON)' },
  websdk: { label: 'Web SDK style', detail: 'POST /ee/v1/interact with media.sessionStart, then /ee/<hint>/va/v1/<eventType> (text/plain)' },
};

const ALIASES: Record<string, DemoProtocol> = {
  collection: 'collection', mc: 'collection', 'media-collection': 'collection',
  edge: 'edge', direct: 'edge', 'media-edge': 'edge',
  websdk: 'websdk', 'web-sdk': 'websdk', alloy: 'websdk',
};

/** The protocol a URL parameter names (case-insensitive, with a few aliases), or null. */
export function parseProtocol(value: string | null | undefined): DemoProtocol | null {
  return value ? ALIASES[value.trim().toLowerCase()] ?? null : null;
}

export function isEdgeProtocol(p: DemoProtocol): boolean {
  return p !== 'collection';
}

/** The 19 event types of the Media Edge API, as they appear in `/va/v1/<eventType>` (media-edge-api.md section 1). */
export const EDGE_EVENT_TYPES = [
  'sessionStart', 'sessionComplete', 'sessionEnd', 'play', 'ping', 'pauseStart', 'bufferStart',
  'bitrateChange', 'error', 'adBreakStart', 'adBreakComplete', 'adStart', 'adComplete', 'adSkip',
  'chapterStart', 'chapterComplete', 'chapterSkip', 'statesUpdate', 'downloaded',
] as const;

export type EdgeEventType = (typeof EDGE_EVENT_TYPES)[number];

const KNOWN = new Set<string>(EDGE_EVENT_TYPES);

export function isEdgeEventType(value: unknown): value is EdgeEventType {
  return typeof value === 'string' && KNOWN.has(value);
}

/** Event types on which Adobe reads `mediaCollection.customMetadata` (spec section 2). */
export const EDGE_METADATA_EVENT_TYPES: ReadonlySet<EdgeEventType> = new Set(['sessionStart', 'adStart', 'chapterStart']);

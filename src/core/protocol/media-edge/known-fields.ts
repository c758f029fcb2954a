/**
 * The fields Adobe's Edge schema defines inside `xdm.mediaCollection` and its detail objects
 * (media-edge-api.md section 2, "Known fields"), and the unknown ones an event carries. Unknown
 * fields are a warning (`schema.unknown-field`), not a schema violation: Adobe's Edge schema does
 * not forbid them, but Media Analytics ignores them, so they are usually misspelt known fields.
 * Pure: no DOM, no ajv.
 */

import { isRecord } from '../../har/read-har.ts';
import { pointerSegment } from '../../json/pointer.ts';
export const SESSION_DETAILS_FIELDS = [
  'name', 'friendlyName', 'length', 'contentType', 'playerName', 'channel', 'streamType',
  'appVersion', 'hasResume', 'isDownloaded', 'assetID', 'authorized', 'mvpd', 'show', 'season',
  'episode', 'genre', 'network', 'originator', 'publisher', 'rating', 'showType', 'streamFormat',
  'station', 'feed', 'firstAirDate', 'firstDigitalDate', 'dayPart', 'adLoad', 'artist', 'album',
  'author', 'label',
] as const;

export const ADVERTISING_DETAILS_FIELDS = [
  'name', 'friendlyName', 'length', 'podPosition', 'playerName', 'advertiser', 'campaignID',
  'creativeID', 'creativeURL', 'placementID', 'siteID',
] as const;

export const ADVERTISING_POD_DETAILS_FIELDS = ['index', 'offset', 'friendlyName'] as const;

export const CHAPTER_DETAILS_FIELDS = ['index', 'offset', 'length', 'friendlyName'] as const;

export const QOE_DATA_DETAILS_FIELDS = ['bitrate', 'droppedFrames', 'framesPerSecond', 'timeToStart'] as const;

export const ERROR_DETAILS_FIELDS = ['name', 'source'] as const;

/** The detail objects of `mediaCollection`, with their known fields. */
export const DETAIL_FIELDS = {
  sessionDetails: SESSION_DETAILS_FIELDS,
  advertisingDetails: ADVERTISING_DETAILS_FIELDS,
  advertisingPodDetails: ADVERTISING_POD_DETAILS_FIELDS,
  chapterDetails: CHAPTER_DETAILS_FIELDS,
  qoeDataDetails: QOE_DATA_DETAILS_FIELDS,
  errorDetails: ERROR_DETAILS_FIELDS,
} as const;

export type DetailObject = keyof typeof DETAIL_FIELDS;

/** The keys of `mediaCollection` itself. */
export const MEDIA_COLLECTION_FIELDS = [
  'sessionID', 'playhead', 'sessionDetails', 'advertisingDetails', 'advertisingPodDetails',
  'chapterDetails', 'qoeDataDetails', 'errorDetails', 'statesStart', 'statesEnd', 'customMetadata',
] as const;

export interface UnknownField {
  /** JSON pointer of the unknown key, e.g. `/events/0/xdm/mediaCollection/sessionDetails/lenght`. */
  pointer: string;
  /** The key as sent. */
  field: string;
  /** The known field of the same object it most likely stands for, or null. */
  suggestion: string | null;
}

/**
 * Every key inside `xdm.mediaCollection` and its detail objects that Adobe's schema does not
 * define, for one event object (`events[i]`; `prefix` is its pointer, e.g. `/events/0`). For a
 * `downloaded` event, the `mediaCollection` of each `xdm.mediaDownloadedEvents[j]` is checked the
 * same way. Keys elsewhere (`meta`, request-level `xdm`, `events[i]._id`, other `xdm` keys) are
 * never listed. Values of the wrong type (a detail that is not an object…) are the schema's business.
 */
export function unknownFields(event: unknown, prefix: string): UnknownField[] {
  if (!isRecord(event) || !isRecord(event.xdm)) return [];
  const xdm = event.xdm;
  const out: UnknownField[] = [];
  const base = `${prefix}/xdm`;
  if (isRecord(xdm.mediaCollection)) collect(xdm.mediaCollection, `${base}/mediaCollection`, out);
  if (Array.isArray(xdm.mediaDownloadedEvents)) {
    xdm.mediaDownloadedEvents.forEach((item: unknown, j) => {
      if (isRecord(item) && isRecord(item.mediaCollection)) {
        collect(item.mediaCollection, `${base}/mediaDownloadedEvents/${j}/mediaCollection`, out);
      }
    });
  }
  return out;
}

function collect(mc: Record<string, unknown>, at: string, out: UnknownField[]): void {
  for (const key of Object.keys(mc)) {
    if (!MEDIA_COLLECTION_KNOWN.has(key)) {
      out.push({ pointer: `${at}/${pointerSegment(key)}`, field: key, suggestion: suggest(key, MEDIA_COLLECTION_FIELDS) });
    }
  }
  for (const detail of Object.keys(DETAIL_FIELDS) as DetailObject[]) {
    const value = mc[detail];
    if (!isRecord(value)) continue;
    const known = DETAIL_FIELDS[detail];
    for (const key of Object.keys(value)) {
      if (!(known as readonly string[]).includes(key)) {
        out.push({ pointer: `${at}/${detail}/${pointerSegment(key)}`, field: key, suggestion: suggest(key, known) });
      }
    }
  }
}

const MEDIA_COLLECTION_KNOWN = new Set<string>(MEDIA_COLLECTION_FIELDS);

/**
 * The known field that `key` most likely misspells: the one that differs only by case, else the
 * one at one edit (insertion, deletion, substitution or swap of two neighbours, ignoring case),
 * e.g. `sessionId` → `sessionID`, `podposition` → `podPosition`, `lenght` → `length`. Null when
 * none or when two known fields are equally close.
 */
export function suggest(key: string, known: readonly string[]): string | null {
  const lower = key.toLowerCase();
  const sameLetters = known.filter((k) => k.toLowerCase() === lower);
  if (sameLetters.length === 1) return sameLetters[0] as string;
  if (sameLetters.length > 1) return null;
  if (lower.length < 3) return null; // one edit away from a 2-letter name is anything
  const near = known.filter((k) => withinOneEdit(lower, k.toLowerCase()));
  return near.length === 1 ? near[0] as string : null;
}

/** True when `a` and `b` differ by exactly one insertion, deletion, substitution or adjacent swap. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i); // insertion / deletion
}

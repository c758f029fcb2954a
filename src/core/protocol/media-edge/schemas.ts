/**
 * JSON Schemas of ONE Media Edge API event object (`events[i]` of a request body), one per event
 * type, written from media-edge-api.md section 2. The build compiles them with the same ajv
 * instance as the Media Collection schemas into standalone validators
 * (src/build/generate-validators.ts); nothing compiles them at run time. Draft-07.
 *
 * Deliberately left out:
 * - `xdm.eventType`: the adapter compares it with the path (`edge.path-mismatch`), so the schema
 *   neither requires nor types it (no double finding).
 * - `additionalProperties: false`: Adobe's Edge schema does not forbid unknown keys; the unknown
 *   ones inside `mediaCollection` are listed by known-fields.ts (`schema.unknown-field`, a warning),
 *   and `meta`, request-level `xdm` and `events[i]._id` are never flagged.
 * - `customMetadata` on other events than sessionStart, adStart and chapterStart: allowed here
 *   (its shape is checked), the adapter reports it as `metadata.misplaced`.
 *
 * `if` (with `else` or `then`) carries two rules: statesUpdate's "at least one list" and
 * downloaded's per-type `mediaCollection`. Its own error only says that a branch failed; the
 * errors of the branch, reported alongside, say what is wrong and where. Callers skip
 * `keyword === 'if'`. The timestamp pattern needs EDGE_PATTERN_WORDS to read well.
 */
import { EDGE_EVENT_TYPES, type EdgeEventType } from './event-types.ts';
import {
  ADVERTISING_DETAILS_FIELDS, ADVERTISING_POD_DETAILS_FIELDS, CHAPTER_DETAILS_FIELDS,
  ERROR_DETAILS_FIELDS, QOE_DATA_DETAILS_FIELDS, SESSION_DETAILS_FIELDS, type DetailObject,
} from './known-fields.ts';

type Schema = Record<string, unknown>;

/**
 * `xdm.timestamp`: an ISO 8601 / RFC 3339 date-time with seconds, optional fraction, and an offset
 * (`Z` or `±hh:mm`). Adobe rejects a timestamp without an offset.
 */
export const EDGE_TIMESTAMP_PATTERN =
  '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$';
export const EDGE_STATE_NAME_PATTERN = '^[a-zA-Z0-9_.]{1,64}$';

/** Words for the patterns above, for a tester's sentence (describe-violation's PATTERN_WORDS style). */
export const EDGE_PATTERN_WORDS: Record<string, string> = {
  [EDGE_TIMESTAMP_PATTERN]: 'an ISO 8601 date-time with seconds and an offset, e.g. "2024-02-12T14:00:00.000Z" or "2024-02-12T15:00:00+01:00"',
  [EDGE_STATE_NAME_PATTERN]: '1 to 64 letters, digits, "_" or "."',
};

const str: Schema = { type: 'string' };
const id: Schema = { type: 'string', minLength: 1 };
const bool: Schema = { type: 'boolean' };
const int: Schema = { type: 'integer', minimum: 0 };
const timestamp: Schema = { type: 'string', pattern: EDGE_TIMESTAMP_PATTERN };

const COMMON = 'mci:edge:common';

/**
 * The leaves of the shared schemas, referenced rather than written out: ajv inlines a referenced
 * schema that holds no `$ref` into every validator that uses it, so a shared schema with one of
 * these refs inside is generated once, as one function all 19 validators call (instead of 19
 * copies of, say, the 33 fields of sessionDetails).
 */
const leaf = (name: 'text' | 'count' | 'stateName'): Schema => ({ $ref: `${COMMON}#/definitions/${name}` });
const text = leaf('text');
const count = leaf('count');

/** Properties of an object whose known fields are strings unless `types` says otherwise. */
function fields(names: readonly string[], types: Record<string, Schema>): Record<string, Schema> {
  return Object.fromEntries(names.map((n) => [n, types[n] ?? text]));
}

const SESSION_DETAILS = fields(SESSION_DETAILS_FIELDS, {
  length: count, streamType: { type: 'string', enum: ['audio', 'video'] }, hasResume: bool, isDownloaded: bool,
});
const ADVERTISING_DETAILS = fields(ADVERTISING_DETAILS_FIELDS, { length: count, podPosition: count });
const ADVERTISING_POD_DETAILS = fields(ADVERTISING_POD_DETAILS_FIELDS, { index: count, offset: count });
const CHAPTER_DETAILS = fields(CHAPTER_DETAILS_FIELDS, { index: count, offset: count, length: count });
const QOE_DATA_DETAILS = fields(QOE_DATA_DETAILS_FIELDS, {
  bitrate: count, droppedFrames: count, framesPerSecond: count, timeToStart: count,
});
const ERROR_DETAILS = fields(ERROR_DETAILS_FIELDS, { source: { type: 'string', enum: ['player', 'external'] } });

const object = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  ...(required.length > 0 ? { required } : {}),
  properties,
});

/** The leaves (see `leaf`). */
export const edgeCommonSchema: Schema = {
  $id: COMMON,
  definitions: { text: str, count: int, stateName: { type: 'string', pattern: EDGE_STATE_NAME_PATTERN } },
};

const DETAIL_PROPERTIES: Record<DetailObject, Record<string, Schema>> = {
  sessionDetails: SESSION_DETAILS,
  advertisingDetails: ADVERTISING_DETAILS,
  advertisingPodDetails: ADVERTISING_POD_DETAILS,
  chapterDetails: CHAPTER_DETAILS,
  qoeDataDetails: QOE_DATA_DETAILS,
  errorDetails: ERROR_DETAILS,
};

const shared = (name: string): Schema => ({ $ref: `mci:edge:${name}` });

/**
 * The shared schemas, to add to the ajv instance before the event schemas: the leaves, each detail
 * object as it may appear on any event (every field optional), the state lists, customMetadata.
 */
export const edgeCommonSchemas: Schema[] = [
  edgeCommonSchema,
  ...(Object.entries(DETAIL_PROPERTIES) as [DetailObject, Record<string, Schema>][])
    .map(([name, properties]) => ({ $id: `mci:edge:${name}`, ...object(properties) })),
  {
    $id: 'mci:edge:stateList',
    type: 'array',
    items: object({ name: leaf('stateName') }, ['name']),
  },
  {
    $id: 'mci:edge:customMetadata',
    type: 'array',
    items: object({ name: id, value: text }, ['name', 'value']),
  },
];

/**
 * A detail object as an event type requires it: the listed fields required (written out, as
 * non-empty strings or integers, so that a missing one is described by its type), every other
 * known field as on any event. Inlined, so that a missing detail object is described with its
 * required fields.
 */
function requiredDetail(properties: Record<string, Schema>, required: string[]): Schema {
  const props = { ...properties };
  for (const key of required) {
    if (props[key] === text) props[key] = id;
    else if (props[key] === count) props[key] = int;
  }
  return object(props, required);
}

/** Per event type: the detail objects it requires (spec section 2's table). */
const REQUIRED_DETAILS: Partial<Record<EdgeEventType, Record<string, Schema>>> = {
  sessionStart: { sessionDetails: requiredDetail(SESSION_DETAILS, ['name', 'length', 'contentType', 'playerName', 'channel']) },
  adBreakStart: { advertisingPodDetails: requiredDetail(ADVERTISING_POD_DETAILS, ['index', 'offset']) },
  adStart: { advertisingDetails: requiredDetail(ADVERTISING_DETAILS, ['name', 'length', 'playerName', 'podPosition']) },
  chapterStart: { chapterDetails: requiredDetail(CHAPTER_DETAILS, ['index', 'length', 'offset']) },
  bitrateChange: { qoeDataDetails: object(QOE_DATA_DETAILS) },
  error: { errorDetails: requiredDetail(ERROR_DETAILS, ['name', 'source']) },
};

/** statesUpdate: unless `statesStart` is a non-empty list, `statesEnd` must be one. */
const STATES_RULE: Schema = {
  if: { required: ['statesStart'], properties: { statesStart: { type: 'array', minItems: 1 } } },
  else: { required: ['statesEnd'], properties: { statesEnd: { type: 'array', minItems: 1 } } },
};

type MediaEventType = Exclude<EdgeEventType, 'downloaded'>;
const MEDIA_EVENT_TYPES = EDGE_EVENT_TYPES.filter((t): t is MediaEventType => t !== 'downloaded');

/**
 * `mediaCollection` of an event type. `online`: a live session, where every event but
 * sessionStart names its session; in a downloaded batch Adobe assigns the id, so none is required.
 */
function mediaCollectionSchema(type: MediaEventType, online: boolean): Schema {
  const required = ['playhead'];
  if (online && type !== 'sessionStart') required.push('sessionID');
  const details = REQUIRED_DETAILS[type] ?? {};
  required.push(...Object.keys(details));
  return {
    type: 'object',
    required,
    properties: {
      sessionID: id,
      playhead: int,
      sessionDetails: shared('sessionDetails'),
      advertisingDetails: shared('advertisingDetails'),
      advertisingPodDetails: shared('advertisingPodDetails'),
      chapterDetails: shared('chapterDetails'),
      qoeDataDetails: shared('qoeDataDetails'),
      errorDetails: shared('errorDetails'),
      statesStart: shared('stateList'),
      statesEnd: shared('stateList'),
      customMetadata: shared('customMetadata'),
      ...details,
    },
    ...(type === 'statesUpdate' ? STATES_RULE : {}),
  };
}

export function edgeSchemaId(type: EdgeEventType): string {
  return `mci:edge:${type}`;
}

function mediaEventSchema(type: MediaEventType): Schema {
  return {
    $id: edgeSchemaId(type),
    title: `Media Edge API ${type} event`,
    type: 'object',
    required: ['xdm'],
    properties: {
      xdm: {
        type: 'object',
        required: ['timestamp', 'mediaCollection'],
        properties: { timestamp, mediaCollection: mediaCollectionSchema(type, true) },
      },
    },
  };
}

/** One event of a downloaded batch: its `mediaCollection` is checked by its `mediaEventType`. */
const downloadedItem: Schema = {
  type: 'object',
  required: ['mediaEventTimestamp', 'mediaEventType', 'mediaCollection'],
  properties: {
    mediaEventTimestamp: timestamp,
    mediaEventType: { type: 'string', enum: MEDIA_EVENT_TYPES.map((t) => `media.${t}`) },
    mediaCollection: { type: 'object' },
  },
  allOf: offlineGroups().map(({ types, mediaCollection }) => ({
    if: { required: ['mediaEventType'], properties: { mediaEventType: { enum: types.map((t) => `media.${t}`) } } },
    then: { properties: { mediaCollection } },
  })),
};

/** The event types of a downloaded batch, grouped by identical `mediaCollection` schema (fewer branches, less code). */
function offlineGroups(): { types: MediaEventType[]; mediaCollection: Schema }[] {
  const groups = new Map<string, { types: MediaEventType[]; mediaCollection: Schema }>();
  for (const t of MEDIA_EVENT_TYPES) {
    const mediaCollection = mediaCollectionSchema(t, false);
    const key = JSON.stringify(mediaCollection);
    const group = groups.get(key);
    if (group) group.types.push(t);
    else groups.set(key, { types: [t], mediaCollection });
  }
  return [...groups.values()];
}

const downloadedSchema: Schema = {
  $id: edgeSchemaId('downloaded'),
  title: 'Media Edge API downloaded event (a whole offline session)',
  type: 'object',
  required: ['xdm'],
  properties: {
    xdm: {
      type: 'object',
      required: ['mediaDownloadedEvents', 'identityMap'],
      properties: {
        timestamp, // not required; checked when sent
        identityMap: { type: 'object' },
        mediaDownloadedEvents: { type: 'array', minItems: 1, items: downloadedItem },
      },
    },
  },
};

export const edgeEventSchemas: Record<EdgeEventType, Schema> = {
  ...(Object.fromEntries(MEDIA_EVENT_TYPES.map((t) => [t, mediaEventSchema(t)])) as Record<MediaEventType, Schema>),
  downloaded: downloadedSchema,
};

export function edgeExportName(type: EdgeEventType): string {
  return `edge_${type}`;
}

/** Every Edge schema with a generated validator, by the name it is exported under. */
export function edgeValidatedSchemas(): { exportName: string; schema: Schema }[] {
  return EDGE_EVENT_TYPES.map((t) => ({ exportName: edgeExportName(t), schema: edgeEventSchemas[t] }));
}

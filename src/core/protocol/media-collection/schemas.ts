/**
 * JSON Schemas of the Media Collection API, written from docs/ (spec sections 2 and 3).
 * The build compiles them with ajv into standalone validators (src/build/generate-validators.ts);
 * nothing compiles them at run time. Draft-07 (ajv's default); Adobe publishes draft-04, which
 * accepts the same documents for the keywords used here.
 */
import { EVENT_TYPES, type EventType } from './event-types.ts';

type Schema = Record<string, unknown>;

const str: Schema = { type: 'string' };
const id: Schema = { type: 'string', minLength: 1 };
const bool: Schema = { type: 'boolean' };
const nonNegativeNumber: Schema = { type: 'number', minimum: 0 };
const nonNegativeInteger: Schema = { type: 'integer', minimum: 0 };
const stateName: Schema = { type: 'string', pattern: '^[a-zA-Z0-9_.]{1,64}$' };

const COMMON = 'mci:common';
const ref = (name: string): Schema => ({ $ref: `${COMMON}#/definitions/${name}` });

/** Shared pieces, referenced by every event schema. */
export const commonSchema: Schema = {
  $id: COMMON,
  definitions: {
    playerTime: {
      type: 'object',
      required: ['playhead', 'ts'],
      additionalProperties: false,
      properties: { playhead: nonNegativeNumber, ts: nonNegativeInteger },
    },
    qoeData: {
      type: 'object',
      additionalProperties: false,
      properties: {
        'media.qoe.bitrate': nonNegativeInteger,
        'media.qoe.droppedFrames': nonNegativeInteger,
        'media.qoe.framesPerSecond': nonNegativeInteger,
        'media.qoe.timeToStart': nonNegativeInteger,
        'media.qoe.errorID': str,
        'media.qoe.errorSource': { type: 'string', enum: ['player', 'external'] },
      },
    },
    // Allowed on every event here; the analyser reports it as metadata.misplaced (a warning)
    // outside sessionStart, adStart and chapterStart, as the findings catalogue asks.
    customMetadata: {
      type: 'object',
      propertyNames: { pattern: '^[a-zA-Z0-9_.]+$' },
      additionalProperties: str,
    },
  },
};

const SESSION_START_REQUIRED: Record<string, Schema> = {
  'analytics.trackingServer': id,
  'analytics.reportSuite': id,
  'visitor.marketingCloudOrgId': id,
  'media.id': id,
  'media.length': nonNegativeNumber,
  'media.contentType': id,
  'media.playerName': id,
  'media.channel': id,
};

const STANDARD_METADATA = [
  'media.streamFormat', 'media.show', 'media.season', 'media.episode', 'media.assetId',
  'media.genre', 'media.firstAirDate', 'media.firstDigitalDate', 'media.rating',
  'media.originator', 'media.network', 'media.showType', 'media.adLoad', 'media.pass.mvpd',
  'media.pass.auth', 'media.dayPart', 'media.feed', 'media.artist', 'media.album',
  'media.label', 'media.author', 'media.station',
];

const SESSION_START_OPTIONAL: Record<string, Schema> = {
  'media.name': str,
  'media.streamType': { type: 'string', enum: ['video', 'audio'] },
  'media.resume': bool,
  'media.sdkVersion': str,
  'media.libraryVersion': str,
  'media.downloaded': bool,
  'media.publisher': str,
  'analytics.enableSSL': bool,
  'analytics.visitorId': str,
  'analytics.aid': str,
  'analytics.optOutServerSideForwarding': bool,
  'analytics.optOutShare': bool,
  'visitor.marketingCloudUserId': str,
  'visitor.aamLocationHint': { type: 'integer' },
  'visitor.customerIDs': {
    type: 'object',
    additionalProperties: {
      type: 'object',
      required: ['id', 'authState'],
      additionalProperties: false,
      properties: { id: str, authState: { type: 'integer', enum: [0, 1, 2] } },
    },
  },
  appInstallationId: str,
  ...Object.fromEntries(STANDARD_METADATA.map((key) => [key, str])),
};

const stateList: Schema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['media.state.name'],
    additionalProperties: false,
    properties: { 'media.state.name': stateName },
  },
};

/** `params` of an event type: its keys, which are required, or `false` when params are forbidden. */
interface ParamsSpec {
  required?: Record<string, Schema>;
  optional?: Record<string, Schema>;
  /** The event is invalid without params. */
  mandatory?: boolean;
  forbidden?: boolean;
  extra?: Schema;
}

const PARAMS: Record<EventType, ParamsSpec> = {
  sessionStart: { required: SESSION_START_REQUIRED, optional: SESSION_START_OPTIONAL, mandatory: true },
  play: {},
  ping: { forbidden: true },
  bitrateChange: {},
  bufferStart: {},
  pauseStart: {},
  adBreakStart: {
    mandatory: true,
    required: { 'media.ad.podIndex': nonNegativeInteger, 'media.ad.podSecond': nonNegativeNumber },
    optional: { 'media.ad.podFriendlyName': str },
  },
  adStart: {
    mandatory: true,
    required: {
      'media.ad.id': id,
      'media.ad.length': nonNegativeNumber,
      'media.ad.podPosition': nonNegativeInteger,
      'media.ad.playerName': id,
    },
    optional: Object.fromEntries(
      ['name', 'podFriendlyName', 'advertiser', 'campaignId', 'creativeId', 'siteId', 'creativeURL', 'placementId']
        .map((k) => [`media.ad.${k}`, str]),
    ),
  },
  adComplete: {},
  adSkip: {},
  adBreakComplete: {},
  chapterStart: {
    mandatory: true,
    required: {
      'media.chapter.index': nonNegativeInteger,
      'media.chapter.offset': nonNegativeNumber,
      'media.chapter.length': nonNegativeNumber,
    },
    optional: { 'media.chapter.friendlyName': str },
  },
  chapterComplete: {},
  chapterSkip: {},
  error: {},
  stateStart: { mandatory: true, required: { 'media.state.name': stateName } },
  stateEnd: { mandatory: true, required: { 'media.state.name': stateName } },
  statesUpdate: {
    mandatory: true,
    optional: { statesStart: stateList, statesEnd: stateList },
    extra: { minProperties: 1 },
  },
  sessionComplete: {},
  sessionEnd: {},
};

function paramsSchema(spec: ParamsSpec): Schema | false {
  if (spec.forbidden) return false;
  const required = Object.keys(spec.required ?? {});
  return {
    type: 'object',
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
    properties: { ...spec.required, ...spec.optional },
    ...spec.extra,
  };
}

export function eventSchemaId(type: EventType): string {
  return `mci:event/${type}`;
}

function eventSchema(type: EventType): Schema {
  const spec = PARAMS[type];
  return {
    $id: eventSchemaId(type),
    title: `Media Collection API ${type} event`,
    type: 'object',
    required: spec.mandatory ? ['playerTime', 'eventType', 'params'] : ['playerTime', 'eventType'],
    additionalProperties: false,
    properties: {
      playerTime: ref('playerTime'),
      eventType: { const: type },
      params: paramsSchema(spec),
      qoeData: ref('qoeData'),
      customMetadata: ref('customMetadata'),
    },
  };
}

export const eventSchemas: Record<EventType, Schema> = Object.fromEntries(
  EVENT_TYPES.map((t) => [t, eventSchema(t)]),
) as Record<EventType, Schema>;

/** Any event, whatever its type: used to check the envelope of an event of unknown type. */
export const envelopeSchema: Schema = {
  $id: 'mci:envelope',
  title: 'Media Collection API event envelope',
  type: 'object',
  required: ['playerTime', 'eventType'],
  additionalProperties: false,
  properties: {
    playerTime: ref('playerTime'),
    eventType: { type: 'string' },
    params: { type: 'object' },
    qoeData: ref('qoeData'),
    customMetadata: ref('customMetadata'),
  },
};

/** Body of `POST …/api/v1/downloaded`: a whole session; each element is checked by its own type. */
export const downloadedBatchSchema: Schema = {
  $id: 'mci:downloaded',
  title: 'Media Collection API downloaded-content batch',
  type: 'array',
  minItems: 1,
  items: { type: 'object' },
};

/** Every schema with a generated validator, by the name it is exported under. */
export function validatedSchemas(): { exportName: string; schema: Schema }[] {
  return [
    { exportName: 'envelope', schema: envelopeSchema },
    { exportName: 'downloadedBatch', schema: downloadedBatchSchema },
    ...EVENT_TYPES.map((t) => ({ exportName: t, schema: eventSchemas[t] })),
  ];
}

/** A self-contained copy of an event's schema (references resolved locally), as the API publishes it. */
export function publishedSchema(type: EventType): Schema {
  const text = JSON.stringify(eventSchemas[type]).replaceAll(`"${COMMON}#/definitions/`, '"#/definitions/');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...(JSON.parse(text) as Schema),
    definitions: commonSchema.definitions,
  };
}

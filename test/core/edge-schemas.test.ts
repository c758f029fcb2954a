import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EDGE_EVENT_TYPES, isEdgeEventType, type EdgeEventType } from '../../src/core/protocol/media-edge/event-types.ts';
import { edgeValidatorFor } from '../../src/core/protocol/media-edge/validators.ts';
import {
  edgeCommonSchemas, edgeEventSchemas, edgeValidatedSchemas, EDGE_PATTERN_WORDS, EDGE_TIMESTAMP_PATTERN,
} from '../../src/core/protocol/media-edge/schemas.ts';
import {
  DETAIL_FIELDS, MEDIA_COLLECTION_FIELDS, suggest, unknownFields,
} from '../../src/core/protocol/media-edge/known-fields.ts';
import { describeViolation } from '../../src/core/protocol/media-collection/describe-violation.ts';
import type { ValidationError } from '../../src/core/protocol/media-collection/validator-types.ts';

type Obj = Record<string, unknown>;

const SID = 'c9e3a0b2f6a84d3b8b7f2f1e0d9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a3928170';
const TS = '2024-02-12T14:00:00.000Z';

/** mediaCollection of a valid event of each type, as Adobe's examples and clients send them. */
function mediaCollectionOf(type: Exclude<EdgeEventType, 'downloaded'>, online = true): Obj {
  const base: Obj = online && type !== 'sessionStart' ? { sessionID: SID, playhead: 10 } : { playhead: 10 };
  switch (type) {
    case 'sessionStart':
      return {
        playhead: 0,
        sessionDetails: {
          name: 'VA-Sample', friendlyName: 'Sample video', length: 60, contentType: 'VOD',
          playerName: 'sample-html5-api-player', channel: 'sample-channel', streamType: 'video',
          hasResume: false, isDownloaded: false, appVersion: '1.0', show: 'Example show', season: '1', episode: '2',
        },
        customMetadata: [{ name: 'tvStation', value: 'Sample TV station' }, { name: 'programmer', value: 'Sample programmer' }],
      };
    case 'adBreakStart':
      return { ...base, advertisingPodDetails: { friendlyName: 'Mid-roll', index: 1, offset: 30 } };
    case 'adStart':
      return {
        ...base,
        advertisingDetails: {
          name: '1234', friendlyName: 'Sample ad', length: 15, playerName: 'sample-html5-api-player', podPosition: 1,
          advertiser: 'Sample advertiser', campaignID: 'camp-1', creativeID: 'cr-1', creativeURL: 'https://example.com/ad',
          placementID: 'pl-1', siteID: 'site-1',
        },
        customMetadata: [{ name: 'affiliate', value: 'Sample affiliate' }],
      };
    case 'chapterStart':
      return { ...base, chapterDetails: { friendlyName: 'Chapter 1', index: 1, length: 30, offset: 0 } };
    case 'bitrateChange':
      return { ...base, qoeDataDetails: { bitrate: 3000, droppedFrames: 0, framesPerSecond: 30, timeToStart: 1500 } };
    case 'error':
      return { ...base, errorDetails: { name: 'network-timeout', source: 'player' } };
    case 'statesUpdate':
      return { ...base, statesStart: [{ name: 'fullscreen' }], statesEnd: [{ name: 'mute' }] };
    default:
      return base;
  }
}

/** A valid `events[i]` of `type`. */
function validEvent(type: EdgeEventType): Obj {
  if (type === 'downloaded') {
    return {
      xdm: {
        eventType: 'media.downloaded',
        identityMap: { FPID: [{ id: 'user-1', authenticatedState: 'ambiguous', primary: true }] },
        mediaDownloadedEvents: [
          { mediaEventTimestamp: '2024-09-26T15:52:24+00:00', mediaEventType: 'media.sessionStart', mediaCollection: mediaCollectionOf('sessionStart', false) },
          { mediaEventTimestamp: '2024-09-26T15:52:25+00:00', mediaEventType: 'media.play', mediaCollection: mediaCollectionOf('play', false) },
          { mediaEventTimestamp: '2024-09-26T15:52:30+00:00', mediaEventType: 'media.adBreakStart', mediaCollection: mediaCollectionOf('adBreakStart', false) },
          { mediaEventTimestamp: '2024-09-26T15:53:08+00:00', mediaEventType: 'media.sessionComplete', mediaCollection: mediaCollectionOf('sessionComplete', false) },
        ],
      },
    };
  }
  return { xdm: { eventType: `media.${type}`, timestamp: TS, mediaCollection: mediaCollectionOf(type) } };
}

function variant(type: EdgeEventType, edit: (e: Obj) => void): Obj {
  const e = structuredClone(validEvent(type));
  edit(e);
  return e;
}

const xdmOf = (e: Obj) => e.xdm as Obj;
const mcOf = (e: Obj) => xdmOf(e).mediaCollection as Obj;
const itemsOf = (e: Obj) => xdmOf(e).mediaDownloadedEvents as Obj[];

/** The errors of validating `event` as `type`, without the `if` errors (they only say a branch failed). */
function errorsOf(type: EdgeEventType, event: unknown): ValidationError[] {
  const validate = edgeValidatorFor(type);
  const ok = validate(event);
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  assert.equal(ok, errors.length === 0, `${type}: the verdict agrees with the errors (${JSON.stringify(errors.map((e) => [e.instancePath, e.keyword]))})`);
  return errors;
}

function assertOneError(type: EdgeEventType, event: unknown, expected: { instancePath: string; keyword: string; missing?: string }, why: string): void {
  const errors = errorsOf(type, event);
  const shown = JSON.stringify(errors.map((e) => ({ at: e.instancePath, keyword: e.keyword, params: e.params })));
  assert.equal(errors.length, 1, `${type}, ${why}: exactly one violation, got ${shown}`);
  const [err] = errors as [ValidationError];
  assert.equal(err.instancePath, expected.instancePath, `${type}, ${why}: instancePath`);
  assert.equal(err.keyword, expected.keyword, `${type}, ${why}: keyword`);
  if (expected.missing !== undefined) {
    assert.equal(err.params.missingProperty, expected.missing, `${type}, ${why}: the missing property`);
  }
}

describe('Media Edge event types', () => {
  test('the 19 path event types', () => {
    assert.equal(EDGE_EVENT_TYPES.length, 19, 'nineteen event types');
    assert.equal(new Set(EDGE_EVENT_TYPES).size, 19, 'no duplicates');
    for (const t of EDGE_EVENT_TYPES) assert.ok(isEdgeEventType(t), `${t} is an Edge event type`);
    for (const t of ['stateStart', 'stateEnd', 'media.play', 'Play', '', 3, null, undefined]) {
      assert.equal(isEdgeEventType(t), false, `${String(t)} is not an Edge event type`);
    }
  });

  test('one generated validator per event type, exported as edge_<type> with $id mci:edge:<type>', () => {
    const list = edgeValidatedSchemas();
    assert.deepEqual(list.map((s) => s.exportName), EDGE_EVENT_TYPES.map((t) => `edge_${t}`), 'export names');
    for (const { exportName, schema } of list) {
      assert.equal((schema as Obj).$id, `mci:edge:${exportName.slice('edge_'.length)}`, `${exportName}: $id`);
    }
    for (const t of EDGE_EVENT_TYPES) assert.equal(typeof edgeValidatorFor(t), 'function', `${t}: a validator`);
  });
});

describe('Media Edge schemas accept correct events', () => {
  for (const type of EDGE_EVENT_TYPES) {
    test(`${type}: Adobe-style example passes`, () => {
      assert.deepEqual(errorsOf(type, validEvent(type)), [], `${type}: no violation`);
    });
  }

  test('the minimal events pass: only the required fields', () => {
    const minimal: Obj = {
      xdm: { timestamp: TS, mediaCollection: { playhead: 0, sessionDetails: { name: 'a', length: 0, contentType: 'vod', playerName: 'p', channel: 'c' } } },
    };
    assert.deepEqual(errorsOf('sessionStart', minimal), [], 'sessionStart with required fields only');
    assert.deepEqual(errorsOf('ping', { xdm: { timestamp: TS, mediaCollection: { sessionID: SID, playhead: 5 } } }), [], 'ping with required fields only');
    assert.deepEqual(errorsOf('bitrateChange', { xdm: { timestamp: TS, mediaCollection: { sessionID: SID, playhead: 5, qoeDataDetails: {} } } }), [], 'bitrateChange with an empty qoeDataDetails');
  });

  test('xdm.eventType is not the schema\'s business (the adapter reports edge.path-mismatch)', () => {
    assert.deepEqual(errorsOf('play', variant('play', (e) => { xdmOf(e).eventType = 'media.pauseStart'; })), [], 'another event type passes');
    assert.deepEqual(errorsOf('play', variant('play', (e) => { delete xdmOf(e).eventType; })), [], 'no eventType passes');
  });

  test('meta, request-level xdm, _id and unknown fields do not fail the schema', () => {
    const e = variant('sessionStart', (ev) => {
      ev._id = '9f3a0c1e-1111-2222-3333-444455556666';
      xdmOf(ev).implementationDetails = { name: 'https://ns.adobe.com/experience/mobilesdk/android', version: '3.0.0' };
      mcOf(ev).foo = 1;
      (mcOf(ev).sessionDetails as Obj).lenght = 60;
    });
    assert.deepEqual(errorsOf('sessionStart', e), [], 'extra keys are allowed');
  });

  test('timestamps with Z, with an offset, without a fraction pass', () => {
    for (const ts of ['2024-02-12T14:00:00Z', '2024-02-12T15:00:00+01:00', '2024-02-12T09:00:00.123456-05:00', '2024-02-12T14:00:00.5+00:00']) {
      assert.deepEqual(errorsOf('play', variant('play', (e) => { xdmOf(e).timestamp = ts; })), [], `${ts} passes`);
    }
  });

  test('statesUpdate with only statesStart or only statesEnd passes', () => {
    assert.deepEqual(errorsOf('statesUpdate', variant('statesUpdate', (e) => { delete mcOf(e).statesEnd; })), [], 'only statesStart');
    assert.deepEqual(errorsOf('statesUpdate', variant('statesUpdate', (e) => { delete mcOf(e).statesStart; })), [], 'only statesEnd');
    assert.deepEqual(errorsOf('statesUpdate', variant('statesUpdate', (e) => { mcOf(e).statesStart = []; })), [], 'empty statesStart, non-empty statesEnd');
    assert.deepEqual(errorsOf('statesUpdate', variant('statesUpdate', (e) => { mcOf(e).statesEnd = []; })), [], 'non-empty statesStart, empty statesEnd');
  });

  test('downloaded: no timestamp, no sessionID needed; a timestamp is checked when sent', () => {
    assert.deepEqual(errorsOf('downloaded', validEvent('downloaded')), [], 'no timestamp, no sessionID');
    assert.deepEqual(errorsOf('downloaded', variant('downloaded', (e) => { xdmOf(e).timestamp = TS; })), [], 'a valid timestamp');
    assertOneError('downloaded', variant('downloaded', (e) => { xdmOf(e).timestamp = '2024-02-12T14:00:00'; }),
      { instancePath: '/xdm/timestamp', keyword: 'pattern' }, 'a timestamp without offset');
  });
});

/** Each required field, by event type: the parent's instancePath and the key. */
function requiredFields(type: EdgeEventType): [string, string][] {
  if (type === 'downloaded') {
    return [
      ['', 'xdm'], ['/xdm', 'mediaDownloadedEvents'], ['/xdm', 'identityMap'],
      ['/xdm/mediaDownloadedEvents/1', 'mediaEventTimestamp'], ['/xdm/mediaDownloadedEvents/1', 'mediaEventType'],
      ['/xdm/mediaDownloadedEvents/1', 'mediaCollection'],
      ['/xdm/mediaDownloadedEvents/1/mediaCollection', 'playhead'],
      ['/xdm/mediaDownloadedEvents/0/mediaCollection', 'sessionDetails'],
      ['/xdm/mediaDownloadedEvents/0/mediaCollection/sessionDetails', 'name'],
      ['/xdm/mediaDownloadedEvents/2/mediaCollection', 'advertisingPodDetails'],
      ['/xdm/mediaDownloadedEvents/2/mediaCollection/advertisingPodDetails', 'offset'],
    ];
  }
  const mc = '/xdm/mediaCollection';
  const fields: [string, string][] = [['', 'xdm'], ['/xdm', 'timestamp'], ['/xdm', 'mediaCollection'], [mc, 'playhead']];
  if (type !== 'sessionStart') fields.push([mc, 'sessionID']);
  const details: Partial<Record<EdgeEventType, [string, string[]]>> = {
    sessionStart: ['sessionDetails', ['name', 'length', 'contentType', 'playerName', 'channel']],
    adBreakStart: ['advertisingPodDetails', ['index', 'offset']],
    adStart: ['advertisingDetails', ['name', 'length', 'playerName', 'podPosition']],
    chapterStart: ['chapterDetails', ['index', 'length', 'offset']],
    bitrateChange: ['qoeDataDetails', []],
    error: ['errorDetails', ['name', 'source']],
  };
  const detail = details[type];
  if (detail) {
    fields.push([mc, detail[0]]);
    for (const key of detail[1]) fields.push([`${mc}/${detail[0]}`, key]);
  }
  return fields;
}

/** Removes the value at `parent`/`key` (instancePath segments) from `event`. */
function remove(event: Obj, parent: string, key: string): void {
  let at: unknown = event;
  for (const seg of parent.split('/').slice(1)) at = (at as Obj)[seg];
  delete (at as Obj)[key];
}

describe('Media Edge schemas: each required field missing fails at the right place', () => {
  for (const type of EDGE_EVENT_TYPES) {
    test(type, () => {
      for (const [parent, key] of requiredFields(type)) {
        const e = variant(type, (ev) => remove(ev, parent, key));
        assertOneError(type, e, { instancePath: parent, keyword: 'required', missing: key }, `without ${parent}/${key}`);
      }
    });
  }

  test('sessionStart needs no sessionID', () => {
    assert.equal(mcOf(validEvent('sessionStart')).sessionID, undefined, 'the example has no sessionID');
    assert.deepEqual(errorsOf('sessionStart', validEvent('sessionStart')), [], 'and passes');
  });

  test('a missing detail object and a missing detail field are described with what is expected', () => {
    const [noDetails] = errorsOf('sessionStart', variant('sessionStart', (e) => { delete mcOf(e).sessionDetails; }));
    assert.ok(noDetails, 'a violation for the missing sessionDetails');
    const v1 = describeViolation({ ...noDetails, instancePath: `/events/0${noDetails.instancePath}` }, 'sessionStart');
    assert.equal(v1.pointer, '/events/0/xdm/mediaCollection/sessionDetails', 'pointer of the missing object');
    assert.match(v1.expected, /^an object with name, length, contentType, playerName, channel$/, 'expected lists the required fields');
    const [noName] = errorsOf('adStart', variant('adStart', (e) => { delete (mcOf(e).advertisingDetails as Obj).name; }));
    assert.ok(noName, 'a violation for the missing ad name');
    assert.equal(describeViolation(noName, 'adStart').expected, 'a non-empty string', 'a missing name is a non-empty string');
    const [noLength] = errorsOf('chapterStart', variant('chapterStart', (e) => { delete (mcOf(e).chapterDetails as Obj).length; }));
    assert.ok(noLength, 'a violation for the missing chapter length');
    assert.equal(describeViolation(noLength, 'chapterStart').expected, 'an integer ≥ 0', 'a missing length is an integer');
  });
});

describe('Media Edge schemas: wrong values fail', () => {
  const mc = '/xdm/mediaCollection';
  const cases: { type: EdgeEventType; why: string; edit: (e: Obj) => void; instancePath: string; keyword: string }[] = [
    { type: 'play', why: 'playhead 1.5', edit: (e) => { mcOf(e).playhead = 1.5; }, instancePath: `${mc}/playhead`, keyword: 'type' },
    { type: 'play', why: 'playhead as a string', edit: (e) => { mcOf(e).playhead = '10'; }, instancePath: `${mc}/playhead`, keyword: 'type' },
    { type: 'play', why: 'negative playhead', edit: (e) => { mcOf(e).playhead = -1; }, instancePath: `${mc}/playhead`, keyword: 'minimum' },
    { type: 'play', why: 'empty sessionID', edit: (e) => { mcOf(e).sessionID = ''; }, instancePath: `${mc}/sessionID`, keyword: 'minLength' },
    { type: 'play', why: 'sessionID as a number', edit: (e) => { mcOf(e).sessionID = 42; }, instancePath: `${mc}/sessionID`, keyword: 'type' },
    { type: 'play', why: 'timestamp without offset', edit: (e) => { xdmOf(e).timestamp = '2024-02-12T14:00:00.000'; }, instancePath: '/xdm/timestamp', keyword: 'pattern' },
    { type: 'play', why: 'timestamp without seconds', edit: (e) => { xdmOf(e).timestamp = '2024-02-12T14:00Z'; }, instancePath: '/xdm/timestamp', keyword: 'pattern' },
    { type: 'play', why: 'timestamp with a space for T', edit: (e) => { xdmOf(e).timestamp = '2024-02-12 14:00:00Z'; }, instancePath: '/xdm/timestamp', keyword: 'pattern' },
    { type: 'play', why: 'timestamp in month 13', edit: (e) => { xdmOf(e).timestamp = '2024-13-12T14:00:00Z'; }, instancePath: '/xdm/timestamp', keyword: 'pattern' },
    { type: 'play', why: 'timestamp as epoch milliseconds', edit: (e) => { xdmOf(e).timestamp = 1707746400000; }, instancePath: '/xdm/timestamp', keyword: 'type' },
    { type: 'play', why: 'mediaCollection as a list', edit: (e) => { xdmOf(e).mediaCollection = []; }, instancePath: mc, keyword: 'type' },
    { type: 'play', why: 'xdm as a string', edit: (e) => { e.xdm = 'x'; }, instancePath: '/xdm', keyword: 'type' },
    { type: 'sessionStart', why: 'length 60.5', edit: (e) => { (mcOf(e).sessionDetails as Obj).length = 60.5; }, instancePath: `${mc}/sessionDetails/length`, keyword: 'type' },
    { type: 'sessionStart', why: 'empty channel', edit: (e) => { (mcOf(e).sessionDetails as Obj).channel = ''; }, instancePath: `${mc}/sessionDetails/channel`, keyword: 'minLength' },
    { type: 'sessionStart', why: 'streamType outside audio/video', edit: (e) => { (mcOf(e).sessionDetails as Obj).streamType = 'vdeo'; }, instancePath: `${mc}/sessionDetails/streamType`, keyword: 'enum' },
    { type: 'sessionStart', why: 'hasResume as a string', edit: (e) => { (mcOf(e).sessionDetails as Obj).hasResume = 'true'; }, instancePath: `${mc}/sessionDetails/hasResume`, keyword: 'type' },
    { type: 'sessionStart', why: 'isDownloaded as a number', edit: (e) => { (mcOf(e).sessionDetails as Obj).isDownloaded = 1; }, instancePath: `${mc}/sessionDetails/isDownloaded`, keyword: 'type' },
    { type: 'sessionStart', why: 'show as a number', edit: (e) => { (mcOf(e).sessionDetails as Obj).show = 3; }, instancePath: `${mc}/sessionDetails/show`, keyword: 'type' },
    { type: 'sessionStart', why: 'customMetadata as an object (the Media Collection form)', edit: (e) => { mcOf(e).customMetadata = { show: 'x' }; }, instancePath: `${mc}/customMetadata`, keyword: 'type' },
    { type: 'sessionStart', why: 'customMetadata value as a number', edit: (e) => { mcOf(e).customMetadata = [{ name: 'season', value: 2 }]; }, instancePath: `${mc}/customMetadata/0/value`, keyword: 'type' },
    { type: 'sessionStart', why: 'customMetadata item without value', edit: (e) => { mcOf(e).customMetadata = [{ name: 'season' }]; }, instancePath: `${mc}/customMetadata/0`, keyword: 'required' },
    { type: 'adStart', why: 'podPosition 1.5', edit: (e) => { (mcOf(e).advertisingDetails as Obj).podPosition = 1.5; }, instancePath: `${mc}/advertisingDetails/podPosition`, keyword: 'type' },
    { type: 'adBreakStart', why: 'offset 30.2', edit: (e) => { (mcOf(e).advertisingPodDetails as Obj).offset = 30.2; }, instancePath: `${mc}/advertisingPodDetails/offset`, keyword: 'type' },
    { type: 'chapterStart', why: 'index as a string', edit: (e) => { (mcOf(e).chapterDetails as Obj).index = '1'; }, instancePath: `${mc}/chapterDetails/index`, keyword: 'type' },
    { type: 'bitrateChange', why: 'bitrate 1.5', edit: (e) => { (mcOf(e).qoeDataDetails as Obj).bitrate = 1.5; }, instancePath: `${mc}/qoeDataDetails/bitrate`, keyword: 'type' },
    { type: 'play', why: 'qoe timeToStart as a string on any event', edit: (e) => { mcOf(e).qoeDataDetails = { timeToStart: '1500' }; }, instancePath: `${mc}/qoeDataDetails/timeToStart`, keyword: 'type' },
    { type: 'error', why: 'errorDetails.source "server"', edit: (e) => { (mcOf(e).errorDetails as Obj).source = 'server'; }, instancePath: `${mc}/errorDetails/source`, keyword: 'enum' },
    { type: 'statesUpdate', why: 'both lists empty', edit: (e) => { mcOf(e).statesStart = []; mcOf(e).statesEnd = []; }, instancePath: `${mc}/statesEnd`, keyword: 'minItems' },
    { type: 'statesUpdate', why: 'no list at all', edit: (e) => { delete mcOf(e).statesStart; delete mcOf(e).statesEnd; }, instancePath: mc, keyword: 'required' },
    { type: 'statesUpdate', why: 'a state name with a space', edit: (e) => { mcOf(e).statesStart = [{ name: 'full screen' }]; }, instancePath: `${mc}/statesStart/0/name`, keyword: 'pattern' },
    { type: 'statesUpdate', why: 'a state name of 65 characters', edit: (e) => { mcOf(e).statesEnd = [{ name: 'a'.repeat(65) }]; }, instancePath: `${mc}/statesEnd/0/name`, keyword: 'pattern' },
    { type: 'statesUpdate', why: 'a state as a bare string', edit: (e) => { mcOf(e).statesEnd = ['mute']; }, instancePath: `${mc}/statesEnd/0`, keyword: 'type' },
    { type: 'statesUpdate', why: 'a state without name', edit: (e) => { mcOf(e).statesEnd = [{ state: 'mute' }]; }, instancePath: `${mc}/statesEnd/0`, keyword: 'required' },
    { type: 'downloaded', why: 'an inner playhead 1.5', edit: (e) => { (itemsOf(e)[1] as Obj & { mediaCollection: Obj }).mediaCollection.playhead = 1.5; }, instancePath: '/xdm/mediaDownloadedEvents/1/mediaCollection/playhead', keyword: 'type' },
    { type: 'downloaded', why: 'an inner timestamp without offset', edit: (e) => { (itemsOf(e)[1] as Obj).mediaEventTimestamp = '2024-09-26T15:52:25'; }, instancePath: '/xdm/mediaDownloadedEvents/1/mediaEventTimestamp', keyword: 'pattern' },
    { type: 'downloaded', why: 'an inner event type without media.', edit: (e) => { (itemsOf(e)[1] as Obj).mediaEventType = 'play'; }, instancePath: '/xdm/mediaDownloadedEvents/1/mediaEventType', keyword: 'enum' },
    { type: 'downloaded', why: 'an empty batch', edit: (e) => { xdmOf(e).mediaDownloadedEvents = []; }, instancePath: '/xdm/mediaDownloadedEvents', keyword: 'minItems' },
  ];
  for (const c of cases) {
    test(`${c.type}: ${c.why}`, () => {
      assertOneError(c.type, variant(c.type, c.edit), { instancePath: c.instancePath, keyword: c.keyword }, c.why);
    });
  }

  test('the timestamp pattern has words for a tester', () => {
    assert.ok(EDGE_PATTERN_WORDS[EDGE_TIMESTAMP_PATTERN]?.includes('offset'), 'the words say an offset is needed');
  });
});

describe('Media Edge schemas: shape rules', () => {
  const all = [...edgeCommonSchemas, ...Object.values(edgeEventSchemas)];

  test('no additionalProperties: false anywhere', () => {
    assert.doesNotMatch(JSON.stringify(all), /"additionalProperties":false/, 'unknown fields are a warning, not a violation');
  });

  test('the schemas and known-fields.ts list the same fields', () => {
    const byId = new Map(edgeCommonSchemas.map((s) => [s.$id, s]));
    for (const [detail, fields] of Object.entries(DETAIL_FIELDS)) {
      const schema = byId.get(`mci:edge:${detail}`) as { properties: Obj } | undefined;
      assert.ok(schema, `${detail}: a shared schema`);
      assert.deepEqual(Object.keys(schema.properties).sort(), [...fields].sort(), `${detail}: same fields`);
    }
    for (const type of EDGE_EVENT_TYPES.filter((t) => t !== 'downloaded')) {
      const xdm = (edgeEventSchemas[type].properties as { xdm: { properties: { mediaCollection: { properties: Obj } } } }).xdm;
      assert.deepEqual(Object.keys(xdm.properties.mediaCollection.properties).sort(), [...MEDIA_COLLECTION_FIELDS].sort(), `${type}: mediaCollection fields`);
    }
  });
});

describe('unknownFields', () => {
  /** A whole request body as the mobile extension sends it. */
  function body(event: Obj): Obj {
    return {
      events: [{ ...event, _id: '9f3a0c1e-1111-2222-3333-444455556666' }],
      meta: { konductorConfig: { streaming: { enabled: true, recordSeparator: '\u0000', lineFeed: '\n' } } },
      xdm: { implementationDetails: { name: 'https://ns.adobe.com/experience/mobilesdk/android', version: '3.0.0', environment: 'app' }, identityMap: { ECID: [{ id: '1' }] } },
    };
  }

  test('a correct event has none', () => {
    for (const type of EDGE_EVENT_TYPES) {
      assert.deepEqual(unknownFields(validEvent(type), '/events/0'), [], `${type}: no unknown field`);
    }
  });

  test('an unknown field passes the schema and is listed with its pointer', () => {
    const e = variant('sessionStart', (ev) => { (mcOf(ev).sessionDetails as Obj).lenght = 60; mcOf(ev).foo = 'bar'; });
    assert.deepEqual(errorsOf('sessionStart', e), [], 'the schema accepts it');
    assert.deepEqual(unknownFields(e, '/events/0'), [
      { pointer: '/events/0/xdm/mediaCollection/foo', field: 'foo', suggestion: null },
      { pointer: '/events/0/xdm/mediaCollection/sessionDetails/lenght', field: 'lenght', suggestion: 'length' },
    ], 'both listed, the typo with its suggestion');
  });

  test('sessionId suggests sessionID, podposition suggests podPosition', () => {
    const play = variant('play', (e) => { mcOf(e).sessionId = mcOf(e).sessionID; delete mcOf(e).sessionID; });
    assert.deepEqual(unknownFields(play, '/events/0'), [
      { pointer: '/events/0/xdm/mediaCollection/sessionId', field: 'sessionId', suggestion: 'sessionID' },
    ], 'sessionId listed with its suggestion');
    assertOneError('play', play, { instancePath: '/xdm/mediaCollection', keyword: 'required', missing: 'sessionID' }, 'sessionID is still missing for the schema');
    const ad = variant('adStart', (e) => {
      const d = mcOf(e).advertisingDetails as Obj;
      d.podposition = d.podPosition;
      delete d.podPosition;
    });
    assert.deepEqual(unknownFields(ad, '/events/2'), [
      { pointer: '/events/2/xdm/mediaCollection/advertisingDetails/podposition', field: 'podposition', suggestion: 'podPosition' },
    ], 'podposition listed with its suggestion');
  });

  test('every detail object is searched', () => {
    const e: Obj = {
      xdm: {
        timestamp: TS,
        mediaCollection: {
          sessionID: SID, playhead: 1,
          advertisingPodDetails: { index: 0, offset: 0, podFriendlyName: 'x' },
          chapterDetails: { index: 1, offset: 0, length: 10, chapterName: 'x' },
          qoeDataDetails: { bitRate: 1 },
          errorDetails: { name: 'e', source: 'player', errorID: 'x' },
          states: [{ name: 'mute' }],
        },
      },
    };
    assert.deepEqual(unknownFields(e, '/events/0').map((u) => [u.pointer, u.suggestion]), [
      ['/events/0/xdm/mediaCollection/states', null],
      ['/events/0/xdm/mediaCollection/advertisingPodDetails/podFriendlyName', null],
      ['/events/0/xdm/mediaCollection/chapterDetails/chapterName', null],
      ['/events/0/xdm/mediaCollection/qoeDataDetails/bitRate', 'bitrate'],
      ['/events/0/xdm/mediaCollection/errorDetails/errorID', null],
    ], 'unknown keys of mediaCollection and each detail object');
  });

  test('meta, request-level xdm, _id and other xdm keys are never listed', () => {
    const b = body(validEvent('sessionStart'));
    const [event] = b.events as [Obj];
    assert.deepEqual(unknownFields(event, '/events/0'), [], 'the event with _id: nothing');
    assert.deepEqual(unknownFields(b, ''), [], 'the whole body (meta, request-level xdm): nothing');
    const withXdmExtras = variant('play', (e) => { xdmOf(e).implementationDetails = {}; xdmOf(e).placeContext = {}; xdmOf(e).eventMergeId = 'x'; });
    assert.deepEqual(unknownFields(withXdmExtras, '/events/0'), [], 'keys of xdm outside mediaCollection: nothing');
  });

  test('downloaded: the mediaCollection of each batched event is searched', () => {
    const e = variant('downloaded', (ev) => { ((itemsOf(ev)[1] as Obj).mediaCollection as Obj).PlayHead = 3; });
    assert.deepEqual(unknownFields(e, '/events/0'), [
      { pointer: '/events/0/xdm/mediaDownloadedEvents/1/mediaCollection/PlayHead', field: 'PlayHead', suggestion: 'playhead' },
    ], 'pointer into the batch');
  });

  test('keys are escaped in pointers; odd values are skipped', () => {
    const e = variant('play', (ev) => { mcOf(ev)['a/b~c'] = 1; mcOf(ev).sessionDetails = 'x'; });
    assert.deepEqual(unknownFields(e, '/events/0'), [
      { pointer: '/events/0/xdm/mediaCollection/a~1b~0c', field: 'a/b~c', suggestion: null },
    ], 'RFC 6901 escaping; a non-object detail is the schema\'s business');
    for (const odd of [null, 3, 'x', [], { xdm: null }, { xdm: { mediaCollection: [] } }]) {
      assert.deepEqual(unknownFields(odd, ''), [], `${JSON.stringify(odd)}: nothing`);
    }
  });

  test('suggest: case, one edit, swaps; nothing when far or ambiguous', () => {
    const known = ['name', 'length', 'contentType', 'playerName', 'channel', 'streamType', 'assetID'];
    assert.equal(suggest('Length', known), 'length', 'case');
    assert.equal(suggest('assetId', known), 'assetID', 'case');
    assert.equal(suggest('lenght', known), 'length', 'swap of two neighbours');
    assert.equal(suggest('chanel', known), 'channel', 'deletion');
    assert.equal(suggest('channels', known), 'channel', 'insertion');
    assert.equal(suggest('contentTipe', known), 'contentType', 'substitution');
    assert.equal(suggest('playerNames', known), 'playerName', 'insertion');
    assert.equal(suggest('duration', known), null, 'too far');
    assert.equal(suggest('ab', ['a', 'b']), null, 'two-letter keys get no edit suggestion');
    assert.equal(suggest('bame', ['name', 'game']), null, 'ambiguous');
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as generated from '../../src/generated/media-collection-validators.js';
import { EVENT_TYPES, type EventType } from '../../src/core/protocol/media-collection/event-types.ts';
import { validatorFor } from '../../src/core/protocol/media-collection/validators.ts';
import { checkEvent } from '../../src/core/protocol/media-collection/check-event.ts';
import { CATALOGUE } from '../../src/core/findings/catalogue.ts';
import type { BodyIssue } from '../../src/core/protocol/media-collection/body-issue.ts';
import { ev, sessionStartBody, T0, validBodies } from '../helpers/har-builder.ts';

type Body = Record<string, unknown>;

/** A deep copy of the valid body of `type`, changed by `edit`. */
function variant(type: EventType, edit: (b: Body) => void): Body {
  const b = structuredClone(validBodies()[type]) as Body;
  edit(b);
  return b;
}
const paramsOf = (b: Body) => b.params as Body;
const playerTimeOf = (b: Body) => b.playerTime as Body;

/** Raw ajv wording that must never reach a tester. */
const AJV_TEXT = [
  /must NOT have/, /must have required property/, /must match pattern/, /must be equal to/,
  /\bmust be (integer|number|string|object|array|boolean|null)\b/, /property name must be valid/,
  /must match "then"/, /boolean schema is false/, /must be >=/, /must NOT be shorter/,
];

function assertTesterSentence(issue: BodyIssue): void {
  for (const re of AJV_TEXT) assert.doesNotMatch(issue.message, re, `raw ajv text in: ${issue.message}`);
  // The message names where the problem is: the pointer itself, or for a bad key the object
  // holding it and the key.
  if (issue.rule === 'key pattern') {
    const parent = issue.pointer.slice(0, issue.pointer.lastIndexOf('/'));
    const key = issue.pointer.slice(issue.pointer.lastIndexOf('/') + 1);
    assert.ok(issue.message.includes(parent) && issue.message.includes(key), `location missing in: ${issue.message}`);
  } else {
    assert.ok(issue.message.includes(issue.pointer), `pointer ${issue.pointer} missing in: ${issue.message}`);
  }
  assert.match(issue.message, /^[/A-Z]/, 'starts like a sentence or with the pointer');
  assert.match(issue.message, /\.$/, 'ends like a sentence');
}

interface Invalid {
  why: string;
  body: Body;
  pointer: string;
  rule: string;
  expected: string | RegExp;
  actual: string;
}

const long = 'a'.repeat(65);

const INVALID: Record<EventType, Invalid[]> = {
  sessionStart: [
    { why: 'missing required param media.id', body: variant('sessionStart', (b) => { delete paramsOf(b)['media.id']; }),
      pointer: '/params/media.id', rule: 'required', expected: 'a non-empty string', actual: 'missing' },
    { why: 'media.length as a string', body: variant('sessionStart', (b) => { paramsOf(b)['media.length'] = '600'; }),
      pointer: '/params/media.length', rule: 'type', expected: 'a number', actual: 'the string "600"' },
    { why: 'analytics.enableSSL as a string', body: variant('sessionStart', (b) => { paramsOf(b)['analytics.enableSSL'] = 'true'; }),
      pointer: '/params/analytics.enableSSL', rule: 'type', expected: 'a boolean', actual: 'the string "true"' },
    { why: 'unknown params key (a typo)', body: variant('sessionStart', (b) => { paramsOf(b)['media.lenght'] = 600; }),
      pointer: '/params/media.lenght', rule: 'no unknown keys', expected: 'only known keys', actual: 'key "media.lenght"' },
    { why: 'no params at all', body: variant('sessionStart', (b) => { delete b.params; }),
      pointer: '/params', rule: 'required', expected: /^an object with analytics\.trackingServer, /, actual: 'missing' },
    { why: 'empty media.id', body: variant('sessionStart', (b) => { paramsOf(b)['media.id'] = ''; }),
      pointer: '/params/media.id', rule: 'minLength', expected: 'a non-empty string', actual: 'an empty string' },
    { why: 'media.streamType outside its enum', body: variant('sessionStart', (b) => { paramsOf(b)['media.streamType'] = 'vdeo'; }),
      pointer: '/params/media.streamType', rule: 'enum', expected: 'one of "video", "audio"', actual: 'the string "vdeo"' },
    { why: 'customerIDs authState 3', body: variant('sessionStart', (b) => { paramsOf(b)['visitor.customerIDs'] = { email: { id: 'x', authState: 3 } }; }),
      pointer: '/params/visitor.customerIDs/email/authState', rule: 'enum', expected: 'one of 0, 1, 2', actual: 'the number 3' },
    { why: 'customMetadata key with a space', body: variant('sessionStart', (b) => { b.customMetadata = { 'show name': 'x' }; }),
      pointer: '/customMetadata/show name', rule: 'key pattern', expected: 'keys of only letters, digits, "_" or "."', actual: 'key "show name"' },
    { why: 'customMetadata value not a string', body: variant('sessionStart', (b) => { b.customMetadata = { season: 2 }; }),
      pointer: '/customMetadata/season', rule: 'type', expected: 'a string', actual: 'the number 2' },
  ],
  play: [
    { why: 'unknown params key', body: variant('play', (b) => { b.params = { 'media.foo': 1 }; }),
      pointer: '/params/media.foo', rule: 'no unknown keys', expected: 'no keys', actual: 'key "media.foo"' },
    { why: 'extra top-level key', body: variant('play', (b) => { b.timestamp = 1; }),
      pointer: '/timestamp', rule: 'no unknown keys', expected: 'only known keys', actual: 'key "timestamp"' },
  ],
  ping: [
    { why: 'ping with params', body: variant('ping', (b) => { b.params = {}; }),
      pointer: '/params', rule: 'forbidden', expected: 'absent', actual: 'an object' },
  ],
  bitrateChange: [
    { why: 'qoeData bitrate as a string', body: variant('bitrateChange', (b) => { b.qoeData = { 'media.qoe.bitrate': '3000000' }; }),
      pointer: '/qoeData/media.qoe.bitrate', rule: 'type', expected: 'an integer', actual: 'the string "3000000"' },
    { why: 'qoeData bitrate fractional', body: variant('bitrateChange', (b) => { b.qoeData = { 'media.qoe.bitrate': 2.5 }; }),
      pointer: '/qoeData/media.qoe.bitrate', rule: 'type', expected: 'an integer', actual: 'the number 2.5' },
  ],
  bufferStart: [
    { why: 'playhead as a string', body: variant('bufferStart', (b) => { playerTimeOf(b).playhead = '12'; }),
      pointer: '/playerTime/playhead', rule: 'type', expected: 'a number', actual: 'the string "12"' },
  ],
  pauseStart: [
    { why: 'playerTime.ts fractional', body: variant('pauseStart', (b) => { playerTimeOf(b).ts = T0 + 0.5; }),
      pointer: '/playerTime/ts', rule: 'type', expected: 'an integer', actual: `the number ${T0 + 0.5}` },
    { why: 'playerTime.ts missing', body: variant('pauseStart', (b) => { delete playerTimeOf(b).ts; }),
      pointer: '/playerTime/ts', rule: 'required', expected: 'an integer ≥ 0', actual: 'missing' },
  ],
  adBreakStart: [
    { why: 'missing podSecond', body: variant('adBreakStart', (b) => { delete paramsOf(b)['media.ad.podSecond']; }),
      pointer: '/params/media.ad.podSecond', rule: 'required', expected: 'a number ≥ 0', actual: 'missing' },
    { why: 'podIndex fractional', body: variant('adBreakStart', (b) => { paramsOf(b)['media.ad.podIndex'] = 1.5; }),
      pointer: '/params/media.ad.podIndex', rule: 'type', expected: 'an integer', actual: 'the number 1.5' },
    { why: 'podIndex negative', body: variant('adBreakStart', (b) => { paramsOf(b)['media.ad.podIndex'] = -1; }),
      pointer: '/params/media.ad.podIndex', rule: 'minimum', expected: 'a number ≥ 0', actual: 'the number -1' },
  ],
  adStart: [
    { why: 'missing media.ad.id', body: variant('adStart', (b) => { delete paramsOf(b)['media.ad.id']; }),
      pointer: '/params/media.ad.id', rule: 'required', expected: 'a non-empty string', actual: 'missing' },
    { why: 'media.ad.length as a string', body: variant('adStart', (b) => { paramsOf(b)['media.ad.length'] = '15'; }),
      pointer: '/params/media.ad.length', rule: 'type', expected: 'a number', actual: 'the string "15"' },
    { why: 'customMetadata key with a dash', body: variant('adStart', (b) => { b.customMetadata = { 'ad-campaign': 'x' }; }),
      pointer: '/customMetadata/ad-campaign', rule: 'key pattern', expected: 'keys of only letters, digits, "_" or "."', actual: 'key "ad-campaign"' },
  ],
  adComplete: [
    { why: 'params on an event that takes none', body: variant('adComplete', (b) => { b.params = { 'media.ad.id': 'ad-1' }; }),
      pointer: '/params/media.ad.id', rule: 'no unknown keys', expected: 'no keys', actual: 'key "media.ad.id"' },
  ],
  adSkip: [
    { why: 'negative playhead', body: variant('adSkip', (b) => { playerTimeOf(b).playhead = -1; }),
      pointer: '/playerTime/playhead', rule: 'minimum', expected: 'a number ≥ 0', actual: 'the number -1' },
  ],
  adBreakComplete: [
    { why: 'extra key in playerTime', body: variant('adBreakComplete', (b) => { playerTimeOf(b).clock = 1; }),
      pointer: '/playerTime/clock', rule: 'no unknown keys', expected: 'only known keys', actual: 'key "clock"' },
  ],
  chapterStart: [
    { why: 'missing media.chapter.length', body: variant('chapterStart', (b) => { delete paramsOf(b)['media.chapter.length']; }),
      pointer: '/params/media.chapter.length', rule: 'required', expected: 'a number ≥ 0', actual: 'missing' },
    { why: 'chapter index as a string', body: variant('chapterStart', (b) => { paramsOf(b)['media.chapter.index'] = '1'; }),
      pointer: '/params/media.chapter.index', rule: 'type', expected: 'an integer', actual: 'the string "1"' },
  ],
  chapterComplete: [
    { why: 'unknown qoeData key', body: variant('chapterComplete', (b) => { b.qoeData = { 'media.qoe.foo': 1 }; }),
      pointer: '/qoeData/media.qoe.foo', rule: 'no unknown keys', expected: 'only known keys', actual: 'key "media.qoe.foo"' },
  ],
  chapterSkip: [
    { why: 'params on an event that takes none', body: variant('chapterSkip', (b) => { b.params = { 'media.chapter.index': 1 }; }),
      pointer: '/params/media.chapter.index', rule: 'no unknown keys', expected: 'no keys', actual: 'key "media.chapter.index"' },
  ],
  error: [
    { why: 'errorSource outside its enum', body: variant('error', (b) => { (b.qoeData as Body)['media.qoe.errorSource'] = 'server'; }),
      pointer: '/qoeData/media.qoe.errorSource', rule: 'enum', expected: 'one of "player", "external"', actual: 'the string "server"' },
    { why: 'errorID as a number', body: variant('error', (b) => { (b.qoeData as Body)['media.qoe.errorID'] = 42; }),
      pointer: '/qoeData/media.qoe.errorID', rule: 'type', expected: 'a string', actual: 'the number 42' },
  ],
  stateStart: [
    { why: 'state name with a space', body: variant('stateStart', (b) => { paramsOf(b)['media.state.name'] = 'full screen'; }),
      pointer: '/params/media.state.name', rule: 'pattern', expected: '1 to 64 letters, digits, "_" or "."', actual: 'the string "full screen"' },
    { why: 'state name of 65 characters', body: variant('stateStart', (b) => { paramsOf(b)['media.state.name'] = long; }),
      pointer: '/params/media.state.name', rule: 'pattern', expected: '1 to 64 letters, digits, "_" or "."', actual: `the string "${'a'.repeat(60)}…"` },
    { why: 'no params', body: variant('stateStart', (b) => { delete b.params; }),
      pointer: '/params', rule: 'required', expected: 'an object with media.state.name', actual: 'missing' },
  ],
  stateEnd: [
    { why: 'params without the state name', body: variant('stateEnd', (b) => { b.params = {}; }),
      pointer: '/params/media.state.name', rule: 'required', expected: 'a string of 1 to 64 letters, digits, "_" or "."', actual: 'missing' },
    { why: 'empty state name', body: variant('stateEnd', (b) => { paramsOf(b)['media.state.name'] = ''; }),
      pointer: '/params/media.state.name', rule: 'pattern', expected: '1 to 64 letters, digits, "_" or "."', actual: 'the string ""' },
  ],
  statesUpdate: [
    { why: 'params empty', body: variant('statesUpdate', (b) => { b.params = {}; }),
      pointer: '/params', rule: 'minProperties', expected: 'at least one of statesStart, statesEnd', actual: 'an empty object' },
    { why: 'bad state name in statesStart', body: variant('statesUpdate', (b) => { paramsOf(b).statesStart = [{ 'media.state.name': 'closed captions' }]; }),
      pointer: '/params/statesStart/0/media.state.name', rule: 'pattern', expected: '1 to 64 letters, digits, "_" or "."', actual: 'the string "closed captions"' },
    { why: 'statesStart an object, not a list', body: variant('statesUpdate', (b) => { paramsOf(b).statesStart = { 'media.state.name': 'mute' }; }),
      pointer: '/params/statesStart', rule: 'type', expected: 'a list', actual: 'an object' },
  ],
  sessionComplete: [
    { why: 'playhead as a string', body: variant('sessionComplete', (b) => { playerTimeOf(b).playhead = '600'; }),
      pointer: '/playerTime/playhead', rule: 'type', expected: 'a number', actual: 'the string "600"' },
  ],
  sessionEnd: [
    { why: 'extra top-level key', body: variant('sessionEnd', (b) => { b.reason = 'user'; }),
      pointer: '/reason', rule: 'no unknown keys', expected: 'only known keys', actual: 'key "reason"' },
    { why: 'playerTime as a number', body: variant('sessionEnd', (b) => { b.playerTime = 600; }),
      pointer: '/playerTime', rule: 'type', expected: 'an object', actual: 'the number 600' },
  ],
};

describe('the generated validators are the ones in use', () => {
  test('validatorFor returns the build-time generated function of each type', () => {
    const byName = generated as unknown as Record<string, unknown>;
    for (const type of EVENT_TYPES) {
      assert.equal(typeof validatorFor(type), 'function', type);
      assert.equal(validatorFor(type), byName[type], `${type} comes from src/generated`);
    }
  });

  test('there are exactly the 20 event types of the spec', () => {
    assert.deepEqual([...EVENT_TYPES].sort(), [
      'adBreakComplete', 'adBreakStart', 'adComplete', 'adSkip', 'adStart', 'bitrateChange', 'bufferStart',
      'chapterComplete', 'chapterSkip', 'chapterStart', 'error', 'pauseStart', 'ping', 'play',
      'sessionComplete', 'sessionEnd', 'sessionStart', 'stateEnd', 'stateStart', 'statesUpdate',
    ]);
  });
});

describe('valid bodies: every event type', () => {
  const bodies = validBodies();
  for (const type of EVENT_TYPES) {
    test(`${type}: the valid body passes its validator and checkEvent finds nothing`, () => {
      const body = bodies[type];
      assert.ok(body, `validBodies() has ${type}`);
      const validate = validatorFor(type);
      assert.equal(validate(body), true, JSON.stringify(validate.errors));
      const issues = checkEvent(body, '');
      assert.deepEqual(issues.filter((i) => CATALOGUE[i.code].severity === 'error'), []);
      assert.deepEqual(issues, []);
    });
  }

  test('a body of one type does not pass the validator of another', () => {
    assert.equal(validatorFor('play')(bodies.ping), false);
    assert.equal(validatorFor('adStart')(bodies.adBreakStart), false);
  });
});

describe('invalid bodies: every event type has a schema.violation with pointer, rule, expected, actual', () => {
  for (const type of EVENT_TYPES) {
    for (const c of INVALID[type]) {
      test(`${type}: ${c.why}`, () => {
        assert.equal(c.body.eventType, type, 'fixture keeps its event type');
        assert.equal(validatorFor(type)(c.body), false, 'the generated validator rejects it');
        const violations = checkEvent(c.body, '').filter((i) => i.code === 'schema.violation');
        assert.equal(violations.length, 1, `one violation, one finding: ${JSON.stringify(violations)}`);
        const v = violations[0]!;
        assert.equal(v.pointer, c.pointer);
        assert.equal(v.rule, c.rule);
        if (typeof c.expected === 'string') assert.equal(v.expected, c.expected);
        else assert.match(v.expected ?? '', c.expected);
        assert.equal(v.actual, c.actual);
        assertTesterSentence(v);
      });
    }
  }

  test('several problems in one body: one violation each (allErrors)', () => {
    const body = variant('adStart', (b) => {
      delete paramsOf(b)['media.ad.id'];
      paramsOf(b)['media.ad.length'] = '15';
      b.extra = true;
    });
    const pointers = checkEvent(body, '').filter((i) => i.code === 'schema.violation').map((i) => i.pointer).sort();
    assert.deepEqual(pointers, ['/extra', '/params/media.ad.id', '/params/media.ad.length']);
  });

  test('a JSON pointer escapes "/" and "~" in key names (RFC 6901)', () => {
    const body = variant('play', (b) => { b.params = { 'a/b~c': 1 }; });
    const v = checkEvent(body, '').find((i) => i.code === 'schema.violation');
    assert.equal(v?.pointer, '/params/a~1b~0c');
  });

  test('long values are shortened in actual and in the message', () => {
    const body = variant('sessionStart', (b) => { paramsOf(b)['media.length'] = 'x'.repeat(5000); });
    const v = checkEvent(body, '').find((i) => i.pointer === '/params/media.length');
    assert.ok(v);
    assert.ok(v.message.length < 300, `message of ${v.message.length} characters`);
    assert.ok((v.actual ?? '').length < 100);
  });
});

describe('the project decisions of spec section 7 (all accepted)', () => {
  const accepts = (type: EventType, body: Body) => {
    assert.equal(validatorFor(type)(body), true, JSON.stringify(validatorFor(type).errors));
    assert.deepEqual(checkEvent(body, ''), []);
  };

  test('full-screen state under both spellings', () => {
    accepts('stateStart', ev('stateStart', 1, T0, { params: { 'media.state.name': 'fullscreen' } }));
    accepts('stateStart', ev('stateStart', 1, T0, { params: { 'media.state.name': 'fullScreen' } }));
  });

  test('statesUpdate with statesEnd only', () => {
    accepts('statesUpdate', ev('statesUpdate', 1, T0, { params: { statesEnd: [{ 'media.state.name': 'mute' }] } }));
  });

  test('a state name of exactly 64 characters', () => {
    accepts('stateEnd', ev('stateEnd', 1, T0, { params: { 'media.state.name': 'a'.repeat(64) } }));
  });

  test('pod and ad positions 0-based or 1-based', () => {
    for (const n of [0, 1]) {
      accepts('adBreakStart', ev('adBreakStart', 0, T0, { params: { 'media.ad.podIndex': n, 'media.ad.podSecond': 0 } }));
      accepts('adStart', ev('adStart', 0, T0, { params: { 'media.ad.id': 'a', 'media.ad.length': 15, 'media.ad.podPosition': n, 'media.ad.playerName': 'p' } }));
    }
  });

  test('media.ad.podFriendlyName on adStart', () => {
    accepts('adStart', ev('adStart', 0, T0, {
      params: { 'media.ad.id': 'a', 'media.ad.length': 15.5, 'media.ad.podPosition': 1, 'media.ad.playerName': 'p', 'media.ad.podFriendlyName': 'mid' },
    }));
  });

  test('media.streamType is optional; any media.contentType string', () => {
    const body = sessionStartBody(T0, { 'media.contentType': 'audiobook' });
    delete (body.params as Body)['media.streamType'];
    accepts('sessionStart', body);
  });

  test('sessionStart with every kind of optional param', () => {
    accepts('sessionStart', sessionStartBody(T0, {
      'media.resume': true, 'media.downloaded': false, 'analytics.optOutShare': false,
      'visitor.aamLocationHint': 9, 'visitor.customerIDs': { email: { id: 'x@y', authState: 1 } },
      appInstallationId: 'app-1', 'media.show': 'Show', 'media.station': 'S1',
    }));
  });

  test('fractional playhead, live second-of-day playhead, qoeData on any event', () => {
    accepts('ping', ev('ping', 12.345, T0, { qoeData: { 'media.qoe.droppedFrames': 3, 'media.qoe.framesPerSecond': 25 } }));
    accepts('play', ev('play', 86399.5, T0, { qoeData: { 'media.qoe.timeToStart': 900 } }));
  });
});

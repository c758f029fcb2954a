import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { checkEvent } from '../../src/core/protocol/media-collection/check-event.ts';
import { readHar } from '../../src/core/har/read-har.ts';
import { analyse } from '../../src/core/analysis/analyser.ts';
import { eventEntry, ev, har, sessionsEntry, sessionStartBody, SID, T0 } from '../helpers/har-builder.ts';
import { analyseEntries, codesOf, downloadedEntry, expectFinding, requestFindings } from '../helpers/more-builders.ts';
import type { Finding } from '../../src/core/findings/finding.ts';

/** Analyses one events call whose body is the raw text given. */
function analyseRaw(rawBody: string, o: { kind?: 'events' | 'sessions' | 'downloaded' } = {}): Finding[] {
  const entry = o.kind === 'sessions' ? sessionsEntry(null, SID, { rawBody })
    : o.kind === 'downloaded' ? downloadedEntry(null, { rawBody })
    : eventEntry(SID, null, { rawBody });
  return requestFindings(analyseEntries([entry]).findings);
}

function assertNotPolluted(): void {
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'isAdmin', 'x']) {
    assert.equal(probe[key], undefined, `Object.prototype.${key} was set`);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, key), false);
  }
  assert.equal(typeof Object.prototype.toString, 'function');
  assert.equal(typeof Object.prototype.hasOwnProperty, 'function');
}

afterEach(() => assertNotPolluted());

describe('eventType names that are Object.prototype members', () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__']) {
    test(`eventType "${name}" is an unknown event type without a suggestion, and nothing throws`, () => {
      const body = `{"playerTime":{"playhead":1,"ts":${T0}},"eventType":${JSON.stringify(name)}}`;
      const findings = analyseRaw(body);
      const f = expectFinding(findings, 'schema.unknown-event-type');
      assert.equal(f.pointer, '/eventType');
      assert.ok(f.message.includes(JSON.stringify(name)), f.message);
      assert.doesNotMatch(f.message, /instead|undefined|\[object|function/);
      assert.deepEqual(codesOf(findings), ['schema.unknown-event-type']);
    });
  }

  test('the same names on the sessions endpoint and inside a batch', () => {
    for (const name of ['__proto__', 'constructor']) {
      const single = `{"playerTime":{"playhead":0,"ts":${T0}},"eventType":${JSON.stringify(name)}}`;
      expectFinding(analyseRaw(single, { kind: 'sessions' }), 'schema.unknown-event-type');
      const batch = `[${JSON.stringify(sessionStartBody())},${single}]`;
      const f = expectFinding(analyseRaw(batch, { kind: 'downloaded' }), 'schema.unknown-event-type');
      assert.equal(f.pointer, '/1/eventType');
    }
  });
});

describe('"__proto__" keys in bodies', () => {
  test('params key "__proto__" on play: an unknown key, reported, prototype untouched', () => {
    const raw = `{"playerTime":{"playhead":0,"ts":${T0}},"eventType":"play","params":{"__proto__":{"polluted":true}}}`;
    const findings = analyseRaw(raw);
    const f = expectFinding(findings, 'schema.violation');
    assert.equal(f.pointer, '/params/__proto__');
    assert.equal(f.rule, 'no unknown keys');
    assert.equal(f.actual, 'key "__proto__"');
  });

  test('params key "__proto__" on sessionStart: reported, the required params still checked', () => {
    const params = { ...(sessionStartBody().params as Record<string, unknown>) };
    delete params['media.id'];
    const raw = JSON.stringify({ playerTime: { playhead: 0, ts: T0 }, eventType: 'sessionStart', params })
      .replace('"params":{', '"params":{"__proto__":{"media.id":"from-proto","polluted":1},');
    const findings = analyseRaw(raw, { kind: 'sessions' });
    const pointers = findings.filter((f) => f.code === 'schema.violation').map((f) => f.pointer).sort();
    assert.deepEqual(pointers, ['/params/__proto__', '/params/media.id']);
  });

  test('top-level, qoeData and customMetadata "__proto__" keys', () => {
    const raw = `{"__proto__":{"polluted":1},"playerTime":{"playhead":0,"ts":${T0}},"eventType":"sessionStart",` +
      `"params":${JSON.stringify(sessionStartBody().params)},` +
      `"qoeData":{"__proto__":{"polluted":1}},"customMetadata":{"__proto__":"x","constructor":"y"}}`;
    const findings = analyseRaw(raw, { kind: 'sessions' });
    const pointers = findings.filter((f) => f.code === 'schema.violation').map((f) => f.pointer);
    assert.ok(pointers.includes('/__proto__'), JSON.stringify(pointers));
    assert.ok(pointers.includes('/qoeData/__proto__'), JSON.stringify(pointers));
    // "__proto__" and "constructor" are valid customMetadata key characters: no violation there.
    assert.ok(!pointers.some((p) => (p ?? '').startsWith('/customMetadata')), JSON.stringify(pointers));
  });

  test('a "__proto__" key in the params of an unknown event does not make it known', () => {
    const raw = `{"playerTime":{"playhead":0,"ts":${T0}},"eventType":"pause","params":{"__proto__":{"eventType":"play"}}}`;
    expectFinding(analyseRaw(raw), 'schema.unknown-event-type');
  });

  test('a HAR whose entries carry "__proto__" keys reads without pollution', () => {
    const entry = JSON.stringify(eventEntry(SID, ev('play', 0, T0)));
    const text = JSON.stringify(har([])).replace('"entries":[]',
      `"entries":[${entry.replace('{', '{"__proto__":{"polluted":true},')}],"__proto__":{"polluted":true}`);
    const { exchanges } = readHar(text, 'proto.har');
    assert.equal(exchanges.length, 1);
    assert.equal(exchanges[0]!.status, 204);
    assert.deepEqual(requestFindings(analyse(exchanges).findings), []);
  });
});

describe('bodies that are not objects, on the events endpoint', () => {
  const cases: { raw: string; actual: string }[] = [
    { raw: '42', actual: 'the number 42' },
    { raw: '"ping"', actual: 'the string "ping"' },
    { raw: 'null', actual: 'null' },
    { raw: 'true', actual: 'the boolean true' },
    { raw: '[]', actual: 'a list of 0 item(s)' },
    { raw: `[${JSON.stringify(ev('play', 0, T0))}]`, actual: 'a list of 1 item(s)' },
  ];
  for (const { raw, actual } of cases) {
    test(`body ${raw.length > 20 ? 'a list with one event' : raw}: no throw, unknown event type and "must be an object"`, () => {
      let findings: Finding[] = [];
      assert.doesNotThrow(() => { findings = analyseRaw(raw); });
      expectFinding(findings, 'schema.unknown-event-type');
      const v = expectFinding(findings, 'schema.violation');
      assert.equal(v.pointer, '/');
      assert.equal(v.rule, 'type');
      assert.equal(v.expected, 'an object');
      assert.equal(v.actual, actual);
      assert.ok(!codesOf(findings).includes('body.not-json'), 'it is JSON');
    });
  }

  test('checkEvent itself never throws on any JSON value', () => {
    const values: unknown[] = [0, -1, Number.MAX_VALUE, '', 'x', null, true, false, [], [[]], {}, { eventType: null },
      { eventType: 'play', playerTime: null }, { eventType: 'play', playerTime: [] }, { eventType: 'play', params: [] },
      { eventType: 'error', qoeData: 'x' }, { eventType: 'sessionStart', params: null }, { eventType: 'statesUpdate', params: { statesStart: [null, 1] } }];
    for (const v of values) {
      assert.doesNotThrow(() => checkEvent(v, ''), JSON.stringify(v));
      assert.ok(checkEvent(v, '').length > 0, `${JSON.stringify(v)} has at least one issue`);
    }
  });
});

describe('large and odd values', () => {
  test('a huge eventType is shortened in the message', () => {
    const name = 'x'.repeat(100_000);
    const f = expectFinding(analyseRaw(`{"playerTime":{"playhead":0,"ts":${T0}},"eventType":"${name}"}`), 'schema.unknown-event-type');
    assert.ok(f.message.length < 300, `message of ${f.message.length} characters`);
  });

  test('a deeply nested value in params does not throw', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const raw = `{"playerTime":{"playhead":0,"ts":${T0}},"eventType":"play","params":{"deep":${deep}}}`;
    const v = expectFinding(analyseRaw(raw), 'schema.violation');
    assert.equal(v.pointer, '/params/deep');
  });

  test('a body of many events-worth of keys is one finding per unknown key', () => {
    const params = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const findings = analyseRaw(JSON.stringify(ev('play', 0, T0, { params })));
    expectFinding(findings, 'schema.violation', 50);
  });
});

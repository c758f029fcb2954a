/**
 * `body.invisible-characters`: a string Adobe reads (event type, params, custom metadata, Edge
 * detail fields, ids) that holds bidi controls or other invisible characters. One finding per
 * event with the first field's pointer, up to five fields named and the rest counted; honest text
 * (emoji sequences, Persian's zero width non-joiner) is no finding; the walk stays cheap on the
 * hostile shapes (100,000 levels deep, a 20 MB string, a million keys).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse } from '../../src/core/analysis/analyser.ts';
import { CATALOGUE } from '../../src/core/findings/catalogue.ts';
import type { Finding } from '../../src/core/findings/finding.ts';
import { readRecording } from '../../src/core/report/read-recording.ts';
import { findInvisibleFields } from '../../src/core/text/invisible-fields.ts';
import { entry, ev, eventEntry, har, HOST, SID, sessionStartBody, sessionsEntry, T0 } from '../helpers/har-builder.ts';
import { edgeCall, edgeEvent, edgeStart, sessionDetails } from '../helpers/edge-builder.ts';

const CODE = 'body.invisible-characters';
const RLO = '\u202E';
const ZWSP = '\u200B';
const FIXTURES = join(fileURLToPath(new URL('../../', import.meta.url)), 'test/fixtures');

function findingsOf(entries: unknown[]): Finding[] {
  return analyse(readRecording(JSON.stringify(har(entries)), 'x.har').exchanges).findings;
}

function invisible(entries: unknown[]): Finding[] {
  return findingsOf(entries).filter((f) => f.code === CODE);
}

describe('body.invisible-characters in the catalogue', () => {
  test('a warning of the Bodies section, with a fix', () => {
    assert.equal(CATALOGUE[CODE].severity, 'warning');
    assert.equal(CATALOGUE[CODE].section, 'Bodies');
    assert.match(CATALOGUE[CODE].fix, /U\+202E/);
  });
});

describe('Media Collection bodies', () => {
  test('an eventType with U+202E: the finding points at /eventType and names the character', () => {
    const found = invisible([sessionsEntry(sessionStartBody(T0), SID), eventEntry(SID, ev(`play${RLO}`, 0, T0 + 1000), { status: 410 })]);
    assert.equal(found.length, 1);
    const f = found[0] as Finding;
    assert.equal(f.pointer, '/eventType');
    assert.equal(f.severity, 'warning');
    assert.equal(f.exchange, 1);
    assert.match(f.message, /\/eventType holds U\+202E \(right-to-left override\)/);
    assert.match(f.message, /Adobe stores them as sent/);
    assert.equal(f.fix, CATALOGUE[CODE].fix);
    assert.ok(!f.message.includes(RLO), 'the message itself holds no raw control');
  });

  test('params and custom metadata, values and keys: one finding per call, the first field its pointer', () => {
    const body = sessionStartBody(T0, { 'media.name': `Film${ZWSP}`, 'media.show': `a${RLO}b` });
    body.customMetadata = { [`gen${RLO}re`]: 'drama', ok: 'fine' };
    const found = invisible([sessionsEntry(body, SID)]);
    assert.equal(found.length, 1, 'one finding for the call');
    const f = found[0] as Finding;
    assert.equal(f.pointer, '/params/media.name');
    assert.match(f.message, /in 3 strings Adobe reads/);
    assert.match(f.message, /\/params\/media\.name holds U\+200B \(zero width space\)/);
    assert.match(f.message, /\/params\/media\.show holds U\+202E/);
    assert.match(f.message, /\/customMetadata\/gen\\u202Ere \(its key\) holds U\+202E/, 'a key is named with its character shown');
  });

  test('many fields: five named, the rest counted', () => {
    const params: Record<string, unknown> = {};
    for (let i = 0; i < 12; i++) params[`media.x${i}`] = `v${ZWSP}${i}`;
    const found = invisible([sessionsEntry(sessionStartBody(T0, params), SID)]);
    assert.equal(found.length, 1);
    assert.match((found[0] as Finding).message, /in 12 strings Adobe reads: .*, and 7 more fields\./);
    assert.equal(((found[0] as Finding).message.match(/ holds /g) ?? []).length, 5);
  });

  test('a downloaded batch: each event that holds some has its own finding, pointing into it', () => {
    const start = sessionStartBody(T0, { 'media.downloaded': true });
    const batch = [start, ev('play', 0, T0 + 1000), ev('ping', 10, T0 + 11000, { params: { 'media.id': `x${RLO}` } }), ev('sessionComplete', 12, T0 + 12000)];
    const found = invisible([entry(`${HOST}/api/v1/downloaded`, batch, { status: 201 })]);
    assert.deepEqual(found.map((f) => f.pointer), ['/2/params/media.id']);
  });

  test('clean bodies, emoji sequences and Persian text give no finding', () => {
    const body = sessionStartBody(T0, { 'media.name': 'فیلم‌ها 👨‍👩‍👧 family', 'media.show': 'line\nbreak\tand tab' });
    assert.deepEqual(invisible([sessionsEntry(body, SID), eventEntry(SID, ev('play', 0, T0 + 1000))]), []);
  });

  test('none in the committed fixtures', () => {
    for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.har'))) {
      const findings = analyse(readRecording(readFileSync(join(FIXTURES, file), 'utf8'), file).exchanges).findings;
      assert.deepEqual(findings.filter((f) => f.code === CODE), [], file);
    }
  });
});

describe('Media Edge bodies', () => {
  test('a detail field with U+202E: the finding points into the event', () => {
    const start = edgeEvent('sessionStart', 0, 0, sessionDetails({ friendlyName: `Edge${RLO} film` }), null);
    const found = invisible([edgeStart('direct', start, { at: 0 }), edgeCall('direct', 'play', edgeEvent('play', 0, 1000), { at: 1000 })]);
    assert.equal(found.length, 1);
    assert.equal((found[0] as Finding).pointer, '/events/0/xdm/mediaCollection/sessionDetails/friendlyName');
    assert.match((found[0] as Finding).message, /U\+202E/);
  });

  test('an id (sessionID) with a zero width space, through the Web SDK', () => {
    const play = edgeEvent('play', 0, 1000, {}, `sid${ZWSP}`);
    const found = invisible([edgeCall('web-sdk', 'play', play, { at: 1000 })]);
    assert.deepEqual(found.map((f) => f.pointer), ['/events/0/xdm/mediaCollection/sessionID']);
  });

  test('a clean Edge call gives none', () => {
    assert.deepEqual(invisible([edgeStart('mobile', edgeEvent('sessionStart', 0, 0, sessionDetails(), null), { at: 0 })]), []);
  });
});

describe('the walk is bounded', () => {
  test('100,000 levels deep: no overflow; what lies beyond the depth Adobe reads is not looked at', () => {
    let deep: unknown = `x${RLO}`;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const started = performance.now();
    assert.equal(findInvisibleFields({ params: deep }, ''), null);
    assert.ok(performance.now() - started < 200, 'quick');
    assert.equal(findInvisibleFields({ params: { a: { b: `x${RLO}` } } }, '')?.fields[0]?.pointer, '/params/a/b');
  });

  test('a 20 MB string is tested in one linear pass', () => {
    const big = `${'x'.repeat(20_000_000)}${RLO}`;
    const started = performance.now();
    assert.equal(findInvisibleFields({ params: { 'media.name': big } }, '')?.total, 1);
    assert.ok(performance.now() - started < 2000, `took ${performance.now() - started} ms`);
  });

  test('a million keys: the first 10,000 members are looked at, no more (the time is the benchmarks\' business)', () => {
    const wide: Record<string, string> = {};
    for (let i = 0; i < 1_000_000; i++) wide[`k${i}`] = i === 999_999 ? RLO : 'v';
    // Every value the walk reads is counted: the cost is bounded by what it reads, not by the body.
    let reads = 0;
    const counted = new Proxy(wide, { get: (target, key, receiver) => { reads++; return Reflect.get(target, key, receiver) as unknown; } });
    assert.equal(findInvisibleFields({ params: counted }, ''), null, 'the last key lies beyond the bound');
    assert.ok(reads <= 10_000, `${reads} values read`);
    wide.k5 = RLO;
    assert.equal(findInvisibleFields({ params: wide }, '')?.fields[0]?.pointer, '/params/k5', 'within the bound it is found');
  });

  test('the whole analysis of a 100,000-deep eventType holding a control stays clean', () => {
    // Written as text: JSON.stringify itself cannot go that deep.
    const deep = `${'['.repeat(100_000)}"\\u202e"${']'.repeat(100_000)}`;
    const rawBody = `{"eventType":${deep},"playerTime":{"playhead":0,"ts":${T0 + 1000}}}`;
    const found = findingsOf([sessionsEntry(sessionStartBody(T0), SID), eventEntry(SID, null, { rawBody })]);
    assert.ok(found.some((f) => f.code === 'schema.unknown-event-type'), 'read and judged');
    assert.ok(!found.some((f) => f.code === CODE), 'the control lies beyond what Adobe reads');
  });
});

/**
 * The filter box's text as the Network panel reads its own (src/ui/store/filter-text.ts): the
 * parser on its own, then through the rows the list shows (filterRows) for recordings of
 * test/fixtures: property terms, `-` negation, plain text, and the hints for what it cannot read.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FILTER_HELP, FILTER_PROPERTIES, parseFilterText } from '../../src/ui/store/filter-text.ts';
import { buildRows, filterRows, type Row } from '../../src/ui/store/rows.ts';
import type { PanelStore } from '../../src/ui/store/panel-store.ts';
import { fixture, storeWith } from './panel-harness.tsx';

/** The sid of broken-sequence.har (see test/fixtures/make-fixtures.ts). */
const SEQ_SID = 'c0ffee'.repeat(10) + '0003';
/** broken-sequence.har: #0 sessionStart (201), #24 a ping answered 410, every other reply 204 (list-habits.test.tsx). */
const PINGS = [3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 22, 24];

function shown(store: PanelStore, text: string): Row[] {
  return [...filterRows(buildRows(store.analysis()), { ...store.get().filter, text }, store.get().selectedSessions)];
}

const indexes = (rows: readonly Row[]) => rows.map((r) => r.index);

describe('parseFilterText', () => {
  test('property terms, negation and plain text; property names and values in any case', () => {
    assert.deepEqual(parseFilterText('  Status-Code:410   -EVENT:Ping  soda '), {
      terms: [
        { property: 'status-code', value: '410', negate: false },
        { property: 'event', value: 'ping', negate: true },
        { property: null, value: 'soda', negate: false },
      ],
      problems: [],
    });
    assert.deepEqual(parseFilterText('method:POST sid:C0FFEE code:http.'), {
      terms: [
        { property: 'method', value: 'post', negate: false },
        { property: 'sid', value: 'c0ffee', negate: false },
        { property: 'code', value: 'http.', negate: false },
      ],
      problems: [],
    });
    assert.deepEqual(parseFilterText('-ping'), { terms: [{ property: null, value: 'ping', negate: true }], problems: [] }, 'negated text');
    assert.deepEqual(parseFilterText('-'), { terms: [{ property: null, value: '-', negate: false }], problems: [] }, 'a dash alone is text');
    assert.deepEqual(parseFilterText('   '), { terms: [], problems: [] }, 'blank: no term');
  });

  test('an unknown property is searched as text and said; a URL is text without a word', () => {
    const q = parseFilterText('status:410');
    assert.deepEqual(q.terms, [{ property: null, value: 'status:410', negate: false }], 'searched as text');
    assert.equal(q.problems.length, 1);
    assert.match(q.problems[0] ?? '', /unknown property "status:"/);
    for (const p of FILTER_PROPERTIES) assert.ok(q.problems[0]?.includes(p), `the hint names ${p}`);

    assert.deepEqual(parseFilterText('https://example.hb-api.omtrdc.net/api'), {
      terms: [{ property: null, value: 'https://example.hb-api.omtrdc.net/api', negate: false }], problems: [],
    }, 'https:// is not a property');
    assert.deepEqual(parseFilterText('"eventType":"ping"').problems, [], 'JSON text is not a property');
  });

  test('a property without a usable value is left out and said', () => {
    assert.deepEqual(parseFilterText('sid:').terms, []);
    assert.match(parseFilterText('sid:').problems[0] ?? '', /"sid:" needs a value/);
    assert.deepEqual(parseFilterText('status-code:gone').terms, []);
    assert.match(parseFilterText('status-code:gone').problems[0] ?? '', /status-code takes a number/);
    assert.equal(parseFilterText('status-code:4040').problems.length, 1, 'four digits is not a status');
  });

  test('the help names every property and the negation', () => {
    for (const p of FILTER_PROPERTIES) assert.ok(FILTER_HELP.includes(`${p}:`), `help names ${p}:`);
    assert.match(FILTER_HELP, /Put - before a term/);
  });
});

describe('property filters on the list\'s rows', () => {
  test('status-code:410 keeps the 410; -status-code:410 everything else; -status-code:204 the 201 and the 410', () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    assert.deepEqual(indexes(shown(store, 'status-code:410')), [24]);
    assert.deepEqual(indexes(shown(store, '-status-code:410')), Array.from({ length: 24 }, (_, i) => i));
    assert.deepEqual(indexes(shown(store, '-status-code:204')), [0, 24]);
    // Plain "410" is the old free text: also a status, and whatever mentions it.
    assert.ok(indexes(shown(store, '410')).includes(24));
  });

  test('event:ping, -event:ping, and together with a status', () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    assert.deepEqual(indexes(shown(store, 'event:ping')), PINGS);
    const rest = indexes(shown(store, '-event:ping'));
    assert.equal(rest.length, 25 - PINGS.length);
    assert.ok(rest.every((i) => !PINGS.includes(i)), 'no ping left');
    assert.deepEqual(indexes(shown(store, 'event:ping -status-code:204')), [24], 'terms must all match');
    assert.deepEqual(indexes(shown(store, 'event:PING status-code:410')), [24]);
    assert.deepEqual(indexes(shown(store, 'event:pin')), [], 'an event type is matched whole, not by its start');
  });

  test('code: matches a finding code or its start; method: the HTTP method', () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    assert.deepEqual(indexes(shown(store, 'code:ad.orphan-start')), [4]);
    assert.deepEqual(indexes(shown(store, 'code:http.')), [24], 'http.session-gone');
    assert.deepEqual(indexes(shown(store, '-code:http.')).length, 24);
    assert.equal(shown(store, 'method:post').length, 25);
    assert.equal(shown(store, 'method:GET').length, 0);
  });

  test('sid:<first characters> keeps the session\'s calls, its start call included (its sid is only in the reply)', () => {
    const store = storeWith([fixture('vod-clean.har'), fixture('broken-sequence.har')]);
    const rows = shown(store, 'sid:C0FFEE');
    assert.equal(rows.length, 25, 'the 25 calls of broken-sequence.har, none of vod-clean.har');
    assert.ok(rows.every((r) => r.sid === SEQ_SID));
    const start = rows[0] as Row;
    assert.equal(start.label, 'sessionStart', 'the start call is among them');
    assert.ok(!start.call.exchange.url.includes('c0ffee'), 'although its URL has no sid (the sid came with the reply\'s Location)');
    assert.ok(!indexes(shown(store, 'c0ffee')).includes(start.index), 'plain text would have missed it');
    assert.equal(shown(store, '-sid:c0ffee').length, 48, 'negated: vod-clean.har only');
    assert.equal(shown(store, `sid:${SEQ_SID}`).length, 25, 'the whole sid works too');
  });

  test('Media Edge: sid: includes the sessionStart whose session id came in the reply\'s handle', () => {
    const store = storeWith([fixture('edge-direct.har')]);
    const sid = store.analysis().sessions[0]?.sid ?? '';
    assert.ok(sid.startsWith('eeee'), sid);
    const rows = shown(store, 'sid:eeee');
    assert.equal(rows[0]?.label, 'sessionStart');
    assert.ok(!rows[0]?.call.exchange.url.includes('eeee'), 'the start call\'s URL has no session id');
    assert.ok(rows.every((r) => r.sid === sid), 'only that session');
    assert.equal(rows.length, store.analysis().sessions[0]?.calls.length, 'every call of the session');
  });

  test('an unknown property filters as text (so it can still match a body); a bad value filters nothing out', () => {
    const store = storeWith([fixture('broken-sequence.har')]);
    assert.equal(shown(store, 'nosuch:thing').length, 0, 'searched as text, found nowhere');
    assert.equal(shown(store, 'status-code:gone').length, 25, 'a value that cannot be a status is left out');
  });
});

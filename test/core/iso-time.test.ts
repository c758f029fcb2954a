/** parseIsoTime: the HAR reader's fast path for browser timestamps reads exactly as Date.parse. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseIsoTime } from '../../src/core/iso-time.ts';

test('any time a Date can hold, written as toISOString writes it, parses as Date.parse does', () => {
  fc.assert(fc.property(fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }), (d) => {
    const s = d.toISOString();
    assert.ok(Object.is(parseIsoTime(s), Date.parse(s)), s);
  }), { numRuns: 5000 });
});

test('any string of the browsers\' shape, valid or not, parses as Date.parse does', () => {
  fc.assert(fc.property(fc.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), (s) => {
    assert.ok(Object.is(parseIsoTime(s), Date.parse(s)), s);
  }), { numRuns: 5000 });
});

test('edge cases: leap days, out-of-range fields, two-digit years, offsets and other forms go the same way as Date.parse', () => {
  const cases = [
    '2026-02-29T00:00:00.000Z', '2024-02-29T00:00:00.000Z', '2000-02-29T12:00:00.000Z', '1900-02-29T00:00:00.000Z',
    '2026-13-01T00:00:00.000Z', '2026-11-02T24:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026-11-02T08:00:60.000Z',
    '0050-01-01T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '2026-11-02T08:00:00.00aZ', '2026-11-02T08:00:00.000+01:00',
    '2026-11-02', 'garbage', '', '2026-11-02T08:00:00Z', '2026-11-02T08:00:00.123456Z',
  ];
  for (const s of cases) assert.ok(Object.is(parseIsoTime(s), Date.parse(s)), `${s}: ${parseIsoTime(s)} vs ${Date.parse(s)}`);
  assert.equal(parseIsoTime('2026-11-02T08:00:00.123Z'), Date.UTC(2026, 10, 2, 8, 0, 0, 123));
});

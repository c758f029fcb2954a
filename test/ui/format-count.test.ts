/** count(): the panel's thousands separators read exactly as toLocaleString('en') writes them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { count } from '../../src/ui/format.ts';

test('any safe integer, and a few that are not, reads as toLocaleString("en")', () => {
  fc.assert(fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.integer({ min: -1_000_000, max: 1_000_000 })), (n) => {
    assert.equal(count(n), n.toLocaleString('en'));
  }), { numRuns: 2000 });
  for (const n of [0, 7, 999, 1000, 100_000, 1_234_567, -1000, 1.5, Number.MAX_SAFE_INTEGER + 2]) assert.equal(count(n), n.toLocaleString('en'), String(n));
});

/**
 * jsonChunks: the chunks joined are JSON.stringify(value, null, 2) byte for byte, for arbitrary
 * JSON-like values (fast-check) with what reports hold: getters, undefined, NaN and ±Infinity,
 * -0, nested empty arrays and objects, holes, Dates (valid or not), toJSON, unicode and lone
 * surrogates, integer-like keys; and for any chunk size. Chunks stay near their size.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonChunks, jsonFileChunks, jsonText } from '../../src/core/json/json-chunks.ts';

const RUNS = 500;

const joined = (chunks: Iterable<string>) => [...chunks].join('');
const expected = (v: unknown) => JSON.stringify(v, null, 2) ?? '';

const textArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('', '"', '\\', '\n\r\t\b\f', '\u0000\u001f\u007f', '\u2028\u2029', '\ud800', 'a\udc00b', '😀', 'é'),
);

const keyArb = fc.oneof(textArb, fc.constantFrom('0', '1', '10', '2', '-1', '01', '__proto__', 'toJSON', 'constructor'));

const leafArb = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e21, 5e-324),
  textArb,
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(() => 1, Symbol('s')),
);

/** An object from [key, value, as a getter?] triples, plus members JSON.stringify skips. */
function objectOf(members: [string, unknown, boolean][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [key, value, getter] of members) {
    Object.defineProperty(o, key, getter ? { get: () => value, enumerable: true, configurable: true } : { value, enumerable: true, writable: true, configurable: true });
  }
  Object.defineProperty(o, 'hidden', { value: 'not enumerable', enumerable: false });
  (o as Record<symbol, unknown>)[Symbol('key')] = 'a symbol key';
  return o;
}

const { value: valueArb } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leafArb, tie('array'), tie('object'), tie('special')),
  array: fc.oneof(fc.array(tie('value'), { maxLength: 5 }), fc.sparseArray(tie('value'), { maxLength: 5 })),
  object: fc.array(fc.tuple(keyArb, tie('value'), fc.boolean()), { maxLength: 5 }).map(objectOf),
  special: fc.oneof(
    tie('value').map((inner) => ({ toJSON: (key: string) => ({ key, inner }) })),
    tie('value').map((inner) => ({ toJSON: () => inner })),
    fc.oneof(fc.integer(), textArb, fc.boolean()).map((p) => Object(p) as object),
    fc.constant([[], {}, [[]], [{}], { a: {} }, { a: undefined }]),
  ),
}));

describe('jsonChunks', () => {
  test('joined chunks equal JSON.stringify(value, null, 2) for arbitrary values', () => {
    fc.assert(fc.property(valueArb, (v) => {
      assert.equal(jsonText(v), expected(v));
    }), { numRuns: RUNS });
  });

  test('the same text whatever the chunk size', () => {
    fc.assert(fc.property(valueArb, fc.integer({ min: 1, max: 80 }), (v, size) => {
      assert.equal(joined(jsonChunks(v, size)), expected(v));
    }), { numRuns: RUNS });
  });

  test('each getter is read once, as JSON.stringify reads it', () => {
    let reads = 0;
    const make = () => ({ get calls() { reads++; return [1, 2]; }, metrics: { get chapters() { reads++; return [{ i: 0 }]; } } });
    JSON.stringify(make(), null, 2);
    const byStringify = reads;
    reads = 0;
    jsonText(make());
    assert.equal(reads, byStringify);
  });

  test('what JSON.stringify gives undefined for yields no chunk; a leaf is one chunk', () => {
    for (const v of [undefined, () => 1, Symbol('x'), { toJSON: () => undefined }]) assert.deepEqual([...jsonChunks(v)], []);
    assert.deepEqual([...jsonChunks('x')], ['"x"']);
    assert.deepEqual([...jsonFileChunks({ a: [] })].join(''), '{\n  "a": []\n}\n');
  });

  test('toJSON gets the key (an index as a string), Dates their ISO text', () => {
    const v = { at: new Date(Date.UTC(2026, 10, 3)), list: [{ toJSON: (k: string) => `key ${k}` }], bad: new Date(Number.NaN) };
    assert.equal(jsonText(v), expected(v));
    assert.match(jsonText(v), /"key 0"/);
  });

  test('a cycle and a BigInt throw the TypeError JSON.stringify throws', () => {
    const cycle: Record<string, unknown> = { list: [] };
    (cycle.list as unknown[]).push({ back: cycle });
    assert.throws(() => jsonText(cycle), TypeError);
    assert.throws(() => jsonText({ n: 1n }), TypeError);
  });

  test('a big array comes in many chunks, none much bigger than asked', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ index: i, url: `https://example.com/${i}`, findings: i % 3 ? [] : [{ code: 'x' }] }));
    const chunks = [...jsonChunks({ rows }, 4096)];
    assert.ok(chunks.length > 100, `${chunks.length} chunks`);
    for (const c of chunks) assert.ok(c.length < 4096 + 200, `a chunk of ${c.length} characters`);
    assert.equal(chunks.join(''), expected({ rows }));
  });
});

/**
 * groupRepeats: the same finding (same session, code, severity, message, fix, pointer, rule,
 * expected, actual, setting) on many calls reads as one group with its calls, in the order of each
 * group's first finding; and the wording the text output, the reports and the panel share.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Finding } from '../../src/core/findings/finding.ts';
import { callList, callsOf, describeRepeats, groupRepeats, otherCallsNote, repeatCount, type FindingGroup } from '../../src/core/findings/repeats.ts';

const SID_A = 'a'.repeat(64);
const SID_B = 'b'.repeat(64);
const T0 = Date.UTC(2026, 0, 5, 12);

/** The schema violation Adobe's legacy Media JS API over the Web SDK gives on every call. */
function qoeNull(exchange: number, extra: Partial<Finding> = {}): Finding {
  return {
    code: 'schema.violation',
    severity: 'error',
    message: '/xdm/mediaCollection/qoeDataDetails must be an object, but it is null.',
    fix: 'Send the field as the schema says, or leave it out.',
    exchange,
    sid: SID_A,
    time: T0 + exchange * 1000,
    pointer: '/events/0/xdm/mediaCollection/qoeDataDetails',
    rule: 'type',
    expected: 'an object',
    actual: 'null',
    ...extra,
  };
}

describe('groupRepeats', () => {
  test('the same violation on 13 calls is one group of 13, with every call in order, the first finding kept', () => {
    const calls = [3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 30, 35, 40];
    const findings = calls.map((n) => qoeNull(n));
    const groups = groupRepeats(findings);
    assert.equal(groups.length, 1);
    const g = groups[0] as FindingGroup;
    assert.equal(g.count, 13);
    assert.deepEqual(g.exchanges, calls);
    assert.equal(g.finding, findings[0], 'the first finding itself');
  });

  test('a single finding is a group of one', () => {
    const f = qoeNull(4);
    assert.deepEqual(groupRepeats([f]), [{ finding: f, count: 1, exchanges: [4] }]);
    assert.deepEqual(groupRepeats([]), []);
  });

  test('a different pointer, sid, code, message, rule, expected, actual, setting or fix makes another group', () => {
    const variants: Partial<Finding>[] = [
      { pointer: '/events/0/xdm/mediaCollection/sessionDetails' }, { sid: SID_B }, { sid: null }, { code: 'schema.unknown-field' },
      { severity: 'warning' }, { message: 'another message' }, { fix: 'another fix' }, { rule: 'required' }, { expected: 'a string' },
      { actual: 'a number' }, { setting: 'ping tolerance 2 s' }, { pointer: undefined },
    ];
    for (const v of variants) {
      const groups = groupRepeats([qoeNull(1), qoeNull(2, v), qoeNull(3)]);
      assert.deepEqual(groups.map((g) => g.exchanges), [[1, 3], [2]], JSON.stringify(v));
    }
  });

  test('the time and the exchange do not tell findings apart', () => {
    const groups = groupRepeats([qoeNull(1, { time: null }), qoeNull(2, { time: T0 }), qoeNull(2, { time: T0 + 5 })]);
    assert.equal(groups.length, 1);
    assert.equal(groups[0]?.count, 3);
  });

  test('fields are compared whole: no separator inside a captured string can merge two findings', () => {
    const a = qoeNull(1, { message: 'a","b', fix: 'c' });
    const b = qoeNull(2, { message: 'a', fix: 'b","c' });
    assert.equal(groupRepeats([a, b]).length, 2);
  });

  test('groups keep the order of their first finding; interleaved repeats join their group', () => {
    const other = (n: number) => qoeNull(n, { code: 'ping.late', message: 'late', pointer: undefined, rule: undefined, expected: undefined, actual: undefined });
    const findings = [other(1), qoeNull(2), other(3), qoeNull(4), qoeNull(4, { pointer: '/x' }), other(5)];
    const groups = groupRepeats(findings);
    assert.deepEqual(groups.map((g) => [g.finding.code, g.finding.pointer ?? null, g.exchanges]), [
      ['ping.late', null, [1, 3, 5]],
      ['schema.violation', '/events/0/xdm/mediaCollection/qoeDataDetails', [2, 4]],
      ['schema.violation', '/x', [4]],
    ]);
  });

  test('any list: every finding is in exactly one group, counts add up, each group is of identical findings', () => {
    const finding = fc.record({
      exchange: fc.nat(50),
      sid: fc.constantFrom(SID_A, SID_B, null),
      code: fc.constantFrom('schema.violation', 'ping.late'),
      message: fc.constantFrom('m1', 'm2', 'm"3'),
      pointer: fc.option(fc.constantFrom('/a', '/b'), { nil: undefined }),
    }).map((r) => qoeNull(r.exchange, { sid: r.sid, code: r.code as Finding['code'], message: r.message, pointer: r.pointer }));
    fc.assert(fc.property(fc.array(finding, { maxLength: 60 }), (findings) => {
      const groups = groupRepeats(findings);
      assert.equal(groups.reduce((n, g) => n + g.count, 0), findings.length);
      for (const g of groups) assert.equal(g.exchanges.length, g.count);
      // Rebuilding the list group by group gives back the findings' exchanges, each group's in order.
      const same = (x: Finding, y: Finding) => x.sid === y.sid && x.code === y.code && x.message === y.message && x.pointer === y.pointer;
      for (const g of groups) assert.deepEqual(g.exchanges, findings.filter((f) => same(f, g.finding)).map((f) => f.exchange));
      const firsts = groups.map((g) => findings.indexOf(g.finding));
      assert.deepEqual(firsts, [...firsts].sort((a, b) => a - b), 'groups in the order of their first finding');
    }), { numRuns: 300 });
  });
});

describe('the wording of repeats', () => {
  test('"on 13 calls: #3, #5, … #40": at most eight calls, then "…" and the last', () => {
    const calls = [3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 30, 35, 40];
    const g = groupRepeats(calls.map((n) => qoeNull(n)))[0] as FindingGroup;
    assert.equal(repeatCount(g), 'on 13 calls');
    assert.equal(describeRepeats(g), 'on 13 calls: #3, #5, #7, #9, #11, #13, #15, #17, … #40');
    assert.equal(callList([1, 2, 3]), '#1, #2, #3');
    assert.equal(callList([1, 2, 3, 4, 5, 6, 7, 8, 9]), '#1, #2, #3, #4, #5, #6, #7, #8, #9', 'nine are listed whole');
    assert.equal(callList([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), '#1, #2, #3, #4, #5, #6, #7, #8, … #10');
  });

  test('one call holding the same finding twice is one call', () => {
    const g = groupRepeats([qoeNull(7), qoeNull(7), qoeNull(9)])[0] as FindingGroup;
    assert.deepEqual(callsOf(g), [7, 9]);
    assert.equal(repeatCount(g), '3 times on 2 calls');
    assert.equal(describeRepeats(g), '3 times on 2 calls: #7, #9');
    assert.equal(repeatCount(groupRepeats([qoeNull(7), qoeNull(7)])[0] as FindingGroup), '2 times on 1 call');
  });

  test('the note on one call says how many others', () => {
    assert.equal(otherCallsNote(12, true), 'also on 12 other calls of this session');
    assert.equal(otherCallsNote(1, true), 'also on 1 other call of this session');
    assert.equal(otherCallsNote(3, false), 'also on 3 other calls outside any session');
  });
});

/**
 * The Markdown summary as a ticket needs it (the panel's "Copy Markdown" is the same function):
 * when, where and in which browser it was captured; sessions worst first; each finding with the
 * call it is on and its fix; a sid Adobe never knew named so; and no stray backslashes where a
 * character is not markup (`ERR_BLOCKED_BY_CLIENT`, `a - b (c)`), while markup stays inert.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Exchange } from '../../src/core/exchange.ts';
import { readRecording } from '../../src/core/report/read-recording.ts';
import { renderReport } from '../../src/core/report/render-report.ts';
import { mdText } from '../../src/core/report/markdown-text.ts';
import { ev, eventEntry, har, SID, SID2, T0 } from '../helpers/har-builder.ts';
import { brokenSequence, interleave, SessionBuilder, SID3 } from '../helpers/session-scenarios.ts';
import { cleanVod } from '../helpers/scenarios.ts';
import { liveMarkup, readInline } from './markdown-reader.ts';

type Entry = Record<string, unknown>;

function recording(doc: unknown, name = 'x.har') {
  return readRecording(JSON.stringify(doc), name);
}

function md(doc: unknown, name = 'x.har'): string {
  const rec = recording(doc, name);
  return renderReport('md', rec.exchanges, {}, name, new Date(), { recordedFrom: rec.recordedFrom });
}

function exchangesOf(entries: readonly Entry[]): Exchange[] {
  return recording(har([...entries])).exchanges;
}

/** The sids of the session headings, in order. */
function headingSids(text: string): string[] {
  return [...text.matchAll(/^\*\*Session `([^`]+)`\*\*/gm)].map((m) => m[1] as string);
}

describe('Markdown for a ticket: where, when, which browser', () => {
  test('captured on the first call\'s time, on the page (a code span: it would link), in the browser', () => {
    const doc = har(cleanVod(SID).map((e) => ({ ...e, pageref: 'page_1' })));
    doc.log.browser = { name: 'Firefox', version: '140.0' };
    doc.log.pages = [{ id: 'page_1', title: 'https://player.example.com/watch?v=1', startedDateTime: new Date(T0 - 1000).toISOString(), pageTimings: {} }];
    const lines = md(doc).split('\n');
    const line = lines.find((l) => l.startsWith('Captured'));
    assert.equal(line, 'Captured on 2026-11-02 10:00:00 UTC, `https://player.example.com/watch?v=1`, Firefox 140.0');
    assert.ok(lines.indexOf(line) < lines.findIndex((l) => l.startsWith('**Session')), 'above the sessions');
  });

  test('what is unknown is left out: a bare HAR says only when', () => {
    const line = md(har(cleanVod(SID))).split('\n').find((l) => l.startsWith('Captured'));
    assert.equal(line, 'Captured on 2026-11-02 10:00:00 UTC');
  });

  test('several pages: the first, and how many more', () => {
    const { entries } = interleave(cleanVod(SID).map((e) => ({ ...e, pageref: 'a' })), brokenSequence(SID2, T0 + 3000).map((e) => ({ ...e, pageref: 'b' })));
    const doc = har(entries);
    doc.log.pages = [
      { id: 'a', title: 'https://a.example/', startedDateTime: new Date(T0).toISOString(), pageTimings: {} },
      { id: 'b', title: 'https://b.example/', startedDateTime: new Date(T0).toISOString(), pageTimings: {} },
    ];
    assert.match(md(doc), /^Captured on [^,]+, `https:\/\/a\.example\/` \(and 1 more page\)$/m);
  });
});

describe('Markdown for a ticket: worst session first', () => {
  test('sessions with an error first, then with a warning, then clean; in recording order within each', () => {
    // Recording order: clean (SID), a late ping only (SID3: a warning), the broken sequence (SID2: errors), another clean one.
    const late = new SessionBuilder(SID3, T0 + 1000);
    late.open();
    late.send('play', 0, 1000);
    late.send('ping', 30, 31000);
    late.send('sessionComplete', 31, 32000);
    const CLEAN2 = 'f'.repeat(56) + '00000009';
    const { entries } = interleave(cleanVod(SID), late.entries, brokenSequence(SID2, T0 + 2000), cleanVod(CLEAN2, T0 + 3000));
    const text = renderReport('md', exchangesOf(entries), {}, 'four.har');
    assert.deepEqual(headingSids(text), [SID2, SID3, SID, CLEAN2]);
  });
});

describe('Markdown for a ticket: a sid Adobe never knew', () => {
  test('named "sid unknown to Adobe (404)", its state said, no "start not captured", no session.open-at-end', () => {
    const entries = [1, 2].map((n) => eventEntry(SID, ev('ping', 10 * n, T0 + 10_000 * n), { at: 10_000 * n + 20, status: 404 }));
    const text = renderReport('md', exchangesOf(entries), {}, 'lost.har');
    const heading = text.split('\n').find((l) => l.startsWith('**Session')) ?? '';
    assert.match(heading, /· sid unknown to Adobe \(404\) · unknown to Adobe, nothing recorded ·/);
    assert.doesNotMatch(text, /start not captured/);
    assert.doesNotMatch(text, /session\.open-at-end/);
  });
});

describe('Markdown for a ticket: escapes only where markup could be', () => {
  test('text with no markup in it is written as it is', () => {
    for (const s of [
      'net::ERR_BLOCKED_BY_CLIENT', 'media.ad.id', 'a - b (c) d.e', 'snake_case_name', '3 > 2 and 1 < 2', '< 10 s', '<1 ms',
      'a & b', 'C:\\path\\file', '50% done!', 'x * y', 'price $ 5', 'ends with ]', '100 ~ 200', 'O\'Brien "quoted"',
      'params.media_qoe', 'a_b_c_d', 'über_straße', 'Sendung_2',
    ]) {
      assert.equal(mdText(s, { table: true }), s, s);
    }
  });

  test('markup is escaped where it would act, and shown as captured', () => {
    for (const s of ['*em*', '_em_', '__strong__', '~~del~~', '~x~', '`code`', '[link](u)', '![i](u)', '<b>t</b>', '</x>', '<!-- c -->', '&copy;', '&#169;', '$x$', 'a*b*c', '_lead', 'trail_', '\\*', 'x|y']) {
      const out = mdText(s, { table: true });
      assert.notEqual(out, s, `${s} is escaped`);
      assert.equal(readInline(out, true).text, s, `${s} reads as captured`);
      assert.deepEqual(liveMarkup(readInline(out, true).rawOutside), [], `${s}: ${out}`);
    }
  });

  test('one linear pass: a 600,000-character word of delimiters is escaped at once', () => {
    for (const word of ['*'.repeat(600_000), '_'.repeat(600_000), 'a_'.repeat(300_000), '*a'.repeat(300_000), '&amp'.repeat(150_000)]) {
      const started = performance.now();
      const out = mdText(word, { max: 1_000_000 });
      assert.ok(performance.now() - started < 1000, `${word.slice(0, 4)}…: ${Math.round(performance.now() - started)} ms`);
      assert.equal(readInline(out).text, word);
    }
  });

  test('the checker itself sees markup (it is what the inertness tests rely on)', () => {
    for (const raw of ['*em*', '_em_', '~~x~~', '[a](b)', '<b>', '&amp;', '`x`', 'a*b*']) assert.notDeepEqual(liveMarkup([raw]), [], raw);
    for (const raw of ['a_b', 'x * y', '3 > 2', '(c)', 'a - b', '\\*em\\*', 'snake_case_name']) assert.deepEqual(liveMarkup([raw]), [], raw);
  });

  test('a whole summary with a blocked call and an underscore-named error reads without a stray backslash', () => {
    const b = new SessionBuilder(SID, T0);
    b.open();
    b.send('play', 0, 1000);
    b.send('error', 1, 2000, { qoeData: { 'media.qoe.errorID': 'MEDIA_ERR_NETWORK', 'media.qoe.errorSource': 'player' } });
    b.send('ping', 10, 11000, {}, { status: 0, error: 'net::ERR_BLOCKED_BY_CLIENT' });
    b.send('sessionEnd', 12, 12000);
    const text = renderReport('md', exchangesOf(b.entries), {}, 'blocked.har');
    assert.ok(text.includes('(net::ERR_BLOCKED_BY_CLIENT)'), 'the failure as captured, no backslash');
    assert.doesNotMatch(text, /\\[_.()\-!#]/, 'no backslash before a character that is not markup there');
  });
});

/**
 * The CLI says what was captured: `mci check`'s text shows bidi controls and invisible characters
 * as \uXXXX and controls (line breaks too) as \xNN, through the same function as the reports
 * (core/text/visible.ts), so a recording can neither forge, hide nor reverse a line; and
 * `mci report --format html` writes the report as it is made, the same bytes as renderReport.
 * The end-to-end runs use the built CLI (dist/cli/mci.mjs): run `npm run build` first.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse } from '../../src/core/analysis/analyser.ts';
import { buildCheckResult, type CheckResult } from '../../src/core/report/check-result.ts';
import { readRecording } from '../../src/core/report/read-recording.ts';
import { renderReport } from '../../src/core/report/render-report.ts';
import { colorsFor } from '../../src/cli/colors.ts';
import { formatText } from '../../src/cli/format-text.ts';
import { ev, eventEntry, har, SID, sessionStartBody, sessionsEntry, T0 } from '../helpers/har-builder.ts';
import { mci } from '../helpers/report-cli.ts';

const TMP = mkdtempSync(join(tmpdir(), 'mci-captured-text-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

const PLAIN = colorsFor(null);
const FORGED = 'play\n      ✖ error   forged.line  a line the recording wrote';

function entries(): unknown[] {
  return [
    sessionsEntry(sessionStartBody(T0, { 'media.name': 'Film\u200B\u202Eeman' }), SID, { at: 20 }),
    eventEntry(SID, ev('play\u202E', 0, T0 + 1000), { at: 1020, status: 410 }),
    eventEntry(SID, ev(FORGED, 1, T0 + 2000), { at: 2020 }),
  ];
}

function resultOf(list: unknown[]): CheckResult {
  const exchanges = readRecording(JSON.stringify(har(list)), 'x.har').exchanges;
  return buildCheckResult([{ file: 'x.har', creator: null, firstIndex: 0, entries: exchanges.length }], analyse(exchanges));
}

describe('mci check text: captured strings shown, not obeyed', () => {
  const text = formatText(resultOf(entries()), PLAIN);

  test('bidi controls and zero-width characters as \\uXXXX; no raw one anywhere', () => {
    assert.doesNotMatch(text, /[\u202A-\u202E\u2066-\u2069\u200B-\u200F]/);
    assert.match(text, /^ {2}#1 .* play\\u202E +POST events → 410$/m, 'the event type and its status, in order');
    assert.ok(text.includes('Film\\u200B\\u202Eeman'), 'the media name');
    assert.match(text, /▲ warning body\.invisible-characters {2}Bidi or invisible control characters/);
  });

  test('a line break in a captured string is \\x0a: the recording forges no line', () => {
    assert.ok(text.includes('play\\x0a      ✖ error   forged.line'), 'shown on its line');
    assert.ok(!text.split('\n').some((l) => l.trimStart().startsWith('✖ error   forged.line')), 'no forged finding line');
  });
});

describe('mci report --format html writes the report as it is made', () => {
  test('stdout and --out hold the bytes of renderReport (bar the creation time), for a report of many chunks', () => {
    const list: unknown[] = [sessionsEntry(sessionStartBody(T0), SID, { at: 20 })];
    for (let i = 1; i < 800; i++) list.push(eventEntry(SID, ev(i % 100 === 0 ? 'play\u202E' : 'ping', i * 10, T0 + i * 10_000), { at: i * 10_000 + 20 }));
    const file = join(TMP, 'many.har');
    writeFileSync(file, JSON.stringify(har(list)));
    const r = mci(['report', file, '--format', 'html']);
    assert.equal(r.status, 0, r.stderr);
    const created = (html: string) => /created (\S+Z) ·/.exec(html)?.[1] as string;
    const exchanges = readRecording(readFileSync(file, 'utf8'), file).exchanges;
    const expected = (html: string) => renderReport('html', exchanges, {}, file, new Date(created(html)));
    assert.ok(r.stdout.length > 4 * 64 * 1024, `several chunks: ${r.stdout.length} characters`);
    assert.equal(r.stdout, expected(r.stdout));
    const out = join(TMP, 'many.html');
    const w = mci(['report', file, '--format', 'html', '--out', out]);
    assert.equal(w.status, 0, w.stderr);
    const written = readFileSync(out, 'utf8');
    assert.equal(written, expected(written));
  });
});

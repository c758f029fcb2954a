/**
 * Every case of the hostile corpus (test/hostile/corpus.ts) through the engine: readRecording,
 * then analyse, then the reports. Each case must end in findings or in a clear HarError or
 * ReportError naming the file (never a TypeError, RangeError or other crash), within a bounded
 * time, without touching Object.prototype, and without losing anything: every Media Collection
 * exchange is in the analysis exactly once with its raw body intact, calls + ignored = entries.
 * Its JSON report reads back to the same exchanges and the same findings; its HTML, Markdown and
 * HAR reports render (and the HTML of the markup case holds no markup from the data).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { analyse, type AnalysisResult } from '../../src/core/analysis/analyser.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import type { Finding } from '../../src/core/findings/finding.ts';
import { HarError } from '../../src/core/har/read-har.ts';
import { ReportError } from '../../src/core/report/json-report.ts';
import { readRecording, type Recording } from '../../src/core/report/read-recording.ts';
import { renderReport } from '../../src/core/report/render-report.ts';
import { CORPUS, type CaseInput, type HostileCase } from './corpus.ts';

const TMP = mkdtempSync(join(tmpdir(), 'mci-hostile-engine-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

const NOW = new Date('2026-11-03T12:00:00.000Z');

// ------------------------------------------------------------------ prototype pollution

const PROTOTYPES: Record<string, object> = {
  Object: Object.prototype, Array: Array.prototype, Function: Function.prototype,
  String: String.prototype, Number: Number.prototype, Boolean: Boolean.prototype,
};
const ownKeys = () => Object.fromEntries(Object.entries(PROTOTYPES).map(([k, p]) => [k, Reflect.ownKeys(p).map(String).sort()]));
const BASELINE = ownKeys();
const ORIGINALS = {
  toString: Object.prototype.toString, hasOwnProperty: Object.prototype.hasOwnProperty, valueOf: Object.prototype.valueOf,
  push: Array.prototype.push, join: Array.prototype.join,
};

function assertNotPolluted(): void {
  assert.deepEqual(ownKeys(), BASELINE, 'a prototype gained or lost own keys');
  const probe = {} as Record<string, unknown>;
  const list = [] as unknown as Record<string, unknown>;
  for (const key of ['polluted', 'isAdmin', 'from-proto', 'media.id', 'text', 'name']) {
    assert.equal(probe[key], undefined, `({}).${key} is set`);
    assert.equal(list[key], undefined, `[].${key} is set`);
  }
  assert.equal(Object.prototype.toString, ORIGINALS.toString);
  assert.equal(Object.prototype.hasOwnProperty, ORIGINALS.hasOwnProperty);
  assert.equal(Object.prototype.valueOf, ORIGINALS.valueOf);
  assert.equal(Array.prototype.push, ORIGINALS.push);
  assert.equal(Array.prototype.join, ORIGINALS.join);
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
}

// ------------------------------------------------------------------ helpers

/** The text the engine reads: the case's text, or its bytes written to disk and read back as UTF-8 (as the CLI does). */
function textOf(c: HostileCase, input: CaseInput): string {
  if (input.text !== undefined) return input.text;
  if (!input.bytes) throw new Error(`case ${c.name} has neither text nor bytes`);
  const file = join(TMP, 'case-input.har');
  writeFileSync(file, input.bytes);
  return readFileSync(file, 'utf8');
}

function describeError(e: unknown): string {
  if (!(e instanceof Error)) return `a thrown ${typeof e}: ${String(e)}`;
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 4).map((l) => l.trim().replace(/\(.*\/src\//, '(src/'));
  return `${e.name}: ${e.message.slice(0, 300)}\n    ${frames.join('\n    ')}`;
}

/** Equal strings, compared without printing megabytes on failure. */
function sameText(actual: string | null | undefined, expected: string | null | undefined, what: string): void {
  if (typeof actual !== 'string' || typeof expected !== 'string') {
    assert.equal(actual, expected, what);
    return;
  }
  assert.equal(actual.length, expected.length, `${what}: ${actual.length} characters, ${expected.length} expected`);
  if (actual !== expected) {
    let i = 0;
    while (actual[i] === expected[i]) i++;
    assert.fail(`${what}: differs at offset ${i}: ${JSON.stringify(actual.slice(i, i + 40))} instead of ${JSON.stringify(expected.slice(i, i + 40))}`);
  }
}

/** An exchange as the Exchange model has it (HAR header objects may carry extra keys). */
function normalise(e: Exchange): Exchange {
  return {
    ...e,
    requestHeaders: e.requestHeaders.map((h) => ({ name: h.name, value: h.value })),
    responseHeaders: e.responseHeaders.map((h) => ({ name: h.name, value: h.value })),
  };
}

function sameExchange(actual: Exchange | undefined, expected: Exchange, what: string): void {
  assert.ok(actual, `${what}: missing`);
  const a = normalise(actual);
  const b = normalise(expected);
  assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), `${what}: fields`);
  for (const key of Object.keys(b) as (keyof Exchange)[]) {
    const x = a[key];
    const y = b[key];
    if (typeof y === 'string') sameText(x as string, y, `${what}.${key}`);
    else if (!isDeepStrictEqual(x, y)) assert.fail(`${what}.${key}: ${short(x)} instead of ${short(y)}`);
  }
}

function short(v: unknown): string {
  const s = typeof v === 'number' ? String(v) : JSON.stringify(v) ?? String(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

function sameFindings(actual: readonly Finding[], expected: readonly Finding[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: ${actual.length} findings, ${expected.length} expected`);
  expected.forEach((f, i) => {
    const g = actual[i] as Finding;
    if (isDeepStrictEqual(g, f)) return;
    for (const key of new Set([...Object.keys(f), ...Object.keys(g)]) as Set<keyof Finding>) {
      const x = g[key];
      const y = f[key];
      if (typeof y === 'string' && typeof x === 'string') sameText(x, y, `${what}[${i}] (${f.code}).${key}`);
      else if (!Object.is(x, y)) assert.fail(`${what}[${i}] (${f.code}).${key}: ${short(x)} instead of ${short(y)}`);
    }
  });
}

function firstDifference<T>(a: readonly T[], b: readonly T[]): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!isDeepStrictEqual(a[i], b[i])) return i;
  return -1;
}

/** Elements the HTML report is made of (html-report.ts, timeline-svg.ts). */
const REPORT_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3', 'h4', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  'code', 'pre', 'span', 'br', 'details', 'summary', 'ul', 'li', 'svg', 'text', 'rect', 'line', 'circle', 'g', 'b', 'em', 'strong', 'div', 'small', 'a',
]);

/** The start tags of an HTML text with their attributes, quoted values read as one piece. */
function tagsOf(html: string): { name: string; attrs: { name: string; value: string }[] }[] {
  const out: { name: string; attrs: { name: string; value: string }[] }[] = [];
  const TAG = /<([a-zA-Z][^\s/>]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g;
  const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const m of html.matchAll(TAG)) {
    const attrs = [...(m[2] ?? '').matchAll(ATTR)].map((a) => ({ name: a[1] ?? '', value: a[2] ?? a[3] ?? a[4] ?? '' }));
    out.push({ name: m[1] ?? '', attrs });
  }
  return out;
}

// ------------------------------------------------------------------ the engine run of a case

interface Read {
  input: CaseInput;
  recording: Recording;
  analysis: AnalysisResult;
}

const results = new Map<string, Read>();

function mustBeRead(c: HostileCase): Read {
  const r = results.get(c.name);
  assert.ok(r, `the engine did not read ${c.name} (its engine test above says why), so this cannot be checked`);
  return r;
}

const SEVERITIES = new Set(['error', 'warning', 'info']);

function checkReadable(c: HostileCase, input: CaseInput, recording: Recording, analysis: AnalysisResult): void {
  const exchanges = recording.exchanges;
  if (input.entries !== undefined) assert.equal(exchanges.length, input.entries, 'every entry is an exchange');
  const indexes = exchanges.map((e) => e.index);
  assert.equal(new Set(indexes).size, indexes.length, 'exchange indexes are unique');
  assert.equal(analysis.calls.length + analysis.ignored, exchanges.length, 'calls + ignored = exchanges');

  const callIndexes = analysis.calls.map((call) => call.exchange.index);
  assert.equal(new Set(callIndexes).size, callIndexes.length, 'no exchange is in analysis.calls twice');
  assert.deepEqual([...callIndexes].sort((a, b) => a - b), callIndexes, 'calls are in recording order');
  if (input.calls) {
    assert.deepEqual(callIndexes, input.calls.map((x) => x.index).sort((a, b) => a - b),
      'analysis.calls holds exactly the Media Collection exchanges of the input');
    for (const expected of input.calls) {
      const matching = analysis.calls.filter((call) => call.exchange.index === expected.index);
      assert.equal(matching.length, 1, `exchange ${expected.index} is in analysis.calls once`);
      const call = matching[0];
      const original = exchanges.find((e) => e.index === expected.index);
      assert.equal(call?.exchange, original, `call ${expected.index} carries the exchange as read`);
      sameText(call?.exchange.requestBody, expected.requestBody, `raw request body of exchange ${expected.index}`);
    }
  }

  const known = new Set(callIndexes);
  for (const f of analysis.findings) {
    assert.ok(known.has(f.exchange), `${f.code} points at exchange ${f.exchange}, which is no call`);
    assert.ok(f.time === null || Number.isFinite(f.time), `${f.code} (exchange ${f.exchange}) has time ${String(f.time)}: a finding's time is a number or null`);
    assert.ok(SEVERITIES.has(f.severity), `${f.code}: severity ${f.severity}`);
    assert.ok(typeof f.message === 'string' && f.message.length > 0, `${f.code}: empty message`);
    assert.equal(typeof f.fix, 'string', `${f.code}: fix`);
  }
  for (const s of analysis.sessions) for (const i of s.calls) assert.ok(known.has(i), `session ${short(s.sid)} lists exchange ${i}, which is no call`);

  if (c.outcome.kind === 'analysed') {
    const codes = new Set(analysis.findings.map((f) => f.code));
    for (const code of c.outcome.findings ?? []) assert.ok(codes.has(code), `expected a ${code} finding; got ${[...codes].join(', ') || 'none'}`);
  }
  c.verify?.({ exchanges, analysis });
}

function checkRefusal(c: HostileCase, error: unknown): void {
  const expected = c.outcome.kind === 'refused' ? c.outcome.error : null;
  const isClear = error instanceof HarError || error instanceof ReportError;
  assert.ok(isClear, `expected a HarError or ReportError, got ${describeError(error)}`);
  const e = error as Error;
  if (expected) assert.equal(e.name, expected, `error class (${e.message})`);
  assert.ok(e.message.startsWith(`${c.fileName}: `), `the message names the file: ${e.message}`);
  assert.ok(!e.message.includes('\n'), `the message is one line: ${JSON.stringify(e.message)}`);
  assert.doesNotMatch(e.message, /undefined|\[object |TypeError|RangeError|SyntaxError/, 'the message reads as a sentence');
  if (c.outcome.kind === 'refused') assert.match(e.message, c.outcome.message);
}

// ------------------------------------------------------------------ the tests

for (const c of CORPUS) {
  describe(`hostile case ${c.name}: ${c.about}`, () => {
    after(() => results.delete(c.name));

    test(`engine: ${c.outcome.kind === 'refused' ? 'refused with a clear error' : c.outcome.kind === 'either' ? 'read, or refused with a clear error' : 'read and analysed'}, nothing lost, prototypes untouched, under ${c.seconds} s`, () => {
      const input = c.build();
      const text = textOf(c, input);
      const started = performance.now();
      let recording: Recording | undefined;
      let analysis: AnalysisResult | undefined;
      let error: unknown;
      try {
        recording = readRecording(text, c.fileName);
        analysis = analyse(recording.exchanges, recording.settings ?? {});
      } catch (e) {
        error = e;
      }
      const seconds = (performance.now() - started) / 1000;
      assertNotPolluted();
      assert.ok(seconds < c.seconds, `finished in under ${c.seconds} s (took ${seconds.toFixed(1)} s)`);

      if (c.outcome.kind === 'refused') {
        assert.ok(error !== undefined, `expected a ${c.outcome.error}, but the recording was read (${recording?.exchanges.length} exchanges)`);
        checkRefusal(c, error);
        return;
      }
      if (error !== undefined) {
        if (c.outcome.kind === 'either') {
          checkRefusal(c, error);
          return;
        }
        assert.fail(`the engine threw on a readable recording: ${describeError(error)}`);
      }
      assert.ok(recording && analysis);
      results.set(c.name, { input, recording, analysis });
      checkReadable(c, input, recording, analysis);
    });

    // The report tests need a read recording: cases that must be read (an `either` case is checked by its engine test alone).
    if (c.outcome.kind !== 'analysed') return;

    test('the JSON report reads back to the same exchanges, settings and findings', () => {
      const { recording, analysis } = mustBeRead(c);
      const started = performance.now();
      const json = renderReport('json', recording.exchanges, recording.settings ?? {}, c.fileName, NOW);
      const doc = JSON.parse(json) as { findings: unknown[]; summary: { exchanges: number; ignored: number } };
      const back = readRecording(json, `${c.fileName}.mci.json`);
      assert.equal(back.kind, 'report');
      assert.equal(back.exchanges.length, recording.exchanges.length, 'exchange count');
      recording.exchanges.forEach((e, i) => sameExchange(back.exchanges[i], e, `exchange #${e.index}`));
      const again = analyse(back.exchanges, back.settings ?? {});
      assertNotPolluted();
      assert.deepEqual(again.settings, analysis.settings, 'settings');
      assert.equal(again.ignored, analysis.ignored, 'ignored');
      assert.deepEqual(again.calls.map((x) => x.exchange.index), analysis.calls.map((x) => x.exchange.index), 'calls');
      sameFindings(again.findings, analysis.findings, 'findings after the round trip');
      const sessionDiff = firstDifference(again.sessions, analysis.sessions);
      assert.equal(sessionDiff, -1, `session ${sessionDiff} differs after the round trip`);
      assert.equal(doc.summary.exchanges, analysis.calls.length);
      assert.equal(doc.summary.ignored, analysis.ignored);
      assert.ok(isDeepStrictEqual(doc.findings, JSON.parse(JSON.stringify(analysis.findings))), 'the report stores the findings of the analysis');
      const seconds = (performance.now() - started) / 1000;
      assert.ok(seconds < c.seconds, `finished in under ${c.seconds} s (took ${seconds.toFixed(1)} s)`);
    });

    test('the HTML, Markdown and HAR reports render; the HAR reads back with every body', () => {
      const { recording } = mustBeRead(c);
      const settings = recording.settings ?? {};
      const started = performance.now();
      const rendered: Record<string, string> = {};
      for (const format of ['html', 'md', 'har'] as const) {
        try {
          rendered[format] = renderReport(format, recording.exchanges, settings, c.fileName, NOW);
        } catch (e) {
          assert.fail(`renderReport('${format}') threw: ${describeError(e)}`);
        }
      }
      assertNotPolluted();
      const back = readRecording(rendered.har as string, `${c.fileName}.har`);
      assert.equal(back.exchanges.length, recording.exchanges.length);
      recording.exchanges.forEach((e, i) => sameText(back.exchanges[i]?.requestBody, e.requestBody, `HAR export, request body #${e.index}`));
      if (c.markup) {
        const html = rendered.html as string;
        // Data is escaped, so every tag of the report is the tool's own: any tag or attribute from the data is a leak.
        assert.doesNotMatch(html, /<script/i, 'the HTML report holds a <script');
        assert.doesNotMatch(html, /<!--/, 'the HTML report opens a comment');
        const tags = tagsOf(html);
        const names = new Set(tags.map((t) => t.name.toLowerCase()));
        const foreign = [...names].filter((n) => !REPORT_TAGS.has(n));
        assert.deepEqual(foreign, [], `the HTML report holds elements the report never makes: ${foreign.join(', ')}`);
        for (const t of tags) {
          for (const a of t.attrs) {
            assert.doesNotMatch(a.name, /^on/i, `<${t.name}> has an event handler attribute ${a.name}`);
            if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name)) assert.doesNotMatch(a.value, /^\s*javascript:/i, `<${t.name} ${a.name}> is a javascript: URL`);
            // The only links are the session index's, to anchors of the same page.
            if (t.name.toLowerCase() === 'a' && /^href$/i.test(a.name)) assert.match(a.value, /^#[A-Za-z0-9_-]+$/, `<a href="${a.value}"> leaves the page`);
          }
        }
        assert.equal(html.match(/<style/gi)?.length, 1, 'one <style> element');
        assert.equal(html.match(/<\/style/gi)?.length, 1, 'one </style>');
        // Markdown: code spans are literal, and cell text escapes "<" with a backslash.
        const md = (rendered.md as string).replace(/(`+)[\s\S]*?\1/g, '');
        assert.doesNotMatch(md, /(?<!\\)<(script|img|svg|\/style|iframe)/i, 'the Markdown report holds raw markup outside code spans');
      }
      const seconds = (performance.now() - started) / 1000;
      assert.ok(seconds < c.seconds, `finished in under ${c.seconds} s (took ${seconds.toFixed(1)} s)`);
    });
  });
}

test('the corpus names are unique and every case says what it exercises', () => {
  const names = CORPUS.map((c) => c.name);
  assert.equal(new Set(names).size, names.length);
  for (const c of CORPUS) assert.ok(c.about.length > 5 && c.seconds > 0, c.name);
  assert.ok(CORPUS.length >= 40, `${CORPUS.length} cases`);
});

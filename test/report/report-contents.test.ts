/**
 * What the HTML and HAR reports hold, checked against the analysis of the committed fixtures.
 * HTML (regexes over the source, no DOM): a summary table whose call, session and finding counts
 * match analyse(), one section per session with an inline SVG timeline, an "Estimated metrics"
 * table and a findings table whose rows are exactly that session's findings (a finding repeated
 * on several calls as one row), and one <details>
 * per Media Collection request holding its escaped body. HAR: every entry of the export has the
 * shape HAR 1.2 requires (log.version, creator, request, response, cache, timings, ...). No HAR
 * JSON schema ships in node_modules, so the structure is checked field by field here.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse } from '../../src/core/analysis/analyser.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import { countBySeverity, groupBySession } from '../../src/core/findings/finding.ts';
import { groupRepeats } from '../../src/core/findings/repeats.ts';
import { readHar } from '../../src/core/har/read-har.ts';
import { escapeXml } from '../../src/core/report/escape.ts';
import { renderReport } from '../../src/core/report/render-report.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(ROOT, 'test/fixtures');
const NOW = new Date('2026-11-03T12:00:00.000Z');

function load(name: string): Exchange[] {
  return readHar(readFileSync(join(FIXTURES, name), 'utf8'), name).exchanges;
}

function count(text: string, re: RegExp): number {
  return [...text.matchAll(re)].length;
}

/** The request body as the report shows it: JSON pretty-printed, anything else as is. */
function shownBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/* ------------------------------------------------------------------------------------------ */
/* HTML report                                                                                  */
/* ------------------------------------------------------------------------------------------ */

describe('HTML report contents (broken-sequence.har)', () => {
  const exchanges = load('broken-sequence.har');
  const analysis = analyse(exchanges);
  const html = renderReport('html', exchanges, {}, 'broken-sequence.har', NOW);

  test('the fixture has something to report', () => {
    assert.ok(analysis.calls.length > 0, 'calls');
    assert.ok(analysis.sessions.length > 0, 'sessions');
    assert.ok(analysis.findings.length > 0, 'findings');
  });

  test('the summary table counts calls, sessions and findings as analyse() does', () => {
    const summary = /<table><tbody>([\s\S]*?)<\/tbody><\/table>/.exec(html)?.[1];
    assert.ok(summary, 'a summary table');
    const num = (label: string): number => {
      const m = new RegExp(`<tr><th>${label}</th><td class="num">(\\d+)</td></tr>`).exec(summary);
      assert.ok(m, `summary row ${label}`);
      return Number(m[1]);
    };
    assert.equal(num('Media Collection calls'), analysis.calls.length);
    assert.equal(num('Sessions'), analysis.sessions.length);
    assert.equal(num('Other requests'), analysis.ignored);
    const n = countBySeverity(analysis.findings);
    const findings = /<tr><th>Findings<\/th><td>([\s\S]*?)<\/td><\/tr>/.exec(summary)?.[1];
    assert.ok(findings, 'summary row Findings');
    assert.match(findings, new RegExp(`\\b${n.error} errors\\b`));
    assert.match(findings, new RegExp(`\\b${n.warning} warnings\\b`));
    assert.match(findings, new RegExp(`\\b${n.info} info\\b`));
    assert.equal(n.error + n.warning + n.info, analysis.findings.length);
  });

  test('one section per session, each with an SVG timeline, metrics and exactly its findings', () => {
    const headings = [...html.matchAll(/<h2>Session <code>([^<]*)<\/code><\/h2>/g)];
    assert.equal(headings.length, analysis.sessions.length, 'one <h2> per session');
    const { bySid } = groupBySession(analysis.findings, analysis.sessions.map((s) => s.sid));
    analysis.sessions.forEach((s, i) => {
      const heading = headings[i];
      assert.ok(heading);
      assert.equal(heading[1], escapeXml(s.sid), 'sessions in analysis order');
      const from = heading.index;
      const next = html.indexOf('<h2>', from + 1);
      const section = html.slice(from, next === -1 ? undefined : next);

      assert.equal(count(section, /<svg\b/g), 1, `${s.sid}: one inline <svg> timeline`);
      assert.match(section, /<\/svg>/);
      assert.match(section, /<h3>Estimated metrics<\/h3><table><tbody>(<tr><td>[^]*?<\/td><td class="num">[^]*?<\/td><\/tr>)+<\/tbody><\/table>/, `${s.sid}: metrics table`);

      const expected = bySid.get(s.sid) ?? [];
      const afterFindings = section.slice(section.indexOf('<h3>Findings'));
      assert.match(afterFindings, new RegExp(`^<h3>Findings \\(${expected.length}\\)</h3>`), `${s.sid}: findings heading`);
      if (expected.length === 0) {
        assert.match(afterFindings, /<p>No finding\.<\/p>/);
        return;
      }
      const tbody = /<table><thead>[\s\S]*?<\/thead><tbody>([\s\S]*?)<\/tbody><\/table>/.exec(afterFindings)?.[1];
      assert.ok(tbody, `${s.sid}: findings table`);
      const rows = tbody.split('</tr>').filter((r) => r.includes('<tr>'));
      const groups = groupRepeats(expected);
      assert.equal(rows.length, groups.length, `${s.sid}: one row per finding (a repeated one once)`);
      const shownCodes = rows.map((r) => /<td[^>]*><code>([^<]*)<\/code><\/td>/.exec(r)?.[1]);
      assert.deepEqual(shownCodes, groups.map((g) => escapeXml(g.finding.code)), `${s.sid}: the rows are its findings, in order`);
      for (const f of expected) assert.ok(tbody.includes(`<code>${escapeXml(f.code)}</code>`), `${s.sid}: ${f.code} shown`);
      rows.forEach((r, k) => {
        const f = groups[k]?.finding;
        assert.ok(f);
        assert.ok(r.includes(`class="sev ${f.severity}"`), `${s.sid}: row ${k} severity`);
        assert.ok(r.includes(`<td class="req"><a href="#request-${f.exchange}">#${f.exchange}</a> `), `${s.sid}: row ${k} request, linked to its section`);
      });
    });
  });

  test('one <details> per Media Collection request, each with its escaped body', () => {
    const details = [...html.matchAll(/<details>([\s\S]*?)<\/details>/g)].map((m) => m[1] ?? '');
    assert.equal(count(html, /<details>/g), analysis.calls.length);
    assert.equal(details.length, analysis.calls.length, 'one <details> per call');
    for (const call of analysis.calls) {
      const e = call.exchange;
      const matching = details.filter((d) => d.startsWith(`<summary>#${e.index} · `));
      assert.equal(matching.length, 1, `request #${e.index}: exactly one <details>`);
      const d = matching[0] ?? '';
      assert.ok(d.includes(`<code>${escapeXml(`${e.method} ${e.url}`)}</code>`), `request #${e.index}: method and URL`);
      const body = /<h4>Request body<\/h4><pre>([\s\S]*?)<\/pre>/.exec(d)?.[1];
      assert.ok(body !== undefined, `request #${e.index}: a body block`);
      if (e.requestBody === null) assert.equal(body, '(not exposed by the browser)');
      else assert.equal(body, escapeXml(shownBody(e.requestBody)), `request #${e.index}: body text, escaped`);
      assert.doesNotMatch(body, /<(?!\/?pre)/, 'no raw markup in a body');
      const codes = analysis.findings.filter((f) => f.exchange === e.index).map((f) => f.code);
      for (const c of codes) assert.ok(d.includes(escapeXml(c)), `request #${e.index}: badge ${c}`);
    }
  });
});

/* ------------------------------------------------------------------------------------------ */
/* HAR export                                                                                   */
/* ------------------------------------------------------------------------------------------ */

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(v: unknown, where: string): Obj {
  assert.ok(isObj(v), `${where} is an object`);
  return v;
}

function str(o: Obj, key: string, where: string): string {
  const v = o[key];
  assert.equal(typeof v, 'string', `${where}.${key} is a string`);
  return v as string;
}

function num(o: Obj, key: string, where: string): number {
  const v = o[key];
  assert.ok(typeof v === 'number' && Number.isFinite(v), `${where}.${key} is a number`);
  return v;
}

function nameValues(o: Obj, key: string, where: string): void {
  const list = o[key];
  assert.ok(Array.isArray(list), `${where}.${key} is an array`);
  list.forEach((item: unknown, i) => {
    const nv = obj(item, `${where}.${key}[${i}]`);
    str(nv, 'name', `${where}.${key}[${i}]`);
    str(nv, 'value', `${where}.${key}[${i}]`);
  });
}

function checkEntry(entry: unknown, ex: Exchange, where: string): void {
  const e = obj(entry, where);
  const started = str(e, 'startedDateTime', where);
  assert.match(started, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, `${where}.startedDateTime is ISO 8601`);
  assert.ok(Number.isFinite(Date.parse(started)), `${where}.startedDateTime parses`);
  assert.ok(num(e, 'time', where) >= 0, `${where}.time >= 0`);

  const rq = obj(e.request, `${where}.request`);
  const rw = `${where}.request`;
  assert.equal(str(rq, 'method', rw), ex.method);
  assert.equal(str(rq, 'url', rw), ex.url);
  str(rq, 'httpVersion', rw);
  assert.ok(Array.isArray(rq.cookies), `${rw}.cookies is an array`);
  nameValues(rq, 'headers', rw);
  nameValues(rq, 'queryString', rw);
  num(rq, 'headersSize', rw);
  num(rq, 'bodySize', rw);
  if (ex.requestBody !== null) {
    const pd = obj(rq.postData, `${rw}.postData`);
    str(pd, 'mimeType', `${rw}.postData`);
    assert.equal(str(pd, 'text', `${rw}.postData`), ex.requestBody);
  } else {
    assert.equal(rq.postData, undefined, `${rw}: no postData without a body`);
  }

  const rs = obj(e.response, `${where}.response`);
  const sw = `${where}.response`;
  assert.equal(num(rs, 'status', sw), ex.status);
  str(rs, 'statusText', sw);
  str(rs, 'httpVersion', sw);
  assert.ok(Array.isArray(rs.cookies), `${sw}.cookies is an array`);
  nameValues(rs, 'headers', sw);
  const content = obj(rs.content, `${sw}.content`);
  num(content, 'size', `${sw}.content`);
  str(content, 'mimeType', `${sw}.content`);
  if (content.text !== undefined) str(content, 'text', `${sw}.content`);
  str(rs, 'redirectURL', sw);
  num(rs, 'headersSize', sw);
  num(rs, 'bodySize', sw);

  obj(e.cache, `${where}.cache`);
  const timings = obj(e.timings, `${where}.timings`);
  for (const k of ['send', 'wait', 'receive']) assert.ok(num(timings, k, `${where}.timings`) >= 0, `${where}.timings.${k} >= 0`);
  for (const k of ['blocked', 'dns', 'connect', 'ssl']) {
    if (timings[k] !== undefined) assert.ok(num(timings, k, `${where}.timings`) >= -1, `${where}.timings.${k} >= -1`);
  }
}

describe('HAR export is structurally HAR 1.2', () => {
  for (const name of ['broken-sequence.har', 'vod-clean.har']) {
    test(name, () => {
      const exchanges = load(name);
      assert.ok(exchanges.length > 0, 'the fixture has entries');
      const doc: unknown = JSON.parse(renderReport('har', exchanges, {}, name, NOW));
      const log = obj(obj(doc, 'document').log, 'log');
      assert.equal(log.version, '1.2');
      const creator = obj(log.creator, 'log.creator');
      assert.ok(str(creator, 'name', 'log.creator').length > 0);
      assert.ok(str(creator, 'version', 'log.creator').length > 0);
      if (log.pages !== undefined) assert.ok(Array.isArray(log.pages), 'log.pages is an array');
      assert.ok(Array.isArray(log.entries), 'log.entries is an array');
      assert.equal(log.entries.length, exchanges.length, 'one entry per exchange');
      log.entries.forEach((entry: unknown, i) => {
        const ex = exchanges[i];
        assert.ok(ex);
        checkEntry(entry, ex, `${name} log.entries[${i}]`);
      });
      // And it reads back as the same exchanges' traffic.
      const back = readHar(JSON.stringify(doc), name).exchanges;
      assert.deepEqual(back.map((e) => [e.method, e.url, e.requestBody, e.status]), exchanges.map((e) => [e.method, e.url, e.requestBody, e.status]));
    });
  }
});

/**
 * The Markdown summary for a bug ticket: each session with its sid and content, every finding
 * (time, code in backticks, severity) in a table that stays a table whatever the captured strings
 * hold, the estimated metrics, and a cap with "… and N more findings" so a noisy session does not
 * flood the ticket (nothing silently dropped). A finding repeated on several calls is one row
 * ("`#3` play (and 12 more calls)"); a ping interval other than Adobe's default is said.
 * Read back as GitHub shows it (markdown-reader.ts): backslash escapes resolved, code spans
 * literal; captured text is shown with its invisible characters escaped (core/text/visible.ts).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse, type AnalysisResult } from '../../src/core/analysis/analyser.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import type { Finding } from '../../src/core/findings/finding.ts';
import { callsOf, groupRepeats } from '../../src/core/findings/repeats.ts';
import { readRecording } from '../../src/core/report/read-recording.ts';
import { renderReport } from '../../src/core/report/render-report.ts';
import type { SessionReport } from '../../src/core/session/session-report.ts';
import { ev, eventEntry, har, SID, SID2, sessionStartBody, sessionsEntry, T0 } from '../helpers/har-builder.ts';
import { SessionBuilder, SID3 } from '../helpers/session-scenarios.ts';
import { ownCadenceSession, qoeNullSession, QOE_NULL_CALLS } from '../helpers/repeat-scenarios.ts';
import { visible } from '../../src/core/text/visible.ts';
import { LIVE, liveMarkup, readInline } from './markdown-reader.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(ROOT, 'test/fixtures');
const FIXTURE_FILES = readdirSync(FIXTURES).filter((f) => f.endsWith('.har')).sort();

type Entry = Record<string, unknown>;

function exchangesOf(entries: readonly Entry[]): Exchange[] {
  return readRecording(JSON.stringify(har([...entries])), 'md.har').exchanges;
}

function fixture(file: string): Exchange[] {
  return readRecording(readFileSync(join(FIXTURES, file), 'utf8'), file).exchanges;
}

/* ------------------------------------------------------------------------------------------ */
/* Reading the Markdown back                                                                    */
/* ------------------------------------------------------------------------------------------ */

/** Cells of a GFM table row: split at pipes not escaped by a backslash. */
function cells(line: string): string[] {
  assert.ok(line.startsWith('|') && line.endsWith('|'), `not a table row: ${line}`);
  const out: string[] = [];
  let cur = '';
  for (let i = 1; i < line.length; i++) {
    const c = line[i] as string;
    if (c === '\\' && i + 1 < line.length) {
      cur += c + line[i + 1];
      i++;
    } else if (c === '|') {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  return out;
}

/** What a table cell shows (GFM: escapes resolved, code spans literal). */
function shown(cell: string): string {
  return readInline(cell, true).text;
}

/** What a line outside a table shows. */
function unescape(line: string): string {
  return readInline(line).text;
}

/**
 * Nothing in a cell is markup, a link, a mention or a reference: outside its code spans, no
 * markup GitHub would act on (`liveMarkup`) and no live text. (Its pipes are checked by `cells`: a cell split by one would
 * give a row of more than five cells.)
 */
function assertInert(cell: string, what: string): void {
  const r = readInline(cell, true);
  assert.deepEqual(liveMarkup(r.rawOutside), [], `${what}: unescaped markup in ${cell}`);
  for (const text of r.outside) assert.doesNotMatch(text, LIVE, `${what}: live text outside code in ${cell}`);
}

interface Section {
  heading: string;
  rows: string[][];
  /** Lines of the section that are neither rows nor blank, after the heading. */
  other: string[];
}

const TABLE_HEAD = '| time | request | severity | code | finding |';
const TABLE_RULE = '| --- | --- | --- | --- | --- |';

/** Splits the summary at the bold session / "outside" headings. */
function sections(md: string): Section[] {
  const out: Section[] = [];
  for (const line of md.split('\n')) {
    if (line.startsWith('**Session ') || line.startsWith('**Calls outside')) {
      out.push({ heading: line, rows: [], other: [] });
      continue;
    }
    const cur = out[out.length - 1];
    if (!cur || line === '' || line === TABLE_HEAD || line === TABLE_RULE) continue;
    if (line.startsWith('|')) {
      const row = cells(line);
      assert.equal(row.length, 5, `a table row with ${row.length} cells instead of 5: ${line}`);
      cur.rows.push(row);
    } else cur.other.push(line);
  }
  return out;
}

function sessionSection(md: string, s: SessionReport): Section {
  const found = sections(md).filter((x) => x.heading.startsWith('**Session ') && headingNames(x.heading, s.sid));
  assert.equal(found.length, 1, `one section for session ${JSON.stringify(s.sid)}`);
  return found[0] as Section;
}

/** The sid in a heading: in a code span (CommonMark rules) or as escaped text. */
function headingNames(heading: string, sid: string): boolean {
  const flat = visible(sid);
  const rest = heading.slice('**Session '.length);
  const run = /^`+/.exec(rest)?.[0];
  if (run) {
    const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
    close.lastIndex = run.length;
    const m = close.exec(rest);
    if (m) {
      let content = rest.slice(run.length, m.index);
      if (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') content = content.slice(1, -1);
      if (content === flat) return true;
    }
  }
  return unescape(rest).startsWith(flat);
}

/** "12.3 s", "2 min 5 s", "1.5 h" → ms, with the precision the text has. */
function parseDuration(text: string): { ms: number; precision: number } {
  let m = /^(\d+(?:\.\d+)?) s$/.exec(text);
  if (m) return { ms: Number(m[1]) * 1000, precision: 51 };
  m = /^(\d+) min (\d+) s$/.exec(text);
  if (m) return { ms: (Number(m[1]) * 60 + Number(m[2])) * 1000, precision: 501 };
  m = /^(\d+(?:\.\d+)?) h$/.exec(text);
  if (m) return { ms: Number(m[1]) * 3600000, precision: 180001 };
  return assert.fail(`not a duration: ${JSON.stringify(text)}`);
}

function assertDuration(line: string, label: string, ms: number): void {
  const m = new RegExp(`${label} ((?:\\d+ min \\d+ s)|(?:\\d+(?:\\.\\d+)? [sh]))`).exec(line);
  assert.ok(m, `"${label} …" missing from: ${line}`);
  const d = parseDuration(m[1] as string);
  assert.ok(Math.abs(d.ms - ms) <= d.precision, `${label}: shows ${m[1]}, the metric is ${ms} ms`);
}

/** " (and 12 more calls)" after the request of a finding repeated on 13 calls. */
function moreCalls(calls: number, count: number): string {
  if (count === 1) return '';
  return calls === 1 ? ` (${count} times)` : ` (and ${calls - 1} more call${calls === 2 ? '' : 's'})`;
}

/** How many findings a row stands for: one, or the repeats its request cell counts. */
function findingsOfRow(row: readonly string[]): number {
  const request = shown(row[1] ?? '');
  const times = /\((\d+) times\)$/.exec(request);
  if (times) return Number(times[1]);
  // In these tests no call holds the same finding twice: N more calls are N more findings.
  const more = /\(and (\d+) more calls?\)$/.exec(request);
  return more ? Number(more[1]) + 1 : 1;
}

/** Checks a findings table against the findings, row by row: one row per finding, a repeated one once. */
function assertRows(rows: string[][], all: readonly Finding[], start: number | null, analysis: AnalysisResult): void {
  const labels = new Map(analysis.calls.map((c) => [c.exchange.index, c.label]));
  const exchanges = new Map(analysis.calls.map((c) => [c.exchange.index, c.exchange]));
  const groups = groupRepeats(all);
  rows.forEach((row, i) => {
    const g = groups[i];
    assert.ok(g, `row ${i}: a finding for it`);
    const f = g.finding;
    const [time, request, severity, code, message] = row as [string, string, string, string, string];
    if (f.time === null) assert.equal(time, '', `row ${i}: no time`);
    else if (start !== null) {
      const m = /^\+(-?\d+\.\d{3}) s$/.exec(time);
      assert.ok(m, `row ${i}: time relative to the session start, got ${time}`);
      assert.ok(Math.abs(Number(m[1]) - (f.time - start) / 1000) < 0.0006, `row ${i}: ${time} for ${f.time - start} ms`);
    } else assert.equal(time, new Date(f.time).toISOString(), `row ${i}: absolute time`);
    const label = `#${f.exchange} ${visible(labels.get(f.exchange) ?? '')}`.trim();
    // The call the finding is on, as a ticket names it: method, the path's last segment, the status.
    const ex = exchanges.get(f.exchange);
    const call = ex ? ` · ${ex.method} …/${lastSegment(ex.url)} → ${ex.status || 'no reply'}` : '';
    assert.equal(shown(request), `${label}${call}${moreCalls(callsOf(g).length, g.count)}`, `row ${i}: request`);
    assert.equal(severity, f.severity, `row ${i}: severity`);
    assert.equal(code, `\`${f.code}\``, `row ${i}: code in backticks`);
    // The finding, then its fix after our own bold "Fix:".
    const [what, fix, ...extra] = message.split(' **Fix:** ');
    assert.equal(extra.length, 0, `row ${i}: one fix`);
    assert.equal(shown(what ?? ''), visible(f.message), `row ${i}: message`);
    assert.equal(shown(fix ?? ''), visible(f.fix), `row ${i}: fix`);
    assertInert(what ?? '', `row ${i}: message`);
    assertInert(fix ?? '', `row ${i}: fix`);
    assertInert(request, `row ${i}: request`);
  });
}

const MAX = 30;

/** The last segment of a URL's path (the test fixtures' paths have no long or odd segments). */
function lastSegment(url: string): string {
  return new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                        */
/* ------------------------------------------------------------------------------------------ */

describe('Markdown summary of the fixtures', () => {
  for (const file of FIXTURE_FILES) {
    test(`${file}: sessions, content, every finding with time, code and severity, estimated metrics`, () => {
      const exchanges = fixture(file);
      const analysis = analyse(exchanges);
      const md = renderReport('md', exchanges, {}, file);
      const n = { error: 0, warning: 0, info: 0 };
      for (const f of analysis.findings) n[f.severity]++;
      const first = md.split('\n')[0] as string;
      assert.match(first, new RegExp(`^#+ .*\\b${analysis.sessions.length} sessions?\\b`), first);
      assert.match(first, new RegExp(`\\b${n.error} errors?\\b.*\\b${n.warning} warnings?\\b.*\\b${n.info} info\\b`), first);
      assert.ok(md.includes(file), 'names the source');

      for (const s of analysis.sessions) {
        const sec = sessionSection(md, s);
        const heading = unescape(sec.heading);
        if (s.media.id) assert.ok(heading.includes(s.media.id), `content id in ${sec.heading}`);
        if (s.media.name) assert.ok(heading.includes(s.media.name), `content name in ${sec.heading}`);
        if (s.media.contentType) assert.ok(heading.includes(s.media.contentType), `content type in ${sec.heading}`);
        const findings = analysis.findings.filter((f) => f.sid === s.sid);
        assert.equal(sec.rows.length, Math.min(groupRepeats(findings).length, MAX), 'one row per finding, a repeated one once');
        assertRows(sec.rows, findings, s.metrics.start, analysis);
        if (findings.length === 0) assert.ok(sec.other.some((l) => /no finding/i.test(l)), 'says there is no finding');
        const est = sec.other.filter((l) => l.startsWith('Estimated'));
        assert.equal(est.length, 1, `one estimated-metrics line in ${JSON.stringify(sec.other)}`);
        const line = est[0] as string;
        assertDuration(line, 'content', s.metrics.mainContentMs);
        assertDuration(line, 'ads', s.metrics.adMs);
        assertDuration(line, 'paused', s.metrics.pausedMs);
        assertDuration(line, 'buffering', s.metrics.bufferingMs);
        assertDuration(line, 'orphan ads counted as content', s.metrics.orphanAdCreditedToMainMs);
      }
    });
  }

  test('broken-sequence.har: the figures of the README example', () => {
    const md = renderReport('md', fixture('broken-sequence.har'), {}, 'broken-sequence.har');
    assert.match(md, /^### Media Collection: 1 session, 3 errors, 2 warnings, 0 info$/m);
    assert.ok(md.includes('**Session `c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffee0003`**'));
    const line = md.split('\n').find((l) => l.startsWith('Estimated')) as string;
    assert.match(line, /content 67\.0 s/);
    assert.match(line, /orphan ads counted as content 15\.0 s/);
    for (const code of ['ad.orphan-start', 'chapter.overlap', 'ping.late', 'http.session-gone', 'session.after-end']) {
      assert.match(md, new RegExp(`\\| \`${code.replace('.', '\\.')}\` \\|`), code);
    }
    // The request number is a code span: GitHub would link a bare #4 to issue 4 and note the mention there.
    assert.match(md, /^\| \+16\.000 s \| `#4` adStart · `POST …\/events → 204` \| error \| `ad\.orphan-start` \|/m);
  });
});

describe('Markdown escaping of captured strings', () => {
  const EVIL_TYPE = 'evil | col\nnew | row `tick` <i>tag</i>\r\n| --- |';

  test('a message with pipes, newlines, backticks and angle brackets keeps the table intact', () => {
    const b = new SessionBuilder(SID, T0);
    b.open({ 'media.name': 'Film | with `pipes` <and>\nlines' });
    b.send('play', 0, 1000);
    b.send(EVIL_TYPE, 1, 1000); // unknown type, and the same ts as the play: its raw name lands in messages
    b.send('ping', 10, 11000, { params: { 'k|ey\n`x`': '<v>' } });
    b.send('sessionEnd', 12, 12000);
    const exchanges = exchangesOf(b.entries);
    const analysis = analyse(exchanges);
    const raw = analysis.findings.filter((f) => f.message.includes('\n') && f.message.includes('|'));
    assert.ok(raw.length > 0, 'control: a finding message holds a raw newline and pipe');

    const md = renderReport('md', exchanges, {}, 'evil | source\n.har');
    const s = analysis.sessions[0] as SessionReport;
    const sec = sessionSection(md, s);
    const findings = analysis.findings.filter((f) => f.sid === s.sid);
    assert.equal(sec.rows.length, findings.length, 'no row added or lost');
    assert.deepEqual(sec.other.filter((l) => !l.startsWith('Estimated')), [], 'no stray line in the section');
    assertRows(sec.rows, findings, s.metrics.start, analysis);
    assertInert(sec.heading.replace(/^\*\*Session `[^`]*`\*\*/, ''), 'heading');
    // The table block is contiguous: header, rule, then exactly one line per finding.
    const lines = md.split('\n');
    const head = lines.indexOf(TABLE_HEAD);
    assert.equal(lines[head + 1], TABLE_RULE);
    for (let i = 0; i < findings.length; i++) assert.ok(lines[head + 2 + i]?.startsWith('| '), `line ${head + 2 + i}`);
    assert.ok(!lines[head + 2 + findings.length]?.startsWith('|'), 'the table ends after the last finding');
    assert.equal(lines.filter((l) => l === TABLE_RULE).length, 1, 'one table only (the message did not forge a rule row)');
    assert.ok(!lines.some((l) => l.startsWith('new ') || l.startsWith('.har')), 'a captured newline started a line');
  });

  test('a sid with markup, a backtick, a pipe and a newline (percent-encoded in the URL) stays on its heading line', () => {
    const EVIL_SID = 'sid`tick|pipe\n# not a heading <i>x</i>';
    const encoded = encodeURIComponent(EVIL_SID);
    const entries = [
      eventEntry(encoded, ev('play', 0, T0 + 1000), { at: 1020 }),
      eventEntry(encoded, ev('bogusType', 1, T0 + 2000), { at: 2020 }),
      sessionsEntry(sessionStartBody(T0 + 5000), SID2, { at: 5020 }),
    ];
    const exchanges = exchangesOf(entries);
    const analysis = analyse(exchanges);
    assert.ok(analysis.sessions.some((s) => s.sid === EVIL_SID), 'control: the URL decodes to the hostile sid');
    const md = renderReport('md', exchanges, {}, 'x.har');
    const lines = md.split('\n');
    assert.equal(lines.filter((l) => l.startsWith('**Session ')).length, analysis.sessions.length, 'one heading line per session');
    assert.ok(!lines.some((l) => l.startsWith('# not a heading')), 'the sid injected a heading');
    for (const s of analysis.sessions) sessionSection(md, s);
  });
});

describe('Markdown cap on long finding lists', () => {
  test('a session with many findings lists the first 30 and says "… and N more findings"', () => {
    const b = new SessionBuilder(SID3, T0);
    b.open();
    b.send('play', 0, 1000);
    for (let i = 0; i < 44; i++) b.send(`bogus${i}`, 1 + i, 2000 + i * 1000);
    const exchanges = exchangesOf(b.entries);
    const analysis = analyse(exchanges);
    const s = analysis.sessions[0] as SessionReport;
    const findings = analysis.findings.filter((f) => f.sid === s.sid);
    assert.ok(findings.length >= 44, `control: ${findings.length} findings`);
    const md = renderReport('md', exchanges, {}, 'many.har');
    const sec = sessionSection(md, s);
    assert.equal(sec.rows.length, MAX);
    assertRows(sec.rows, findings, s.metrics.start, analysis);
    const more = sec.other.find((l) => l.startsWith('…'));
    assert.ok(more, `no "… and N more" line in ${JSON.stringify(sec.other)}`);
    assert.match(more, new RegExp(`^… and ${findings.length - MAX} more findings\\b`));
    assert.ok(sec.other.some((l) => l.startsWith('Estimated')), 'the metrics still follow');
  });

  test('no cap line when a session has at most 30 findings', () => {
    const md = renderReport('md', fixture('broken-requests.har'), {}, 'x');
    assert.ok(!md.includes('more findings'));
  });

  test('calls outside any session: every finding is listed or counted, none silently dropped', () => {
    const entries: Entry[] = [];
    for (let i = 0; i < 35; i++) {
      // sessions calls the server refused: no sid, so no session
      entries.push(sessionsEntry(sessionStartBody(T0 + i * 1000, { 'media.length': 'long' }), null, { at: i * 1000 + 20, status: 400 }));
    }
    const exchanges = exchangesOf(entries);
    const analysis = analyse(exchanges);
    assert.equal(analysis.sessions.length, 0);
    const loose = analysis.findings.filter((f) => f.sid === null);
    assert.ok(loose.length > MAX, `control: ${loose.length} findings outside sessions`);
    const md = renderReport('md', exchanges, {}, 'refused.har');
    const sec = sections(md).find((x) => x.heading.startsWith('**Calls outside'));
    assert.ok(sec, 'a section for calls outside any session');
    assertRows(sec.rows, loose, null, analysis);
    const counted = Number(/… and (\d+) more/.exec(sec.other.join('\n'))?.[1] ?? 0);
    const listed = sec.rows.reduce((n, r) => n + findingsOfRow(r), 0);
    assert.equal(listed + counted, loose.length, `${listed} listed + ${counted} counted of ${loose.length} findings`);
  });

  test('the cap counts rows: past 30 different findings, the findings of the rows left out are counted', () => {
    const b = new SessionBuilder(SID3, T0);
    b.open();
    b.send('play', 0, 1000);
    // 40 unknown event types, each sent twice: 40 findings repeated on two calls each.
    for (let i = 0; i < 80; i++) b.send(`bogus${i % 40}`, 1 + i, 2000 + i * 1000);
    const exchanges = exchangesOf(b.entries);
    const analysis = analyse(exchanges);
    const s = analysis.sessions[0] as SessionReport;
    const findings = analysis.findings.filter((f) => f.sid === s.sid);
    const groups = groupRepeats(findings);
    assert.ok(groups.length > MAX && groups.length < findings.length, `control: ${groups.length} groups of ${findings.length} findings`);
    const sec = sessionSection(renderReport('md', exchanges, {}, 'twice.har'), s);
    assert.equal(sec.rows.length, MAX);
    assertRows(sec.rows, findings, s.metrics.start, analysis);
    const counted = Number(/^… and (\d+) more findings\b/.exec(sec.other.find((l) => l.startsWith('…')) ?? '')?.[1]);
    const listed = sec.rows.reduce((n, r) => n + findingsOfRow(r), 0);
    assert.equal(listed + counted, findings.length, `${listed} listed + ${counted} counted of ${findings.length}`);
  });
});

describe('Markdown: repeated findings and the ping interval', () => {
  test('the same schema violation on every call of a Media Edge session is one row, "(and N more calls)"', () => {
    const exchanges = exchangesOf(qoeNullSession());
    const analysis = analyse(exchanges);
    const s = analysis.sessions[0] as SessionReport;
    const findings = analysis.findings.filter((f) => f.sid === s.sid && f.code === 'schema.violation');
    assert.equal(findings.length, QOE_NULL_CALLS, 'control: one violation per call');
    const md = renderReport('md', exchanges, {}, 'qoe.har');
    assert.match(md.split('\n')[0] as string, new RegExp(`\\b${QOE_NULL_CALLS} errors\\b`), 'the heading counts every finding');
    const sec = sessionSection(md, s);
    const rows = sec.rows.filter((r) => r[3] === '`schema.violation`');
    assert.equal(rows.length, 1, 'one row');
    const first = findings[0] as Finding;
    assert.equal(shown((rows[0] as string[])[1] as string), `#${first.exchange} chapterStart · POST …/chapterStart → 204 (and ${QOE_NULL_CALLS - 1} more calls)`);
    assertRows(sec.rows, analysis.findings.filter((f) => f.sid === s.sid), s.metrics.start, analysis);
    assert.ok(!md.includes('more findings'), 'nothing capped');
  });

  test('the Estimated line names the ping interval only when it is not Adobe\'s default', () => {
    const exchanges = exchangesOf(ownCadenceSession());
    const analysis = analyse(exchanges);
    const s = analysis.sessions[0] as SessionReport;
    assert.deepEqual(s.pingCadence, { mainMs: 15_000, source: 'inferred' }, 'control: the session keeps 15 s');
    const line = sessionSection(renderReport('md', exchanges, {}, 'own.har'), s).other.find((l) => l.startsWith('Estimated')) as string;
    assert.match(line, / · main pings every 15 s \(the interval this session keeps, read from its first pings; Adobe's default is 10 s\)\.$/);
    const pinned = sessionSection(renderReport('md', exchanges, { mainPingIntervalS: 20 }, 'own.har'), s).other.find((l) => l.startsWith('Estimated')) as string;
    assert.match(pinned, / · main pings every 20 s \(setting: main ping interval\)\.$/);
    const plain = renderReport('md', fixture('vod-clean.har'), {}, 'vod-clean.har');
    assert.ok(!plain.includes('main pings'), 'a session at 10 s reads as before');
  });
});

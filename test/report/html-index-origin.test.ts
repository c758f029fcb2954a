/**
 * The HTML report's index, anchors, per-request sids, origin and other-request count:
 *
 * - an index of sessions at the top: one row per session (worst first: errors, warnings, clean) with its title, sid
 *   prefix (the whole sid in a title attribute), state and error and warning counts, and the
 *   anchor of its section; every anchor is the id of exactly one section, the one of its session;
 *   anchors are stable (derived from the sid alone) and safe for any sid; in Chromium, opening
 *   `report.html#<anchor>` shows that session's section at the top of the window;
 * - every request row shows its session's sid, shortened, with the whole sid in a title;
 * - where the recording came from: the browser (HAR `log.browser`) and the page URL (HAR
 *   `log.pages`, only the pages the Media Collection calls were made on, through `pageref`), in
 *   the HTML and as the JSON report's optional `recordedFrom` (valid against the schema, read back);
 *   through the CLI, from one or several HAR files and from a JSON report;
 * - the CLI's report counts the other requests of its inputs: the entries of HAR files that are
 *   not Media Collection calls, and those a JSON report counted without keeping them.
 * Needs `npm run build` first (dist/cli/mci.mjs).
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyse, type AnalysisResult } from '../../src/core/analysis/analyser.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import { countBySeverity } from '../../src/core/findings/finding.ts';
import { escapeXml } from '../../src/core/report/escape.ts';
import { sessionAnchors } from '../../src/core/report/html-report.ts';
import { readRecording } from '../../src/core/report/read-recording.ts';
import { renderReport } from '../../src/core/report/render-report.ts';
import type { SessionReport } from '../../src/core/session/session-report.ts';
import { entry, eventEntry, ev, har, SID, SID2, sessionStartBody, sessionsEntry, T0 } from '../helpers/har-builder.ts';
import { abandonDuringMidroll, brokenSequence, interleave, SID3, vodWithAds } from '../helpers/session-scenarios.ts';
import { launchChromium } from '../browser/chromium.ts';
import { ajv, mci, validateReport, type Run } from '../helpers/report-cli.ts';

const NOW = new Date('2026-11-03T12:00:00.000Z');

const TMP = mkdtempSync(join(tmpdir(), 'mci-html-index-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

type Entry = Record<string, unknown>;

/** Three interleaved sessions (a VOD with ads, a broken one, one abandoned) and a call outside any session. */
function threeSessions(): Entry[] {
  const { entries } = interleave(vodWithAds(SID), brokenSequence(SID2, T0 + 3000), abandonDuringMidroll(SID3, T0 + 7000));
  return [...entries, sessionsEntry(sessionStartBody(T0 + 600_000), null, { status: 500, at: 600_020 })];
}

function exchangesOf(entries: readonly Entry[]): Exchange[] {
  return readRecording(JSON.stringify(har([...entries])), 'x.har').exchanges;
}

const DECODE: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Text of an HTML fragment: tags dropped, the five entities decoded. */
function textOf(fragment: string): string {
  return fragment.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => DECODE[e] as string);
}

interface IndexRow {
  anchor: string;
  cells: string[];
  sidTitle: string | null;
}

function indexRows(html: string): IndexRow[] {
  const table = /<table class="index">([\s\S]*?)<\/table>/.exec(html)?.[1];
  assert.ok(table, 'an index table');
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr data-anchor="([^"]*)">([\s\S]*?)<\/tr>/g)].map((m) => {
    const cells = [...(m[2] as string).matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1] as string);
    const sidTitle = /<span class="sid" title="([^"]*)">/.exec(cells[2] ?? '')?.[1];
    return { anchor: textOf(m[1] as string), cells: cells.map(textOf), sidTitle: sidTitle === undefined ? null : textOf(sidTitle) };
  });
}

function ids(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => textOf(m[1] as string));
}

const short = (sid: string) => (sid.length > 10 ? `${sid.slice(0, 8)}…` : sid);

/** The sessions as the index lists them: with an error first, then with a warning, then clean; analysis order within each. */
function worstFirstOf(analysis: AnalysisResult): SessionReport[] {
  const rank = (s: SessionReport) => {
    const own = analysis.findings.filter((f) => f.sid === s.sid);
    return own.some((f) => f.severity === 'error') ? 0 : own.some((f) => f.severity === 'warning') ? 1 : 2;
  };
  return analysis.sessions.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map((x) => x.s);
}

function expectedState(s: SessionReport): string {
  return s.state.closed ? `closed (${s.state.closed})` : s.state.completed ? 'completed' : `open, ${s.state.playback}`;
}

/** A summary-table row's text by its heading, or undefined. */
function summaryRow(html: string, heading: string): string | undefined {
  const summary = /<table><tbody>([\s\S]*?)<\/tbody><\/table>/.exec(html)?.[1] ?? '';
  const m = new RegExp(`<tr><th>${heading}</th><td[^>]*>([\\s\\S]*?)</td></tr>`).exec(summary);
  return m ? m[1] : undefined;
}

/* ------------------------------------------------------------------------------------------ */
/* Index and anchors                                                                            */
/* ------------------------------------------------------------------------------------------ */

describe('HTML report: index of sessions and anchors', () => {
  const exchanges = exchangesOf(threeSessions());
  const analysis: AnalysisResult = analyse(exchanges);
  const html = renderReport('html', exchanges, {}, 'three.har', NOW);

  test('premise: three sessions, findings of both severities, a call outside any session', () => {
    assert.equal(analysis.sessions.length, 3);
    const n = countBySeverity(analysis.findings);
    assert.ok(n.error > 0 && n.warning > 0, JSON.stringify(n));
    assert.ok(analysis.calls.some((c) => c.sid === null));
  });

  test('the index comes before the sessions and lists each with its title, sid prefix, state and error/warning counts', () => {
    const rows = indexRows(html);
    assert.equal(rows.length, analysis.sessions.length, 'one row per session');
    const indexAt = html.indexOf('<table class="index">');
    const firstSession = html.indexOf('<h2>Session <code>');
    assert.ok(indexAt > 0 && indexAt < firstSession, 'the index is above the first session');
    assert.ok(indexAt > html.indexOf('<tr><th>Media Collection calls</th>'), 'below the summary');
    const ordered = worstFirstOf(analysis);
    assert.notDeepEqual(ordered.map((s) => s.sid), analysis.sessions.map((s) => s.sid), 'premise: worst first is not the analysis order here');
    ordered.forEach((s, i) => {
      const row = rows[i] as IndexRow;
      const own = analysis.findings.filter((f) => f.sid === s.sid);
      const n = countBySeverity(own);
      assert.deepEqual(row.cells, [
        String(i + 1),
        s.media.name ?? s.media.id ?? '',
        short(s.sid),
        expectedState(s),
        String(n.error),
        String(n.warning),
        `#${row.anchor}`,
      ], `index row of ${s.sid}`);
      assert.equal(row.sidTitle, s.sid, 'the whole sid in the title attribute');
      // The same state as the session's own section says.
      const section = html.slice(html.indexOf(`id="${row.anchor}"`));
      assert.match(/<p>([^<]*)<\/p>/.exec(section)?.[1] ?? '', new RegExp(`· ${expectedState(s).replace(/[()]/g, '\\$&')}$`));
    });
    const errors = rows.reduce((sum, r) => sum + Number(r.cells[4]), 0);
    assert.ok(errors > 0, 'some session has errors in the index');
  });

  test('every anchor of the index is the id of exactly one section, the one of its session', () => {
    const rows = indexRows(html);
    const all = ids(html);
    assert.equal(new Set(all).size, all.length, `ids are unique: ${all.join(', ')}`);
    worstFirstOf(analysis).forEach((s, i) => {
      const anchor = (rows[i] as IndexRow).anchor;
      assert.match(anchor, /^[A-Za-z0-9_~-]+$/, 'an anchor that needs no escaping in a URL');
      assert.equal(all.filter((id) => id === anchor).length, 1, `one element with id ${anchor}`);
      const at = html.indexOf(`<div class="session" id="${anchor}">`);
      assert.ok(at > 0, `the section of ${s.sid} carries the id`);
      const end = html.indexOf('</div>', at);
      const section = html.slice(at, end);
      assert.ok(section.includes(`\n<h2>Session <code>${escapeXml(s.sid)}</code></h2>`), `section ${anchor} is the one of ${s.sid}`);
      assert.ok(section.includes(`aria-label="timeline of session ${escapeXml(s.sid)}"`), 'with its timeline');
      assert.ok(section.includes(`<h3>Findings (${analysis.findings.filter((f) => f.sid === s.sid).length})</h3>`), 'and its findings');
    });
  });

  test('anchors are stable: derived from the sid alone, the same in a report of one session or of all', () => {
    const rows = indexRows(html);
    assert.deepEqual(rows.map((r) => r.anchor), worstFirstOf(analysis).map((s) => `session-${s.sid}`), 'a plain sid gives session-<sid>');
    assert.equal(renderReport('html', exchanges, {}, 'three.har', NOW), html, 'the same report twice');
    const keep = new Set(analysis.calls.filter((c) => c.sid === SID2).map((c) => c.exchange.index));
    const one = renderReport('html', exchanges.filter((e) => keep.has(e.index)), {}, 'one.har', NOW);
    assert.deepEqual(indexRows(one).map((r) => r.anchor), [`session-${SID2}`]);
  });

  test('sids that are not plain get safe, distinct and stable anchors', () => {
    const sids = ['<b>bold</b>', 'a b', 'a/b', 'ab', 'a.b', 'x'.repeat(5000), 'é🎬', '', SID, `${SID}#x`, 'session-ab'];
    const anchors = sessionAnchors(sids);
    const values = sids.map((s) => anchors.get(s) as string);
    assert.equal(new Set(values).size, sids.length, `distinct: ${values.join(', ')}`);
    for (const a of values) {
      assert.match(a, /^session-[A-Za-z0-9_~-]+$/, a);
      assert.ok(a.length <= 80, `short enough: ${a.length}`);
    }
    assert.equal(anchors.get(SID), `session-${SID}`);
    assert.equal(anchors.get('ab'), 'session-ab');
    assert.deepEqual(sessionAnchors([...sids].reverse()).get('<b>bold</b>'), anchors.get('<b>bold</b>'), 'the same sid, the same anchor, whatever the other sessions');
    assert.deepEqual(sessionAnchors(['a/b']).get('a/b'), anchors.get('a/b'));
  });

  test('a session whose sid holds markup: its anchor in the report is safe and points at its section', () => {
    const bad = '<b>bold</b>';
    const entries = [eventEntry(encodeURIComponent(bad), ev('play', 0, T0 + 1000), { at: 1020 }), eventEntry(encodeURIComponent(bad), ev('ping', 10, T0 + 11000), { at: 11020 })];
    const report = renderReport('html', exchangesOf(entries), {}, 'bad.har', NOW);
    const rows = indexRows(report);
    assert.equal(rows.length, 1);
    const row = rows[0] as IndexRow;
    assert.equal(row.anchor, sessionAnchors([bad]).get(bad));
    assert.equal(row.sidTitle, bad);
    assert.ok(!report.includes(bad), 'the sid never appears raw');
    assert.ok(report.includes(`<div class="session" id="${row.anchor}">\n<h2>Session <code>${escapeXml(bad)}</code></h2>`));
  });

  test('a report without session has no index', () => {
    const report = renderReport('html', exchangesOf([entry('https://cdn.example.com/a.m3u8', null, { method: 'GET', rawBody: null, status: 200 })]), {}, 'none.har', NOW);
    assert.ok(!report.includes('<table class="index">'));
    assert.ok(!report.includes('<div class="session"'));
  });
});

/* ------------------------------------------------------------------------------------------ */
/* The sid on each request row                                                                  */
/* ------------------------------------------------------------------------------------------ */

describe('HTML report: the sid of every request', () => {
  test('each request row shows its sid shortened, with the whole sid in its title; calls outside any session say so', () => {
    const exchanges = exchangesOf(threeSessions());
    const analysis = analyse(exchanges);
    const html = renderReport('html', exchanges, {}, 'three.har', NOW);
    const summaries = new Map([...html.matchAll(/<details><summary>#(\d+) · ([\s\S]*?)<\/summary>/g)].map((m) => [Number(m[1]), m[2] as string]));
    assert.equal(summaries.size, analysis.calls.length);
    let loose = 0;
    for (const call of analysis.calls) {
      const summary = summaries.get(call.exchange.index);
      assert.ok(summary !== undefined, `a row for #${call.exchange.index}`);
      if (call.sid === null) {
        loose++;
        assert.ok(summary.includes('<span class="sid">no session</span>'), `#${call.exchange.index}: ${summary}`);
        continue;
      }
      const span = `<span class="sid" title="${escapeXml(call.sid)}">${escapeXml(short(call.sid))}</span>`;
      assert.ok(summary.includes(span), `#${call.exchange.index} shows ${span}: ${summary}`);
      assert.ok(!summary.includes(`>${call.sid}<`), 'shortened, not the whole sid as text');
    }
    assert.ok(loose > 0, 'premise: a call outside any session');
  });
});

/* ------------------------------------------------------------------------------------------ */
/* Where the recording came from                                                                */
/* ------------------------------------------------------------------------------------------ */

const PLAYER_URL = 'https://player.example.com/watch?v=1&t=0';
const OTHER_URL = 'https://www.example.com/';

/** A Firefox-style HAR: log.browser, pages titled by URL or by title, entries with pageref. */
function firefoxHar(): { log: Record<string, unknown> } {
  const { entries } = interleave(vodWithAds(SID).map((e) => ({ ...e, pageref: 'page_2' })), brokenSequence(SID2, T0 + 3000).map((e) => ({ ...e, pageref: 'page_3' })));
  const cdn = { ...entry('https://cdn.example.com/a.m3u8', null, { method: 'GET', rawBody: null, status: 200 }), pageref: 'page_1' };
  const doc = har([cdn, ...entries]);
  doc.log.browser = { name: 'Firefox', version: '128.0' };
  doc.log.pages = [
    { id: 'page_1', title: OTHER_URL, startedDateTime: new Date(T0 - 60_000).toISOString(), pageTimings: {} },
    { id: 'page_2', title: PLAYER_URL, startedDateTime: new Date(T0 - 1000).toISOString(), pageTimings: {} },
    { id: 'page_3', title: 'Second player & <friends>', startedDateTime: new Date(T0 + 2000).toISOString(), pageTimings: {} },
  ];
  return doc;
}

/** A Chrome-style HAR: no log.browser, the page's URL as its title. */
function chromeHar(sid = SID3): { log: Record<string, unknown> } {
  const doc = har(abandonDuringMidroll(sid, T0 + 7000).map((e) => ({ ...e, pageref: 'page_7' })));
  doc.log.pages = [{ id: 'page_7', title: 'https://tv.example.com/live', startedDateTime: new Date(T0).toISOString(), pageTimings: {} }];
  return doc;
}

function writeJson(name: string, doc: unknown): string {
  const file = join(TMP, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

function reportFromText(text: string, name: string, format: 'html' | 'json'): string {
  const rec = readRecording(text, name);
  return renderReport(format, rec.exchanges, rec.settings ?? {}, name, NOW, { recordedFrom: rec.recordedFrom, ignoredNotKept: rec.ignoredNotKept });
}

describe('HTML and JSON report: the browser and the page the recording was made in and on', () => {
  test('from a Firefox HAR: the browser, and only the pages of the Media Collection calls, escaped', () => {
    const html = reportFromText(JSON.stringify(firefoxHar()), 'firefox.har', 'html');
    assert.equal(summaryRow(html, 'Recorded in'), 'Firefox 128.0');
    const pages = summaryRow(html, 'Pages');
    assert.ok(pages, 'a Pages row');
    assert.ok(pages.includes(`<code>${escapeXml(PLAYER_URL)}</code>`), pages);
    assert.ok(pages.includes(escapeXml('Second player & <friends>')), 'a page titled by its title');
    assert.ok(!pages.includes(OTHER_URL), 'a page without Media Collection call is left out');
    assert.ok(textOf(pages).includes(`from ${new Date(T0 - 1000).toISOString()}`), 'when the page was loaded');
    assert.ok(!html.includes('<friends>'), 'escaped');
    assert.equal(summaryRow(html, 'Page'), undefined);
  });

  test('from a Chrome HAR: the page URL (its title), no browser row', () => {
    const html = reportFromText(JSON.stringify(chromeHar()), 'chrome.har', 'html');
    assert.equal(summaryRow(html, 'Recorded in'), undefined);
    assert.equal(textOf(summaryRow(html, 'Page') ?? ''), `https://tv.example.com/live from ${new Date(T0).toISOString()}`);
  });

  test('pages whose entries name no page: every page of the recording; a recording that says nothing: no row', () => {
    const doc = chromeHar();
    for (const e of doc.log.entries as Entry[]) delete e.pageref;
    const html = reportFromText(JSON.stringify(doc), 'chrome.har', 'html');
    assert.ok(textOf(summaryRow(html, 'Page') ?? '').startsWith('https://tv.example.com/live'));
    const bare = reportFromText(JSON.stringify(har(abandonDuringMidroll(SID3))), 'bare.har', 'html');
    assert.equal(summaryRow(bare, 'Page'), undefined);
    assert.equal(summaryRow(bare, 'Pages'), undefined);
    assert.equal(summaryRow(bare, 'Recorded in'), undefined);
  });

  test('hostile browser names and page titles are text', () => {
    const doc = chromeHar();
    doc.log.browser = { name: '<script>alert(1)</script>', version: '"><img src=x onerror=alert(1)>' };
    doc.log.pages = [{ id: 'page_7', title: 'javascript:alert(1) <b>x</b>' }];
    const html = reportFromText(JSON.stringify(doc), 'hostile.har', 'html');
    assert.doesNotMatch(html, /<script|<img|<b>/i);
    assert.equal(textOf(summaryRow(html, 'Recorded in') ?? ''), '<script>alert(1)</script> "><img src=x onerror=alert(1)>');
    assert.equal(textOf(summaryRow(html, 'Page') ?? ''), 'javascript:alert(1) <b>x</b>');
  });

  test('the JSON report carries them as recordedFrom (valid against the schema), and reads them back', () => {
    const text = reportFromText(JSON.stringify(firefoxHar()), 'firefox.har', 'json');
    const doc = JSON.parse(text) as { recordedFrom?: unknown; summary: Record<string, unknown> };
    assert.ok(validateReport(doc), ajv.errorsText(validateReport.errors));
    assert.deepEqual(doc.recordedFrom, {
      browsers: [{ name: 'Firefox', version: '128.0' }],
      pages: [
        { url: PLAYER_URL, title: null, startedDateTime: new Date(T0 - 1000).toISOString() },
        { url: null, title: 'Second player & <friends>', startedDateTime: new Date(T0 + 2000).toISOString() },
      ],
    });
    assert.equal(doc.summary.ignored, 1, 'the CDN request');
    assert.equal(doc.summary.ignoredNotKept, undefined, 'every other request is among the exchanges');
    const back = readRecording(text, 'firefox.mci.json');
    assert.deepEqual(back.recordedFrom, doc.recordedFrom);
    assert.equal(reportFromText(text, 'firefox.har', 'json'), text, 'a report of the report is the same report');
    const html = reportFromText(text, 'firefox.mci.json', 'html');
    assert.equal(summaryRow(html, 'Recorded in'), 'Firefox 128.0');
    assert.ok(summaryRow(html, 'Pages')?.includes(escapeXml(PLAYER_URL)));
  });

  test('a report without origin has no recordedFrom (the JSON contract is unchanged)', () => {
    const doc = JSON.parse(reportFromText(JSON.stringify(har(abandonDuringMidroll(SID3))), 'bare.har', 'json')) as Record<string, unknown>;
    assert.equal('recordedFrom' in doc, false);
    assert.deepEqual(Object.keys(doc.summary as object), ['exchanges', 'sessions', 'ignored', 'findings']);
  });
});

/* ------------------------------------------------------------------------------------------ */
/* Through the CLI                                                                              */
/* ------------------------------------------------------------------------------------------ */

const show = (r: Run) => `exit ${r.status}\n--- stdout ---\n${r.stdout.slice(0, 2000)}\n--- stderr ---\n${r.stderr.slice(0, 2000)}`;

describe('mci report: origin and other requests of its inputs', () => {
  test('one HAR, then two: the browser and the pages of both; through a JSON report too', () => {
    const firefox = writeJson('firefox.har', firefoxHar());
    const chrome = writeJson('chrome.har', chromeHar());
    const one = mci(['report', firefox]);
    assert.equal(one.status, 0, show(one));
    assert.equal(one.stderr, '');
    assert.equal(summaryRow(one.stdout, 'Recorded in'), 'Firefox 128.0');
    assert.ok(summaryRow(one.stdout, 'Pages')?.includes(escapeXml(PLAYER_URL)));

    const two = mci(['report', firefox, chrome, '--format', 'html']);
    assert.equal(two.status, 0, show(two));
    const pages = textOf(summaryRow(two.stdout, 'Pages') ?? '');
    for (const p of [PLAYER_URL, 'Second player & <friends>', 'https://tv.example.com/live']) assert.ok(pages.includes(p), `${p} in ${pages}`);
    assert.ok(!pages.includes(OTHER_URL));
    assert.equal(indexRows(two.stdout).length, 3, 'the sessions of both files');

    const json = join(TMP, 'both.mci.json');
    const r = mci(['report', firefox, chrome, '--format', 'json', '--out', json]);
    assert.equal(r.status, 0, show(r));
    const doc = JSON.parse(readFileSync(json, 'utf8')) as { recordedFrom: { browsers: unknown[]; pages: unknown[] } };
    assert.ok(validateReport(doc), ajv.errorsText(validateReport.errors));
    assert.equal(doc.recordedFrom.pages.length, 3);
    const again = mci(['report', json, '--format', 'html']);
    assert.equal(again.status, 0, show(again));
    assert.equal(summaryRow(again.stdout, 'Recorded in'), 'Firefox 128.0');
    assert.equal(textOf(summaryRow(again.stdout, 'Pages') ?? ''), pages, 'the report of the JSON report names the same pages');
  });

  test('other requests: the entries of the HAR inputs that are not Media Collection calls, added up', () => {
    const others = (n: number, at: number) => Array.from({ length: n }, (_, i) => entry(`https://cdn.example.com/${at}/${i}.ts`, null, { method: 'GET', rawBody: null, status: 200, at: at + i }));
    const a = writeJson('a.har', har([...abandonDuringMidroll(SID3), ...others(3, 100)]));
    const b = writeJson('b.har', har([...vodWithAds(SID), ...others(2, 200), entry('https://example.hb-api.omtrdc.net/api/v1/sessions', null, { method: 'OPTIONS', rawBody: null, status: 204 })]));
    const html = mci(['report', a, b]);
    assert.equal(html.status, 0, show(html));
    assert.equal(summaryRow(html.stdout, 'Other requests'), '6', '3 + 2 + a CORS preflight');
    const json = mci(['report', a, b, '--format', 'json']);
    assert.equal((JSON.parse(json.stdout) as { summary: { ignored: number } }).summary.ignored, 6);
    assert.match(mci(['check', a, b]).stdout, /, 6 other requests ignored: /);
  });

  test('other requests a JSON report counted without keeping them (the panel\'s exports) are shown by report and check', () => {
    const exchanges = exchangesOf([...abandonDuringMidroll(SID3), entry('https://cdn.example.com/x.ts', null, { method: 'GET', rawBody: null, status: 200 })]);
    const text = renderReport('json', exchanges, {}, 'DevTools capture, all sessions', NOW, { ignoredNotKept: 41 });
    const doc = JSON.parse(text) as { summary: { ignored: number; ignoredNotKept: number } };
    assert.ok(validateReport(doc), ajv.errorsText(validateReport.errors));
    assert.deepEqual([doc.summary.ignored, doc.summary.ignoredNotKept], [42, 41], 'one among the exchanges, 41 not kept');
    const file = join(TMP, 'panel.mci.json');
    writeFileSync(file, text);

    const html = mci(['report', file]);
    assert.equal(html.status, 0, show(html));
    assert.equal(summaryRow(html.stdout, 'Other requests'), '42');
    const back = JSON.parse(mci(['report', file, '--format', 'json']).stdout) as { summary: { ignored: number; ignoredNotKept: number } };
    assert.deepEqual([back.summary.ignored, back.summary.ignoredNotKept], [42, 41]);
    assert.match(mci(['check', file]).stdout, /, 42 other requests ignored: /);
    const check = JSON.parse(mci(['check', file, '--format', 'json']).stdout) as { summary: { ignored: number } };
    assert.equal(check.summary.ignored, 42);
    // With a HAR beside it, the HAR's own other requests add up.
    const withHar = mci(['report', file, writeJson('c.har', har([entry('https://cdn.example.com/y.ts', null, { method: 'GET', rawBody: null, status: 200 })]))]);
    assert.equal(summaryRow(withHar.stdout, 'Other requests'), '43');
  });
});

/* ------------------------------------------------------------------------------------------ */
/* In Chromium: the anchors work                                                                */
/* ------------------------------------------------------------------------------------------ */

describe('HTML report in Chromium: anchors', () => {
  test('opening report.html#<anchor> of an index row shows that session\'s section at the top', async () => {
    const exchanges = exchangesOf(threeSessions());
    const analysis = analyse(exchanges);
    const html = renderReport('html', exchanges, {}, 'three.har', NOW);
    const file = join(TMP, 'anchors.html');
    writeFileSync(file, html);
    const rows = indexRows(html);
    assert.equal(rows.length, 3);

    const browser = await launchChromium();
    try {
      for (const [i, row] of rows.entries()) {
        const page = await browser.newPage();
        await page.setViewport({ width: 1200, height: 700 });
        await page.goto(`${pathToFileURL(file).href}#${row.anchor}`, { waitUntil: 'load' });
        const seen = await page.evaluate(() => {
          const target = document.querySelector(':target');
          const max = document.documentElement.scrollHeight - window.innerHeight;
          return {
            id: target?.id ?? null,
            heading: target?.querySelector('h2')?.textContent ?? null,
            top: target ? target.getBoundingClientRect().top : null,
            scrollY: window.scrollY,
            atBottom: Math.abs(window.scrollY - max) < 2,
          };
        });
        const sid = (worstFirstOf(analysis)[i] as SessionReport).sid;
        assert.equal(seen.id, row.anchor, `#${row.anchor} targets its section`);
        assert.equal(seen.heading, `Session ${sid}`, 'the section of the session the index names');
        assert.ok(seen.top !== null && (Math.abs(seen.top) < 2 || seen.atBottom), `the section is scrolled to the top: ${JSON.stringify(seen)}`);
        assert.ok(seen.scrollY > 0, `the page scrolled to it: ${JSON.stringify(seen)}`);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });
});

/**
 * The HTML report says what was captured, not what a string makes it say:
 *
 * - bidi controls and other invisible characters are shown as styled escapes, never written raw,
 *   so one U+202E in an event type no longer turns the status 410 into "014" and every finding
 *   code after it backwards; right-to-left text is isolated (`<span dir="auto">`) so it cannot
 *   pull the status next to it either. Checked in the source, then in Chromium by where each
 *   character is drawn (with a control: the old markup, measured the same way, reads backwards);
 * - long values are cut with the whole value one click away (<details>), and a 1 MB URL, a
 *   300 KB sid and a 1 MB name do not make the page wider than the window;
 * - the report is made as chunks, never as one string of the whole report.
 */
import { after as afterAll, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Analyser, analyse } from '../../src/core/analysis/analyser.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import { htmlChunks, toHtml } from '../../src/core/report/html-report.ts';
import { readRecording } from '../../src/core/report/read-recording.ts';
import { renderReport, renderReportChunks } from '../../src/core/report/render-report.ts';
import type { SessionTimeline } from '../../src/core/session/timeline.ts';
import { entry, ev, eventEntry, har, HOST, SID, sessionStartBody, sessionsEntry, T0 } from '../helpers/har-builder.ts';
import { launchChromium } from '../browser/chromium.ts';

const NOW = new Date('2026-11-03T12:00:00.000Z');
const TMP = mkdtempSync(join(tmpdir(), 'mci-html-captured-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const RLO = '\u202E';
const HEBREW_TYPE = 'נגן';
const HEBREW_NAME = 'שלום עולם';

type Entry = Record<string, unknown>;

function exchangesOf(entries: readonly Entry[]): Exchange[] {
  return readRecording(JSON.stringify(har([...entries])), 'x.har').exchanges;
}

/** A session whose two calls after the start were refused with 410: one names `play‮`, one a Hebrew event. */
function bidiEntries(): Entry[] {
  return [
    sessionsEntry(sessionStartBody(T0, { 'media.name': HEBREW_NAME }), SID, { at: 20 }),
    eventEntry(SID, ev(`play${RLO}`, 0, T0 + 1000), { at: 1020, status: 410 }),
    eventEntry(SID, ev(HEBREW_TYPE, 1, T0 + 2000), { at: 2020, status: 410 }),
  ];
}

const DECODE: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function textOf(fragment: string): string {
  return fragment.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => DECODE[e] as string);
}

function summaryOf(html: string, index: number): string {
  const m = new RegExp(`<details><summary>#${index} · ([\\s\\S]*?)</summary>`).exec(html);
  assert.ok(m, `the summary of request #${index}`);
  return m[1] as string;
}

describe('bidi and invisible characters in the HTML source', () => {
  const exchanges = exchangesOf(bidiEntries());
  const analysis = analyse(exchanges);
  const html = renderReport('html', exchanges, {}, `capture${RLO}.har`, NOW);

  test('no bidi control from the data is written raw anywhere', () => {
    assert.doesNotMatch(html, /[\u202A-\u202E\u2066\u2067\u200E\u200F\u061C]/, 'a raw bidi control');
    // The report's own isolates (FSI … PDI, in tooltips) come in pairs.
    assert.equal((html.match(/\u2068/g) ?? []).length, (html.match(/\u2069/g) ?? []).length);
  });

  test('the event type shows its U+202E as a styled escape; the status cell reads exactly 410, then the codes in order', () => {
    const summary = summaryOf(html, 1);
    assert.ok(summary.includes(`play<span class="esc">\\u202E</span> · 410 `), summary);
    const codes = analysis.findings.filter((f) => f.exchange === 1).map((f) => f.code);
    assert.ok(codes.includes('body.invisible-characters') && codes.includes('http.session-gone'), `control: ${codes.join(', ')}`);
    const m = /^\S+ · \S+ · play\\u202E · (\d+) ([a-z.\- ]+)$/.exec(textOf(summary).trim());
    assert.ok(m, textOf(summary));
    assert.equal(m[1], '410');
    assert.deepEqual((m[2] as string).split(' '), codes);
  });

  test('the findings table and the session heading show the escape; the source line too', () => {
    const label = /<td class="req"><a href="#request-1">#1<\/a> ([^<]*(?:<span class="esc">[^<]*<\/span>[^<]*)*)<\/td>/.exec(html)?.[1];
    assert.equal(label, 'play<span class="esc">\\u202E</span>');
    assert.ok(html.includes(`<p>capture<span class="esc">\\u202E</span>.har · created`));
    assert.ok(html.includes('<title>Media Collection report · capture\\u202E.har</title>'));
  });

  test('right-to-left text sits in an isolate: the event type, the media name, their tooltips', () => {
    assert.ok(summaryOf(html, 2).includes(`<span dir="auto">${HEBREW_TYPE}</span> · 410 `));
    assert.ok(html.includes(`<span dir="auto">${HEBREW_NAME}</span>`));
    assert.ok(html.includes(`#2 \u2068${HEBREW_TYPE}\u2069 at `), 'the timeline tick names it inside FSI … PDI');
  });

  test('the finding names the field', () => {
    const f = analysis.findings.find((x) => x.exchange === 1 && x.code === 'body.invisible-characters');
    assert.equal(f?.pointer, '/eventType');
    assert.ok(html.includes('<br><code>/eventType</code>'));
  });
});

/** A character's place: its line (top) and its left edge. */
interface At {
  x: number;
  y: number;
}

/** Where each character of `needle` (its first occurrence in the element's text) is drawn. */
function drawnAt(el: Element, needle: string): At[] | null {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const nodes: [Text, number][] = [];
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push([n as Text, text.length]);
    text += (n as Text).data;
  }
  const at = text.indexOf(needle);
  if (at < 0) return null;
  const out: At[] = [];
  for (let k = at; k < at + needle.length; k++) {
    const [node, start] = nodes.filter(([, s]) => s <= k).pop() as [Text, number];
    const r = document.createRange();
    r.setStart(node, k - start);
    r.setEnd(node, k - start + 1);
    const rect = r.getBoundingClientRect();
    out.push({ x: rect.x, y: Math.round(rect.y) });
  }
  return out;
}

interface Drawn {
  status: At[] | null;
  label: At[];
  codes: (At[] | null)[];
}

/** `b` comes after `a` in reading order: on a later line, or further right on the same one (an escape's own font sits a pixel or two lower). */
function after(a: At, b: At): boolean {
  return b.y > a.y + 6 || (Math.abs(b.y - a.y) <= 6 && b.x > a.x);
}

describe('bidi in Chromium: what is drawn where', () => {
  test('410 reads 410, right of the event type, and every finding code reads forwards; the old markup read backwards', async () => {
    const exchanges = exchangesOf(bidiEntries());
    const analysis = analyse(exchanges);
    const file = join(TMP, 'bidi.html');
    writeFileSync(file, renderReport('html', exchanges, {}, 'bidi.har', NOW));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      // drawnAt is defined once in the page (Playwright evaluates the expression; the report's CSP does not apply to it).
      await page.evaluate(`globalThis.drawnAt = ${drawnAt.toString()}`);
      const measure = async (index: number, label: string, codes: string[]): Promise<Drawn> => page.evaluate(([i, lbl, cs]: [number, string, string[]]) => {
        const at = (globalThis as unknown as { drawnAt: (el: Element, needle: string) => At[] | null }).drawnAt;
        const summary = Array.from(document.querySelectorAll('summary')).find((s) => (s.textContent ?? '').startsWith(`#${i} · `)) as Element;
        return { status: at(summary, '410'), label: at(summary, lbl) ?? [], codes: cs.map((c) => at(summary, c)) };
      }, [index, label, codes] as [number, string, string[]]);
      const codesOf = (i: number) => analysis.findings.filter((f) => f.exchange === i).map((f) => f.code);
      const show = (xs: At[]) => xs.map((a) => `${a.x.toFixed(0)}@${a.y}`).join(' ');
      const forwards = (xs: At[] | null, what: string) => {
        assert.ok(xs, `${what} is drawn`);
        for (let k = 1; k < xs.length; k++) assert.ok(after(xs[k - 1] as At, xs[k] as At), `${what} reads forwards: ${show(xs)}`);
      };
      for (const [i, label] of [[1, 'play\\u202E'], [2, HEBREW_TYPE]] as const) {
        const d = await measure(i, label, codesOf(i));
        forwards(d.status, `#${i}: the status`);
        for (const c of d.label) assert.ok(after(c, (d.status as At[])[0] as At), `#${i}: the status is drawn after the event type (${show(d.label)} / ${show(d.status ?? [])})`);
        d.codes.forEach((xs, k) => forwards(xs, `#${i}: ${codesOf(i)[k]}`));
        for (let k = 1; k < d.codes.length; k++) assert.ok(after(d.codes[k - 1]?.[0] as At, d.codes[k]?.[0] as At), `#${i}: the codes in order`);
      }

      // Control: the markup of the old report (the raw control, no isolate), measured the same way.
      await page.setContent(`<details><summary>#1 · t · s · play${RLO} · 410 <span>http.session-gone</span></summary></details><details><summary>#2 · t · s · ${HEBREW_TYPE} · 410 x</summary></details>`);
      const old1 = await measure(1, 'play', ['http.session-gone']);
      assert.ok(!after(old1.status?.[0] as At, old1.status?.[2] as At), `control: the old markup drew 410 as 014 (${show(old1.status ?? [])})`);
      const old2 = await measure(2, HEBREW_TYPE, []);
      assert.ok(!after(old2.label[0] as At, old2.status?.[0] as At), 'control: the old markup drew 410 before a Hebrew event type');
      await page.close();
    } finally {
      await browser.close();
    }
  });
});

describe('long values', () => {
  const longUrl = `${HOST}/api/v1/sessions/${SID}/events?q=${'u'.repeat(1_000_000)}`;
  const longSid = `s${'i'.repeat(300_000)}`;
  const longName = `N${'n'.repeat(1_000_000)}`;
  const entries: Entry[] = [
    sessionsEntry(sessionStartBody(T0, { 'media.name': longName }), SID, { at: 20 }),
    entry(longUrl, ev('play', 0, T0 + 1000), { at: 1020 }),
    eventEntry(longSid, ev('play', 0, T0 + 2000), { at: 2020 }),
  ];
  const exchanges = exchangesOf(entries);
  const html = renderReport('html', exchanges, {}, 'long.har', NOW);

  test('a long URL: its first 2,000 characters, the rest one click away (up to 200,000), never in a <p>', () => {
    assert.ok(html.includes(`<div><details class="cut"><summary><code>POST ${HOST}`), 'the URL is the summary of a <details>');
    assert.ok(html.includes(`<code>POST ${longUrl.slice(0, 2000 - 5)}<span class="note">… (${(longUrl.length + 5 - 2000).toLocaleString('en')} more characters)</span></code></summary>`));
    assert.ok(html.includes(`<code>POST ${longUrl.slice(0, 200_000 - 5)}<span class="note">`), 'the whole value, up to 200,000 characters, inside');
    assert.ok(!html.includes(`<p><code>POST ${longUrl.slice(0, 100)}`), 'no <details> in a <p>');
  });

  test('a long sid: cut in its heading and index, whole one click away; a long name cut where it is shown', () => {
    assert.ok(html.includes(`<h2>Session <code>${longSid.slice(0, 2000)}<span class="note">… (${(longSid.length - 2000).toLocaleString('en')} more characters)</span></code></h2>\n<div><details class="cut">`));
    assert.ok(html.includes(`title="${longSid.slice(0, 2000)}… (${(longSid.length - 2000).toLocaleString('en')} more characters)"`), 'the sid tooltip is cut');
    assert.ok(!html.includes(longName.slice(0, 200_001)), 'the name is not written whole');
    assert.ok(html.length < 3_000_000, `the report stays small: ${html.length}`);
  });

  test('in Chromium the page is no wider than the window, every <details> open', async () => {
    const file = join(TMP, 'long.html');
    writeFileSync(file, html);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1200, height: 800 });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const widths = await page.evaluate(() => {
        document.querySelectorAll('details').forEach((d) => {
          d.open = true;
        });
        return { page: document.documentElement.scrollWidth, window: window.innerWidth };
      });
      assert.ok(widths.page <= widths.window, `the page is ${widths.page} px wide in a ${widths.window} px window`);
      await page.close();
    } finally {
      await browser.close();
    }
  });
});

describe('the HTML report as chunks', () => {
  test('chunks of about 64 KB, never the whole report in one; joined, the report', () => {
    const entries: Entry[] = [sessionsEntry(sessionStartBody(T0), SID, { at: 20 })];
    for (let i = 1; i < 600; i++) entries.push(eventEntry(SID, ev('ping', i * 10, T0 + i * 10_000), { at: i * 10_000 + 20 }));
    const exchanges = exchangesOf(entries);
    const analyser = new Analyser({}).addAll(exchanges);
    const analysis = analyser.result();
    const timelines = new Map<string, SessionTimeline>();
    for (const s of analysis.sessions) timelines.set(s.sid, analyser.timeline(s.sid) as SessionTimeline);
    const input = { exchanges, analysis, timelines, source: 'big.har', createdAt: NOW };
    const chunks = [...htmlChunks(input)];
    const whole = toHtml(input);
    assert.ok(chunks.length > 5, `${chunks.length} chunks of a ${whole.length}-character report`);
    assert.equal(chunks.join(''), whole);
    // A chunk closes once it reaches 64 KB: it holds whole parts (a line, a section, a request).
    for (const c of chunks.slice(0, -1)) assert.ok(c.length >= 64 * 1024 && c.length < whole.length / 2, `a chunk of ${c.length}`);
    const rendered = renderReportChunks('html', exchanges, {}, 'big.har', NOW);
    assert.notEqual(typeof rendered, 'string', 'renderReportChunks hands the HTML out in chunks');
    assert.equal([...rendered].join(''), renderReport('html', exchanges, {}, 'big.har', NOW));
  });
});

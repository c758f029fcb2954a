/**
 * The HTML report as a ticket needs it: sessions worst first (index and sections), every `#n` of
 * a finding (its text and the request column) a same-page link to that request and no other link,
 * the settings as a table of names and values, a timeline with a time axis (whole seconds, or m:ss
 * for long sessions; labels that do not overlap), a legend, and every failed call as a red marker
 * with its status; and the whole page readable in a 700-px window (Chromium and Firefox): nothing
 * wider than the window but a <pre>, which scrolls on its own.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { analyse } from '../../src/core/analysis/analyser.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import { readRecording } from '../../src/core/report/read-recording.ts';
import { renderReport } from '../../src/core/report/render-report.ts';
import { label, timelineSvg } from '../../src/core/report/timeline-svg.ts';
import { ev, eventEntry, har, SID, SID2, T0 } from '../helpers/har-builder.ts';
import { brokenSequence, interleave, SessionBuilder, SID3 } from '../helpers/session-scenarios.ts';
import { cleanVod } from '../helpers/scenarios.ts';
import { announceVersion, launchChromium } from '../browser/chromium.ts';
import { launchFirefox } from '../browser/devtools-firefox.ts';

const NOW = new Date('2026-11-03T12:00:00.000Z');
const TMP = mkdtempSync(join(tmpdir(), 'mci-html-ticket-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

type Entry = Record<string, unknown>;

function exchangesOf(entries: readonly Entry[]): Exchange[] {
  return readRecording(JSON.stringify(har([...entries])), 'x.har').exchanges;
}

/** 30 minutes of main content, pinged every 10 s, a 500 in the middle; a 404 at the end. */
function longSession(): Entry[] {
  const b = new SessionBuilder(SID3, T0);
  b.open({ 'media.length': 3600 });
  b.send('play', 0, 1000);
  for (let t = 11_000; t <= 1_800_000; t += 10_000) b.send('ping', (t - 1000) / 1000, t, {}, t === 901_000 ? { status: 500 } : {});
  b.send('ping', 1800, 1_810_000, {}, { status: 404 });
  return b.entries;
}

/** A clean session first, then the broken sequence (an orphan ad, a late ping, a 410 after sessionEnd), then the long one. */
function recording(): Exchange[] {
  return exchangesOf(interleave(cleanVod(SID), brokenSequence(SID2, T0 + 2000), longSession()).entries);
}

const exchanges = recording();
const analysis = analyse(exchanges);
const html = renderReport('html', exchanges, { customEndpoints: ['https://collect.example.com/api/v1'] }, 'ticket.har', NOW);

/** The sections' sids, in document order. */
function sectionSids(text: string): string[] {
  return [...text.matchAll(/<div class="session" id="session-([^"]+)">/g)].map((m) => m[1] as string);
}

/** The timeline SVG of a session's section. */
function svgOf(sid: string): string {
  const at = html.indexOf(`<div class="session" id="session-${sid}">`);
  return /<svg class="timeline"[\s\S]*?<\/svg>/.exec(html.slice(at))?.[0] ?? '';
}

describe('HTML report for a ticket: order and links', () => {
  test('sessions worst first, in the index and in the sections: errors, warnings, clean', () => {
    const rank = (sid: string) => {
      const own = analysis.findings.filter((f) => f.sid === sid);
      return own.some((f) => f.severity === 'error') ? 0 : own.some((f) => f.severity === 'warning') ? 1 : 2;
    };
    const sids = sectionSids(html);
    assert.equal(sids.length, 3);
    assert.equal(sids[sids.length - 1], SID, 'the clean session, first recorded, comes last');
    assert.deepEqual(sids.map(rank), [...sids.map(rank)].sort(), 'ranks never go down');
    const index = [...html.matchAll(/<tr data-anchor="session-([^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(index, sids, 'the index in the same order');
  });

  test('#n in a finding\'s text links to that request; the request column too; no other link', () => {
    const afterEnd = analysis.findings.find((f) => f.code === 'session.after-end');
    const closing = /at #(\d+)\)/.exec(afterEnd?.message ?? '')?.[1];
    assert.ok(closing, `control: session.after-end names the sessionEnd's request: ${afterEnd?.message}`);
    assert.ok(html.includes(`(at <a href="#request-${closing}">#${closing}</a>)`), 'the text links to it');
    assert.ok(html.includes(`<div id="request-${closing}">`), 'to a section of the report');
    assert.ok(html.includes(`<td class="req"><a href="#request-${afterEnd?.exchange}">#${afterEnd?.exchange}</a> `), 'the request column links too');
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    for (const m of html.matchAll(/<a ([^>]*)>/g)) {
      const href = /^href="#([A-Za-z0-9_-]+)"$/.exec(m[1] as string)?.[1];
      assert.ok(href && ids.has(href), `only same-page links to an anchor of the report: <a ${m[1]}>`);
    }
  });

  test('a #n that names no request of the report, or is part of a word, stays text', () => {
    const b = new SessionBuilder(SID, T0);
    b.open();
    b.send('play', 0, 1000);
    b.send('x#1 #999', 1, 2000); // an unknown event type: its name is quoted in the finding's message
    const report = renderReport('html', exchangesOf(b.entries), {}, 'x.har', NOW);
    assert.match(report, /eventType &quot;x#1 #999&quot; is not an event/);
  });
});

describe('HTML report for a ticket: settings', () => {
  test('a table of names and values, not JSON; a changed one says so', () => {
    assert.doesNotMatch(html, /adPingCadence|\{&quot;/, 'no raw JSON of the settings');
    const table = /<h3>Settings<\/h3>\n<table class="settings">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    const rows = [...table.matchAll(/<tr><th>([^<]*)<\/th><td>([\s\S]*?)<\/td><\/tr>/g)].map((m) => [m[1], (m[2] as string).replace(/<[^>]*>/g, '')]);
    assert.deepEqual(rows, [
      ['ad ping cadence', 'either (1 s or 10 s)'],
      ['main ping interval', 'auto'],
      ['ping tolerance', '2 s'],
      ['clock skew tolerance', '5 min'],
      ['playhead tolerance', '2 s'],
      ['custom endpoints', 'https://collect.example.com/api/v1 (changed from the default)'],
      ['keep sensitive headers', 'no'],
    ]);
  });
});

describe('HTML report for a ticket: the timeline', () => {
  const axisLabels = (svg: string) => [...svg.matchAll(/<text x="([\d.-]+)" y="[\d.]+" class="lbl axis">([^<]*)<\/text>/g)].map((m) => ({ x: Number(m[1]), text: m[2] as string }));

  test('axis labels: whole seconds for a short session, m:ss for a 30-minute one; never +1800.000 s', () => {
    const short = axisLabels(svgOf(SID2));
    assert.ok(short.length >= 3, JSON.stringify(short));
    for (const l of short) assert.match(l.text, /^\d+ s$/);
    const long = axisLabels(svgOf(SID3));
    assert.ok(long.length >= 3, JSON.stringify(long));
    for (const l of long) assert.match(l.text, /^\d+:\d\d$/);
    assert.ok(long.some((l) => l.text === '30:00' || l.text === '25:00'), JSON.stringify(long));
    assert.doesNotMatch(html, /class="lbl axis">[^<]*\.\d/);
    assert.equal(label(3725, true), '1:02:05');
    assert.equal(label(65, true), '1:05');
    assert.equal(label(35, false), '35 s');
  });

  test('labels left to right with room between them (about 7 units a character at the 11-unit font)', () => {
    for (const sid of [SID, SID2, SID3]) {
      const ls = axisLabels(svgOf(sid));
      for (let i = 1; i < ls.length; i++) {
        const prev = ls[i - 1] as { x: number; text: string };
        assert.ok((ls[i] as { x: number }).x > prev.x + prev.text.length * 6.8, `${sid}: ${JSON.stringify(ls)}`);
      }
    }
  });

  test('a hostile span (ts up to 1e300 ms, or no end) draws a handful of ticks at once, never one per day', () => {
    for (const end of [8.64e15, 1e300, Infinity]) {
      const started = performance.now();
      const svg = timelineSvg({ sid: 's', start: 0, end, playback: [], ads: [], chapters: [], states: [], marks: [] }, []);
      assert.ok(performance.now() - started < 200, `${end}: ${performance.now() - started} ms`);
      assert.ok((svg.match(/class="tick"/g) ?? []).length <= 20, `${end}: ticks`);
    }
  });

  test('failed calls are red markers with their status; the legend names lanes and marks', () => {
    const long = svgOf(SID3);
    const failed = [...long.matchAll(/<line [^>]*stroke="#d93025" stroke-width="2.5" class="failed">/g)];
    assert.equal(failed.length, 2, 'the 500 and the 404');
    const statuses = [...long.matchAll(/class="status" fill="#d93025">(\d+|no reply)</g)].map((m) => m[1]);
    assert.deepEqual(statuses, ['500', '404']);
    const gone = svgOf(SID2);
    assert.deepEqual([...gone.matchAll(/class="status" fill="#d93025">(\d+|no reply)</g)].map((m) => m[1]), ['410']);
    for (const name of ['playing', 'paused', 'ad break', 'orphan ad', 'chapter', 'event', 'ping', 'failed call, its status', 'error', 'warning']) {
      assert.ok(long.includes(`class="lbl">${name}</text>`), `legend: ${name}`);
    }
    assert.doesNotMatch(svgOf(SID), /class="failed"/, 'a clean session has no failed marker');
  });
});

/**
 * What a browser says of the report in a window `width` px wide, every <details> open. Firefox ESR
 * 140's WebDriver BiDi cannot set a viewport (no emulation.setScreenOrientationOverride, which
 * puppeteer's setViewport sends), so there the report is the whole of an <iframe> that wide.
 */
async function layoutAt(browser: Browser, width: number, viaFrame = false): Promise<{ scrollWidth: number; inner: number; wide: string[]; overlaps: string[]; split: string[]; statusFill: string | null }> {
  const file = join(TMP, 'ticket.html');
  writeFileSync(file, html);
  const page = await browser.newPage();
  try {
    let target: Pick<Page, 'evaluate'> = page;
    if (viaFrame) {
      const wrapper = join(TMP, 'frame.html');
      writeFileSync(wrapper, `<!doctype html><body style="margin:0"><iframe src="${pathToFileURL(file).href}" style="width:${width}px;height:900px;border:0"></iframe></body>`);
      await page.goto(pathToFileURL(wrapper).href, { waitUntil: 'load' });
      const frame = page.frames().find((f) => f.url().endsWith('/ticket.html'));
      assert.ok(frame, 'the report in its frame');
      target = frame;
    } else {
      await page.setViewport({ width, height: 900 });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    }
    return await target.evaluate(() => {
      document.querySelectorAll('details').forEach((d) => {
        d.open = true;
      });
      const inner = document.documentElement.clientWidth;
      // Every element outside a <pre> ends inside the window.
      const wide = Array.from(document.body.querySelectorAll('*'))
        .filter((el) => !el.closest('pre') && el.getBoundingClientRect().right > inner + 0.5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} right ${Math.round(el.getBoundingClientRect().right)}`);
      const overlaps: string[] = [];
      for (const svg of Array.from(document.querySelectorAll('svg.timeline'))) {
        const boxes = Array.from(svg.querySelectorAll('text.axis')).map((t) => t.getBoundingClientRect());
        for (let i = 1; i < boxes.length; i++) {
          if ((boxes[i] as DOMRect).left < (boxes[i - 1] as DOMRect).right) overlaps.push(`${svg.getAttribute('aria-label')}: label ${i}`);
        }
      }
      // Words of our own (column headings, severities, states) are never cut in two ("warnin|g").
      const split: string[] = [];
      for (const el of Array.from(document.querySelectorAll('th, td.sev, td.words'))) {
        for (const word of (el.textContent ?? '').split(/\s+/).filter((w) => w.length > 1)) {
          const node = Array.from(el.childNodes).find((n) => n.nodeType === 3 && (n.textContent ?? '').includes(word)) ?? el.querySelector('code')?.firstChild;
          if (!node || !(node.textContent ?? '').includes(word)) continue;
          const range = document.createRange();
          const at = (node.textContent as string).indexOf(word);
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          if (new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size > 1) split.push(word);
        }
      }
      const status = document.querySelector('svg.timeline text.status');
      return { scrollWidth: document.documentElement.scrollWidth, inner, wide: wide.slice(0, 10), overlaps, split: [...new Set(split)], statusFill: status ? getComputedStyle(status).fill : null };
    });
  } finally {
    await page.close();
  }
}

function assertReadable(l: Awaited<ReturnType<typeof layoutAt>>, what: string): void {
  assert.ok(l.scrollWidth <= l.inner, `${what}: the page is ${l.scrollWidth} px wide in ${l.inner} px`);
  assert.deepEqual(l.wide, [], `${what}: elements wider than the window`);
  assert.deepEqual(l.overlaps, [], `${what}: axis labels overlap`);
  assert.deepEqual(l.split, [], `${what}: words of the report's own cut across lines`);
  assert.equal(l.statusFill, 'rgb(217, 48, 37)', `${what}: a failed call's status is red`);
}

describe('HTML report for a ticket: readable at 700 px', () => {
  test('Chromium: no horizontal scroll at 700 px (nor at 1200), axis labels apart, statuses red', async () => {
    const browser = await launchChromium();
    try {
      await announceVersion(browser);
      assertReadable(await layoutAt(browser, 700), 'Chromium 700 px');
      assertReadable(await layoutAt(browser, 1200), 'Chromium 1200 px');
    } finally {
      await browser.close();
    }
  });

  test('Firefox: the same at 700 px', async () => {
    const browser = await launchFirefox();
    try {
      console.log(`# ${await browser.version()}`);
      const l = await layoutAt(browser, 700, true);
      assert.ok(l.inner > 600 && l.inner <= 700, `control: the frame is about 700 px wide (${l.inner})`);
      assertReadable(l, 'Firefox 700 px');
    } finally {
      await browser.close();
    }
  });
});

describe('HTML report for a ticket: a sid Adobe never knew', () => {
  test('its title and state say so in the index and its section; no "start not captured"', () => {
    const entries = [1, 2].map((n) => eventEntry(SID, ev('ping', 10 * n, T0 + 10_000 * n), { at: 10_000 * n + 20, status: 404 }));
    const report = renderReport('html', exchangesOf(entries), {}, 'lost.har', NOW);
    assert.match(report, /<td><a href="#session-[^"]+">sid unknown to Adobe \(404\)<\/a><\/td>/);
    assert.match(report, /<td class="words">unknown to Adobe, nothing recorded<\/td>/);
    assert.match(report, /<p>sid unknown to Adobe \(404\) · unknown to Adobe, nothing recorded<\/p>/);
    assert.doesNotMatch(report, /start not captured|open, playing|session\.open-at-end/);
  });
});

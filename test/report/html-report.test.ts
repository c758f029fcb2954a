/**
 * The HTML report is one self-contained, script-free file that is safe to open whatever the
 * captured traffic held: no <script> anywhere, a Content-Security-Policy that forbids scripts,
 * nothing loaded from anywhere, and every captured string (bodies, URLs, sids, headers, replies)
 * escaped. Checked on the source with a small strict tokenizer, then in headless Chromium:
 * no script or image element, hostile strings shown as text, no dialog, one inline SVG timeline
 * per session. A screenshot goes to test-output/report-html.png.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyse, type AnalysisResult } from '../../src/core/analysis/analyser.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import { readRecording } from '../../src/core/report/read-recording.ts';
import { renderReport } from '../../src/core/report/render-report.ts';
import { entry, ev, eventEntry, har, HOST, SID, sessionStartBody, sessionsEntry, T0 } from '../helpers/har-builder.ts';
import { launchChromium } from '../browser/chromium.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(ROOT, 'test/fixtures');
const OUTPUT = join(ROOT, 'test-output');
const NOW = new Date('2026-11-03T12:00:00.000Z');

const TMP = mkdtempSync(join(tmpdir(), 'mci-html-report-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

/* ------------------------------------------------------------------------------------------ */
/* Hostile traffic                                                                              */
/* ------------------------------------------------------------------------------------------ */

const HOSTILE = {
  script: '<script>alert(1)</script>',
  style: '</style><script>x</script>',
  img: '"><img src=x onerror=alert(1)>',
  js: 'javascript:alert(1)',
  cdata: ']]>',
  comment: '<!--',
} as const;
const BAD_SID = '<b>bold</b>';

type Entry = Record<string, unknown>;

function hostileEntries(): Entry[] {
  const start = sessionStartBody(T0, { 'media.name': HOSTILE.script, 'media.id': HOSTILE.js, 'media.playerName': HOSTILE.img });
  start.customMetadata = { note: `${HOSTILE.style} ${HOSTILE.cdata} ${HOSTILE.comment}`, link: HOSTILE.js };
  const badSid = encodeURIComponent(BAD_SID); // %3Cb%3Ebold%3C%2Fb%3E
  return [
    sessionsEntry(start, SID, { at: 20 }),
    eventEntry(SID, ev('play', 0, T0 + 1000), { at: 1020 }),
    // an unknown event type with the same ts as the play: its raw name lands in findings and labels
    eventEntry(SID, ev(HOSTILE.img, 1, T0 + 1000), { at: 2020 }),
    // a body that is not JSON
    eventEntry(SID, null, { rawBody: `${HOSTILE.script}${HOSTILE.style}`, at: 3020 }),
    // a hostile URL (query)
    entry(`${HOST}/api/v1/sessions/${SID}/events?q=${HOSTILE.img}&next=${HOSTILE.js}&c=${HOSTILE.comment}`, ev('ping', 10, T0 + 11000), { at: 11020 }),
    // a hostile reply: body and header
    eventEntry(SID, ev('ping', 20, T0 + 21000), {
      at: 21020, status: 400,
      responseBody: JSON.stringify({ message: `${HOSTILE.comment} ${HOSTILE.cdata} ${HOSTILE.script}` }),
      responseHeaders: [{ name: 'X-Debug', value: HOSTILE.img }],
    }),
    eventEntry(SID, ev('sessionEnd', 22, T0 + 22000), { at: 22020 }),
    // a session whose sid (percent-encoded in the URL) holds markup
    eventEntry(badSid, ev('play', 0, T0 + 30000), { at: 30020 }),
    eventEntry(badSid, ev('ping', 10, T0 + 40000), { at: 40020 }),
    eventEntry(badSid, ev('ping', 20, T0 + 50000, { params: { [HOSTILE.comment]: HOSTILE.script } }), { at: 50020 }),
  ];
}

function fixtureEntries(file: string): Entry[] {
  return (JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as { log: { entries: Entry[] } }).log.entries;
}

function exchangesOf(entries: readonly Entry[]): Exchange[] {
  return readRecording(JSON.stringify(har([...entries])), 'hostile.har').exchanges;
}

const FIXTURE_FILES = readdirSync(FIXTURES).filter((f) => f.endsWith('.har')).sort();

/* ------------------------------------------------------------------------------------------ */
/* A small strict HTML tokenizer                                                                */
/* ------------------------------------------------------------------------------------------ */

interface Tag {
  kind: 'start' | 'end';
  name: string;
  attrs: [string, string][];
  selfClosing: boolean;
  offset: number;
}

interface Tokens {
  tags: Tag[];
  /** All text content (style text excluded), entities decoded, in document order. */
  text: string;
  styleText: string;
}

const ENTITY = /^&(?:(amp|lt|gt|quot|apos);|#(\d+);|#x([0-9a-fA-F]+);)/;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric references; any other `&` is a raw, unescaped one. */
function decode(s: string, where: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c !== '&') {
      out += c;
      continue;
    }
    const m = ENTITY.exec(s.slice(i));
    assert.ok(m, `${where}: a raw "&" not part of an entity: …${s.slice(Math.max(0, i - 30), i + 30)}…`);
    out += m[1] ? NAMED[m[1]] : String.fromCodePoint(m[2] ? Number(m[2]) : parseInt(m[3] as string, 16));
    i += m[0].length - 1;
  }
  return out;
}

const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'=<>/`]+(?:\s*=\s*(?:"[^"<]*"|'[^'<]*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/;
const ATTR = /([^\s"'=<>/`]+)(?:\s*=\s*(?:"([^"<]*)"|'([^'<]*)'|([^\s"'=<>`]+)))?/g;

/** Every `<` must start a well-formed tag (or the doctype); anything else fails the test. */
function tokenize(html: string): Tokens {
  const tags: Tag[] = [];
  let text = '';
  let styleText = '';
  let i = 0;
  const doctype = /^<!doctype html>/i.exec(html);
  assert.ok(doctype, 'the report starts with <!doctype html>');
  i = doctype[0].length;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const chunk = html.slice(i, lt === -1 ? html.length : lt);
    assert.ok(!chunk.includes('>'), `a raw ">" in text: …${chunk.slice(0, 80)}…`);
    text += decode(chunk, 'text');
    if (lt === -1) break;
    const m = TAG.exec(html.slice(lt, lt + 100_000));
    assert.ok(m, `a "<" that does not start a tag (unescaped markup?): …${html.slice(lt, lt + 80)}…`);
    const name = (m[2] as string).toLowerCase();
    const attrs: [string, string][] = [];
    for (const a of (m[3] ?? '').matchAll(ATTR)) attrs.push([(a[1] as string).toLowerCase(), decode(a[2] ?? a[3] ?? a[4] ?? '', `attribute ${a[1]}`)]);
    tags.push({ kind: m[1] ? 'end' : 'start', name, attrs, selfClosing: m[4] === '/', offset: lt });
    i = lt + m[0].length;
    if (!m[1] && (name === 'style' || name === 'script' || name === 'textarea' || name === 'title')) {
      const close = html.toLowerCase().indexOf(`</${name}`, i);
      assert.ok(close !== -1, `<${name}> is never closed`);
      const raw = html.slice(i, close);
      assert.ok(!raw.includes('<'), `a "<" inside <${name}>: …${raw.slice(0, 80)}…`);
      if (name === 'style') styleText += raw;
      else text += decode(raw, name);
      i = close;
    }
  }
  return { tags, text, styleText };
}

const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link', 'wbr', 'col', 'area', 'base', 'embed', 'source', 'track']);
const ALLOWED_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div', 'span', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  'code', 'pre', 'details', 'summary', 'ul', 'ol', 'li', 'br', 'em', 'strong', 'small', 'a',
  'svg', 'g', 'text', 'tspan', 'rect', 'line', 'circle', 'path', 'polyline', 'title',
]);
const URL_ATTRS = new Set(['src', 'href', 'xlink:href', 'srcset', 'action', 'formaction', 'poster', 'data', 'background', 'ping', 'cite', 'longdesc', 'manifest', 'codebase']);

/** Tags balance (void elements aside) and nest under one html, head and body. */
function assertBalanced(tags: readonly Tag[]): void {
  const stack: string[] = [];
  for (const t of tags) {
    if (t.kind === 'start') {
      if (!VOID.has(t.name) && !t.selfClosing) stack.push(t.name);
      continue;
    }
    const open = stack.pop();
    assert.equal(open, t.name, `</${t.name}> closes <${open}> (offset ${t.offset})`);
  }
  assert.deepEqual(stack, [], 'every element is closed');
  for (const name of ['html', 'head', 'body']) assert.equal(tags.filter((t) => t.kind === 'start' && t.name === name).length, 1, `one <${name}>`);
}

function cspOf(tags: readonly Tag[]): Map<string, string[]> {
  const metas = tags.filter((t) => t.kind === 'start' && t.name === 'meta' && t.attrs.some(([k, v]) => k === 'http-equiv' && v.toLowerCase() === 'content-security-policy'));
  assert.equal(metas.length, 1, 'one <meta http-equiv="Content-Security-Policy">');
  const meta = metas[0] as Tag;
  const bodyAt = tags.find((t) => t.name === 'body')?.offset ?? Infinity;
  const styleAt = tags.find((t) => t.name === 'style')?.offset ?? Infinity;
  assert.ok(meta.offset < bodyAt && meta.offset < styleAt, 'the CSP comes before any content');
  const content = meta.attrs.find(([k]) => k === 'content')?.[1] ?? '';
  const directives = new Map<string, string[]>();
  for (const part of content.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values.map((v) => v.toLowerCase()));
  }
  return directives;
}

/** Checks that hold for every HTML report, whatever it holds. */
function assertSafeAndSelfContained(html: string, what: string): Tokens {
  assert.doesNotMatch(html, /<script/i, `${what}: "<script" in the source`);
  assert.doesNotMatch(html, /<!--/, `${what}: an HTML comment (or raw "<!--") in the source`);
  const tokens = tokenize(html);
  assertBalanced(tokens.tags);

  const csp = cspOf(tokens.tags);
  assert.deepEqual(csp.get('default-src'), ["'none'"], `${what}: default-src 'none'`);
  for (const d of ['script-src', 'script-src-elem', 'script-src-attr', 'worker-src', 'frame-src', 'connect-src', 'object-src']) {
    const v = csp.get(d);
    assert.ok(v === undefined || (v.length === 1 && v[0] === "'none'"), `${what}: ${d} must not allow anything, is ${v?.join(' ')}`);
  }
  for (const [d, values] of csp) {
    for (const v of values) {
      assert.ok(!/^(https?:|\*|'unsafe-eval'|'strict-dynamic')/.test(v) || d === 'style-src', `${what}: CSP ${d} allows ${v}`);
      if (d !== 'style-src') assert.notEqual(v, "'unsafe-inline'", `${what}: ${d} 'unsafe-inline'`);
    }
  }

  for (const t of tokens.tags) {
    assert.ok(ALLOWED_TAGS.has(t.name), `${what}: unexpected element <${t.name}>`);
    for (const [k, v] of t.attrs) {
      assert.ok(!k.startsWith('on'), `${what}: event handler attribute ${k} on <${t.name}>`);
      // The only link allowed is the session index's, to an anchor of the same page.
      if (t.name === 'a') assert.ok(k !== 'href' || /^#[A-Za-z0-9_-]+$/.test(v), `${what}: <a ${k}="${v}"> is not a same-page link`);
      else if (URL_ATTRS.has(k)) assert.match(v.trim(), /^data:/i, `${what}: <${t.name} ${k}="${v}"> loads something that is not data:`);
      if (k === 'style') assert.doesNotMatch(v, /url\(\s*['"]?(?!data:)/i, `${what}: style attribute loads a URL`);
      assert.doesNotMatch(v, /^\s*(javascript|vbscript):/i, `${what}: <${t.name} ${k}> holds a script URL`);
    }
  }
  assert.doesNotMatch(tokens.styleText, /@import|url\(\s*['"]?(?!data:)/i, `${what}: the style sheet loads something`);
  return tokens;
}

/* ------------------------------------------------------------------------------------------ */
/* Source checks                                                                                */
/* ------------------------------------------------------------------------------------------ */

describe('HTML report source', () => {
  for (const file of FIXTURE_FILES) {
    test(`${file}: no script, a CSP that forbids scripts, one self-contained file`, () => {
      const exchanges = readRecording(readFileSync(join(FIXTURES, file), 'utf8'), file).exchanges;
      const html = renderReport('html', exchanges, {}, file, NOW);
      const tokens = assertSafeAndSelfContained(html, file);
      const analysis = analyse(exchanges);
      for (const s of analysis.sessions) assert.ok(tokens.text.includes(s.sid), `${file}: session ${s.sid} named`);
      const svgs = tokens.tags.filter((t) => t.kind === 'start' && t.name === 'svg');
      assert.equal(svgs.length, analysis.sessions.length, `${file}: one inline SVG timeline per session`);
    });
  }

  test('the tokenizer catches unescaped markup (control)', () => {
    const ok = renderReport('html', exchangesOf(fixtureEntries('vod-clean.har')), {}, 'x', NOW);
    assert.throws(() => assertSafeAndSelfContained(ok.replace('</h1>', '</h1><img src=x onerror=alert(1)>'), 'bad'));
    assert.throws(() => assertSafeAndSelfContained(ok.replace('</h1>', '</h1><a href="https://example.com/x">x</a>'), 'bad'));
    assert.throws(() => assertSafeAndSelfContained(ok.replace('</h1>', '</h1>a < b'), 'bad'));
    assert.throws(() => assertSafeAndSelfContained(ok.replace("default-src &apos;none&apos;", "default-src *"), 'bad'));
    assert.throws(() => assertSafeAndSelfContained(ok.replace('</h1>', '</h1><p>1 & 2</p>'), 'bad'));
  });

  test('hostile strings from bodies, URLs, replies and sids appear only escaped', () => {
    const exchanges = exchangesOf(hostileEntries());
    const html = renderReport('html', exchanges, {}, `capture ${HOSTILE.script}.har`, NOW);
    const tokens = assertSafeAndSelfContained(html, 'hostile report');
    for (const [name, h] of Object.entries(HOSTILE)) {
      if (/[<>"]/.test(h)) assert.ok(!html.includes(h), `${name}: ${JSON.stringify(h)} appears raw in the source`);
      assert.ok(tokens.text.includes(h), `${name}: ${JSON.stringify(h)} is not shown as text`);
    }
    assert.ok(!html.includes(BAD_SID), 'the sid with markup appears raw');
    assert.ok(!/<b[\s>]/i.test(html), 'a <b> element in the source');
    assert.ok(tokens.text.includes(`Session ${BAD_SID}`), 'the sid is shown, escaped, in its session heading');
    // javascript: only ever as text, never in an attribute
    for (const t of tokens.tags) for (const [k, v] of t.attrs) assert.ok(!v.includes('javascript:') || k === 'aria-label', `javascript: in ${t.name}[${k}]`);
  });
});

/* ------------------------------------------------------------------------------------------ */
/* In Chromium                                                                                  */
/* ------------------------------------------------------------------------------------------ */

interface DomReport {
  scripts: number;
  images: number;
  bold: number;
  otherActive: number;
  foreignLinks: number;
  handlers: string[];
  timelines: { label: string | null; rects: number; circles: number }[];
  text: string;
  title: string;
}

describe('HTML report in Chromium', () => {
  test('renders hostile traffic as text: no script, no image, no dialog; one SVG timeline per session', async () => {
    const entries = [...fixtureEntries('broken-sequence.har'), ...hostileEntries()];
    const exchanges = exchangesOf(entries);
    const analysis: AnalysisResult = analyse(exchanges);
    assert.equal(analysis.sessions.length, 3, 'control: three sessions');
    const html = renderReport('html', exchanges, {}, 'broken-sequence.har + hostile.har', NOW);
    const file = join(TMP, 'report.html');
    writeFileSync(file, html);

    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(`${d.type()}: ${d.message()}`);
        void d.dismiss();
      });
      const requests: string[] = [];
      page.on('request', (r) => {
        if (r.url() !== pathToFileURL(file).href) requests.push(r.url());
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await new Promise((r) => setTimeout(r, 300));

      mkdirSync(OUTPUT, { recursive: true });
      await page.screenshot({ path: join(OUTPUT, 'report-html.png'), fullPage: true });

      const dom = await page.evaluate((): DomReport => {
        document.querySelectorAll('details').forEach((d) => {
          d.open = true;
        });
        const handlers: string[] = [];
        for (const el of Array.from(document.querySelectorAll('*'))) {
          for (const a of Array.from(el.attributes)) if (a.name.toLowerCase().startsWith('on')) handlers.push(`${el.tagName}[${a.name}]`);
        }
        return {
          scripts: document.querySelectorAll('script').length,
          images: document.querySelectorAll('img, image').length,
          bold: document.querySelectorAll('b').length,
          otherActive: document.querySelectorAll('iframe, object, embed, link, base, form, input, foreignObject, use').length,
          // The session index's links, each to an anchor of this page (never anything else).
          foreignLinks: Array.from(document.querySelectorAll('a')).filter((a) => !/^#[A-Za-z0-9_-]+$/.test(a.getAttribute('href') ?? '') || !document.getElementById((a.getAttribute('href') ?? '').slice(1))).length,
          handlers,
          timelines: Array.from(document.querySelectorAll('svg')).map((svg) => ({
            label: svg.getAttribute('aria-label'),
            rects: svg.querySelectorAll('rect').length,
            circles: svg.querySelectorAll('circle').length,
          })),
          text: document.body.innerText,
          title: document.title,
        };
      });

      assert.equal(dom.scripts, 0, 'no <script> element');
      assert.equal(dom.images, 0, 'no <img> element');
      assert.equal(dom.bold, 0, 'the sid did not become a <b> element');
      assert.equal(dom.otherActive, 0, 'no frame, object or form');
      assert.equal(dom.foreignLinks, 0, 'every link goes to an anchor of this page');
      assert.deepEqual(dom.handlers, [], 'no event handler attribute');
      assert.deepEqual(dialogs, [], 'no dialog opened');
      assert.deepEqual(requests, [], 'the report loads nothing');

      for (const [name, h] of Object.entries(HOSTILE)) assert.ok(dom.text.includes(h), `${name}: ${JSON.stringify(h)} is not shown as text`);
      assert.ok(dom.text.includes(BAD_SID), 'the sid with markup is shown as text');
      assert.ok(dom.title.startsWith('Media Collection report'), dom.title);

      assert.equal(dom.timelines.length, analysis.sessions.length, 'one inline SVG timeline per session');
      for (const s of analysis.sessions) {
        const svg = dom.timelines.find((t) => t.label === `timeline of session ${s.sid}`);
        assert.ok(svg, `no timeline for session ${s.sid}`);
        assert.ok(svg.rects > 0, `timeline of ${s.sid} has no rect`);
        const timed = analysis.findings.filter((f) => f.sid === s.sid && f.time !== null).length;
        assert.ok(timed > 0, `control: session ${s.sid} has findings`);
        assert.equal(svg.circles, timed, `timeline of ${s.sid}: one circle per finding with a time`);
      }

      // The CSP is in force: a script injected into the page does not run.
      const injected = await page.evaluate(() => new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(`blocked by ${e.effectiveDirective}`));
        const s = document.createElement('script');
        s.textContent = 'window.__mciRan = true';
        document.body.append(s);
        setTimeout(() => resolve((window as unknown as { __mciRan?: boolean }).__mciRan ? 'ran' : 'did not run'), 500);
      }));
      assert.match(injected, /^blocked by script-src/, `an injected inline script: ${injected}`);
      await page.close();

      // Control: the same checks do see an unescaped payload in a page without the report's protections.
      const control = await browser.newPage();
      let controlDialogs = 0;
      control.on('dialog', (d) => {
        controlDialogs++;
        void d.dismiss();
      });
      await control.setContent(`<p>${HOSTILE.img}</p>`, { waitUntil: 'load' });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await control.evaluate(() => document.querySelectorAll('img').length), 1, 'control: the payload makes an <img>');
      assert.equal(controlDialogs, 1, 'control: the dialog listener sees alert()');
      await control.close();
    } finally {
      await browser.close();
    }
  });
});

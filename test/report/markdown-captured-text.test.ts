/**
 * The Markdown summary in a GitHub ticket shows what was captured and nothing more: no captured
 * URL, e-mail, @mention, #reference or :emoji: becomes live (each sits in a code span, where
 * github.com looks for none), no markup, bidi and invisible characters shown as escapes, long
 * values cut; and a 300 KB id made of backticks neither overflows the stack nor floods the ticket.
 * Read back with markdown-reader.ts (what GitHub shows; the text outside code spans).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse } from '../../src/core/analysis/analyser.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import { readRecording } from '../../src/core/report/read-recording.ts';
import { renderReport } from '../../src/core/report/render-report.ts';
import { mdCode, mdLineStart, mdText } from '../../src/core/report/markdown-text.ts';
import { ev, eventEntry, har, SID, sessionStartBody, sessionsEntry, T0 } from '../helpers/har-builder.ts';
import { LIVE, liveMarkup, readInline, unescapedMarkup } from './markdown-reader.ts';

type Entry = Record<string, unknown>;

function exchangesOf(entries: readonly Entry[]): Exchange[] {
  return readRecording(JSON.stringify(har([...entries])), 'x.har').exchanges;
}

/** Every line of the summary, outside its code spans: no live text, no unescaped markup. */
function assertInert(md: string): void {
  // The first line is the summary's own heading.
  for (const line of md.split('\n').slice(1)) {
    const inTable = line.startsWith('| ');
    const r = readInline(line, inTable);
    r.outside.forEach((text) => assert.doesNotMatch(text, LIVE, `live text outside code in: ${line.slice(0, 300)}`));
    // The summary's own markup: the bold session heading and the table's cell separators.
    // The summary's own markup: the bold session heading, the bold "Fix:" before each fix.
    const runs = r.rawOutside.map((x) => x.replace(/^\*\*Session |\*\* · /g, '').replace(/ \*\*Fix:\*\* /g, ' Fix: ').replace(/^### /, ''));
    runs[runs.length - 1] = (runs[runs.length - 1] as string).replace(/\*\*$/, '');
    // Markup GitHub would act on (a stray `_` inside a word, a `.` or `(` is not markup, and is not escaped).
    assert.deepEqual(liveMarkup(runs), [], `unescaped markup in: ${line.slice(0, 300)}`);
    assert.doesNotMatch(line, /^(#|[-+=] |\d+[.)] |>)/, `a captured string starts a block: ${line.slice(0, 80)}`);
  }
}

const LIVE_STRINGS = [
  'https://evil.example/x?a=1', 'http://a.b', 'www.example.com', 'ftp://files.example', 'mailto:x@y.z', 'someone@example.com',
  '@octocat', '@acme/team', '#123', 'GH-42', 'acme/repo#7', '(#5)', ':smile:', 'see:https://x.y', '<https://x.y>',
];

describe('Markdown: nothing links, mentions or references', () => {
  test('mdText puts each live word in a code span, whatever punctuation is around it', () => {
    for (const s of LIVE_STRINGS) {
      const md = mdText(`before ${s} after`, { table: true });
      const r = readInline(md, true);
      assert.equal(r.text, `before ${s} after`, `${s}: shown as captured (${md})`);
      for (const t of r.outside) assert.doesNotMatch(t, LIVE, `${s}: live outside code in ${md}`);
    }
  });

  test('markup is escaped: emphasis, strikethrough, math, entities, links, HTML, pipes', () => {
    const s = '*em* _em_ ~~del~~ $x$ &copy; [l](u) ![i](u) <b>t</b> a|b \\ `c`';
    const md = mdText(s, { table: true });
    assert.equal(readInline(md, true).text, s);
    assert.deepEqual(unescapedMarkup(md.replace(/\\\|/g, ''), '<>*_[]~$&`'), []);
  });

  test('a line that starts with a captured string starts no heading, list or quote', () => {
    for (const s of ['# title', '- item', '+ item', '1. item', '2) item', '= rule', '> quote']) {
      const md = mdLineStart(s);
      assert.equal(readInline(md).text, s);
      assert.doesNotMatch(md, /^(#|[-+=] |\d+[.)] |>)/, md);
    }
  });

  test('the summary of a recording full of them: every line inert, every string still shown', () => {
    const name = `Film ${LIVE_STRINGS.join(' ')}`;
    const start = sessionStartBody(T0, { 'media.name': name, 'media.id': 'id @octocat #9', 'media.playerName': 'www.player.example' });
    const entries = [
      sessionsEntry(start, SID, { at: 20 }),
      eventEntry(SID, ev('play', 0, T0 + 1000), { at: 1020 }),
      eventEntry(SID, ev('https://evil.example/@octocat#12', 1, T0 + 1000), { at: 2020 }),
      eventEntry(encodeURIComponent('@octocat#99 https://x.y'), ev('play', 0, T0 + 3000), { at: 3020 }),
    ];
    const md = renderReport('md', exchangesOf(entries), {}, '#1 @octocat https://files.example/a.har');
    assertInert(md);
    const shown = md.split('\n').map((l) => readInline(l, l.startsWith('| ')).text).join('\n');
    for (const s of LIVE_STRINGS) assert.ok(shown.includes(s), `${s} is shown`);
    assert.ok(shown.includes('https://evil.example/@octocat#12'), 'the event type is shown');
    assert.ok(shown.includes('**Session @octocat#99 https://x.y**') || md.includes('`@octocat#99 https://x.y`'), 'the sid is shown');
  });

  test('the request numbers of the table are code spans too: GitHub would link #4 to issue 4', () => {
    const entries = [sessionsEntry(sessionStartBody(T0), SID, { at: 20 }), eventEntry(SID, ev('bogus', 0, T0 + 1000), { at: 1020 })];
    const md = renderReport('md', exchangesOf(entries), {}, 'x.har');
    assert.match(md, /^\| \+1\.000 s \| `#1` bogus · `POST …\/events → 204` \| error \| `schema\.unknown-event-type` \|/m);
    assertInert(md);
  });
});

describe('Markdown: invisible characters and long values', () => {
  test('bidi controls and zero-width characters are shown as escapes', () => {
    const entries = [
      sessionsEntry(sessionStartBody(T0, { 'media.name': `Fi\u200Blm` }), SID, { at: 20 }),
      eventEntry(SID, ev('play\u202E', 0, T0 + 1000), { at: 1020, status: 410 }),
    ];
    const md = renderReport('md', exchangesOf(entries), {}, 'x.har');
    assert.doesNotMatch(md, /[\u202A-\u202E\u200B]/, 'no raw control in the summary');
    const shown = md.split('\n').map((l) => readInline(l, l.startsWith('| ')).text).join('\n');
    assert.ok(shown.includes('Fi\\u200Blm'), 'the name');
    assert.ok(shown.includes('#1 play\\u202E |') || shown.includes('#1 play\\u202E'), 'the event type');
    assert.match(md, /`body\.invisible-characters`/);
    // `\u` is text in Markdown (a backslash escapes only punctuation): no second backslash.
    assert.match(md, /`#1` play\\u202E · `POST …\/events → 410` \| error \| `http\.session-gone`/, 'the row reads in order');
  });

  test('a 300 KB id of backticks: no stack overflow, cut in the ticket, fenced safely', () => {
    const ticks = '`'.repeat(300_000);
    const entries = [
      sessionsEntry(sessionStartBody(T0, { 'media.id': ticks, 'media.name': `x${ticks}` }), SID, { at: 20 }),
      eventEntry(encodeURIComponent(ticks), ev('play', 0, T0 + 1000), { at: 1020 }),
      eventEntry(encodeURIComponent(ticks), ev(ticks, 1, T0 + 2000), { at: 2020 }),
    ];
    const exchanges = exchangesOf(entries);
    assert.ok(analyse(exchanges).sessions.some((s) => s.sid === ticks), 'control: a session whose sid is 300,000 backticks');
    const started = performance.now();
    const md = renderReport('md', exchanges, {}, 'ticks.har');
    assert.ok(performance.now() - started < 2000, 'quick');
    assert.ok(md.length < 20_000, `the summary stays short: ${md.length} characters`);
    assert.ok(md.includes('… (299,700 more characters)'), 'the cut says how much is left out');
    const heading = md.split('\n').find((l) => l.startsWith('**Session ``'));
    assert.ok(heading, 'the sid heading, fenced by more backticks than the cut sid holds');
    const r = readInline(heading);
    assert.ok(r.text.startsWith(`**Session ${'`'.repeat(300)}… (299,700 more characters)`), r.text.slice(0, 40));
    assertInert(md);
  });

  test('mdCode fences any run of backticks, and is linear', () => {
    for (const s of ['`', '``a``', 'a`b', ' x ', '`'.repeat(50)]) assert.equal(readInline(mdCode(s, { max: 1000 })).text, s, s);
    const started = performance.now();
    mdCode('`a'.repeat(500_000), { max: 1_000_000 });
    assert.ok(performance.now() - started < 1000);
  });
});

/**
 * JUnit XML for CI: well-formed XML 1.0 (checked with a small strict parser written here, not
 * the code under test), one <testcase> per session plus one for calls outside any session when
 * there are any, one <failure> per error finding with type = its code, warnings and info in
 * <system-out>, consistent tests/failures counts, and characters XML 1.0 forbids (control
 * characters, lone surrogates, U+FFFE/U+FFFF) from captured strings replaced so the file stays valid.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse } from '../../src/core/analysis/analyser.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import type { Finding } from '../../src/core/findings/finding.ts';
import { buildCheckResult, type CheckResult } from '../../src/core/report/check-result.ts';
import { toJUnit } from '../../src/core/report/junit.ts';
import { readRecording } from '../../src/core/report/read-recording.ts';
import { ev, eventEntry, har, SID, SID2, sessionStartBody, sessionsEntry, T0 } from '../helpers/har-builder.ts';
import { downloadedEntry } from '../helpers/more-builders.ts';
import { brokenSequence, interleave, notRestarted404, SessionBuilder, SID3, SID4, vodWithAds } from '../helpers/session-scenarios.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(ROOT, 'test/fixtures');
const FIXTURE_FILES = readdirSync(FIXTURES).filter((f) => f.endsWith('.har')).sort();

type Entry = Record<string, unknown>;

/* ------------------------------------------------------------------------------------------ */
/* A strict XML 1.0 parser (elements, attributes, text, CDATA, comments, predefined entities)   */
/* ------------------------------------------------------------------------------------------ */

interface XmlElement {
  name: string;
  attrs: Map<string, string>;
  children: XmlElement[];
  /** Text content directly inside this element (entities decoded). */
  text: string;
}

class XmlSyntaxError extends Error {}

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function parseXml(input: string): XmlElement {
  const fail = (msg: string, at: number): never => {
    throw new XmlSyntaxError(`${msg} at offset ${at}: …${JSON.stringify(input.slice(Math.max(0, at - 40), at + 40))}…`);
  };
  // Every character must be a Char of XML 1.0 (a lone surrogate is a code point of its own here).
  let offset = 0;
  for (const ch of input) {
    const cp = ch.codePointAt(0) as number;
    if (!isXmlChar(cp)) fail(`character U+${cp.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML 1.0`, offset);
    offset += ch.length;
  }
  const xml = input.replace(/\r\n?/g, '\n');
  let i = 0;
  const NAME = /[A-Za-z_:][A-Za-z0-9_:.-]*/y;
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(xml);
    if (!m) return fail('a name expected', i);
    i += m[0].length;
    return m[0];
  };
  const ws = () => {
    while (i < xml.length && ' \t\n'.includes(xml[i] as string)) i++;
  };
  const decode = (raw: string, at: number, attribute: boolean): string => {
    let out = '';
    for (let k = 0; k < raw.length; k++) {
      const c = raw[k] as string;
      if (c === '<') fail('"<" in character data or an attribute value', at + k);
      if (c !== '&') {
        out += attribute && (c === '\n' || c === '\t') ? ' ' : c;
        continue;
      }
      const m = /^&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/.exec(raw.slice(k));
      if (!m) return fail('"&" that is not a predefined entity or a character reference', at + k);
      if (m[1]) out += ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[m[1]];
      else {
        const cp = m[2] ? Number(m[2]) : parseInt(m[3] as string, 16);
        if (!isXmlChar(cp)) fail(`a character reference to U+${cp.toString(16)}, not allowed in XML 1.0`, at + k);
        out += String.fromCodePoint(cp);
      }
      k += m[0].length - 1;
    }
    return out;
  };
  const misc = () => {
    for (;;) {
      ws();
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i + 4);
        if (end === -1) fail('an unterminated comment', i);
        if (xml.slice(i + 4, end).includes('--')) fail('"--" inside a comment', i);
        i = end + 3;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (xml[i] !== '<') fail('"<" expected', i);
    i++;
    const el: XmlElement = { name: name(), attrs: new Map(), children: [], text: '' };
    for (;;) {
      const before = i;
      ws();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('white space expected between attributes', i);
      const an = name();
      ws();
      if (xml[i] !== '=') fail('"=" expected', i);
      i++;
      ws();
      const q = xml[i];
      if (q !== '"' && q !== "'") return fail('a quoted attribute value expected', i);
      const end = xml.indexOf(q, i + 1);
      if (end === -1) fail('an unterminated attribute value', i);
      if (el.attrs.has(an)) fail(`duplicate attribute ${an}`, i);
      el.attrs.set(an, decode(xml.slice(i + 1, end), i + 1, true));
      i = end + 1;
    }
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt === -1) fail(`<${el.name}> is never closed`, i);
      const chunk = xml.slice(i, lt);
      if (chunk.includes(']]>')) fail('"]]>" in character data', i + chunk.indexOf(']]>'));
      el.text += decode(chunk, i, false);
      i = lt;
      if (xml.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`, i);
        ws();
        if (xml[i] !== '>') fail('">" expected', i);
        i++;
        return el;
      }
      if (xml.startsWith('<![CDATA[', i)) {
        const end = xml.indexOf(']]>', i);
        if (end === -1) fail('an unterminated CDATA section', i);
        el.text += xml.slice(i + 9, end);
        i = end + 3;
      } else if (xml.startsWith('<!--', i)) misc();
      else if (xml.startsWith('<?', i) || xml.startsWith('<!', i)) fail('a processing instruction or declaration inside an element', i);
      else el.children.push(element());
    }
  };

  const decl = /^<\?xml\s+version="1\.[0-9]+"(?:\s+encoding="[A-Za-z][A-Za-z0-9._-]*")?(?:\s+standalone="(?:yes|no)")?\s*\?>/.exec(xml);
  if (decl) i = decl[0].length;
  misc();
  const root = element();
  misc();
  if (i !== xml.length) fail('content after the root element', i);
  return root;
}

/* ------------------------------------------------------------------------------------------ */
/* Expectations                                                                                 */
/* ------------------------------------------------------------------------------------------ */

/** What a reader can compare: characters XML forbids are replaced (U+FFFD) or dropped, line ends normalised. */
function comparable(s: string, attribute = false): string {
  let out = '';
  for (const ch of s.replace(/\r\n?/g, '\n')) out += isXmlChar(ch.codePointAt(0) as number) && ch !== '\uFFFD' ? ch : '';
  return attribute ? out.replace(/[\n\t]/g, ' ') : out;
}
const dropReplacement = (s: string) => s.replace(/\uFFFD/g, '');

function num(el: XmlElement, attr: string): number {
  const v = el.attrs.get(attr);
  assert.ok(v !== undefined && /^\d+$/.test(v), `<${el.name}> ${attr}="${v}" is not a count`);
  return Number(v);
}

function checkResultOf(exchanges: Exchange[], file: string): CheckResult {
  return buildCheckResult([{ file, creator: null, firstIndex: 0, entries: exchanges.length }], analyse(exchanges));
}

/** Parses the JUnit of `result` and checks it against the findings, computed independently. */
function assertJUnit(result: CheckResult): XmlElement {
  const xml = toJUnit(result);
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/);
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    return assert.fail(`not well-formed XML 1.0: ${(e as Error).message}`);
  }
  assert.equal(root.name, 'testsuites');
  const suites = root.children.filter((c) => c.name === 'testsuite');
  assert.ok(suites.length >= 1, 'a <testsuite>');
  const cases = suites.flatMap((s) => s.children.filter((c) => c.name === 'testcase'));

  // One test case per session, plus one for calls outside any session when there are any.
  const loose = result.exchanges.some((r) => r.sid === null) || result.findings.some((f) => f.sid === null);
  assert.equal(cases.length, result.sessions.length + (loose ? 1 : 0), `test cases: ${cases.map((c) => c.attrs.get('name')).join(', ')}`);
  const sessionCases = new Map<string, XmlElement>();
  for (const s of result.sessions) {
    const want = dropReplacement(comparable(s.sid, true));
    const found = cases.filter((c) => dropReplacement(c.attrs.get('name') ?? '').includes(want));
    assert.equal(found.length, 1, `one test case names session ${JSON.stringify(s.sid)}`);
    sessionCases.set(s.sid, found[0] as XmlElement);
  }
  const others = cases.filter((c) => ![...sessionCases.values()].includes(c));
  assert.equal(others.length, loose ? 1 : 0, 'a test case for calls outside any session exactly when there are some');

  const groups: [XmlElement, Finding[]][] = [
    ...result.sessions.map((s): [XmlElement, Finding[]] => [sessionCases.get(s.sid) as XmlElement, result.findings.filter((f) => f.sid === s.sid)]),
    ...others.map((c): [XmlElement, Finding[]] => [c, result.findings.filter((f) => f.sid === null)]),
  ];
  let failedCases = 0;
  let failureElements = 0;
  for (const [tc, findings] of groups) {
    const name = tc.attrs.get('name');
    assert.ok(name && name.trim(), 'a test case has a name');
    assert.ok(tc.attrs.get('classname'), 'a test case has a classname');
    const failures = tc.children.filter((c) => c.name === 'failure');
    const errors = findings.filter((f) => f.severity === 'error');
    assert.deepEqual(failures.map((f) => f.attrs.get('type')), errors.map((f) => f.code), `${name}: one <failure> per error finding, type = code`);
    failures.forEach((el, k) => {
      const f = errors[k] as Finding;
      const message = dropReplacement(el.attrs.get('message') ?? '');
      assert.ok(message.includes(f.code), `${name}: failure message names the code`);
      assert.ok(message.includes(dropReplacement(comparable(f.message, true))), `${name}: failure message holds the finding's message:\n${message}\n${f.message}`);
      const body = dropReplacement(el.text);
      assert.ok(body.includes(dropReplacement(comparable(f.fix))), `${name}: failure text holds the fix`);
      assert.ok(body.includes(`#${f.exchange}`), `${name}: failure text names the exchange`);
    });
    if (failures.length) failedCases++;
    failureElements += failures.length;
    const out = tc.children.filter((c) => c.name === 'system-out');
    const rest = findings.filter((f) => f.severity !== 'error');
    if (rest.length === 0) assert.equal(out.length, 0, `${name}: no <system-out> without warnings or info`);
    else {
      assert.equal(out.length, 1, `${name}: warnings and info in one <system-out>`);
      const text = dropReplacement((out[0] as XmlElement).text);
      for (const f of rest) {
        assert.ok(text.includes(f.code), `${name}: ${f.code} in <system-out>`);
        assert.ok(text.includes(dropReplacement(comparable(f.message))), `${name}: message of ${f.code} in <system-out>`);
      }
    }
    assert.deepEqual(tc.children.filter((c) => c.name !== 'failure' && c.name !== 'system-out').map((c) => c.name), [], `${name}: unexpected children`);
  }

  assert.equal(failureElements, result.summary.findings.error, 'one <failure> per error finding, in all');
  for (const suite of suites) {
    const own = suite.children.filter((c) => c.name === 'testcase');
    assert.equal(num(suite, 'tests'), own.length, 'testsuite tests = its test cases');
    assert.equal(num(suite, 'failures'), own.filter((c) => c.children.some((x) => x.name === 'failure')).length, 'testsuite failures = its failed test cases');
    if (suite.attrs.has('errors')) assert.equal(num(suite, 'errors'), 0);
    if (suite.attrs.has('skipped')) assert.equal(num(suite, 'skipped'), 0);
  }
  assert.equal(num(root, 'tests'), cases.length, 'testsuites tests = all test cases');
  assert.equal(num(root, 'failures'), failedCases, 'testsuites failures = failed test cases');
  assert.ok(failedCases <= cases.length);
  return root;
}

/* ------------------------------------------------------------------------------------------ */
/* Scenarios                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/** Control characters, lone surrogates, U+FFFE/U+FFFF and markup in the strings the player sent. */
const BAD = 'a\u0001b\u0008c\u000Bd\u001Be\ud800f\udfffg\uFFFEh\uFFFFi<j>&k"l\'m]]>n';

function hostile(): Entry[] {
  const b = new SessionBuilder(SID, T0);
  b.open({ 'media.name': BAD });
  b.send('play', 0, 1000);
  b.send(`type${BAD}`, 1, 1000); // unknown event type, same ts as the play: raw in ts.duplicate (warning)
  b.send('ping', 10, 11000, { params: { [`key${BAD}`]: 1 } }); // raw in a schema.violation (error) message and pointer
  b.send('sessionEnd', 12, 12000);
  const ctl = encodeURIComponent(`sid\u0001ctl\u001F<x>`); // a sid with control characters, decoded from the URL
  const refused = sessionsEntry(sessionStartBody(T0 + 20000, { 'media.length': 'x' }), null, {
    at: 20020, status: 400, responseBody: JSON.stringify({ message: `rejected ${BAD}` }),
  });
  return [
    ...b.entries,
    eventEntry(ctl, ev('play', 0, T0 + 15000), { at: 15020 }),
    eventEntry(ctl, ev('ping', 10, T0 + 25000, { params: { [`p${BAD}`]: 2 } }), { at: 25020 }),
    refused, // refused sessions call: no sid, a call outside any session
    downloadedEntry([sessionStartBody(T0 + 30000), ev('play', 0, T0 + 31000), ev('sessionComplete', 5, T0 + 36000)], { at: 36020 }),
  ];
}

function exchangesOf(entries: readonly Entry[]): Exchange[] {
  return readRecording(JSON.stringify(har([...entries])), 'junit.har').exchanges;
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                        */
/* ------------------------------------------------------------------------------------------ */

describe('the strict XML checker (control)', () => {
  test('accepts well-formed XML and rejects what XML 1.0 forbids', () => {
    const ok = parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 &amp; &#x41;"><b/>t&lt;<![CDATA[<raw>]]><!-- c --></a>\n');
    assert.equal(ok.attrs.get('x'), '1 & A');
    assert.equal(ok.text, 't<<raw>');
    for (const bad of [
      '<a>\u0001</a>', '<a>\ud800</a>', '<a>\udc00x</a>', '<a>\uFFFF</a>', '<a x="\u0002"/>', '<a>&#1;</a>',
      '<a><b></a></b>', '<a>', '<a></a><b></b>', '<a x="<"/>', '<a x="1" x="2"/>', '<a>]]></a>', '<a>&nbsp;</a>', '<a>&</a>', '<a x=1/>',
    ]) {
      assert.throws(() => parseXml(bad), XmlSyntaxError, `should reject ${JSON.stringify(bad)}`);
    }
  });
});

describe('JUnit XML of the fixtures', () => {
  for (const file of FIXTURE_FILES) {
    test(`${file}: well-formed, one test case per session, one <failure> per error finding`, () => {
      const exchanges = readRecording(readFileSync(join(FIXTURES, file), 'utf8'), file).exchanges;
      const result = checkResultOf(exchanges, file);
      assertJUnit(result);
    });
  }

  test('broken-sequence.har: the failures of the README example', () => {
    const exchanges = readRecording(readFileSync(join(FIXTURES, 'broken-sequence.har'), 'utf8'), 'broken-sequence.har').exchanges;
    const root = assertJUnit(checkResultOf(exchanges, 'broken-sequence.har'));
    const cases = root.children.flatMap((s) => s.children.filter((c) => c.name === 'testcase'));
    assert.equal(cases.length, 1);
    const types = (cases[0] as XmlElement).children.filter((c) => c.name === 'failure').map((c) => c.attrs.get('type'));
    assert.deepEqual([...types].sort(), ['ad.orphan-start', 'http.session-gone', 'session.after-end']);
    assert.equal(root.attrs.get('failures'), '1');
    assert.equal(root.attrs.get('tests'), '1');
  });

  test('vod-clean.har: a clean session is a passing test case', () => {
    const exchanges = readRecording(readFileSync(join(FIXTURES, 'vod-clean.har'), 'utf8'), 'vod-clean.har').exchanges;
    const root = assertJUnit(checkResultOf(exchanges, 'vod-clean.har'));
    assert.equal(root.attrs.get('failures'), '0');
  });
});

describe('JUnit XML of builder scenarios', () => {
  test('interleaved sessions with errors: one test case each, failures counted per case', () => {
    const { entries } = interleave(vodWithAds(SID2), brokenSequence(SID3, T0 + 2000), notRestarted404(SID4, T0 + 4000).entries);
    const result = checkResultOf(exchangesOf(entries), 'interleaved.har');
    assert.equal(result.sessions.length, 3);
    const root = assertJUnit(result);
    assert.ok(num(root, 'failures') >= 2, 'control: two sessions with errors');
  });

  test('calls outside any session get a test case of their own', () => {
    const entries = [
      sessionsEntry(sessionStartBody(T0, { 'media.length': 'x' }), null, { at: 20, status: 400 }),
      sessionsEntry(sessionStartBody(T0 + 1000), null, { at: 1020 }), // 201 without Location
      ...vodWithAds(SID, T0 + 5000),
    ];
    const result = checkResultOf(exchangesOf(entries), 'loose.har');
    assert.ok(result.exchanges.some((r) => r.sid === null), 'control: calls without a sid');
    const root = assertJUnit(result);
    const cases = root.children.flatMap((s) => s.children.filter((c) => c.name === 'testcase'));
    assert.equal(cases.length, 2);
  });

  test('characters XML 1.0 forbids, from captured strings, are replaced and the file stays valid', () => {
    const result = checkResultOf(exchangesOf(hostile()), 'hostile.har');
    // control: the forbidden characters really reach the finding messages and a sid
    const all = [...result.findings.map((f) => `${f.message} ${f.pointer ?? ''}`), ...result.sessions.map((s) => s.sid)].join('\n');
    for (const c of ['\u0001', '\ud800', '\udfff', '\uFFFF', '\u001B']) assert.ok(all.includes(c), `control: ${JSON.stringify(c)} in a captured string`);
    assert.ok(result.findings.some((f) => f.severity === 'error' && f.message.includes('\u0001')), 'control: in an error message');
    assert.ok(result.findings.some((f) => f.severity !== 'error' && f.message.includes('\ud800')), 'control: in a warning message');
    assert.ok(result.sessions.some((s) => s.sid.includes('\u0001')), 'control: in a sid');

    const root = assertJUnit(result);
    const xml = toJUnit(result);
    assert.ok(!xml.includes(']]>'), 'no raw "]]>"');
    // markup from the captured strings is text, not elements
    const names = new Set<string>();
    const walk = (e: XmlElement) => {
      names.add(e.name);
      e.children.forEach(walk);
    };
    walk(root);
    assert.deepEqual([...names].filter((n) => !['testsuites', 'testsuite', 'properties', 'property', 'testcase', 'failure', 'system-out', 'system-err'].includes(n)), []);
  });
});

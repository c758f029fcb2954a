/**
 * End-to-end tests of the `mci` CLI: they run the built bundle dist/cli/mci.mjs with plain node,
 * as a user or a CI job would, and check exit codes, stderr, the JSON contract, JUnit XML, --out
 * and colours. `npm test` builds before testing; alone, run `npm run build` first.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entry, ev, eventEntry, har, HOST, SID, SID2, sessionStartBody, sessionsEntry, T0 } from '../helpers/har-builder.ts';
import { brokenRequests, cleanVod } from '../helpers/scenarios.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = 'dist/cli/mci.mjs';
const CLEAN = 'test/fixtures/vod-clean.har';
const BROKEN = 'test/fixtures/broken-requests.har';
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

assert.ok(existsSync(join(ROOT, CLI)), `${CLI} does not exist: run \`npm run build\` before these tests (\`npm test\` builds first)`);

const TMP = mkdtempSync(join(tmpdir(), 'mci-cli-test-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

const SID3 = 'c'.repeat(56) + '00000003';
const SID4 = 'd'.repeat(56) + '00000004';
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli/mci.mjs ...args` from the project root, without colour settings inherited from the caller. */
function mci(args: string[], env: Record<string, string> = {}): Run {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['FORCE_COLOR', 'NO_COLOR', 'NODE_TEST_CONTEXT']) delete childEnv[k];
  Object.assign(childEnv, env);
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: childEnv, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeTmp(name: string, text: string): string {
  const file = join(TMP, name);
  writeFileSync(file, text);
  return file;
}

function writeHar(name: string, entries: unknown[]): string {
  return writeTmp(name, `${JSON.stringify(har(entries), null, 1)}\n`);
}

const show = (r: Run) => `exit ${r.status}\n--- stdout ---\n${r.stdout.slice(0, 2000)}\n--- stderr ---\n${r.stderr.slice(0, 2000)}`;

// ---------------------------------------------------------------- JSON contract types

interface Row { index: number; input: string; sid: string | null; method: string; url: string; status: number; eventType: string }
interface JFinding { code: string; severity: 'error' | 'warning' | 'info'; message: string; fix: string; exchange: number; sid: string | null }
interface JResult {
  tool: { name: string; version: string };
  inputs: { file: string; firstIndex: number; entries: number }[];
  exchanges: Row[];
  findings: JFinding[];
  summary: { exchanges: number; ignored: number; sessions: number; findings: Record<'error' | 'warning' | 'info', number> };
}

function json(args: string[]): { run: Run; result: JResult } {
  const run = mci(['check', ...args, '--format', 'json']);
  assert.ok(run.status === 0 || run.status === 1, `json run failed:\n${show(run)}`);
  let result: JResult;
  try {
    result = JSON.parse(run.stdout) as JResult;
  } catch (e) {
    assert.fail(`stdout of --format json is not JSON (${String(e)}):\n${show(run)}`);
  }
  return { run, result };
}

// ---------------------------------------------------------------- recordings built for the tests

/** One session with Media Collection calls mixed with other traffic (a poster image, a CORS preflight, another API). */
function mixedEntries(): { entries: Record<string, unknown>[]; mediaCollection: number[]; ignored: number } {
  const e: Record<string, unknown>[] = [
    sessionsEntry(sessionStartBody(), SID3, { at: 20 }),
    entry(`${HOST}/api/v1/sessions/${SID3}/events`, null, { method: 'OPTIONS', rawBody: null, status: 204, resourceType: 'preflight', at: 30 }),
    entry('https://cdn.example.com/poster.jpg', null, { method: 'GET', rawBody: null, status: 200, resourceType: 'image', at: 40 }),
    eventEntry(SID3, ev('play', 0, T0 + 1000), { at: 1020 }),
    eventEntry(SID3, ev('ping', 10, T0 + 11000), { at: 11020 }),
    // recorded later but sent earlier: the report keeps recording order
    eventEntry(SID3, ev('pauseStart', 1, T0 + 500), { at: 520 }),
    eventEntry(SID3, null, { rawBody: null, resourceType: 'ping', at: 12020 }),
    sessionsEntry(sessionStartBody(T0 + 13000), null, { status: 500, at: 13020 }),
    entry('https://api.example.com/v2/track', { event: 'view' }, { status: 200, at: 13500 }),
    eventEntry(SID3, ev('sessionComplete', 20, T0 + 21000), { at: 21020 }),
  ];
  return { entries: e, mediaCollection: [0, 3, 4, 5, 6, 7, 9], ignored: 3 };
}

const NASTY_SID = `x<y>&"z'`;
const NASTY_EVENT = '<pause & "go">';
const NASTY_BODY = `<html><body>Oops & "bad" 'x'</body></html>`;
const NASTY_REPLY = `<error code="x">bad & "worse" 'it' \u0007</error>`;

/** Findings whose messages carry markup, quotes, ampersands and a control character. */
function nastyEntries(): Record<string, unknown>[] {
  return [
    sessionsEntry(sessionStartBody(), SID4, { at: 20 }),
    eventEntry(SID4, ev(NASTY_EVENT, 0, T0 + 1000), { at: 1020 }),
    eventEntry(SID4, null, { rawBody: NASTY_BODY, at: 2020 }),
    eventEntry(SID4, ev('ping', 10, T0 + 3000), { status: 400, responseBody: NASTY_REPLY, at: 3020 }),
    eventEntry(encodeURIComponent(NASTY_SID), ev('play', 0, T0 + 4000), { at: 4020 }),
    eventEntry(encodeURIComponent(NASTY_SID), ev('ping', 10, T0 + 14000), { status: 500, at: 14020 }),
    sessionsEntry(sessionStartBody(T0 + 15000), null, { status: 500, at: 15020 }),
  ];
}

// ---------------------------------------------------------------- tiny XML well-formedness checker

interface XmlEl { name: string; attrs: Record<string, string>; children: XmlEl[]; text: string }

/** Parses XML strictly enough to catch unescaped markup; throws (via assert) on anything malformed. */
function parseXml(xml: string): XmlEl {
  // eslint-disable-next-line no-control-regex
  const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.exec(xml);
  assert.equal(forbidden, null, `XML contains a character XML 1.0 forbids at ${forbidden?.index}`);
  const decode = (s: string, where: string): string => {
    const bad = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(s);
    assert.equal(bad, null, `unescaped "&" in ${where}: ${JSON.stringify(s.slice(0, 120))}`);
    return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, ent: string) =>
      ent === 'amp' ? '&' : ent === 'lt' ? '<' : ent === 'gt' ? '>' : ent === 'quot' ? '"' : ent === 'apos' ? "'"
        : String.fromCodePoint(ent.startsWith('#x') ? parseInt(ent.slice(2), 16) : Number(ent.slice(1))));
  };
  const doc: XmlEl = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlEl[] = [doc];
  const decl = /^<\?xml\s[^?<>]*\?>/.exec(xml);
  assert.ok(decl, 'XML must start with an <?xml ...?> declaration');
  let i = decl[0].length;
  const open = /<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
  const close = /<\/([A-Za-z_][\w.:-]*)\s*>/y;
  const attr = /\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;
  while (i < xml.length) {
    const top = stack[stack.length - 1] as XmlEl;
    if (xml[i] !== '<') {
      const next = xml.indexOf('<', i);
      const text = xml.slice(i, next < 0 ? xml.length : next);
      assert.ok(!text.includes(']]>'), 'text contains "]]>"');
      if (top === doc) assert.equal(text.trim(), '', `text outside the root element: ${JSON.stringify(text.slice(0, 80))}`);
      top.text += decode(text, `text of <${top.name}>`);
      i = next < 0 ? xml.length : next;
      continue;
    }
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      assert.ok(end > 0, 'unterminated comment');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i);
      assert.ok(end > 0, 'unterminated CDATA');
      top.text += xml.slice(i + 9, end);
      i = end + 3;
      continue;
    }
    close.lastIndex = i;
    const c = close.exec(xml);
    if (c) {
      assert.ok(stack.length > 1, `closing tag </${c[1]}> without an open element`);
      assert.equal(c[1], top.name, `</${c[1]}> closes <${top.name}>`);
      stack.pop();
      i = close.lastIndex;
      continue;
    }
    open.lastIndex = i;
    const o = open.exec(xml);
    assert.ok(o, `malformed tag (raw "<" or quote inside an attribute?) at ${i}: ${JSON.stringify(xml.slice(i, i + 160))}`);
    const el: XmlEl = { name: o[1] as string, attrs: {}, children: [], text: '' };
    for (const a of (o[2] ?? '').matchAll(attr)) {
      const name = a[1] as string;
      assert.ok(!(name in el.attrs), `duplicate attribute ${name} on <${el.name}>`);
      el.attrs[name] = decode(a[2] ?? a[3] ?? '', `attribute ${name} of <${el.name}>`);
    }
    if (top === doc) assert.equal(doc.children.length, 0, 'more than one root element');
    top.children.push(el);
    if (o[3] !== '/') stack.push(el);
    i = open.lastIndex;
  }
  assert.equal(stack.length, 1, `unclosed element(s): ${stack.slice(1).map((e) => e.name).join(' > ')}`);
  assert.equal(doc.children.length, 1, 'no root element');
  return doc.children[0] as XmlEl;
}

function all(el: XmlEl, name: string): XmlEl[] {
  return el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);
}

// ---------------------------------------------------------------- exit status

test('exits 0 on the clean recording', () => {
  const r = mci(['check', CLEAN]);
  assert.equal(r.status, 0, show(r));
  assert.equal(r.stderr, '', show(r));
});

test('exits 1 on the broken recording', () => {
  const r = mci(['check', BROKEN]);
  assert.equal(r.status, 1, show(r));
  assert.equal(r.stderr, '', show(r));
});

/** Exit 2, nothing on stdout, exactly one line on stderr and no stack trace. */
function assertUsageError(r: Run, ...mustMention: (string | RegExp)[]): string {
  assert.equal(r.status, 2, `expected exit 2\n${show(r)}`);
  const message = r.stderr.replace(/\n$/, '');
  assert.notEqual(message.trim(), '', `stderr must carry a one-line error message\n${show(r)}`);
  assert.ok(!message.includes('\n'), `stderr must be ONE line, got ${message.split('\n').length}\n${show(r)}`);
  assert.doesNotMatch(r.stderr, /^\s+at\s/m, `stderr carries stack frames\n${show(r)}`);
  assert.doesNotMatch(message, /\b(Type|Reference|Syntax|Range)?Error:/, `stderr leaks an internal exception\n${show(r)}`);
  assert.equal(r.stdout, '', `nothing may be printed on stdout on a usage/input error\n${show(r)}`);
  for (const m of mustMention) {
    if (typeof m === 'string') assert.ok(message.includes(m), `stderr should mention ${JSON.stringify(m)}\n${show(r)}`);
    else assert.match(message, m, `stderr should match ${m}\n${show(r)}`);
  }
  return message;
}

test('usage error: no arguments', () => {
  assertUsageError(mci([]));
});

test('usage error: check without a file', () => {
  assertUsageError(mci(['check']));
});

test('usage error: unknown command', () => {
  assertUsageError(mci(['inspect', CLEAN]), 'inspect');
});

test('usage error: unknown option', () => {
  assertUsageError(mci(['check', CLEAN, '--colour']), '--colour');
});

test('usage error: missing file', () => {
  const missing = join(TMP, 'does-not-exist.har');
  assertUsageError(mci(['check', missing]), missing);
});

test('usage error: a directory instead of a file', () => {
  const dir = join(TMP, 'a-directory.har');
  mkdirSync(dir, { recursive: true });
  assertUsageError(mci(['check', dir]), dir);
});

test('usage error: a HAR truncated inside a string says truncated and names the file', () => {
  const text = readFileSync(join(ROOT, CLEAN), 'utf8');
  const file = writeTmp('cut-mid-string.har', text.slice(0, text.indexOf('"url"') + 30));
  assertUsageError(mci(['check', file]), file, /truncated/i);
});

test('usage error: a HAR truncated between tokens (after an entry, after a number, without its last "}") says truncated', () => {
  const text = readFileSync(join(ROOT, CLEAN), 'utf8');
  // After the first complete entry of log.entries ("},"), right after a numeric value, and a file missing its last "}".
  // (File names avoid the word "truncated" so that only the message itself can satisfy the check.)
  const entriesAt = text.indexOf('"entries"');
  const from = (re: RegExp) => {
    re.lastIndex = entriesAt;
    const m = re.exec(text);
    return m ? m.index + m[0].length : -1;
  };
  const afterEntry = from(/\n\s*\},(?=\s*\{\s*"startedDateTime")/g);
  const afterNumber = from(/"time":\s*\d+(\.\d+)?/g);
  assert.ok(entriesAt > 0 && afterEntry > entriesAt && afterNumber > entriesAt, 'fixture layout changed: cannot find cut points');
  const withoutLastBrace = text.trimEnd().length - 1;
  const problems: string[] = [];
  for (const [name, cut] of [['cut-after-entry.har', afterEntry], ['cut-after-number.har', afterNumber], ['cut-last-brace.har', withoutLastBrace]] as const) {
    const file = writeTmp(name, text.slice(0, cut));
    try {
      assertUsageError(mci(['check', file]), file, /truncated/i);
    } catch (e) {
      problems.push(`${name}: ${e instanceof Error ? e.message.split('\n--- stdout')[0] : String(e)}\n${mci(['check', file]).stderr}`);
    }
  }
  assert.deepEqual(problems, [], `cut points not reported as truncated:\n${problems.join('\n')}`);
});

test('usage error: a file that is not JSON', () => {
  const file = writeTmp('not-json.har', 'this is not a HAR file\nat all\n');
  assertUsageError(mci(['check', file]), file, /not (valid )?JSON|not a HAR/i);
});

test('usage error: a JSON file that is not a HAR', () => {
  const file = writeTmp('not-har.json', JSON.stringify({ hello: 'world', entries: [] }));
  assertUsageError(mci(['check', file]), file, /not a HAR/i);
});

test('usage error: bad --format value', () => {
  assertUsageError(mci(['check', CLEAN, '--format', 'xml']), 'xml');
});

test('usage error: --out into a directory that does not exist', () => {
  const out = join(TMP, 'no-such-dir', 'report.json');
  const r = mci(['check', CLEAN, '--format', 'json', '--out', out]);
  assertUsageError(r, out);
  assert.ok(!existsSync(out));
});

// ---------------------------------------------------------------- --format json

test('--format json: every Media Collection exchange in recording order, other requests counted as ignored', () => {
  const { entries, mediaCollection, ignored } = mixedEntries();
  const file = writeHar('mixed.har', entries);
  const { run, result } = json([file]);
  assert.equal(run.stderr, '', show(run));

  assert.equal(result.exchanges.length, mediaCollection.length, 'one exchange row per Media Collection entry, none dropped');
  assert.deepEqual(result.exchanges.map((r) => r.index), mediaCollection, 'rows are the Media Collection entries, in recording order');
  for (const row of result.exchanges) {
    const e = entries[row.index] as { request: { method: string; url: string; postData?: { text: string } }; response: { status: number } };
    assert.equal(typeof row.index, 'number');
    assert.equal(row.method, e.request.method, `method of #${row.index}`);
    assert.equal(row.url, e.request.url, `url of #${row.index}`);
    assert.equal(row.status, e.response.status, `status of #${row.index}`);
    assert.ok('sid' in row, `row #${row.index} has a sid field`);
    assert.equal(typeof row.eventType, 'string', `eventType of #${row.index}`);
    assert.notEqual(row.eventType, '', `eventType of #${row.index}`);
    const body = e.request.postData ? (JSON.parse(e.request.postData.text) as { eventType?: string }) : null;
    if (body?.eventType) assert.equal(row.eventType, body.eventType, `eventType of #${row.index}`);
  }
  const bySid = (i: number) => result.exchanges.find((r) => r.index === i)?.sid;
  for (const i of [0, 3, 4, 5, 6, 9]) assert.equal(bySid(i), SID3, `sid of #${i}`);
  assert.equal(bySid(7), null, 'a failed sessions call has no sid');

  assert.equal(result.summary.exchanges, mediaCollection.length);
  assert.equal(result.summary.ignored, ignored, 'image, CORS preflight and the other API are ignored');
  assert.equal(result.summary.sessions, 1);
  assert.equal(result.tool.version, PKG.version);
  const codes = result.findings.map((f) => `${f.exchange}:${f.code}`);
  assert.ok(codes.includes('7:http.server-error'), codes.join(', '));
  assert.ok(codes.includes('6:body.unavailable'), codes.join(', '));
  assert.equal(run.status, 1, 'the 500 is an error finding');
});

test('--format json on the broken recording: findings, summary and tool version', () => {
  const { run, result } = json([BROKEN]);
  assert.equal(run.status, 1, show(run));
  assert.equal(result.tool.version, PKG.version);
  assert.equal(typeof result.tool.name, 'string');

  const entries = (JSON.parse(readFileSync(join(ROOT, BROKEN), 'utf8')) as { log: { entries: unknown[] } }).log.entries;
  assert.equal(result.exchanges.length, entries.length, 'every entry of broken-requests.har is a Media Collection call');
  assert.deepEqual(result.exchanges.map((r) => r.index), entries.map((_, i) => i));
  for (const row of result.exchanges) assert.equal(row.sid, SID2);

  const codes = new Set(result.findings.map((f) => f.code));
  for (const code of ['schema.violation', 'schema.unknown-event-type', 'body.not-json', 'http.server-error', 'http.failed',
    'http.session-not-found', 'session.not-restarted', 'qoe.misplaced']) {
    assert.ok(codes.has(code), `finding ${code} expected, got ${[...codes].join(', ')}`);
  }
  const indices = new Set(result.exchanges.map((r) => r.index));
  for (const f of result.findings) {
    assert.equal(typeof f.code, 'string');
    assert.ok(['error', 'warning', 'info'].includes(f.severity), `severity ${f.severity}`);
    assert.ok(typeof f.message === 'string' && f.message.length > 0, `message of ${f.code}`);
    assert.ok(typeof f.fix === 'string' && f.fix.length > 0, `fix of ${f.code}`);
    assert.ok(indices.has(f.exchange), `finding ${f.code} points at exchange #${f.exchange}, which is a row`);
    assert.equal(f.sid, SID2, `sid of ${f.code}`);
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) counts[f.severity]++;
  assert.deepEqual(result.summary.findings, counts, 'summary counts per severity');
  assert.ok(counts.error > 0);
  assert.equal(result.summary.ignored, 0);
  assert.equal(result.summary.sessions, 1);
});

test('--format json on the clean recording: no findings, exit 0', () => {
  const { run, result } = json([CLEAN]);
  assert.equal(run.status, 0, show(run));
  assert.equal(result.exchanges.length, cleanVod(SID).length);
  assert.deepEqual(result.findings, []);
  assert.deepEqual(result.summary.findings, { error: 0, warning: 0, info: 0 });
});

test('several input files: indices unique across files, each row names its input file', () => {
  const { entries, mediaCollection } = mixedEntries();
  const mixed = writeHar('mixed-multi.har', entries);
  const files = [CLEAN, mixed, BROKEN];
  const counts = [cleanVod(SID).length, entries.length, brokenRequests(SID2).length];
  const { run, result } = json(files);
  assert.equal(run.status, 1, show(run));

  assert.equal(result.exchanges.length, counts[0]! + mediaCollection.length + counts[2]!, 'no exchange dropped across files');
  const indices = result.exchanges.map((r) => r.index);
  assert.equal(new Set(indices).size, indices.length, 'indices are unique across files');
  assert.deepEqual(indices, [...indices].sort((a, b) => a - b), 'rows in file order, then recording order');

  assert.deepEqual(result.inputs.map((i) => i.file), files);
  assert.deepEqual(result.inputs.map((i) => i.entries), counts);
  const sidFile: Record<string, string> = { [SID]: CLEAN, [SID3]: mixed, [SID2]: BROKEN };
  for (const row of result.exchanges) {
    assert.ok(files.includes(row.input), `row #${row.index} names an input file, got ${row.input}`);
    const input = result.inputs.find((i) => i.file === row.input)!;
    assert.ok(row.index >= input.firstIndex && row.index < input.firstIndex + input.entries, `#${row.index} lies within ${row.input}`);
    if (row.sid) assert.equal(row.input, sidFile[row.sid], `row #${row.index} (sid ${row.sid.slice(0, 6)}…) comes from ${sidFile[row.sid]}`);
    else assert.equal(row.input, mixed, `row #${row.index} without sid comes from ${mixed}`);
  }
  for (const file of files) assert.ok(result.exchanges.some((r) => r.input === file), `some row from ${file}`);
  for (const f of result.findings) assert.ok(indices.includes(f.exchange), `finding ${f.code} points at a row`);
  assert.equal(result.summary.sessions, 3);
  assert.equal(result.summary.ignored, 3);
});

// ---------------------------------------------------------------- --format junit

function checkJUnit(xml: string, result: JResult): XmlEl {
  const root = parseXml(xml);
  const cases = all(root, 'testcase');
  const sids = new Set(result.exchanges.map((r) => r.sid).filter((s): s is string => s !== null));
  const noSession = result.exchanges.some((r) => r.sid === null) ? 1 : 0;
  assert.equal(cases.length, sids.size + noSession, 'one test case per session, plus one for calls without a session');
  assert.equal((xml.match(/<testcase\b/g) ?? []).length, cases.length);
  for (const sid of sids) assert.ok(cases.some((c) => (c.attrs.name ?? '').includes(sid)), `a test case names session ${sid}`);

  const failures = all(root, 'failure');
  const errors = result.findings.filter((f) => f.severity === 'error');
  assert.equal(failures.length, errors.length, 'one <failure> per error finding');
  const failed = cases.filter((c) => c.children.some((ch) => ch.name === 'failure')).length;
  for (const suite of [root, ...all(root, 'testsuite')]) {
    if (suite.attrs.tests !== undefined) assert.equal(Number(suite.attrs.tests), cases.length, `tests= on <${suite.name}>`);
    if (suite.attrs.failures !== undefined) assert.equal(Number(suite.attrs.failures), failed, `failures= on <${suite.name}>`);
  }
  // Escaping round-trips: every error finding's message comes back intact from the attribute.
  const messages = failures.map((f) => f.attrs.message ?? '');
  for (const e of errors) {
    assert.ok(messages.some((m) => m.includes(e.message.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '\uFFFD'))), // eslint-disable-line no-control-regex
      `failure message for ${e.code} at #${e.exchange} survives escaping: ${JSON.stringify(e.message)}`);
  }
  // No raw "<" inside any attribute value of any tag.
  for (const tag of xml.match(/<[A-Za-z][^>]*>/g) ?? []) {
    for (const m of tag.matchAll(/=\s*"([^"]*)"/g)) assert.ok(!(m[1] ?? '').includes('<'), `raw "<" in an attribute: ${tag.slice(0, 200)}`);
  }
  return root;
}

test('--format junit on the broken recording: well-formed, one failure per error finding', () => {
  const { result } = json([BROKEN]);
  const r = mci(['check', BROKEN, '--format', 'junit']);
  assert.equal(r.status, 1, show(r));
  checkJUnit(r.stdout, result);
});

test('--format junit on the clean recording: one passing test case', () => {
  const r = mci(['check', CLEAN, '--format', 'junit']);
  assert.equal(r.status, 0, show(r));
  const root = parseXml(r.stdout);
  const cases = all(root, 'testcase');
  assert.equal(cases.length, 1);
  assert.equal(all(root, 'failure').length, 0);
});

test('--format junit escapes markup, quotes, ampersands and control characters from bodies, sids and replies', () => {
  const file = writeHar('nasty.har', nastyEntries());
  const { result } = json([file]);
  const codes = result.findings.map((f) => f.code);
  assert.ok(codes.includes('schema.unknown-event-type') && codes.includes('body.not-json') && codes.includes('http.bad-request'), codes.join(', '));
  assert.ok(result.findings.some((f) => /<html>/.test(f.message)), 'a finding message quotes the raw body (test premise)');
  assert.ok(result.findings.some((f) => f.message.includes('\u0007')), 'a finding message carries a control character from the reply (test premise)');
  assert.ok(result.exchanges.some((r) => r.sid === NASTY_SID), 'the percent-encoded sid is decoded (test premise)');

  const r = mci(['check', file, '--format', 'junit']);
  assert.equal(r.status, 1, show(r));
  const root = checkJUnit(r.stdout, result);
  assert.ok(all(root, 'testcase').some((c) => c.attrs.name === `session ${NASTY_SID}`), 'the test case name keeps the sid with its special characters');
  assert.ok(!r.stdout.includes(NASTY_EVENT) && !r.stdout.includes('<html>') && !r.stdout.includes('<error code'), 'no raw markup from the recording');
});

// ---------------------------------------------------------------- --out

test('--out FILE (json) writes the report to the file and prints nothing', () => {
  const out = join(TMP, 'report.json');
  const r = mci(['check', BROKEN, '--format', 'json', '--out', out]);
  assert.equal(r.status, 1, show(r));
  assert.equal(r.stdout, '', show(r));
  assert.equal(r.stderr, '', show(r));
  assert.ok(existsSync(out), 'the report file exists');
  assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), json([BROKEN]).result, 'the file holds the same report as stdout would');
});

test('--out FILE (junit) writes well-formed XML and prints nothing', () => {
  const out = join(TMP, 'report.xml');
  const r = mci(['check', BROKEN, '--format', 'junit', '--out', out]);
  assert.equal(r.status, 1, show(r));
  assert.equal(r.stdout, '', show(r));
  checkJUnit(readFileSync(out, 'utf8'), json([BROKEN]).result);
});

test('--out FILE (text) writes plain text without ANSI escapes and prints nothing', () => {
  const out = join(TMP, 'report.txt');
  const r = mci(['check', BROKEN, '--out', out]);
  assert.equal(r.status, 1, show(r));
  assert.equal(r.stdout, '', show(r));
  const text = readFileSync(out, 'utf8');
  assert.ok(text.includes(SID2), 'the file holds the report');
  assert.doesNotMatch(text, ANSI);
});

test('--out FILE (text) has no ANSI escapes even when FORCE_COLOR is set', () => {
  const out = join(TMP, 'report-forced.txt');
  const r = mci(['check', BROKEN, '-o', out], { FORCE_COLOR: '1' });
  assert.equal(r.status, 1, show(r));
  assert.equal(r.stdout, '', show(r));
  const text = readFileSync(out, 'utf8');
  assert.ok(text.includes(SID2), 'the file holds the report');
  assert.doesNotMatch(text, ANSI, 'a report file must not contain terminal escape codes');
});

// ---------------------------------------------------------------- text format and colours

test('text piped (not a TTY): no ANSI escapes', () => {
  const r = mci(['check', BROKEN]);
  assert.equal(r.status, 1, show(r));
  assert.ok(r.stdout.includes('schema.violation'), show(r));
  assert.doesNotMatch(r.stdout, ANSI);
});

test('text with FORCE_COLOR=1: ANSI escapes', () => {
  const r = mci(['check', BROKEN], { FORCE_COLOR: '1' });
  assert.equal(r.status, 1, show(r));
  assert.match(r.stdout, ANSI);
});

test('text with NO_COLOR=1: NO_COLOR wins over FORCE_COLOR', () => {
  const r = mci(['check', BROKEN], { FORCE_COLOR: '1', NO_COLOR: '1' });
  assert.equal(r.status, 1, show(r));
  assert.ok(r.stdout.includes('schema.violation'), show(r));
  assert.doesNotMatch(r.stdout, ANSI);
});

test('text groups by session and shows each finding with its code and fix', () => {
  // Two broken sessions whose calls interleave in the recording, plus a call without a session.
  const a = brokenRequests(SID2);
  const b = brokenRequests(SID3, T0 + 500);
  const interleaved = a.flatMap((e, i) => [e, b[i]!]);
  interleaved.push(sessionsEntry(sessionStartBody(T0 + 60000), null, { status: 500, at: 60020 }));
  const file = writeHar('interleaved.har', interleaved);
  const { result } = json([file]);
  assert.ok(result.findings.some((f) => f.sid === SID2) && result.findings.some((f) => f.sid === SID3) && result.findings.some((f) => f.sid === null));

  const r = mci(['check', file]);
  assert.equal(r.status, 1, show(r));
  const lines = r.stdout.split('\n');
  const isHeader = (l: string) => /^\S/.test(l) && /session/i.test(l);
  for (const sid of [SID2, SID3]) {
    assert.equal(lines.filter((l) => isHeader(l) && l.includes(sid)).length, 1, `one group header for session ${sid}\n${r.stdout}`);
  }
  const headerAbove = (at: number) => {
    for (let i = at; i >= 0; i--) if (isHeader(lines[i] ?? '')) return lines[i] ?? '';
    return '';
  };
  /** The lines under one "#N ..." exchange line, up to the next exchange line or group header. */
  const blockAt = (at: number) => {
    let end = lines.findIndex((l, i) => i > at && (/^\s*#\d+\b/.test(l) || isHeader(l)));
    if (end < 0) end = lines.length;
    return lines.slice(at, end).join('\n');
  };
  for (const f of result.findings) {
    const rowLines = lines.flatMap((l, i) => (new RegExp(`^\\s*#${f.exchange}\\b`).test(l) ? [i] : []));
    assert.ok(rowLines.length > 0, `exchange #${f.exchange} with a finding is listed\n${r.stdout}`);
    const shown = rowLines.filter((at) => blockAt(at).includes(f.code) && blockAt(at).includes(`fix: ${f.fix}`));
    assert.ok(shown.length > 0, `${f.code} and its fix are shown under #${f.exchange}\n${r.stdout}`);
    for (const at of shown) {
      const header = headerAbove(at);
      if (f.sid) assert.ok(header.includes(f.sid), `#${f.exchange} (${f.code}) is listed under session ${f.sid}, found under "${header}"`);
      else assert.ok(!header.includes(SID2) && !header.includes(SID3), `#${f.exchange} (${f.code}) without a sid is listed under "${header}"`);
    }
  }
});

// ---------------------------------------------------------------- version and npx

test('mci --version prints the package.json version', () => {
  const r = mci(['--version']);
  assert.equal(r.status, 0, show(r));
  assert.equal(r.stdout.trim(), PKG.version);
});

test('npx mci check runs the declared bin', () => {
  assert.equal(PKG.bin.mci, CLI, 'package.json declares bin mci -> dist/cli/mci.mjs');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['FORCE_COLOR', 'NO_COLOR', 'NODE_TEST_CONTEXT']) delete env[k];
  const r = spawnSync('npx', ['--no-install', 'mci', 'check', CLEAN], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.error, undefined, String(r.error));
  assert.equal(r.status, 0, `npx mci check: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  assert.ok(r.stdout.includes(SID), r.stdout);
  assert.match(r.stdout, /48 Media Collection calls/);
});

/**
 * The hostile corpus cases marked `cli` (test/hostile/corpus.ts) through the built CLI, as a user
 * or a CI job runs it: `mci check FILE --format json`, `--format text`, `mci report FILE --format
 * html` and `--format md`. A readable recording exits 0 or 1 with its output and nothing on
 * stderr; an unreadable one exits 2 with ONE line on stderr naming the file; never a stack trace,
 * never a crash, within a bounded time. The HTML report of the markup case holds no markup from
 * the data, and the text output of the control-sequence case no terminal control character.
 * Needs `npm run build` first (dist/cli/mci.mjs).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS, type CaseInput } from './corpus.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/cli/mci.mjs');
assert.ok(existsSync(CLI), 'dist/cli/mci.mjs does not exist: run `npm run build` before these tests');

const TMP = mkdtempSync(join(tmpdir(), 'mci-hostile-cli-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

interface Run {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

function mci(args: string[], timeoutS: number): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['FORCE_COLOR', 'NO_COLOR', 'NODE_TEST_CONTEXT', 'NODE_OPTIONS']) delete env[k];
  const started = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: TMP, env, encoding: 'utf8', timeout: timeoutS * 1000, maxBuffer: 1024 * 1024 * 1024,
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', seconds: (performance.now() - started) / 1000 };
}

const show = (r: Run) => `exit ${r.status}${r.signal ? ` (${r.signal})` : ''} after ${r.seconds.toFixed(1)} s\n--- stderr ---\n${r.stderr.slice(0, 1500)}\n--- stdout ---\n${r.stdout.slice(0, 500)}`;

/** Never a stack trace or an error class name: the CLI prints sentences. */
function assertNoTrace(r: Run): void {
  assert.doesNotMatch(r.stderr, /^\s+at /m, `stack trace on stderr\n${show(r)}`);
  assert.doesNotMatch(r.stderr, /\b(TypeError|RangeError|SyntaxError|ReferenceError|AssertionError)\b|node:internal|\.mjs:\d+/, `an internal error on stderr\n${show(r)}`);
  assert.doesNotMatch(r.stdout, /^\s+at .*:\d+:\d+\)?$/m, `stack trace on stdout\n${show(r)}`);
}

function assertRefused(r: Run, file: string): void {
  assert.equal(r.status, 2, `unreadable input exits 2\n${show(r)}`);
  assert.equal(r.stdout, '', 'nothing on stdout');
  assert.ok(r.stderr.startsWith('mci: ') && r.stderr.endsWith('\n'), `stderr is one "mci: …" line\n${show(r)}`);
  assert.equal(r.stderr.split('\n').length, 2, `stderr is ONE line\n${show(r)}`);
  assert.ok(r.stderr.includes(file), `the line names the file ${file}\n${show(r)}`);
}

// Elements the HTML report is made of; the data is escaped, so any other element or any event
// handler attribute would come from the data.
const REPORT_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3', 'h4', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  'code', 'pre', 'span', 'br', 'details', 'summary', 'ul', 'li', 'svg', 'text', 'rect', 'line', 'circle', 'g', 'b', 'em', 'strong', 'div', 'small', 'a',
]);

function assertNoMarkupFromData(html: string): void {
  assert.doesNotMatch(html, /<script/i, 'the HTML report holds a <script');
  assert.doesNotMatch(html, /<!--/, 'the HTML report opens a comment');
  for (const m of html.matchAll(/<([a-zA-Z][^\s/>]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g)) {
    const name = (m[1] ?? '').toLowerCase();
    assert.ok(REPORT_TAGS.has(name), `the HTML report holds a <${name}> element`);
    for (const a of (m[2] ?? '').matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      assert.doesNotMatch(a[1] ?? '', /^on/i, `<${name}> has an event handler attribute ${a[1]}`);
      if (/^(href|src|action|formaction|xlink:href)$/i.test(a[1] ?? '')) assert.doesNotMatch(a[2] ?? a[3] ?? a[4] ?? '', /^\s*javascript:/i);
      // The session index's links go to anchors of the same page, nowhere else.
      if (name === 'a' && /^href$/i.test(a[1] ?? '')) assert.match(a[2] ?? a[3] ?? a[4] ?? '', /^#[A-Za-z0-9_-]+$/, 'a link that leaves the page');
    }
  }
}

/** Terminal control characters: C0 except line feed and tab, DEL, C1. */
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const SELECTED = CORPUS.filter((c) => c.cli);

test('the CLI selection covers the kinds of hostile input', () => {
  const names = SELECTED.map((c) => c.name);
  for (const must of ['markup-in-every-string', 'proto-keys-everywhere', 'body-20mb-not-json', 'deep-body-array', 'empty-file', 'invalid-utf8-inside-strings', 'sessions-10000', 'entries-missing-every-optional-field']) {
    assert.ok(names.includes(must), `${must} is run through the CLI`);
  }
});

for (const c of SELECTED) {
  describe(`mci on hostile case ${c.name}: ${c.about}`, () => {
    let file = '';
    let input: CaseInput = {};
    const limit = Math.max(30, c.seconds * 2);

    before(() => {
      input = c.build();
      const dir = join(TMP, c.name);
      mkdirSync(dir, { recursive: true });
      file = join(dir, c.fileName);
      if (input.text !== undefined && /[\ud800-\udfff]/.test(input.text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) {
        throw new Error(`${c.name}: a text with raw lone surrogates cannot be written to disk as it is; give it as bytes`);
      }
      writeFileSync(file, input.bytes ?? input.text ?? '');
    });

    /** The common contract of every run, by the case's outcome. Returns true when the recording was read. */
    function contract(r: Run): boolean {
      assert.notEqual(r.status, null, `the CLI did not finish within ${limit} s (killed by ${r.signal})`);
      assert.ok(r.seconds < limit, `finished in under ${limit} s (took ${r.seconds.toFixed(1)} s)`);
      assertNoTrace(r);
      if (c.outcome.kind === 'refused' || (c.outcome.kind === 'either' && r.status === 2)) {
        assertRefused(r, file);
        return false;
      }
      assert.ok(r.status === 0 || r.status === 1, `a readable recording exits 0 or 1\n${show(r)}`);
      assert.equal(r.stderr, '', `nothing on stderr\n${show(r)}`);
      assert.ok(r.stdout.length > 0, 'output on stdout');
      return true;
    }

    test('check --format json: exit 0/1 with the JSON result (every call counted), or exit 2 with one line', () => {
      const r = mci(['check', file, '--format', 'json'], limit);
      if (!contract(r)) return;
      const result = JSON.parse(r.stdout) as {
        inputs: { entries: number }[];
        exchanges: { index: number }[];
        summary: { exchanges: number; ignored: number; findings: { error: number } };
      };
      assert.equal(r.status, result.summary.findings.error > 0 ? 1 : 0, 'exit 1 exactly when there are error findings');
      if (input.entries !== undefined) {
        assert.equal(result.inputs[0]?.entries, input.entries, 'entries read');
        assert.equal(result.summary.exchanges + result.summary.ignored, input.entries, 'calls + ignored = entries');
      }
      if (input.calls) {
        assert.equal(result.summary.exchanges, input.calls.length, 'every Media Collection call is counted');
        assert.deepEqual(result.exchanges.map((e) => e.index), input.calls.map((x) => x.index).sort((a, b) => a - b), 'the calls listed');
      }
    });

    test('check --format text: exit 0/1 with the text report, or exit 2 with one line', () => {
      const r = mci(['check', file, '--format', 'text'], limit);
      if (!contract(r)) return;
      const lines = r.stdout.trimEnd().split('\n');
      const last = lines[lines.length - 1] ?? '';
      const m = /^(\d+) Media Collection calls? in (\d+) sessions?, (\d+) other requests? ignored: /.exec(last);
      assert.ok(m, `the text report ends with its summary line: ${JSON.stringify(last.slice(0, 200))}`);
      if (input.calls) assert.equal(Number(m[1]), input.calls.length, 'calls in the summary line');
      if (input.entries !== undefined) assert.equal(Number(m[1]) + Number(m[3]), input.entries, 'calls + ignored in the summary line');
      if (c.controls) {
        const bad = lines.findIndex((l) => TERMINAL_CONTROL.test(l));
        assert.equal(bad, -1, `line ${bad + 1} of the text output holds a terminal control character from the data: ${JSON.stringify(lines[bad]?.slice(0, 200))}`);
      }
    });

    test('report --format html: exit 0 with a standalone HTML page, or exit 2 with one line', () => {
      const r = mci(['report', file, '--format', 'html'], limit);
      if (!contract(r)) return;
      assert.equal(r.status, 0, 'report exits 0');
      assert.match(r.stdout, /^<!doctype html>/i);
      assert.match(r.stdout, /<\/html>\s*$/);
      assert.doesNotMatch(r.stdout, /<script/i, 'the HTML report holds a <script');
      if (c.markup) assertNoMarkupFromData(r.stdout);
    });

    test('report --format md: exit 0 with a Markdown report, or exit 2 with one line', () => {
      const r = mci(['report', file, '--format', 'md'], limit);
      if (!contract(r)) return;
      assert.equal(r.status, 0, 'report exits 0');
      assert.ok(r.stdout.trim().length > 0);
    });
  });
}

test('a missing file and a directory exit 2 with one line naming them', () => {
  for (const target of [join(TMP, 'no-such-file.har'), TMP]) {
    const r = mci(['check', target, '--format', 'json'], 30);
    assertNoTrace(r);
    assertRefused(r, target);
  }
});

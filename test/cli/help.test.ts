/**
 * `--help` and `-h` on every command, run on the built bundle dist/cli/mci.mjs with plain node
 * (`npm test` builds first; alone, run `npm run build` before):
 *
 * - `mci --help`, `mci -h` and `mci help` list the commands; `mci <command> --help`, `-h` and
 *   `mci help <command>` print that command's usage: exit 0, the usage on stdout, nothing on stderr;
 * - the usage lists every option the command takes (the list below, written out by hand), each on
 *   its own line with a description and its default, and the stated defaults are the ones used;
 * - the options the usage lists are exactly those the command accepts;
 * - an unknown option exits 2 with one line on stderr naming it and pointing at `--help`, for
 *   every command; other usage errors keep their messages.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = 'dist/cli/mci.mjs';
const CLEAN = 'test/fixtures/vod-clean.har';

assert.ok(existsSync(join(ROOT, CLI)), `${CLI} does not exist: run \`npm run build\` before these tests (\`npm test\` builds first)`);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function mci(args: string[]): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['FORCE_COLOR', 'NO_COLOR', 'NODE_TEST_CONTEXT']) delete env[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const show = (r: Run) => `exit ${r.status}\n--- stdout ---\n${r.stdout.slice(0, 4000)}\n--- stderr ---\n${r.stderr.slice(0, 2000)}`;

interface Option {
  long: string;
  short?: string;
  /** The default the usage must state; undefined for a flag. */
  default?: string;
}

const SETTINGS: Option[] = [
  { long: '--ad-ping', default: 'either' },
  { long: '--main-ping', default: 'auto' },
  { long: '--ping-tolerance', default: '2' },
  { long: '--clock-skew', default: '300' },
  { long: '--playhead-tolerance', default: '2' },
  { long: '--keep-sensitive-headers' },
  { long: '--endpoint', default: 'none' },
];
const HELP: Option = { long: '--help', short: '-h' };

/** Every option of every command, as the README documents them. */
const COMMANDS: Record<'check' | 'report' | 'serve', Option[]> = {
  check: [{ long: '--format', short: '-f', default: 'text' }, { long: '--out', short: '-o', default: 'standard output' }, ...SETTINGS, HELP],
  report: [{ long: '--format', short: '-f', default: 'html' }, { long: '--out', short: '-o', default: 'standard output' }, ...SETTINGS, HELP],
  serve: [{ long: '--port', default: '0' }, { long: '--idle-timeout', default: '600' }, { long: '--stall-timeout', default: '1800' }, { long: '--closed-grace', default: '60' }, { long: '--max-sessions', default: '20000' }, { long: '--max-events', default: '200000' }, { long: '--max-body-mb', default: '64' }, { long: '--body-timeout', default: '5' }, HELP],
};

/** The usage line of one option: it starts (after indentation) with the option, short form first. */
function optionLine(stdout: string, o: Option): string {
  const lines = stdout.split('\n').filter((l) => {
    const m = /^\s+(?:(-\w), )?(--[\w-]+)\b/.exec(l);
    return m !== null && m[2] === o.long;
  });
  assert.equal(lines.length, 1, `one usage line for ${o.long}\n${stdout}`);
  return lines[0] as string;
}

function assertHelpOk(r: Run, what: string): void {
  assert.equal(r.status, 0, `${what}: exit 0\n${show(r)}`);
  assert.equal(r.stderr, '', `${what}: nothing on stderr\n${show(r)}`);
  assert.ok(r.stdout.endsWith('\n'), `${what}: the usage ends with a newline`);
}

describe('mci --help, -h and help: the commands', () => {
  for (const args of [['--help'], ['-h'], ['help']]) {
    test(`mci ${args.join(' ')}`, () => {
      const r = mci(args);
      assertHelpOk(r, `mci ${args.join(' ')}`);
      assert.match(r.stdout, /^usage: mci <command>/);
      for (const command of Object.keys(COMMANDS)) assert.match(r.stdout, new RegExp(`^  ${command}\\b.*\\S`, 'm'), `the command ${command} with what it does\n${r.stdout}`);
      assert.match(r.stdout, /^\s+-h, --help\s+\S/m, 'the --help option');
      assert.match(r.stdout, /^\s+-v, --version\s+\S/m, 'the --version option');
      assert.ok(r.stdout.includes('mci <command> --help'), 'says where each command\'s options are');
    });
  }

  test('the three spellings print the same text', () => {
    const texts = [['--help'], ['-h'], ['help']].map((a) => mci(a).stdout);
    assert.equal(texts[1], texts[0]);
    assert.equal(texts[2], texts[0]);
  });
});

for (const [command, options] of Object.entries(COMMANDS)) {
  describe(`mci ${command} --help and -h`, () => {
    for (const flag of ['--help', '-h']) {
      test(`mci ${command} ${flag}: exit 0, the usage of ${command} with every option, its description and default`, () => {
        const r = mci([command, flag]);
        assertHelpOk(r, `mci ${command} ${flag}`);
        assert.match(r.stdout, new RegExp(`^usage: mci ${command}\\b`), `starts with the usage of ${command}\n${r.stdout}`);
        const descriptionLines = r.stdout.split('\n').slice(1, 6).filter((l) => /^[A-Z]/.test(l));
        assert.ok(descriptionLines.length > 0, `says what ${command} does\n${r.stdout}`);
        if (command !== 'serve') assert.match(r.stdout, /^Arguments:\n\s+<file\.har\|report\.json>\.\.\.\s+\S/m, 'the arguments, with what they are');
        for (const o of options) {
          const line = optionLine(r.stdout, o);
          if (o.short) assert.match(line, new RegExp(`^\\s+${o.short}, ${o.long}\\b`), `${o.long} with its short form ${o.short}`);
          const description = line.replace(/^\s+(-\w, )?--[\w-]+( \S+)?\s+/, '');
          assert.ok(description.length > 10, `${o.long} has a description: ${line}`);
          if (o.default !== undefined) assert.ok(line.endsWith(`(default: ${o.default})`), `${o.long} states its default ${o.default}: ${line}`);
        }
        const listed = r.stdout.split('\n').filter((l) => /^\s+(-\w, |\s{4})?--[\w-]+/.test(l)).length;
        assert.equal(listed, options.length, `no option beyond the ${options.length} expected\n${r.stdout}`);
      });
    }

    test(`mci help ${command} prints the same usage as mci ${command} --help`, () => {
      const r = mci(['help', command]);
      assertHelpOk(r, `mci help ${command}`);
      assert.equal(r.stdout, mci([command, '--help']).stdout);
      assert.equal(mci([command, '-h']).stdout, r.stdout);
    });

    test(`mci ${command}: --help wins over other arguments and reads no file`, () => {
      const args = command === 'serve' ? ['--port', '1', '--help'] : ['does-not-exist.har', '--format', 'json', '-h'];
      const r = mci([command, ...args]);
      assertHelpOk(r, `mci ${command} ${args.join(' ')}`);
      assert.match(r.stdout, new RegExp(`^usage: mci ${command}\\b`));
    });

    test(`mci ${command}: every option the usage lists is one the command accepts`, () => {
      for (const o of options.filter((x) => x !== HELP)) {
        if (o.default === undefined) {
          // A flag: accepted on a recording, never "unknown option"; given a value, refused by name.
          const ok = mci([command, CLEAN, o.long, '--out', '/dev/null']);
          assert.ok(ok.status === 0 || ok.status === 1, `${command} accepts the flag ${o.long}\n${show(ok)}`);
          const valued = mci([command, CLEAN, `${o.long}=yes`]);
          assert.equal(valued.status, 2, show(valued));
          assert.ok(valued.stderr.includes(o.long), `the error names ${o.long}\n${show(valued)}`);
          continue;
        }
        // Without its value: a usage error about the value, never "unknown option".
        const r = mci([command, o.long]);
        assert.equal(r.status, 2, show(r));
        assert.doesNotMatch(r.stderr, /unknown option/i, `${command} accepts ${o.long}\n${show(r)}`);
        assert.ok(r.stderr.includes(o.long), `the error names ${o.long}\n${show(r)}`);
      }
    });

    for (const bad of ['--bogus', '--bogus=1', '-z']) {
      test(`mci ${command} ${bad}: exit 2, one line naming the option and pointing at --help`, () => {
        const r = mci(command === 'serve' ? [command, bad] : [command, CLEAN, bad]);
        assert.equal(r.status, 2, show(r));
        assert.equal(r.stdout, '', `nothing on stdout\n${show(r)}`);
        const message = r.stderr.replace(/\n$/, '');
        assert.ok(!message.includes('\n'), `ONE line on stderr\n${show(r)}`);
        assert.ok(message.startsWith('mci: '), show(r));
        const name = bad.replace(/=.*/, '');
        assert.ok(message.includes(name), `names ${name}\n${show(r)}`);
        assert.ok(message.includes(`mci ${command} --help`), `says to run mci ${command} --help\n${show(r)}`);
      });
    }
  });
}

test('the defaults the usage states are the ones check uses', () => {
  const r = mci(['check', CLEAN, '--format', 'json']);
  assert.equal(r.status, 0, show(r));
  const settings = (JSON.parse(r.stdout) as { settings: Record<string, unknown> }).settings;
  const help = mci(['check', '--help']).stdout;
  const stated = (long: string) => /\(default: ([^)]*)\)$/.exec(optionLine(help, { long }))?.[1];
  assert.equal(settings.adPingCadence, stated('--ad-ping'));
  assert.equal(settings.mainPingIntervalS, null);
  assert.equal(stated('--main-ping'), 'auto');
  assert.equal(settings.pingToleranceMs, Number(stated('--ping-tolerance')) * 1000);
  assert.equal(settings.clockSkewToleranceMs, Number(stated('--clock-skew')) * 1000);
  assert.equal(settings.playheadToleranceS, Number(stated('--playhead-tolerance')));
  assert.deepEqual(settings.customEndpoints, []);
  assert.equal(stated('--endpoint'), 'none');
  // --format text is the default: the output is the text report.
  assert.match(mci(['check', CLEAN]).stdout, /^48 Media Collection calls in 1 session/m);
});

test('the default format of report is the one its usage states (html)', () => {
  const r = mci(['report', CLEAN]);
  assert.equal(r.status, 0, show(r));
  assert.match(r.stdout, /^<!doctype html>/);
  assert.ok(optionLine(mci(['report', '--help']).stdout, { long: '--format' }).endsWith('(default: html)'));
});

describe('other usage errors keep their messages', () => {
  const cases: [string[], RegExp][] = [
    [[], /^mci: missing command \(try: mci check <file\.har>, or mci --help\)$/],
    [['inspect'], /^mci: unknown command "inspect" \(try: mci check <file\.har>\)$/],
    [['check'], /^mci: mci check needs at least one HAR file or JSON report$/],
    [['report'], /^mci: mci report needs at least one HAR file or JSON report$/],
    [['check', CLEAN, '--format', 'xml'], /^mci: --format must be one of text, json, junit, not "xml"$/],
    [['serve', '--port', '70000'], /^mci: --port must be 0 to 65535, not "70000"$/],
    [['check', CLEAN, '--main-ping', '5'], /^mci: --main-ping must be auto or a number of seconds from 10 to 50, not "5"$/],
    [['check', CLEAN, '--main-ping', 'often'], /^mci: --main-ping must be auto or a number of seconds from 10 to 50, not "often"$/],
    [['help', 'inspect'], /^mci: unknown command "inspect"/],
  ];
  for (const [args, expected] of cases) {
    test(`mci ${args.join(' ')}`, () => {
      const r = mci(args);
      assert.equal(r.status, 2, show(r));
      assert.equal(r.stdout, '', show(r));
      assert.match(r.stderr.replace(/\n$/, ''), expected, show(r));
    });
  }

  test('an argument after -- is a file, not a request for help', () => {
    const r = mci(['check', '--', '--help']);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /^mci: cannot read --help: no such file\n$/);
  });
});

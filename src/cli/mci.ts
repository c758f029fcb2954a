#!/usr/bin/env -S node --max-semi-space-size=64
// (A larger young generation: the engine allocates many short-lived objects per event, and this
// halves the time spent collecting them on large recordings. `env -S` splits the flags on Linux and macOS.)
/** `mci`: the command-line face of the inspector. Exit 0 clean, 1 error findings, 2 bad usage/input. */
import { runCheck } from './check-command.ts';
import { runServe } from './serve-command.ts';
import { runReport } from './report-command.ts';
import { UsageError } from './usage-error.ts';
import { TOOL_VERSION } from '../core/version.ts';

const USAGE = `usage: mci check <file.har|report.json>... [--format text|json|junit] [--out FILE]
                 [--ad-ping 1|10|either] [--ping-tolerance S] [--clock-skew S] [--playhead-tolerance S]
                 [--endpoint URL]...
       mci report <file.har|report.json>... [--format json|html|har|md] [--out FILE] [settings as for check]
       mci serve [--port N] [--idle-timeout S] [--stall-timeout S]
       mci --version

Settings (defaults): --ad-ping either (ping cadence expected in ad breaks), --ping-tolerance 2
(seconds a ping may be late), --clock-skew 300 (seconds ts may differ from the send time),
--playhead-tolerance 2 (seconds a VOD playhead may pass media.length), --endpoint URL (a custom
collection endpoint standing for …/api/v1, e.g. https://t.example.com/mc; repeatable).

check: checks every Media Collection API call in HAR recordings and prints the findings.
report: writes a report of them (json: lossless, re-importable; html: standalone; har; md: for a ticket).
serve: a local Media Collection API (127.0.0.1) that answers like Adobe's, with the demo player at /.
Exit status: 0 no error finding, 1 at least one error finding, 2 bad usage or unreadable input.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  if (command === undefined) throw new UsageError('missing command (try: mci check <file.har>, or mci --help)');
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command === 'check') return runCheck(rest);
  if (command === 'serve') return runServe(rest);
  if (command === 'report') return runReport(rest);
  throw new UsageError(`unknown command "${command}" (try: mci check <file.har>)`);
}

// `mci check … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`mci: ${message.split('\n')[0]}\n`);
    process.exitCode = 2;
  },
);

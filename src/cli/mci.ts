#!/usr/bin/env -S node --max-semi-space-size=64
// (A larger young generation: the engine allocates many short-lived objects per event, and this
// halves the time spent collecting them on large recordings. `env -S` splits the flags on Linux and macOS.)
/** `mci`: the command-line face of the inspector. Exit 0 clean, 1 error findings, 2 bad usage/input. */
import { runCheck } from './check-command.ts';
import { runServe } from './serve-command.ts';
import { runReport } from './report-command.ts';
import { commandHelp, isCommand, mainHelp, wantsHelp } from './usage.ts';
import { UsageError } from './usage-error.ts';
import { TOOL_VERSION } from '../core/version.ts';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  if (command === undefined) throw new UsageError('missing command (try: mci check <file.har>, or mci --help)');
  if (command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined;
    if (topic !== undefined && !isCommand(topic)) throw new UsageError(`unknown command "${topic}" (run "mci --help" to see the commands)`);
    process.stdout.write(topic !== undefined ? commandHelp(topic) : mainHelp());
    return 0;
  }
  if (isCommand(command) && wantsHelp(rest)) {
    process.stdout.write(commandHelp(command));
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

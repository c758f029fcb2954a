/**
 * What `mci --help` and `mci <command> --help` print: per command what it does, its arguments and
 * every option with a one-line description and its default. Each command's options are declared
 * here once; the commands build their parseArgs configuration from the same lists.
 */
import { DEFAULT_SETTINGS } from '../core/session/settings.ts';
import { DEFAULTS } from '../collector/options.ts';

export type CommandName = 'check' | 'report' | 'serve';
export const COMMANDS: readonly CommandName[] = ['check', 'report', 'serve'];

export interface OptionDoc {
  /** Long name, without the dashes. */
  name: string;
  short?: string;
  /** What follows the option (`FILE`, `S`, `1|10|either`); none for a flag. */
  value?: string;
  about: string;
  /** What applies without the option; none for a flag. */
  default?: string;
  /** The value parseArgs fills in when the option is absent. */
  parseDefault?: string;
  multiple?: boolean;
}

interface CommandDoc {
  synopsis: string;
  about: string[];
  args: [string, string][];
  options: readonly OptionDoc[];
  notes: string[];
}

const HELP: OptionDoc = { name: 'help', short: 'h', about: 'print this help and exit' };

/** The analysis settings, shared by check and report (seconds on the command line, ms inside). */
export const SETTINGS_DOCS: readonly OptionDoc[] = [
  { name: 'ad-ping', value: '1|10|either', about: 'ping cadence expected in ad breaks: every 1 s, every 10 s, or either (gaps up to 10 s pass)', default: DEFAULT_SETTINGS.adPingCadence },
  { name: 'main-ping', value: 'auto|S', about: 'main-content ping interval in seconds (10 to 50, as Adobe\'s SDKs accept); auto: a Media Edge session\'s own interval, read from its first pings, else 10', default: 'auto' },
  { name: 'ping-tolerance', value: 'S', about: 'seconds a ping may come later than its cadence before ping.late', default: String(DEFAULT_SETTINGS.pingToleranceMs / 1000) },
  { name: 'clock-skew', value: 'S', about: 'seconds an event\'s ts may differ from its send time before ts.clock-skew', default: String(DEFAULT_SETTINGS.clockSkewToleranceMs / 1000) },
  { name: 'playhead-tolerance', value: 'S', about: 'seconds a VOD playhead may pass media.length before playhead.beyond-length', default: String(DEFAULT_SETTINGS.playheadToleranceS) },
  { name: 'keep-sensitive-headers', about: 'keep the values of Cookie, Set-Cookie, Authorization and other secret headers in the output (removed by default, as reports go into tickets)' },
  { name: 'endpoint', value: 'URL', about: 'a custom collection endpoint standing for …/api/v1, e.g. https://t.example.com/mc; repeatable', default: 'none', multiple: true },
];

const OUT: OptionDoc = { name: 'out', short: 'o', value: 'FILE', about: 'write the output to FILE', default: 'standard output' };
const INPUTS: [string, string] = ['<file.har|report.json>...', 'HAR 1.2 files (Chrome, Firefox, Charles) or JSON reports of this tool, analysed as one recording'];
const SETTINGS_NOTE = 'A JSON report\'s stored settings apply unless an option overrides them.';

const DOCS: Record<CommandName, CommandDoc> = {
  check: {
    synopsis: 'mci check <file.har|report.json>... [options]',
    about: [
      'Checks every Media Collection API call of the recordings and prints, per session, its state, the',
      'estimated metrics and the findings in time order, each under the request it points at.',
    ],
    args: [INPUTS],
    options: [
      { name: 'format', short: 'f', value: 'text|json|junit', about: 'text for people, json (the public contract), junit for CI test reporters', default: 'text', parseDefault: 'text' },
      OUT,
      ...SETTINGS_DOCS,
      HELP,
    ],
    notes: [SETTINGS_NOTE, 'Exit status: 0 no finding of severity error, 1 at least one, 2 bad usage or unreadable input.'],
  },
  report: {
    synopsis: 'mci report <file.har|report.json>... [options]',
    about: [
      'Writes one report of all the inputs: json (lossless, re-importable), html (one standalone file),',
      'har (the Media Collection entries) or md (a short summary for a ticket).',
    ],
    args: [INPUTS],
    options: [
      { name: 'format', short: 'f', value: 'json|html|har|md', about: 'the report format', default: 'html', parseDefault: 'html' },
      OUT,
      ...SETTINGS_DOCS,
      HELP,
    ],
    notes: [SETTINGS_NOTE, 'Exit status: 0 written, 2 bad usage or unreadable input.'],
  },
  serve: {
    synopsis: 'mci serve [options]',
    about: [
      'Starts a local Media Collection API on 127.0.0.1 that answers like Adobe\'s (and judges bodies with',
      'the inspector\'s validators), with the demo player at http://localhost:PORT/, until interrupted.',
      'Prints "listening on http://127.0.0.1:PORT" first.',
    ],
    args: [],
    options: [
      { name: 'port', value: 'N', about: 'the port to listen on (0: any free port)', default: '0', parseDefault: '0' },
      { name: 'idle-timeout', value: 'S', about: 'seconds without an event after which a session is closed (410)', default: String(DEFAULTS.idleTimeoutS) },
      { name: 'stall-timeout', value: 'S', about: 'seconds of unmoving playhead after which a session is closed (410)', default: String(DEFAULTS.stallTimeoutS) },
      { name: 'closed-grace', value: 'S', about: 'seconds a closed session is kept (late events get 410, /_mci/sessions shows it) before it is freed', default: String(DEFAULTS.closedGraceS) },
      { name: 'max-sessions', value: 'N', about: 'sessions held at most: past it the oldest closed one is freed, else the least recently active', default: String(DEFAULTS.maxSessions) },
      { name: 'max-events', value: 'N', about: 'event records held at most, all sessions together', default: String(DEFAULTS.maxEvents) },
      { name: 'max-body-mb', value: 'MB', about: 'stored bodies at most, all sessions together: past it the oldest are dropped (counted)', default: String(DEFAULTS.maxBodyBytes / (1024 * 1024)) },
      { name: 'body-timeout', value: 'S', about: 'seconds a request body may go silent before the answer is 408', default: String(DEFAULTS.bodyTimeoutS) },
      HELP,
    ],
    notes: ['Exit status: 0 stopped by SIGINT or SIGTERM, 2 bad usage or the port cannot be listened on.'],
  },
};

export function commandOptions(command: CommandName): readonly OptionDoc[] {
  return DOCS[command].options;
}

/** The parseArgs options of a command (--help is not among them: it is answered before parsing). */
export function parseArgsOptions(command: CommandName): Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string }> {
  const out: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string }> = {};
  for (const o of DOCS[command].options) {
    if (o === HELP) continue;
    out[o.name] = {
      // An option without a value is a flag.
      type: o.value === undefined ? 'boolean' : 'string',
      ...(o.short ? { short: o.short } : {}),
      ...(o.multiple ? { multiple: true } : {}),
      ...(o.parseDefault !== undefined ? { default: o.parseDefault } : {}),
    };
  }
  return out;
}

/** True when the arguments ask for help (`--help` or `-h` before any `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

export function commandHelp(command: CommandName): string {
  const d = DOCS[command];
  const flag = (o: OptionDoc) => `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`;
  const width = Math.max(...d.options.map((o) => flag(o).length), ...d.args.map(([a]) => a.length));
  const lines = [`usage: ${d.synopsis}`, '', ...d.about];
  if (d.args.length) {
    lines.push('', 'Arguments:');
    for (const [a, about] of d.args) lines.push(`  ${a.padEnd(width)}  ${about}`);
  }
  lines.push('', 'Options:');
  for (const o of d.options) lines.push(`  ${flag(o).padEnd(width)}  ${o.about}${o.default !== undefined ? ` (default: ${o.default})` : ''}`);
  lines.push('', ...d.notes, '');
  return lines.join('\n');
}

export function mainHelp(): string {
  return [
    'usage: mci <command> [options]',
    '       mci <command> --help',
    '',
    'Media Collection Inspector: checks Adobe Media Collection API traffic recorded in HAR files.',
    '',
    'Commands:',
    '  check <file.har|report.json>...   check every Media Collection call and print the findings',
    '  report <file.har|report.json>...  write a report (json: lossless, re-importable; html: standalone; har; md: for a ticket)',
    '  serve                             a local Media Collection API (127.0.0.1) that answers like Adobe\'s, with the demo player at /',
    '  help [command]                    print this help, or a command\'s',
    '',
    'Options:',
    '  -h, --help                        print this help and exit',
    '  -v, --version                     print the version and exit',
    '',
    'Run "mci <command> --help" for a command\'s arguments, options and their defaults.',
    'Exit status: 0 no error finding, 1 at least one error finding (check), 2 bad usage or unreadable input.',
    '',
  ].join('\n');
}

export function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

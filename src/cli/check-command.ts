/** `mci check`: read HAR files, analyse, print text, JSON or JUnit. */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { analyse } from '../core/analysis/analyser.ts';
import type { Exchange } from '../core/exchange.ts';
import { HarError, parseHar, entryToExchange } from '../core/har/read-har.ts';
import { buildCheckResult, type CheckInput } from '../core/report/check-result.ts';
import { toJUnit } from '../core/report/junit.ts';
import { formatText } from './format-text.ts';
import { UsageError } from './usage-error.ts';
import type { AdPingCadence, Settings } from '../core/session/settings.ts';
import { colorsFor } from './colors.ts';

const FORMATS = ['text', 'json', 'junit'] as const;
type Format = (typeof FORMATS)[number];

export async function runCheck(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        out: { type: 'string', short: 'o' },
        'ad-ping': { type: 'string' },
        'ping-tolerance': { type: 'string' },
        'clock-skew': { type: 'string' },
        'playhead-tolerance': { type: 'string' },
        endpoint: { type: 'string', multiple: true },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const format = parsed.values.format as string;
  if (!isFormat(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  const files = parsed.positionals;
  if (files.length === 0) throw new UsageError('mci check needs at least one HAR file');

  const inputs: CheckInput[] = [];
  const exchanges: Exchange[] = [];
  for (const file of files) {
    const text = await readText(file);
    let recording;
    try {
      recording = parseHar(text, file);
    } catch (e) {
      if (e instanceof HarError) throw new UsageError(e.message);
      throw e;
    }
    inputs.push({ file, creator: recording.creator, firstIndex: exchanges.length, entries: recording.entries.length });
    for (const entry of recording.entries) exchanges.push(entryToExchange(entry, exchanges.length));
  }
  const result = buildCheckResult(inputs, analyse(exchanges, settingsFrom(parsed.values)));

  const toFile = parsed.values.out !== undefined;
  const output = format === 'json' ? `${JSON.stringify(result, null, 2)}\n`
    : format === 'junit' ? toJUnit(result)
    : formatText(result, colorsFor(toFile ? null : process.stdout));
  if (toFile) await writeFile(parsed.values.out as string, output);
  else process.stdout.write(output);
  return result.summary.findings.error > 0 ? 1 : 0;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? e);
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
}

/** Settings from the command line; seconds on the command line, ms inside. */
function settingsFrom(v: Record<string, unknown>): Partial<Settings> {
  const cadence = v['ad-ping'];
  if (cadence !== undefined && !['1', '10', 'either'].includes(String(cadence))) {
    throw new UsageError(`--ad-ping must be 1, 10 or either, not "${String(cadence)}"`);
  }
  return {
    adPingCadence: cadence as AdPingCadence | undefined,
    pingToleranceMs: seconds(v['ping-tolerance'], '--ping-tolerance', 1000),
    clockSkewToleranceMs: seconds(v['clock-skew'], '--clock-skew', 1000),
    playheadToleranceS: seconds(v['playhead-tolerance'], '--playhead-tolerance', 1),
    customEndpoints: endpoints(v.endpoint),
  };
}

function endpoints(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  const list = (v as string[]).map((e) => e.trim());
  const bad = list.find((e) => !/^https?:\/\/[^/]+/.test(e));
  if (bad !== undefined) throw new UsageError(`--endpoint must be an http(s) URL standing for …/api/v1, not "${bad}"`);
  return list;
}

function seconds(value: unknown, name: string, factor: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (String(value).trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`${name} must be a number of seconds ≥ 0, not "${String(value)}"`);
  return n * factor;
}

function isFormat(f: string): f is Format {
  return (FORMATS as readonly string[]).includes(f);
}

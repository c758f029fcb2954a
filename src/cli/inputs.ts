/** Reading the CLI's input files (HAR or JSON reports) and its settings options, shared by check and report. */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Exchange } from '../core/exchange.ts';
import { HarError } from '../core/har/read-har.ts';
import { ReportError } from '../core/report/json-report.ts';
import type { CheckInput } from '../core/report/check-result.ts';
import { readRecording } from '../core/report/read-recording.ts';
import { mergeRecordedFrom, type RecordedFrom } from '../core/report/recorded-from.ts';
import { MAIN_PING_RANGE_S, withDefaults, type AdPingCadence, type Settings } from '../core/session/settings.ts';
import type { CommandName } from './usage.ts';
import { UsageError } from './usage-error.ts';

/**
 * parseArgs with bad usage turned into a UsageError; an unknown option names itself and says
 * where the command's options are listed.
 */
export function parseOptions<T extends Parameters<typeof parseArgs>[0]>(command: CommandName, config: T) {
  try {
    return parseArgs(config);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if ((e as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']*)'/.exec(message)?.[1] ?? message;
      throw new UsageError(`unknown option ${option} for mci ${command} (run "mci ${command} --help" to see its options)`);
    }
    throw new UsageError(message);
  }
}

export interface Inputs {
  inputs: CheckInput[];
  /** Every exchange of every file, indexed across files in order. */
  exchanges: Exchange[];
  /** Settings stored in the first JSON report among the inputs, if any. */
  reportSettings: Partial<Settings> | null;
  /** The browsers and pages the inputs say they were recorded in and on (exchange indexes as here). */
  recordedFrom: RecordedFrom | null;
  /** Other requests the inputs counted without keeping them (JSON reports exported by the panel). */
  ignoredNotKept: number;
}

export async function readInputs(files: readonly string[]): Promise<Inputs> {
  const inputs: CheckInput[] = [];
  const exchanges: Exchange[] = [];
  let reportSettings: Partial<Settings> | null = null;
  let ignoredNotKept = 0;
  const origins: { from: RecordedFrom | null; offset: number }[] = [];
  let nextIndex = 0;
  for (const file of files) {
    const text = await readText(file);
    let recording;
    try {
      recording = readRecording(text, file);
    } catch (e) {
      if (e instanceof HarError || e instanceof ReportError) throw new UsageError(e.message);
      throw e;
    }
    reportSettings ??= recording.settings;
    // Indexes stay as the file has them (a report's may have gaps), shifted past the files before.
    const offset = nextIndex;
    inputs.push({ file, creator: recording.creator, firstIndex: offset, entries: recording.exchanges.length });
    origins.push({ from: recording.recordedFrom, offset });
    ignoredNotKept += recording.ignoredNotKept;
    for (const ex of recording.exchanges) {
      exchanges.push(offset === 0 ? ex : { ...ex, index: ex.index + offset });
      nextIndex = Math.max(nextIndex, ex.index + offset + 1);
    }
  }
  return { inputs, exchanges, reportSettings, recordedFrom: mergeRecordedFrom(origins), ignoredNotKept };
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

/** Settings from the command line (seconds there, ms inside), over those of a report; bad ones are a UsageError. */
export function settingsFrom(v: Record<string, unknown>, base: Partial<Settings> | null): Settings {
  const cadence = v['ad-ping'];
  if (cadence !== undefined && !['1', '10', 'either'].includes(String(cadence))) {
    throw new UsageError(`--ad-ping must be 1, 10 or either, not "${String(cadence)}"`);
  }
  const fromFlags: Partial<Settings> = {
    adPingCadence: cadence as AdPingCadence | undefined,
    mainPingIntervalS: mainPing(v['main-ping']),
    keepSensitiveHeaders: v['keep-sensitive-headers'] === true ? true : undefined,
    pingToleranceMs: seconds(v['ping-tolerance'], '--ping-tolerance', 1000),
    clockSkewToleranceMs: seconds(v['clock-skew'], '--clock-skew', 1000),
    playheadToleranceS: seconds(v['playhead-tolerance'], '--playhead-tolerance', 1),
    customEndpoints: endpoints(v.endpoint),
  };
  const merged: Partial<Settings> = { ...(base ?? {}) };
  for (const [k, value] of Object.entries(fromFlags)) if (value !== undefined) (merged as Record<string, unknown>)[k] = value;
  try {
    return withDefaults(merged);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** `auto` (null: the session's own interval on Media Edge, else 10 s) or seconds from 10 to 50. */
function mainPing(v: unknown): number | null | undefined {
  if (v === undefined) return undefined;
  const text = String(v).trim();
  if (text === 'auto') return null;
  const n = Number(text);
  if (text === '' || !Number.isFinite(n) || n < MAIN_PING_RANGE_S.min || n > MAIN_PING_RANGE_S.max) {
    throw new UsageError(`--main-ping must be auto or a number of seconds from ${MAIN_PING_RANGE_S.min} to ${MAIN_PING_RANGE_S.max}, not "${text}"`);
  }
  return n;
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

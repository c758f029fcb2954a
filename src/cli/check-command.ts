/** `mci check`: read HAR files or JSON reports, analyse, print text, JSON or JUnit. */
import { Analyser } from '../core/analysis/analyser.ts';
import { captureContextFrom } from '../core/analysis/capture-gaps.ts';
import { jsonFileChunks } from '../core/json/json-chunks.ts';
import { buildCheckResult } from '../core/report/check-result.ts';
import { toJUnit } from '../core/report/junit.ts';
import { colorsFor } from './colors.ts';
import { formatText } from './format-text.ts';
import { parseOptions, readInputs, settingsFrom } from './inputs.ts';
import { writeOutput } from './output.ts';
import { parseArgsOptions } from './usage.ts';
import { UsageError } from './usage-error.ts';

const FORMATS = ['text', 'json', 'junit'] as const;
type Format = (typeof FORMATS)[number];

export async function runCheck(args: string[]): Promise<number> {
  const parsed = parseOptions('check', { args, allowPositionals: true, options: parseArgsOptions('check') });
  const format = parsed.values.format as string;
  if (!isFormat(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  const files = parsed.positionals;
  if (files.length === 0) throw new UsageError('mci check needs at least one HAR file or JSON report');

  const { inputs, exchanges, reportSettings, ignoredNotKept, recordedFrom } = await readInputs(files);
  const settings = settingsFrom(parsed.values, reportSettings);
  const analyser = new Analyser(settings).addAll(exchanges);
  // Where the recording says it was made in a browser, its navigations may have lost calls (capture.gap).
  analyser.setCaptureContext(captureContextFrom(recordedFrom, exchanges));
  const result = buildCheckResult(inputs, analyser.result(), ignoredNotKept);

  const out = parsed.values.out as string | undefined;
  const output = format === 'json' ? jsonFileChunks(result)
    : format === 'junit' ? toJUnit(result)
    : formatText(result, colorsFor(out !== undefined ? null : process.stdout));
  const code = result.summary.findings.error > 0 ? 1 : 0;
  // A reader that stops early (`| head`) ends the process while chunks are still being written:
  // it exits with the check's status, as when the output was written in one piece.
  process.exitCode = code;
  await writeOutput(out, output);
  return code;
}

function isFormat(f: string): f is Format {
  return (FORMATS as readonly string[]).includes(f);
}

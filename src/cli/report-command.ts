/** `mci report`: write a JSON, HTML, HAR or Markdown report of HAR files or JSON reports. */
import { isReportFormat, REPORT_FORMATS, renderReportChunks } from '../core/report/render-report.ts';
import { parseOptions, readInputs, settingsFrom } from './inputs.ts';
import { writeOutput } from './output.ts';
import { parseArgsOptions } from './usage.ts';
import { UsageError } from './usage-error.ts';

export async function runReport(args: string[]): Promise<number> {
  const parsed = parseOptions('report', { args, allowPositionals: true, options: parseArgsOptions('report') });
  const format = parsed.values.format as string;
  if (!isReportFormat(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not "${format}"`);
  const files = parsed.positionals;
  if (files.length === 0) throw new UsageError('mci report needs at least one HAR file or JSON report');
  const { exchanges, reportSettings, recordedFrom, ignoredNotKept } = await readInputs(files);
  const settings = settingsFrom(parsed.values, reportSettings);
  // The other requests of the inputs: those among their entries are counted by the analysis,
  // those a report counted without keeping them (the panel's exports) are passed on.
  const output = renderReportChunks(format, exchanges, settings, files.join(', '), new Date(), { recordedFrom, ignoredNotKept });
  await writeOutput(parsed.values.out as string | undefined, output);
  return 0;
}

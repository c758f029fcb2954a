/** `mci report`: write a JSON, HTML, HAR or Markdown report of HAR files or JSON reports. */
import { isReportFormat, REPORT_FORMATS, renderReport } from '../core/report/render-report.ts';
import { parseOptions, readInputs, SETTINGS_OPTIONS, settingsFrom } from './inputs.ts';
import { writeOutput } from './output.ts';
import { UsageError } from './usage-error.ts';

export async function runReport(args: string[]): Promise<number> {
  const parsed = parseOptions({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', short: 'f', default: 'html' }, out: { type: 'string', short: 'o' }, ...SETTINGS_OPTIONS },
  });
  const format = parsed.values.format as string;
  if (!isReportFormat(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not "${format}"`);
  const files = parsed.positionals;
  if (files.length === 0) throw new UsageError('mci report needs at least one HAR file or JSON report');
  const { exchanges, reportSettings } = await readInputs(files);
  const settings = settingsFrom(parsed.values, reportSettings);
  const output = renderReport(format, exchanges, settings, files.join(', '));
  await writeOutput(parsed.values.out as string | undefined, output);
  return 0;
}

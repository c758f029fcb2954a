/**
 * Export: JSON, HTML or HAR as a file, Markdown to the clipboard; all sessions, the selected ones
 * or the filtered requests. Disabled while there is nothing to export; files are named after the
 * site, the session (when the export holds one) and the time (export-name.ts).
 */
import { useState } from 'preact/hooks';
import type { ReportFormat } from '../../core/report/render-report.ts';
import { defaultEnvironment, exportReport, type ExportScope } from '../export.ts';
import { plural } from '../format.ts';
import { useHost, useStore } from '../store/use-store.ts';

export function ExportMenu() {
  const store = useStore();
  const host = useHost();
  const [scope, setScope] = useState<ExportScope>('all');
  const nothing = store.analysis().calls.length === 0;
  const run = async (format: ReportFormat) => {
    try {
      const file = exportReport(store, format, scope, new Date(), { ...defaultEnvironment(), pageHost: host.pageHost?.() ?? null });
      if (file.count === 0) return store.setNotice('Nothing to export: no request in this scope.');
      if (format === 'md') {
        const ok = await host.copy(file.text);
        return store.setNotice(ok ? `Copied a Markdown summary of ${plural(file.count, 'request')} to the clipboard` : 'Could not copy to the clipboard');
      }
      host.download(file.fileName, file.mime, file.text);
      store.setNotice(`Saved ${file.fileName} (${plural(file.count, 'request')})`);
    } catch (e) {
      store.setNotice(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const why = (what: string) => (nothing ? 'Nothing to export yet: no Media Collection call captured' : what);
  return (
    <span class="export" data-testid="export">
      <select aria-label="Export scope" value={scope} disabled={nothing} onChange={(e) => setScope(e.currentTarget.value as ExportScope)} data-testid="export-scope">
        <option value="all">Export all sessions</option>
        <option value="selected">Export selected sessions</option>
        <option value="filtered">Export filtered requests</option>
      </select>
      <button type="button" disabled={nothing} title={why('Lossless JSON report (re-importable)')} onClick={() => void run('json')} data-testid="export-json">⇩ JSON</button>
      <button type="button" disabled={nothing} title={why('Standalone HTML report')} onClick={() => void run('html')} data-testid="export-html">⇩ HTML</button>
      <button type="button" disabled={nothing} title={why('HAR of the Media Collection requests')} onClick={() => void run('har')} data-testid="export-har">⇩ HAR</button>
      <button type="button" disabled={nothing} title={why('Markdown summary for a ticket, to the clipboard')} onClick={() => void run('md')} data-testid="export-md">Copy Markdown</button>
    </span>
  );
}

/** Export: JSON, HTML or HAR as a file, Markdown to the clipboard; all sessions, the selected ones or the filtered requests. */
import { useState } from 'preact/hooks';
import type { ReportFormat } from '../../core/report/render-report.ts';
import { exportReport, type ExportScope } from '../export.ts';
import { useHost, useStore } from '../store/use-store.ts';

export function ExportMenu() {
  const store = useStore();
  const host = useHost();
  const [scope, setScope] = useState<ExportScope>('all');
  const run = async (format: ReportFormat) => {
    try {
      const file = exportReport(store, format, scope);
      if (file.count === 0) return store.setNotice('Nothing to export: no request in this scope.');
      if (format === 'md') {
        const ok = await host.copy(file.text);
        return store.setNotice(ok ? `Copied a Markdown summary of ${file.count} requests to the clipboard` : 'Could not copy to the clipboard');
      }
      host.download(file.fileName, file.mime, file.text);
      store.setNotice(`Saved ${file.fileName} (${file.count} requests)`);
    } catch (e) {
      store.setNotice(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <span class="export" data-testid="export">
      <select aria-label="Export scope" value={scope} onChange={(e) => setScope(e.currentTarget.value as ExportScope)} data-testid="export-scope">
        <option value="all">Export all sessions</option>
        <option value="selected">Export selected sessions</option>
        <option value="filtered">Export filtered requests</option>
      </select>
      <button type="button" title="Lossless JSON report (re-importable)" onClick={() => void run('json')} data-testid="export-json">⇩ JSON</button>
      <button type="button" title="Standalone HTML report" onClick={() => void run('html')} data-testid="export-html">⇩ HTML</button>
      <button type="button" title="HAR of the Media Collection requests" onClick={() => void run('har')} data-testid="export-har">⇩ HAR</button>
      <button type="button" title="Markdown summary for a ticket, to the clipboard" onClick={() => void run('md')} data-testid="export-md">Copy Markdown</button>
    </span>
  );
}

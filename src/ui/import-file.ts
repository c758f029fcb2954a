/** Loads a recording (HAR or JSON report) into the store; a bad file becomes a clear notice, never a crash. */
import { count } from './format.ts';
import { HarError } from '../core/har/read-har.ts';
import { ReportError } from '../core/report/json-report.ts';
import { readRecording } from '../core/report/read-recording.ts';
import type { PanelStore } from './store/panel-store.ts';

function importText(store: PanelStore, text: string, fileName: string): boolean {
  try {
    const recording = readRecording(text, fileName);
    const exchanges = recording.exchanges;
    // A report brings its settings, so that the analysis is the one that was exported.
    store.load(exchanges, `Opened ${fileName} (${recording.kind === 'report' ? 'JSON report' : 'HAR'}): ${count(exchanges.length)} requests`, recording.settings ?? undefined);
    return true;
  } catch (e) {
    store.setNotice(e instanceof HarError || e instanceof ReportError ? e.message : `${fileName}: could not be read (${e instanceof Error ? e.message : String(e)})`);
    return false;
  }
}

export async function importFiles(store: PanelStore, files: Iterable<File>): Promise<void> {
  for (const file of files) {
    importText(store, await file.text(), file.name);
  }
}

/**
 * Opens recordings (HAR or JSON report) someone sent: in the DevTools panel into a view of their
 * own (the live capture goes on behind it, see PanelStore.openFile), in the viewer in place of what
 * is shown. A bad file becomes a clear notice where the tester is, never a crash, and changes no view.
 */
import { count } from './format.ts';
import { HarError } from '../core/har/read-har.ts';
import { ReportError } from '../core/report/json-report.ts';
import { readRecording, type Recording } from '../core/report/read-recording.ts';
import type { PanelStore } from './store/panel-store.ts';

/** Opens one file's text; false (and a notice on `store`) when it cannot be read. */
export function importText(store: PanelStore, text: string, fileName: string): boolean {
  let recording: Recording;
  try {
    recording = readRecording(text, fileName);
  } catch (e) {
    store.setNotice(e instanceof HarError || e instanceof ReportError ? e.message : `${fileName}: could not be read (${e instanceof Error ? e.message : String(e)})`);
    return false;
  }
  const kind = recording.kind === 'report' ? 'JSON report' : 'HAR';
  const opened = recording;
  try {
    // A report brings its settings, so that the analysis is the one that was exported, and the
    // count of other requests it saw without keeping them.
    store.openFile({ name: fileName, kind }, (target) => target.load(opened.exchanges, `Opened ${fileName} (${kind}): ${count(opened.exchanges.length)} requests`,
      opened.settings ?? undefined, opened.ignoredNotKept));
    return true;
  } catch (e) {
    // Settings a report carries that this version refuses: nothing changed.
    store.setNotice(`${fileName}: could not be opened (${e instanceof Error ? e.message : String(e)})`);
    return false;
  }
}

export async function importFiles(store: PanelStore, files: Iterable<File>): Promise<void> {
  for (const file of files) {
    importText(store, await file.text(), file.name);
  }
}

/** Loads a recording (HAR) into the store; a bad file becomes a clear notice, never a crash. */
import { entryToExchange, HarError, parseHar } from '../core/har/read-har.ts';
import type { PanelStore } from './store/panel-store.ts';

export function importText(store: PanelStore, text: string, fileName: string): boolean {
  try {
    const { entries } = parseHar(text, fileName);
    const exchanges = entries.map((e, i) => {
      const { index: _index, ...rest } = entryToExchange(e, i);
      return rest;
    });
    store.load(exchanges, `Opened ${fileName}: ${entries.length.toLocaleString('en')} requests`);
    return true;
  } catch (e) {
    store.setNotice(e instanceof HarError ? e.message : `${fileName}: could not be read (${e instanceof Error ? e.message : String(e)})`);
    return false;
  }
}

export async function importFiles(store: PanelStore, files: Iterable<File>): Promise<void> {
  for (const file of files) {
    importText(store, await file.text(), file.name);
  }
}

/**
 * "Open…" button for a HAR file or a JSON report (drag and drop onto the panel works too, see
 * file-drop.ts). In the DevTools panel the file opens in a view of its own (import-file.ts).
 */
import { useRef } from 'preact/hooks';
import { useStore } from '../store/use-store.ts';
import { importFiles } from '../import-file.ts';

export function OpenFile() {
  const store = useStore();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" title={store.get().source === 'devtools' || store.opener ? 'Open a HAR recording or a JSON report (or drop it on the panel): it opens in a view of its own, the live capture goes on' : 'Open a HAR recording or a JSON report (or drop it on the page)'} onClick={() => input.current?.click()} data-testid="open-file">⇧ Open…</button>
      <input ref={input} type="file" accept=".har,.json,application/json" hidden data-testid="file-input"
        onChange={(e) => {
          const files = e.currentTarget.files;
          if (files) void importFiles(store, [...files]).then(() => { if (input.current) input.current.value = ''; });
        }} />
    </>
  );
}

/** "Open…" button for a HAR file (drag and drop onto the panel works too, see useFileDrop). */
import { useRef } from 'preact/hooks';
import { useStore } from '../store/use-store.ts';
import { importFiles } from '../import-file.ts';

export function OpenFile() {
  const store = useStore();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" title="Open a HAR recording (or drop it on the panel)" onClick={() => input.current?.click()} data-testid="open-file">⇧ Open…</button>
      <input ref={input} type="file" accept=".har,.json,application/json" hidden data-testid="file-input"
        onChange={(e) => {
          const files = e.currentTarget.files;
          if (files) void importFiles(store, [...files]).then(() => { if (input.current) input.current.value = ''; });
        }} />
    </>
  );
}

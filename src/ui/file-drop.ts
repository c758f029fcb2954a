/** Drag and drop of recordings anywhere on a document (the panel and the viewer). */
import { importFiles } from './import-file.ts';
import type { PanelStore } from './store/panel-store.ts';

export function installFileDrop(doc: Document, store: PanelStore): void {
  doc.addEventListener('dragover', (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    doc.body.classList.add('dropzone');
  });
  doc.addEventListener('dragleave', () => doc.body.classList.remove('dropzone'));
  doc.addEventListener('drop', (e) => {
    doc.body.classList.remove('dropzone');
    if (!e.dataTransfer?.files.length) return;
    e.preventDefault();
    void importFiles(store, [...e.dataTransfer.files]);
  });
}

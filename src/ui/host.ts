/**
 * What the views may ask of their surroundings. The DevTools glue and the file viewer each
 * implement it; tests use an in-memory one. Components never call browser APIs themselves.
 */
import type { Settings } from '../core/session/settings.ts';

export interface PanelHost {
  /** Puts text on the clipboard; resolves false when the page may not. */
  copy(text: string): Promise<boolean>;
  /** Saves a file (an exported report). */
  download(fileName: string, mime: string, text: string): void;
  /** Persists settings (browser storage in the extension; nothing in the viewer). */
  saveSettings(settings: Settings): void;
  /** Where the data comes from, for the empty state. */
  kind: 'devtools' | 'viewer';
  /** Opens the standalone viewer (for a HAR file someone sent), when the host can. */
  openViewer?(): void;
  /** Opens the page where the user allows (or stops) "Capture without loss", when the host can. */
  openCaptureSetup?(): void;
}

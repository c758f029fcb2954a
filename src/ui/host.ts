/**
 * What the views may ask of their surroundings. The DevTools glue and the file viewer each
 * implement it; tests use an in-memory one. Components never call browser APIs themselves.
 */
import type { Settings } from '../core/session/settings.ts';
import type { ViewerCapture, ViewerShown } from './viewer-handoff.ts';

export interface PanelHost {
  /** Puts text on the clipboard; resolves false when the page may not. */
  copy(text: string): Promise<boolean>;
  /** Saves a file (an exported report). */
  download(fileName: string, mime: string, text: string): void;
  /** Persists settings (browser storage in the extension; nothing in the viewer). */
  saveSettings(settings: Settings): void;
  /** Where the data comes from, for the empty state. */
  kind: 'devtools' | 'viewer';
  /**
   * Opens the standalone viewer in a tab, when the host can: with this capture in it (`onShown`
   * hears what it then shows), or empty (for a file someone sent).
   */
  openViewer?(capture?: ViewerCapture, onShown?: (shown: ViewerShown) => void): void;
  /** The inspected page's host ("player.example.com"), when known: exported files are named after it. */
  pageHost?(): string | null;
  /** Opens the page where the user allows (or stops) "Capture without loss", when the host can. */
  openCaptureSetup?(): void;
}

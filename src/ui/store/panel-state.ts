/** The shape of the panel's state (store/panel-store.ts holds it and changes it). */
import type { Severity } from '../../core/findings/finding.ts';
import type { Settings } from '../../core/session/settings.ts';
import type { PanelStore } from './panel-store.ts';

/**
 * What the request list shows. Which sessions it shows is not part of it: that is the session
 * selection (`selectedSessions`), the one notion of "session" the panel has.
 */
export interface Filter {
  text: string;
  /** Only these event types (empty: all). */
  eventTypes: string[];
  /** Only requests with a finding of this severity or worse ('all': every request). */
  severity: 'all' | Severity;
  /** Hides pings, except those with a finding (evidence is never hidden). */
  hidePings: boolean;
}

export const DEFAULT_FILTER: Filter = { text: '', eventTypes: [], severity: 'all', hidePings: false };

export interface Navigation {
  /** Requests captured before the navigation (its place in the list). */
  afterCount: number;
  time: number;
  url: string;
  /** The capture may have lost calls at it: the DevTools network API alone (no webRequest capture) was capturing. */
  lossy?: boolean;
}

/**
 * "Capture without loss" (the webRequest capture): not offered (viewer, tests), off, on, or on
 * but not for the inspected site (the browser needs access to the page that sends the calls too).
 */
export type WebCaptureState = 'unavailable' | 'off' | 'on' | 'not-this-site';

export type Theme = 'light' | 'dark';

/** A recording opened from a file: its name and what kind of file it was. */
export interface OpenedFile {
  name: string;
  kind: 'HAR' | 'JSON report';
}

/**
 * A file opened in the DevTools panel: shown in a store of its own while the live capture goes on
 * behind it, untouched, until the tester goes back to it.
 */
export interface FileView {
  store: PanelStore;
  /** Media Collection calls the live capture had when the file was opened (the bar counts the new ones). */
  liveCalls: number;
}

export interface PanelState {
  version: number;
  recording: boolean;
  preserveLog: boolean;
  theme: Theme;
  settings: Settings;
  /** Requests seen that are not Media Collection calls (counted, not kept). */
  otherRequests: number;
  navigations: Navigation[];
  selectedExchange: number | null;
  selectedSessions: string[];
  /** Counts plain session clicks (each leads to the session's first finding: the details show their Findings tab). */
  sessionPicks: number;
  filter: Filter;
  /** One line for the status bar: what just happened (import, export, errors). */
  notice: string | null;
  /** Where the data comes from. */
  source: 'devtools' | 'file';
  /** The file what this store shows was opened from (null: a capture). */
  file: OpenedFile | null;
  /** The file the DevTools panel shows instead of the live capture, if any (on the live store). */
  viewing: FileView | null;
  /** Whether DevTools had requests before the panel started listening (back-filled from getHAR). */
  backfilled: number;
  webCapture: WebCaptureState;
  /** A navigation just happened while the capture could lose calls at it: the banner that offers the webRequest capture. */
  lossNotice: { time: number; url: string } | null;
}

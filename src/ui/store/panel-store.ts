/**
 * The panel's state, fed by the browser glue (or by a file in the viewer) and read by the views.
 * No browser API here: the glue calls these methods, the views subscribe. Each change bumps a
 * version; subscribers are notified once per scheduled tick, so a burst of captured requests
 * causes one render.
 */
import { Analyser, type AnalysisResult } from '../../core/analysis/analyser.ts';
import type { Exchange } from '../../core/exchange.ts';
import type { Severity } from '../../core/findings/finding.ts';
import type { SessionTimeline } from '../../core/session/timeline.ts';
import { sameSettings, withDefaults, type Settings } from '../../core/session/settings.ts';
import { withoutSensitiveHeaders } from '../../core/privacy/sensitive-headers.ts';
import { FIREFOX_AFTER_MS, NO_CAPTURE_CONTEXT, OTHER_AFTER_MS } from '../../core/analysis/capture-gaps.ts';

/** Calls sent this soon before a navigation may have been in flight at it. */
const LOSS_WINDOW_MS = 5000;

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
  filter: Filter;
  /** One line for the status bar: what just happened (import, export, errors). */
  notice: string | null;
  /** Where the data comes from. */
  source: 'devtools' | 'file';
  /** Whether DevTools had requests before the panel started listening (back-filled from getHAR). */
  backfilled: number;
  webCapture: WebCaptureState;
  /** A navigation just happened while the capture could lose calls at it: the banner that offers the webRequest capture. */
  lossNotice: { time: number; url: string } | null;
}

const DEFAULT_FILTER: Filter = { text: '', eventTypes: [], severity: 'all', hidePings: false };

export type Scheduler = (flush: () => void) => void;

/** What happened to the capture, for the glue that keeps it across DevTools sessions. */
export type CaptureEvent =
  | { type: 'exchange'; exchange: Exchange }
  | { type: 'navigations'; navigations: Navigation[] }
  | { type: 'clear' };

export class PanelStore {
  private state: PanelState;
  private analyser: Analyser;
  /**
   * Media Collection exchanges in capture order; other requests are only counted. Found by index
   * through the analyser's calls (a map by index cost 30 ms of a 100,000-entry load).
   */
  private exchanges: Exchange[] = [];
  /** Every captured request gets its own index (the analyser ignores an index seen twice). */
  private nextIndex = 0;
  private readonly listeners = new Set<() => void>();
  private readonly captureListeners = new Set<(e: CaptureEvent) => void>();
  private scheduled = false;
  private cachedResult: { version: number; result: AnalysisResult } | null = null;
  private analysisVersion = 0;

  /** The browser the panel runs in (Firefox's DevTools also lose a new page's first calls). */
  private readonly browserKind: 'firefox' | 'chromium' | null;

  constructor(options: { settings?: Partial<Settings>; source?: 'devtools' | 'file'; theme?: Theme; schedule?: Scheduler; browserKind?: 'firefox' | 'chromium' } = {}) {
    this.browserKind = options.browserKind ?? null;
    const settings = withDefaults(options.settings);
    this.analyser = new Analyser(settings);
    this.schedule = options.schedule ?? ((flush) => flush());
    this.state = {
      version: 0, recording: true, preserveLog: true, theme: options.theme ?? 'light', settings,
      otherRequests: 0, navigations: [], selectedExchange: null, selectedSessions: [], filter: DEFAULT_FILTER,
      notice: null, source: options.source ?? 'devtools', backfilled: 0, webCapture: 'unavailable', lossNotice: null,
    };
  }

  private readonly schedule: Scheduler;

  get(): PanelState {
    return this.state;
  }

  /** The analysis of everything captured, computed at most once per change. */
  analysis(): AnalysisResult {
    if (this.cachedResult?.version !== this.analysisVersion) {
      this.cachedResult = { version: this.analysisVersion, result: this.analyser.result() };
    }
    return this.cachedResult.result;
  }

  timeline(sid: string): SessionTimeline | null {
    return this.analyser.timeline(sid);
  }

  exchange(index: number): Exchange | undefined {
    return this.analyser.call(index)?.exchange;
  }

  /** Every Media Collection exchange captured, in capture order. */
  allExchanges(): Exchange[] {
    return this.exchanges.slice();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Told of every captured exchange, navigation and clear (not of what is restored or opened). */
  listenCapture(listener: (e: CaptureEvent) => void): () => void {
    this.captureListeners.add(listener);
    return () => this.captureListeners.delete(listener);
  }

  private emitCapture(e: CaptureEvent): void {
    for (const l of this.captureListeners) l(e);
  }

  /** A captured request. Returns its index, or null when recording is paused or it is not ours. */
  addExchange(ex: Omit<Exchange, 'index'>): number | null {
    if (!this.state.recording) return null;
    // Secrets (Cookie, Authorization…) are not kept unless the user asked for them: not in memory,
    // not in the saved capture, not in any export.
    const kept = this.state.settings.keepSensitiveHeaders ? ex : withoutSensitiveHeaders(ex);
    const exchange: Exchange = { ...kept, index: this.nextIndex++ };
    const call = this.analyser.add(exchange);
    if (!call) {
      this.update({ otherRequests: this.state.otherRequests + 1 });
      return null;
    }
    this.exchanges.push(exchange);
    this.analysisVersion++;
    this.emitCapture({ type: 'exchange', exchange });
    this.update({});
    return exchange.index;
  }

  /**
   * Loads a recording (HAR or report) in place of what is shown. Its exchange numbers are kept,
   * so that a report's findings still point at the right requests.
   */
  load(exchanges: readonly Exchange[], notice: string, settings?: Partial<Settings>): void {
    // A report's own settings (checked before anything changes) replace the current ones, so the
    // analysis is the one that was exported; what was shown is not re-analysed on the way out.
    const next = settings ? withDefaults({ ...this.state.settings, ...settings }) : null;
    this.emitCapture({ type: 'clear' });
    if (next) this.state = { ...this.state, settings: next };
    this.restore(exchanges, [], notice);
  }

  /** Puts back a capture kept from an earlier DevTools session (indexes and navigations as they were). */
  restore(exchanges: readonly Exchange[], navigations: readonly Navigation[], notice: string): void {
    this.reset();
    const other = this.addAll(exchanges);
    this.update({ otherRequests: other, notice, navigations: [...navigations] });
    this.applyCaptureContext();
  }

  navigated(url: string, time: number): void {
    // A navigation loses calls in flight when only the DevTools network API captures (capture.gap).
    const lossy = this.state.source === 'devtools' && this.state.webCapture !== 'on';
    const recent = lossy && this.callsJustBefore(time);
    const lossNotice = recent ? { time, url } : this.state.lossNotice;
    if (!this.state.preserveLog) {
      this.reset();
      this.emitCapture({ type: 'clear' });
      this.update({ notice: `Cleared on navigation to ${url} (preserve log is off)`, lossNotice });
      return;
    }
    const navigations = [...this.state.navigations, { afterCount: this.exchanges.length, time, url, ...(lossy ? { lossy } : {}) }];
    this.emitCapture({ type: 'navigations', navigations });
    this.update({ navigations, lossNotice });
    this.applyCaptureContext();
  }

  /**
   * The navigation heard at `heard` began at `start` (DevTools' log says so; the event comes late,
   * after the new page's first calls): its marker, the loss banner and the capture gaps use it.
   */
  setNavigationStart(url: string, heard: number, start: number): void {
    const i = this.state.navigations.findIndex((n) => n.url === url && n.time === heard);
    if (i < 0) return;
    const nav = this.state.navigations[i] as Navigation;
    const navigations = this.state.navigations.slice();
    navigations[i] = { ...nav, time: start };
    const notice = this.state.lossNotice;
    const lossNotice = notice && notice.time === heard && notice.url === url
      ? (this.callsJustBefore(start) ? { time: start, url } : null) : notice;
    this.emitCapture({ type: 'navigations', navigations });
    this.update({ navigations, lossNotice });
    this.applyCaptureContext();
  }

  /** Whether media calls were sent in the moments before `time` (they may have been in flight at a navigation then). */
  private callsJustBefore(time: number): boolean {
    return this.exchanges.some((e) => Number.isFinite(e.startedAt) && time - e.startedAt <= LOSS_WINDOW_MS && time >= e.startedAt);
  }

  /** Whether "Capture without loss" is on (the glue says, from the user's consent). */
  setWebCapture(webCapture: WebCaptureState): void {
    this.update({ webCapture, ...(webCapture === 'on' ? { lossNotice: null } : {}) });
  }

  dismissLossNotice(): void {
    this.update({ lossNotice: null });
  }

  /** The analysis learns which navigations may have lost calls (capture.gap). */
  private applyCaptureContext(): void {
    const navigations = this.state.navigations.filter((n) => n.lossy && Number.isFinite(n.time)).map((n) => n.time);
    this.analyser.setCaptureContext(navigations.length
      ? { navigations, lossyAtNavigation: true, lossyAfterMs: this.browserKind === 'firefox' ? FIREFOX_AFTER_MS : OTHER_AFTER_MS }
      : NO_CAPTURE_CONTEXT);
    this.analysisVersion++;
    this.update({});
  }

  clear(): void {
    this.reset();
    this.emitCapture({ type: 'clear' });
    this.update({ notice: null });
  }

  setRecording(recording: boolean): void {
    this.update({ recording });
  }

  setPreserveLog(preserveLog: boolean): void {
    this.update({ preserveLog });
  }

  setTheme(theme: Theme): void {
    this.update({ theme });
  }

  setBackfilled(count: number): void {
    this.update({ backfilled: count });
  }

  setNotice(notice: string | null): void {
    this.update({ notice });
  }

  /** New settings re-analyse everything captured so far; the same settings again change nothing. */
  setSettings(partial: Partial<Settings>): void {
    const settings = withDefaults({ ...this.state.settings, ...partial });
    if (sameSettings(settings, this.state.settings)) return;
    const kept = this.exchanges;
    this.exchanges = [];
    this.analyser = new Analyser(settings);
    const other = this.state.otherRequests + this.addAll(kept);
    this.update({ settings, otherRequests: other, selectedExchange: null });
    this.applyCaptureContext();
  }

  /** Analyses exchanges into the current analyser, keeping the calls; returns how many were not ours. */
  private addAll(exchanges: readonly Exchange[]): number {
    let other = 0;
    for (const ex of exchanges) {
      // An index seen before is the analyser's already (it ignores the second): keep the first.
      const known = this.analyser.call(ex.index);
      if (known) continue;
      if (this.analyser.add(ex)) this.exchanges.push(ex);
      else other++;
      this.nextIndex = Math.max(this.nextIndex, ex.index + 1);
    }
    this.analysisVersion++;
    return other;
  }

  select(index: number | null): void {
    this.update({ selectedExchange: index });
  }

  /**
   * Selects a session; `additive` (Ctrl/Cmd-click) adds or removes it from the selection. The
   * request list then shows the selected sessions' requests, and a plain click leads to the
   * session's first finding (or clears the details when it has none).
   */
  selectSession(sid: string, additive = false): void {
    const current = this.state.selectedSessions;
    const next = additive ? (current.includes(sid) ? current.filter((s) => s !== sid) : [...current, sid]) : [sid];
    if (additive) {
      const selected = this.state.selectedExchange;
      const still = selected === null || next.includes(this.analyser.result().calls.find((c) => c.exchange.index === selected)?.sid ?? '');
      this.update({ selectedSessions: next, selectedExchange: still ? selected : null });
      return;
    }
    const first = this.analysis().findings.find((f) => f.sid === sid);
    this.update({ selectedSessions: next, selectedExchange: first ? first.exchange : null });
  }

  /** Back to every session in the request list (the timeline and summary show the newest). */
  showAllSessions(): void {
    this.update({ selectedSessions: [] });
  }

  setFilter(partial: Partial<Filter>): void {
    this.update({ filter: { ...this.state.filter, ...partial } });
  }

  private reset(): void {
    this.exchanges = [];
    this.nextIndex = 0;
    this.analyser = new Analyser(this.state.settings);
    this.analysisVersion++;
    this.state = { ...this.state, otherRequests: 0, navigations: [], selectedExchange: null, selectedSessions: [] };
  }

  private update(patch: Partial<PanelState>): void {
    this.state = { ...this.state, ...patch, version: this.state.version + 1 };
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      for (const l of [...this.listeners]) l();
    });
  }
}

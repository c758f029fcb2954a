/**
 * The panel's state, fed by the browser glue (or by a file in the viewer) and read by the views.
 * No browser API here: the glue calls these methods, the views subscribe. Each change bumps a
 * version; subscribers are notified once per scheduled tick, so a burst of captured requests
 * causes one render.
 */
import type { AnalysisResult } from '../../core/analysis/analyser.ts';
import type { Exchange } from '../../core/exchange.ts';
import type { SessionTimeline } from '../../core/session/timeline.ts';
import { sameSettings, withDefaults, type Settings } from '../../core/session/settings.ts';
import { withoutSensitiveHeaders } from '../../core/privacy/sensitive-headers.ts';
import { FIREFOX_AFTER_MS, NO_CAPTURE_CONTEXT, OTHER_AFTER_MS } from '../../core/analysis/capture-gaps.ts';
import { DEFAULT_FILTER, type Filter, type Navigation, type OpenedFile, type PanelState, type Theme, type WebCaptureState } from './panel-state.ts';
import { AnalysedCalls } from './analysed-calls.ts';
import { callSpanOf, effectiveSelectionOf, navigationsInSpan, type Span } from './selection.ts';

export type { FileView, Filter, Navigation, OpenedFile, PanelState, Theme, WebCaptureState } from './panel-state.ts';

/** Calls sent this soon before a navigation may have been in flight at it. */
const LOSS_WINDOW_MS = 5000;

export type Scheduler = (flush: () => void) => void;

/** What happened to the capture, for the glue that keeps it across DevTools sessions. */
export type CaptureEvent =
  | { type: 'exchange'; exchange: Exchange }
  | { type: 'navigations'; navigations: Navigation[] }
  | { type: 'clear' };

export interface PanelStoreOptions {
  settings?: Partial<Settings>;
  source?: 'devtools' | 'file';
  theme?: Theme;
  schedule?: Scheduler;
  browserKind?: 'firefox' | 'chromium';
  /** The live store a file view was opened from (openFile): going back, clearing and settings reach it. */
  opener?: PanelStore;
}

export class PanelStore {
  private state: PanelState;
  /** What is held, analysed (a new one when cleared or re-analysed with new settings). */
  private calls: AnalysedCalls;
  private readonly listeners = new Set<() => void>();
  private readonly captureListeners = new Set<(e: CaptureEvent) => void>();
  private scheduled = false;

  /** The browser the panel runs in (Firefox's DevTools also lose a new page's first calls). */
  private readonly browserKind: 'firefox' | 'chromium' | null;
  private readonly schedule: Scheduler;
  /** For a file opened in the DevTools panel: the live store it was opened from. */
  readonly opener: PanelStore | null;

  constructor(options: PanelStoreOptions = {}) {
    this.browserKind = options.browserKind ?? null;
    this.opener = options.opener ?? null;
    const settings = withDefaults(options.settings);
    this.calls = new AnalysedCalls(settings);
    this.schedule = options.schedule ?? ((flush) => flush());
    this.state = {
      version: 0, recording: true, preserveLog: true, theme: options.theme ?? 'light', settings,
      otherRequests: 0, navigations: [], selectedExchange: null, selectedSessions: [], sessionPicks: 0, filter: DEFAULT_FILTER,
      notice: null, source: options.source ?? 'devtools', file: null, viewing: null, backfilled: 0, webCapture: 'unavailable', lossNotice: null,
    };
  }

  get(): PanelState {
    return this.state;
  }

  /** The analysis of everything captured, computed at most once per change. */
  analysis(): AnalysisResult {
    return this.calls.analysis();
  }

  timeline(sid: string): SessionTimeline | null {
    return this.calls.timeline(sid);
  }

  exchange(index: number): Exchange | undefined {
    return this.calls.exchange(index);
  }

  /** The session of a request (null: none, or not a Media Collection call). */
  sessionOf(index: number | null): string | null {
    return index === null ? null : this.calls.sessionOf(index);
  }

  /**
   * The sessions the timeline and the summary show: the selected ones; with none selected, the
   * selected request's session, else the newest (selection.ts).
   */
  shownSessions(): string[] {
    return effectiveSelectionOf(this.state.selectedSessions, this.analysis().sessions, this.sessionOf(this.state.selectedExchange));
  }

  /** From the first to the last call of these sessions (send times); null when they have none. */
  callSpan(sids: readonly string[]): Span | null {
    return callSpanOf(this.analysis().sessions, sids, (i) => this.exchange(i)?.startedAt);
  }

  /** The navigations within these sessions' span; every one when `sids` is empty (every session listed). */
  navigationsFor(sids: readonly string[]): readonly Navigation[] {
    if (sids.length === 0) return this.state.navigations;
    const span = this.callSpan(sids);
    return span ? navigationsInSpan(this.state.navigations, span) : [];
  }

  /** Every Media Collection exchange captured, in capture order. */
  allExchanges(): Exchange[] {
    return this.calls.all();
  }

  /** How many Media Collection exchanges are held. */
  callCount(): number {
    return this.calls.count();
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
    const exchange = this.calls.add(kept);
    if (!exchange) {
      this.update({ otherRequests: this.state.otherRequests + 1 });
      return null;
    }
    this.emitCapture({ type: 'exchange', exchange });
    this.update({});
    return exchange.index;
  }

  /**
   * Opens a recording from a file: `fill` loads it (and may throw, changing nothing). In the
   * DevTools panel it goes into a view of its own: the live capture is not touched (it goes on
   * capturing and being kept) and comes back whole with backToLive(); a file opened from a file's
   * view replaces that view. In the viewer, the file replaces what is shown, as it always did.
   */
  openFile(file: OpenedFile, fill: (target: PanelStore) => void): void {
    if (this.opener) return this.opener.openFile(file, fill);
    if (this.state.source !== 'devtools') {
      fill(this);
      this.update({ file });
      return;
    }
    const view = new PanelStore({ source: 'file', settings: this.state.settings, theme: this.state.theme, schedule: this.schedule, opener: this });
    fill(view);
    view.update({ file });
    this.update({ viewing: { store: view, liveCalls: this.calls.count() } });
  }

  /** Leaves a file's view: the live capture is shown again, as it was and with what it captured meanwhile. */
  backToLive(): void {
    if (this.opener) return this.opener.backToLive();
    if (this.state.viewing) this.update({ viewing: null });
  }

  /**
   * Loads a recording (HAR or report) in place of what is shown. Its exchange numbers are kept,
   * so that a report's findings still point at the right requests; `ignoredNotKept` is the count
   * of other requests a report stored without keeping them (JSON reports of the panel).
   */
  load(exchanges: readonly Exchange[], notice: string, settings?: Partial<Settings>, ignoredNotKept = 0): void {
    // A report's own settings (checked before anything changes) replace the current ones, so the
    // analysis is the one that was exported; what was shown is not re-analysed on the way out.
    const next = settings ? withDefaults({ ...this.state.settings, ...settings }) : null;
    this.emitCapture({ type: 'clear' });
    if (next) this.state = { ...this.state, settings: next };
    this.restore(exchanges, [], notice);
    if (ignoredNotKept > 0) this.update({ otherRequests: this.state.otherRequests + ignoredNotKept });
  }

  /** Puts back a capture kept from an earlier DevTools session (indexes and navigations as they were). */
  restore(exchanges: readonly Exchange[], navigations: readonly Navigation[], notice: string): void {
    this.reset();
    const other = this.calls.addAll(exchanges);
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
    const navigations = [...this.state.navigations, { afterCount: this.calls.count(), time, url, ...(lossy ? { lossy } : {}) }];
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
    return this.calls.sentJustBefore(time, LOSS_WINDOW_MS);
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
    this.calls.setCaptureContext(navigations.length
      ? { navigations, lossyAtNavigation: true, lossyAfterMs: this.browserKind === 'firefox' ? FIREFOX_AFTER_MS : OTHER_AFTER_MS }
      : NO_CAPTURE_CONTEXT);
    this.update({});
  }

  /** Clears everything captured; from a file's view, the live capture too, and the view closes ("Clear" clears, whatever is shown). */
  clear(): void {
    if (this.opener) return this.opener.clear();
    this.reset();
    this.emitCapture({ type: 'clear' });
    this.update({ notice: null, viewing: null });
  }

  setRecording(recording: boolean): void {
    this.update({ recording });
  }

  setPreserveLog(preserveLog: boolean): void {
    this.update({ preserveLog });
  }

  setTheme(theme: Theme): void {
    this.state.viewing?.store.setTheme(theme);
    this.update({ theme });
  }

  setBackfilled(count: number): void {
    this.update({ backfilled: count });
  }

  setNotice(notice: string | null): void {
    this.update({ notice });
  }

  /**
   * New settings re-analyse everything captured so far; the same settings again change nothing.
   * Changed in a file's view, they apply to the live capture too: they are the tester's.
   */
  setSettings(partial: Partial<Settings>): void {
    const settings = withDefaults({ ...this.state.settings, ...partial });
    this.opener?.setSettings(partial);
    if (sameSettings(settings, this.state.settings)) return;
    const kept = this.calls.all();
    this.calls = new AnalysedCalls(settings);
    const other = this.state.otherRequests + this.calls.addAll(kept);
    this.update({ settings, otherRequests: other, selectedExchange: null });
    this.applyCaptureContext();
  }

  select(index: number | null): void {
    this.update({ selectedExchange: index });
  }

  /**
   * Selects a session; `additive` (Ctrl/Cmd-click) adds or removes it from the selection. The
   * request list then shows the selected sessions' requests, and a plain click leads to the
   * session's first finding (or clears the details when it has none), shown in the Findings tab.
   */
  selectSession(sid: string, additive = false): void {
    const current = this.state.selectedSessions;
    const next = additive ? (current.includes(sid) ? current.filter((s) => s !== sid) : [...current, sid]) : [sid];
    if (additive) {
      const selected = this.state.selectedExchange;
      const still = selected === null || next.includes(this.sessionOf(selected) ?? '');
      this.update({ selectedSessions: next, selectedExchange: still ? selected : null });
      return;
    }
    const first = this.analysis().findings.find((f) => f.sid === sid);
    this.update({ selectedSessions: next, selectedExchange: first ? first.exchange : null, sessionPicks: this.state.sessionPicks + 1 });
  }

  /** Back to every session in the request list (the timeline and summary show the selected request's session, else the newest). */
  showAllSessions(): void {
    this.update({ selectedSessions: [] });
  }

  setFilter(partial: Partial<Filter>): void {
    this.update({ filter: { ...this.state.filter, ...partial } });
  }

  private reset(): void {
    this.calls = new AnalysedCalls(this.state.settings);
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

/**
 * Capture, from the moment DevTools opens (the devtools page runs before the panel is shown):
 * every finished request goes to the store; getHAR() back-fills what finished before the
 * listener existed, and is read again every few seconds to take what DevTools holds but never
 * reported through onRequestFinished; a request that both report is kept once (see
 * report-matcher.ts). With "Capture without loss" the webRequest capture is a second road,
 * merged with this one (road-merge.ts). Requests reach onRequestFinished in completion order,
 * not send order; the analysis does not mind.
 */
import { entryToExchange } from '../../src/core/har/read-har.ts';
import { CUT_OFF_BY_NAVIGATION } from '../../src/core/exchange.ts';
import { mayBeTracked } from '../../src/core/analysis/analyser.ts';
import type { PanelStore } from '../../src/ui/store/panel-store.ts';
import { requestContent, type ContentSource } from './request-content.ts';
import { ReportMatcher, requestKey } from './report-matcher.ts';
import { RoadMerge } from './road-merge.ts';

/** What the glue needs from browser.devtools.network (a fake one in tests). */
export interface NetworkSource {
  onRequestFinished(listener: (req: HarRequest) => void): void;
  getHAR(): Promise<{ entries?: HarRequest[]; pages?: { startedDateTime?: unknown }[] }>;
  onNavigated(listener: (url: string) => void): void;
}

export type HarRequest = Record<string, unknown> & Partial<ContentSource>;

/** A call the navigation cut off, as the panel shows it: no reply, and why. */
function abortedByNavigation(e: HarRequest): HarRequest {
  const { getContent: _g, ...rest } = e;
  const response = { ...((e.response ?? {}) as Record<string, unknown>), status: 0, _error: CUT_OFF_BY_NAVIGATION };
  return { ...rest, response, time: -1 } as HarRequest;
}

interface CaptureOptions {
  now?: () => number;
  /** How often to look for calls still waiting for their reply (ms; 0: never). */
  pendingPollMs?: number;
  /** Resolves when an earlier capture has been restored: requests wait for it, so none is lost. */
  ready?: Promise<unknown>;
  /**
   * Whether a call still waiting when the page navigates is recorded as cut off (Chromium, which
   * then never reports it). Not in Firefox: its log also misses completions, so a call it showed
   * waiting may well have had its answer (the loss test saw it); the capture gaps cover it there.
   */
  recordCutOff?: boolean;
  /** Where DevTools' requests go (merged with the webRequest capture's); default: straight to the store. */
  roads?: RoadMerge;
}

/** The newest page's start in DevTools' log, if it began in the 30 s before `heard` (else `heard`). */
function navigationStart(pages: { startedDateTime?: unknown }[] | undefined, heard: number): number {
  const last = pages?.[pages.length - 1]?.startedDateTime;
  const t = typeof last === 'string' ? Date.parse(last) : Number.NaN;
  return Number.isFinite(t) && t <= heard && heard - t <= 30_000 ? t : heard;
}

/** A call DevTools still shows as waiting for its reply. */
function isWaiting(e: HarRequest): boolean {
  const res = (e.response ?? {}) as Record<string, unknown>;
  return res.status === 0 && !res._error;
}

export function startCapture(network: NetworkSource, store: PanelStore, options: CaptureOptions = {}): Promise<void> {
  const now = options.now ?? Date.now;
  const ready = options.ready ?? Promise.resolve();
  const roads = options.roads ?? new RoadMerge({ take: (ex) => void store.addExchange(ex) });
  const seen = new ReportMatcher();
  let isReady = false;
  // A request restored from before DevTools was reopened may be listed again by getHAR().
  void ready.then(() => {
    for (const ex of store.allExchanges()) seen.restored(requestKey(ex));
    isReady = true;
  });
  /** Runs at once when nothing is being restored, else right after. */
  const whenReady = (fn: () => void) => (isReady ? fn() : void ready.then(fn));
  // Media Collection and Media Edge calls: their reply bodies are read (an Edge session id is in one).
  const ours = (method: unknown, url: unknown) => mayBeTracked(String(method ?? ''), String(url ?? ''), store.get().settings.customEndpoints);

  const read = (entry: HarRequest) => {
    const { index: _index, ...ex } = entryToExchange(entry, 0);
    return ex;
  };
  const add = async (entry: HarRequest, ex: ReturnType<typeof read>, fromLog = false): Promise<void> => {
    if (ex.responseBody === null && typeof entry.getContent === 'function' && ours(ex.method, ex.url)) {
      ex.responseBody = await requestContent(entry as ContentSource);
    }
    if (fromLog) roads.devtoolsFromLog(ex);
    else roads.devtools(ex);
  };
  const takeLive = async (entry: HarRequest): Promise<void> => {
    if (!isReady) await ready;
    const ex = read(entry);
    if (seen.live(requestKey(ex))) await add(entry, ex);
  };
  /** A getHAR() snapshot of the whole log: adds the requests not taken yet (`later`: a reconciliation, not the start-up back-fill). */
  const takeSnapshot = async (entries: HarRequest[], later = false): Promise<void> => {
    if (!isReady) await ready;
    const exs = entries.map(read);
    for (const i of seen.snapshot(exs.map(requestKey))) await add(entries[i] as HarRequest, exs[i] as ReturnType<typeof read>, later);
  };

  // Calls still waiting for their reply. Chromium never reports one that a navigation cuts off,
  // and clears it from the log; so they are noted while pending and recorded as aborted when the
  // page navigates. https://developer.chrome.com/docs/extensions/reference/api/devtools/network
  const pending = new Map<string, HarRequest>();
  const pendingKey = (e: HarRequest) => {
    const req = (e.request ?? {}) as Record<string, unknown>;
    return `${String(e.startedDateTime)}|${String(req.method)}|${String(req.url)}`;
  };
  const pollMs = options.pendingPollMs ?? 3000;
  if (pollMs > 0) {
    const timer = setInterval(() => {
      void network.getHAR().then(async (har) => {
        const entries = har?.entries ?? [];
        const finished: HarRequest[] = [];
        for (const e of entries) {
          const req = (e.request ?? {}) as Record<string, unknown>;
          if (isWaiting(e)) {
            if (ours(req.method, req.url)) pending.set(pendingKey(e), e);
          } else if (ours(req.method, req.url)) {
            finished.push(e);
          }
        }
        // Reconciliation: a media call DevTools holds but never reported live (Firefox drops some
        // under load) is taken from its log; one reported already adds nothing (ReportMatcher).
        await takeSnapshot(finished, true);
      }, () => undefined);
    }, pollMs);
    // In a devtools page the timer lives as long as DevTools; under Node (tests) it must not keep the process up.
    (timer as unknown as { unref?: () => void }).unref?.();
  }

  network.onRequestFinished((req) => {
    pending.delete(pendingKey(req));
    void takeLive(req);
  });
  network.onNavigated((url) => {
    const time = now();
    // onNavigated fires once the new page is under way, often after its first calls: the
    // navigation's own start is the newest page of DevTools' log, when it gives one.
    void network.getHAR().then((har) => {
      const start = navigationStart(har?.pages, time);
      if (start !== time) whenReady(() => store.setNavigationStart(url, time, start));
    }, () => undefined);
    whenReady(() => {
      // With the webRequest capture on, a call cut off by the navigation is reported by it as it ended.
      const cutOff = roads.webOn || options.recordCutOff === false ? [] : [...pending.values()];
      pending.clear();
      const moveOn = () => {
        store.navigated(url, time);
        if (!store.get().preserveLog) {
          seen.clear();
          roads.clear();
        }
      };
      if (cutOff.length === 0) moveOn();
      else void Promise.all(cutOff.map((e) => takeLive(abortedByNavigation(e)))).then(moveOn);
    });
  });
  /** Everything in DevTools' network log not captured yet. */
  const backfill = (): Promise<number> => network.getHAR().then(async (har) => {
    const entries = har?.entries ?? [];
    await takeSnapshot(entries);
    return entries.length;
  }, () => 0);
  return backfill().then((n) => store.setBackfilled(n));
}

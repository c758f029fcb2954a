/**
 * Capture, from the moment DevTools opens (the devtools page runs before the panel is shown):
 * every finished request goes to the store; getHAR() back-fills what finished before the
 * listener existed; the same request reported twice is kept once. Requests reach
 * onRequestFinished in completion order, not send order; the analysis does not mind.
 */
import { entryToExchange } from '../../src/core/har/read-har.ts';
import { classify } from '../../src/core/protocol/media-collection/classify.ts';
import type { PanelStore } from '../../src/ui/store/panel-store.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import { requestContent, type ContentSource } from './request-content.ts';

/** What the glue needs from browser.devtools.network (a fake one in tests). */
export interface NetworkSource {
  onRequestFinished(listener: (req: HarRequest) => void): void;
  getHAR(): Promise<{ entries?: HarRequest[] }>;
  onNavigated(listener: (url: string) => void): void;
}

export type HarRequest = Record<string, unknown> & Partial<ContentSource>;

/** Same start time, method, URL and duration: the same request, seen twice. */
export function dedupeKey(ex: Pick<Exchange, 'startedAt' | 'method' | 'url' | 'durationMs'>): string {
  return `${ex.startedAt}|${ex.method}|${ex.url}|${ex.durationMs}`;
}

export interface CaptureOptions {
  now?: () => number;
  /** Resolves when an earlier capture has been restored: requests wait for it, so none is lost. */
  ready?: Promise<unknown>;
}

export function startCapture(network: NetworkSource, store: PanelStore, options: CaptureOptions = {}): Promise<void> {
  const now = options.now ?? Date.now;
  const ready = options.ready ?? Promise.resolve();
  const seen = new Set<string>();
  let isReady = false;
  // A request restored from before DevTools was reopened may be reported again by getHAR().
  void ready.then(() => {
    for (const ex of store.allExchanges()) seen.add(dedupeKey(ex));
    isReady = true;
  });
  /** Runs at once when nothing is being restored, else right after. */
  const whenReady = (fn: () => void) => (isReady ? fn() : void ready.then(fn));

  const take = async (entry: HarRequest): Promise<void> => {
    if (!isReady) await ready;
    const { index: _index, ...ex } = entryToExchange(entry, 0);
    const key = dedupeKey(ex);
    if (seen.has(key)) return;
    seen.add(key);
    const ours = classify(ex.method, ex.url, store.get().settings.customEndpoints) !== null;
    if (ours && ex.responseBody === null && typeof entry.getContent === 'function') {
      ex.responseBody = await requestContent(entry as ContentSource);
    }
    store.addExchange(ex);
  };

  network.onRequestFinished((req) => void take(req));
  network.onNavigated((url) => {
    const time = now();
    whenReady(() => {
      store.navigated(url, time);
      if (!store.get().preserveLog) seen.clear();
    });
  });
  return network.getHAR().then(async (har) => {
    const entries = har?.entries ?? [];
    for (const e of entries) await take(e);
    store.setBackfilled(entries.length);
  }, () => undefined);
}

/**
 * Capture, from the moment DevTools opens (the devtools page runs before the panel is shown):
 * every finished request goes to the store; getHAR() back-fills what finished before the
 * listener existed; the same request reported twice is kept once. Requests reach
 * onRequestFinished in completion order, not send order; the analysis does not mind.
 */
import { entryToExchange } from '../../src/core/har/read-har.ts';
import { classify } from '../../src/core/protocol/media-collection/classify.ts';
import type { PanelStore } from '../../src/ui/store/panel-store.ts';
import { requestContent, type ContentSource } from './request-content.ts';

/** What the glue needs from browser.devtools.network (a fake one in tests). */
export interface NetworkSource {
  onRequestFinished(listener: (req: HarRequest) => void): void;
  getHAR(): Promise<{ entries?: HarRequest[] }>;
  onNavigated(listener: (url: string) => void): void;
}

export type HarRequest = Record<string, unknown> & Partial<ContentSource>;

/** Same start time, method, URL and duration: the same request, seen twice. */
export function dedupeKey(entry: Record<string, unknown>): string {
  const req = (entry.request ?? {}) as Record<string, unknown>;
  return `${String(entry.startedDateTime)}|${String(req.method)}|${String(req.url)}|${String(entry.time)}`;
}

export function startCapture(network: NetworkSource, store: PanelStore, now: () => number = Date.now): Promise<void> {
  const seen = new Set<string>();

  const take = async (entry: HarRequest): Promise<void> => {
    const key = dedupeKey(entry);
    if (seen.has(key)) return;
    seen.add(key);
    const { index: _index, ...ex } = entryToExchange(entry, 0);
    const ours = classify(ex.method, ex.url, store.get().settings.customEndpoints) !== null;
    if (ours && ex.responseBody === null && typeof entry.getContent === 'function') {
      ex.responseBody = await requestContent(entry as ContentSource);
    }
    store.addExchange(ex);
  };

  network.onRequestFinished((req) => void take(req));
  network.onNavigated((url) => {
    store.navigated(url, now());
    if (!store.get().preserveLog) seen.clear();
  });
  return network.getHAR().then(async (har) => {
    const entries = har?.entries ?? [];
    for (const e of entries) await take(e);
    store.setBackfilled(entries.length);
  }, () => undefined);
}

/**
 * Whether a request may be a call of a protocol the inspector reads, from its method and URL
 * alone (before its reply has come): the capture asks, to fetch the reply bodies the protocols
 * need, and the background's webRequest capture to keep only media calls. Only the classifiers,
 * so that a small bundle (the background script) can ask without the schemas and the engine.
 */
import { classify } from './media-collection/classify.ts';
import { classifyEdge } from './media-edge/classify.ts';

export function mayBeTracked(method: string, url: string, customEndpoints: readonly string[] = []): boolean {
  return classify(method, url, customEndpoints) !== null || classifyEdge(method, url, customEndpoints) !== null;
}

/**
 * Which tabs a DevTools panel watches through "Capture without loss", over which port, with which
 * custom endpoints. Only their media calls are captured: the background keeps nothing of any
 * other tab, and nothing at all while no panel asks.
 */
import { mayBeTracked } from '../../src/core/protocol/may-be-tracked.ts';
import type { CapturedExchange } from './web-capture.ts';

/** The messages between a devtools page and the background, over a port named CAPTURE_PORT. */
export const CAPTURE_PORT = 'mci-capture';

export type ToBackground =
  /** `pageOrigin`: the inspected page's origin, which the browser also needs access to (see background.ts). */
  | { type: 'watch'; tabId: number; customEndpoints: string[]; pageOrigin: string | null }
  | { type: 'endpoints'; customEndpoints: string[] }
  /** Sent every few seconds: keeps the background (an event page, a service worker) awake while DevTools is open. */
  | { type: 'keepalive' };

export type ToDevtools =
  | { type: 'exchange'; exchange: CapturedExchange }
  /** `covered`: whether the inspected page's origin is allowed too (else the browser reports none of its requests). */
  | { type: 'watching'; tabId: number; covered: boolean };

export interface PortLike {
  postMessage(message: ToDevtools): void;
}

interface Watch {
  port: PortLike;
  endpoints: string[];
}

export class WatchedTabs {
  private readonly byTab = new Map<number, Watch[]>();

  watch(tabId: number, port: PortLike, endpoints: string[]): void {
    this.unwatch(port);
    const list = this.byTab.get(tabId) ?? [];
    list.push({ port, endpoints: [...endpoints] });
    this.byTab.set(tabId, list);
  }

  setEndpoints(port: PortLike, endpoints: string[]): void {
    for (const list of this.byTab.values()) for (const w of list) if (w.port === port) w.endpoints = [...endpoints];
  }

  /** Forgets a port; returns the tabs no longer watched by anyone. */
  unwatch(port: PortLike): number[] {
    const gone: number[] = [];
    for (const [tabId, list] of this.byTab) {
      const kept = list.filter((w) => w.port !== port);
      if (kept.length) this.byTab.set(tabId, kept);
      else if (kept.length !== list.length) {
        this.byTab.delete(tabId);
        gone.push(tabId);
      }
    }
    return gone;
  }

  /** Whether some panel of this tab wants this request (a media call under its custom endpoints). */
  wants(tabId: number, method: string, url: string): boolean {
    const list = this.byTab.get(tabId);
    return !!list && list.some((w) => mayBeTracked(method, url, w.endpoints));
  }

  /** Hands a finished call to every panel of its tab. */
  deliver(tabId: number, exchange: CapturedExchange): void {
    for (const w of this.byTab.get(tabId) ?? []) {
      try {
        w.port.postMessage({ type: 'exchange', exchange });
      } catch {
        // a port that closed meanwhile: its disconnect event forgets it
      }
    }
  }

  get size(): number {
    return this.byTab.size;
  }
}

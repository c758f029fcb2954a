/**
 * The requests a store holds, analysed: the Media Collection exchanges in capture order (other
 * requests are only counted), their analysis computed at most once per change, and the numbering
 * of new requests. A new one of these is a cleared capture; PanelStore owns one at a time.
 */
import { Analyser, type AnalysisResult } from '../../core/analysis/analyser.ts';
import type { CaptureContext } from '../../core/analysis/capture-gaps.ts';
import type { Exchange } from '../../core/exchange.ts';
import type { Settings } from '../../core/session/settings.ts';
import type { SessionTimeline } from '../../core/session/timeline.ts';

export class AnalysedCalls {
  private readonly analyser: Analyser;
  /**
   * Media Collection exchanges in capture order. Found by index through the analyser's calls (a
   * map by index cost 30 ms of a 100,000-entry load).
   */
  private readonly exchanges: Exchange[] = [];
  /** Every captured request gets its own index (the analyser ignores an index seen twice). */
  private nextIndex = 0;
  private version = 0;
  private cached: { version: number; result: AnalysisResult } | null = null;

  constructor(settings: Settings) {
    this.analyser = new Analyser(settings);
  }

  /** The analysis of everything held, computed at most once per change. */
  analysis(): AnalysisResult {
    if (this.cached?.version !== this.version) this.cached = { version: this.version, result: this.analyser.result() };
    return this.cached.result;
  }

  timeline(sid: string): SessionTimeline | null {
    return this.analyser.timeline(sid);
  }

  exchange(index: number): Exchange | undefined {
    return this.analyser.call(index)?.exchange;
  }

  /** The session of a request (null: none, or not a tracked call). */
  sessionOf(index: number): string | null {
    return this.analyser.call(index)?.sid ?? null;
  }

  all(): Exchange[] {
    return this.exchanges.slice();
  }

  count(): number {
    return this.exchanges.length;
  }

  /** A newly captured request, numbered and analysed; null when it is not a Media Collection call. */
  add(ex: Omit<Exchange, 'index'>): Exchange | null {
    const exchange: Exchange = { ...ex, index: this.nextIndex++ };
    if (!this.analyser.add(exchange)) return null;
    this.exchanges.push(exchange);
    this.version++;
    return exchange;
  }

  /** Analyses requests that keep their numbers (restored, opened); returns how many were not ours. */
  addAll(exchanges: readonly Exchange[]): number {
    let other = 0;
    for (const ex of exchanges) {
      // An index seen before is the analyser's already (it ignores the second): keep the first.
      if (this.analyser.call(ex.index)) continue;
      if (this.analyser.add(ex)) this.exchanges.push(ex);
      else other++;
      this.nextIndex = Math.max(this.nextIndex, ex.index + 1);
    }
    this.version++;
    return other;
  }

  /** Whether media calls were sent within `windowMs` before `time` (they may have been in flight at a navigation then). */
  sentJustBefore(time: number, windowMs: number): boolean {
    return this.exchanges.some((e) => Number.isFinite(e.startedAt) && time - e.startedAt <= windowMs && time >= e.startedAt);
  }

  /** The analysis learns which navigations may have lost calls (capture.gap). */
  setCaptureContext(context: CaptureContext): void {
    this.analyser.setCaptureContext(context);
    this.version++;
  }
}

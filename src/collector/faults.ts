/** Fault injection for tests: make the next N API calls answer 500, hang, or drop the connection. */
export type FaultMode = '500' | 'hang' | 'abort';

const FAULT_MODES: readonly FaultMode[] = ['500', 'hang', 'abort'];

export class Faults {
  private queue: FaultMode[] = [];

  add(mode: FaultMode, count: number): void {
    for (let i = 0; i < count; i++) this.queue.push(mode);
  }

  /** The fault for this call, if any: a `?fault=` on the URL wins over the queue. */
  take(fromUrl: string | null): FaultMode | null {
    if (isFaultMode(fromUrl)) return fromUrl;
    return this.queue.shift() ?? null;
  }

  pending(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue = [];
  }
}

export function isFaultMode(v: unknown): v is FaultMode {
  return typeof v === 'string' && (FAULT_MODES as readonly string[]).includes(v);
}

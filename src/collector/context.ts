/** What the collector's routes share: the store, the fault queue, the limits and the body timeout. */
import type { AdminGuard } from './admin-guard.ts';
import type { Faults } from './faults.ts';
import type { Limits } from './options.ts';
import type { SessionStore } from './session-store.ts';

export interface ApiContext {
  store: SessionStore;
  faults: Faults;
  /** A request body silent this long answers 408. */
  bodyTimeoutMs: number;
}

export interface AdminContext extends ApiContext {
  guard: AdminGuard;
  limits: Limits;
}

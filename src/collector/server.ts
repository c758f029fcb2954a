/**
 * The reference collector (`mci serve`): a local Media Collection API and Media Edge API that
 * answer like Adobe's, for tests, demos and `npm start`. It validates with the inspector's own
 * schemas, keeps the sessions' events in bounded memory (GET /_mci/sessions), injects faults on
 * demand, and serves the demo player at /. Loopback only. The routes are in collection-api.ts,
 * edge-api.ts and admin-api.ts (the admin API only for the collector's user: admin-guard.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { classify } from '../core/protocol/media-collection/classify.ts';
import { classifyEdge } from '../core/protocol/media-edge/classify.ts';
import { adminCall } from './admin-api.ts';
import { AdminGuard } from './admin-guard.ts';
import { answerClientErrors } from './client-errors.ts';
import { collectionCall } from './collection-api.ts';
import type { AdminContext } from './context.ts';
import { edgeCall } from './edge-api.ts';
import { Faults } from './faults.ts';
import { sendJson } from './http-helpers.ts';
import { limitsOf, timeoutsOf, type CollectorOptions } from './options.ts';
import { SessionStore } from './session-store.ts';
import { serveStatic } from './static-files.ts';

export type { CollectorOptions } from './options.ts';

export interface Collector {
  url: string;
  port: number;
  store: SessionStore;
  faults: Faults;
  close(): Promise<void>;
}

/** How often closed sessions past their grace are freed and silent ones closed (each sweep costs what it frees). */
const SWEEP_MS = 250;

export async function startCollector(options: CollectorOptions = {}): Promise<Collector> {
  const limits = limitsOf(options);
  const t = timeoutsOf(options);
  const store = new SessionStore({ idleMs: t.idleMs, stallMs: t.stallMs, edgeMaxAgeMs: t.edgeMaxAgeMs }, limits);
  const faults = new Faults();
  let ctx: AdminContext | null = null; // complete once the port is known, before any request

  const server: Server = createServer({
    // A request must arrive whole in time (408 otherwise, client-errors.ts). Once it has, nothing
    // times its answer out: a "hang" fault must be able to hang until the client gives up.
    requestTimeout: t.requestMs,
    headersTimeout: t.headersMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, t.headersMs / 4)),
  }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: err instanceof Error ? err.message : 'internal error' });
      else res.destroy();
    });
  });
  answerClientErrors(server);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const c = ctx as AdminContext;
    const url = new URL(req.url ?? '/', 'http://collector.invalid');
    const path = url.pathname;
    if (path.startsWith('/_mci/')) return adminCall(req, res, url, c);
    // The inspector's own routing (any path prefix before /api/v1); asked as for a POST so that a
    // preflight to an API path is recognised too.
    const route = classify('POST', path);
    if (route) return collectionCall(req, res, url, route, c);
    // Media Edge: …/<base>[/<hint>]/va/v1/<eventType> and the Web SDK's …/<base>[/<hint>]/v1/interact.
    const edge = classifyEdge('POST', `${path}${url.search}`);
    if (edge) return edgeCall(req, res, url, edge, c);
    return serveStatic(res, options.demoDir ?? null, path, req.method ?? 'GET');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  ctx = { store, faults, bodyTimeoutMs: t.bodyMs, guard: new AdminGuard(port), limits };
  const sweeper = setInterval(() => store.sweep(), SWEEP_MS);
  sweeper.unref();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    faults,
    close: () => new Promise<void>((resolve) => {
      clearInterval(sweeper);
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

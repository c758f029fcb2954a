/**
 * Who may use the admin API (/_mci/*): its user, not any web page. It reads every stored session
 * (bodies included) and drives the faults, so:
 *
 * - the Host must be the collector itself (localhost, 127.0.0.1 or [::1] with its port), else 421:
 *   a DNS-rebinding page (its own name now resolving to 127.0.0.1) sends its own name as Host;
 * - an Origin, when sent, must be the collector's own (its pages at http://localhost:PORT and
 *   http://127.0.0.1:PORT, the demo among them), else 403 with no CORS header. Browsers send
 *   Origin on every cross-origin fetch and on every POST, `text/plain` "simple" ones included, and
 *   `Origin: null` from a file:// page or a sandbox, which is refused too;
 * - without an Origin, a browser's cross-site no-cors request (an <img> or <script> pointed at it,
 *   said by Sec-Fetch-Site) is refused too; a navigation (a link, a typed URL) is not.
 *
 * Clients without an Origin (the CLI, curl, tests, a typed URL) pass. The collection API keeps
 * Adobe's open CORS (http-helpers.ts): players on any origin must reach it.
 */
import type { IncomingMessage } from 'node:http';

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

export interface Refusal {
  status: 403 | 421;
  message: string;
}

export class AdminGuard {
  private readonly hosts: Set<string>;
  private readonly origins: Set<string>;

  constructor(private readonly port: number) {
    // A browser leaves the default port out of Host and Origin.
    const withPort = (h: string) => (port === 80 ? [h, `${h}:80`] : [`${h}:${port}`]);
    this.hosts = new Set(LOOPBACK_HOSTS.flatMap(withPort));
    this.origins = new Set(LOOPBACK_HOSTS.flatMap((h) => (port === 80 ? [`http://${h}`] : [`http://${h}:${port}`])));
  }

  /** Why this request may not use the admin API, or null when it may. */
  refusal(req: IncomingMessage): Refusal | null {
    const host = req.headers.host;
    // Node refuses an HTTP/1.1 request without Host (400); HTTP/1.0 ones have none, and no browser sends those.
    if (host !== undefined && !this.hosts.has(host.toLowerCase())) {
      return { status: 421, message: `/_mci answers only at http://127.0.0.1:${this.port} and http://localhost:${this.port}, not at the host "${host.slice(0, 100)}"` };
    }
    const origin = req.headers.origin;
    if (origin !== undefined) {
      if (this.origins.has(origin)) return null;
      return { status: 403, message: `/_mci answers only the collector's own pages (http://localhost:${this.port}, http://127.0.0.1:${this.port}) and clients that send no Origin, not the origin "${origin.slice(0, 100)}"` };
    }
    const site = req.headers['sec-fetch-site'];
    if ((site === 'cross-site' || site === 'same-site') && req.headers['sec-fetch-mode'] !== 'navigate') {
      return { status: 403, message: '/_mci does not answer requests made by pages of another site' };
    }
    return null;
  }

  /** CORS headers for an allowed request: only the collector's own origins are ever named, and never with credentials. */
  cors(req: IncomingMessage, preflight = false): Record<string, string> {
    const origin = req.headers.origin;
    const headers: Record<string, string> = { Vary: 'Origin' };
    if (origin === undefined || !this.origins.has(origin)) return headers;
    headers['Access-Control-Allow-Origin'] = origin;
    if (preflight) {
      headers['Access-Control-Allow-Methods'] = 'GET, POST, DELETE, OPTIONS';
      headers['Access-Control-Allow-Headers'] = 'Content-Type';
      headers['Access-Control-Max-Age'] = '600';
    }
    return headers;
  }
}

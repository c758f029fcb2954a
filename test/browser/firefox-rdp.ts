/**
 * A small client of Firefox's remote debugging protocol (the one about:debugging and web-ext
 * speak), for the Firefox panel tests: packets are `<byte length>:<JSON>` over TCP, each request
 * names the actor it goes `to`, and each actor answers its requests in order.
 * https://firefox-source-docs.mozilla.org/devtools/backend/protocol.html
 * Used because WebDriver BiDi's chrome scope (`moz:scope: 'chrome'`) is ignored by Firefox ESR
 * 140, and a frame script into the panel's remote document does not answer there; this protocol
 * reaches both the browser's chrome and the extension's panel document in ESR 140 and 153.
 */
import { connect, type Socket } from 'node:net';

export type Packet = Record<string, unknown> & { from?: string; type?: string; error?: string; message?: string };

interface Waiter {
  resolve(p: Packet): void;
  reject(e: Error): void;
}

export class RdpClient {
  private buffer = Buffer.alloc(0);
  /** Per actor, the requests waiting for their answer, in order. */
  private readonly pending = new Map<string, Waiter[]>();
  /** Listeners for unsolicited packets (events), by type. */
  private readonly listeners = new Map<string, ((p: Packet) => void)[]>();
  private closed: Error | null = null;
  /** evaluationResult packets by resultID, until evaluationResult() claims them. */
  private readonly results = new Map<string, Packet>();

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => this.receive(chunk));
    const fail = (e: Error) => {
      this.closed = e;
      for (const waiters of this.pending.values()) for (const w of waiters) w.reject(e);
      this.pending.clear();
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the remote debugging connection closed')));
  }

  /** Connects and waits for the root actor's greeting; retries while the server is not up yet. */
  static async connect(port: number, timeoutMs = 20_000): Promise<RdpClient> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(port, '127.0.0.1', () => resolve(s));
          s.once('error', reject);
        });
        const client = new RdpClient(socket);
        await client.expect('root', 5000);
        return client;
      } catch (e) {
        if (Date.now() > until) throw new Error(`no Firefox remote debugging server on port ${port}: ${String(e)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'));
      if (this.buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8')) as Packet;
      this.buffer = this.buffer.subarray(colon + 1 + length);
      this.dispatch(packet);
    }
  }

  private dispatch(packet: Packet): void {
    const from = String(packet.from ?? '');
    const type = String(packet.type ?? '');
    if (type === 'evaluationResult') {
      this.results.set(String(packet.resultID), packet);
      return;
    }
    const handlers = this.listeners.get(type);
    if (handlers && type) {
      for (const h of handlers) h(packet);
      return;
    }
    const waiters = this.pending.get(from);
    const next = waiters?.shift();
    if (!next) return;
    if (packet.error) next.reject(new Error(`${from}: ${packet.error}${packet.message ? `: ${packet.message}` : ''}`));
    else next.resolve(packet);
  }

  /** Waits for the next answer from `actor` (without sending anything). */
  private expect(actor: string, timeoutMs: number): Promise<Packet> {
    return new Promise<Packet>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${actor} did not answer within ${timeoutMs} ms`)), timeoutMs);
      const waiters = this.pending.get(actor) ?? [];
      waiters.push({ resolve: (p) => { clearTimeout(timer); resolve(p); }, reject: (e) => { clearTimeout(timer); reject(e); } });
      this.pending.set(actor, waiters);
    });
  }

  /** Sends a request to an actor and resolves with its answer. */
  request(to: string, type: string, params: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<Packet> {
    if (this.closed) return Promise.reject(this.closed);
    const answer = this.expect(to, timeoutMs);
    const body = Buffer.from(JSON.stringify({ to, type, ...params }), 'utf8');
    this.socket.write(Buffer.concat([Buffer.from(`${body.length}:`, 'ascii'), body]));
    return answer;
  }

  /** Calls `handler` for every unsolicited packet of this type (events such as target-available-form). */
  on(type: string, handler: (p: Packet) => void): () => void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), handler]);
    return () => this.listeners.set(type, (this.listeners.get(type) ?? []).filter((h) => h !== handler));
  }

  /** The evaluationResult packet of an evaluateJSAsync request, whether it came already or not. */
  async evaluationResult(resultID: string, timeoutMs: number): Promise<Packet> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const got = this.results.get(resultID);
      if (got) {
        this.results.delete(resultID);
        return got;
      }
      if (this.closed) throw this.closed;
      if (Date.now() > until) throw new Error(`no evaluation result within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

/**
 * Evaluates JavaScript through a console actor and returns the value as a string: the source's
 * value is JSON-stringified where it is evaluated, so only a string grip comes back (a long one is
 * read through its longString actor). A promise is awaited on the evaluating side.
 */
export async function evaluate(client: RdpClient, consoleActor: string, source: string, timeoutMs = 30_000): Promise<string> {
  const token = `__mci${Math.random().toString(36).slice(2)}`;
  // Start the evaluation and keep its outcome under a unique global name…
  await run(client, consoleActor, `(() => {
    globalThis[${JSON.stringify(token)}] = null;
    Promise.resolve().then(() => (${source})).then(
      (v) => { globalThis[${JSON.stringify(token)}] = { ok: true, value: JSON.stringify(v === undefined ? null : v) }; },
      (e) => { globalThis[${JSON.stringify(token)}] = { ok: false, error: String(e && e.stack ? e + "\\n" + e.stack : e) }; });
    return "started";
  })()`);
  // …then read it until it is there.
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = await run(client, consoleActor, `(() => { const r = globalThis[${JSON.stringify(token)}]; if (r) delete globalThis[${JSON.stringify(token)}]; return r ? JSON.stringify(r) : ""; })()`);
    if (text) {
      const outcome = JSON.parse(text) as { ok: boolean; value?: string; error?: string };
      if (!outcome.ok) throw new Error(outcome.error);
      return outcome.value ?? 'null';
    }
    if (Date.now() > until) throw new Error(`the evaluation did not finish within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One evaluateJSAsync round trip; the result is a string (or a longString actor to read). */
async function run(client: RdpClient, consoleActor: string, text: string): Promise<string> {
  // The answer to the request carries a resultID; the value comes in an evaluationResult packet,
  // which can arrive in the same read as that answer, so every one is kept until claimed.
  const { resultID } = await client.request(consoleActor, 'evaluateJSAsync', { text });
  return gripText(client, await client.evaluationResult(String(resultID), 30_000));
}

async function gripText(client: RdpClient, result: Packet): Promise<string> {
  if (result.exceptionMessage) throw new Error(String(result.exceptionMessage));
  const grip = result.result as unknown;
  if (typeof grip === 'string') return grip;
  if (grip && typeof grip === 'object' && (grip as { type?: string }).type === 'longString') {
    const g = grip as { actor: string; length: number };
    const got = await client.request(g.actor, 'substring', { start: 0, end: g.length });
    return String(got.substring);
  }
  if (grip && typeof grip === 'object' && (grip as { type?: string }).type === 'undefined') return '';
  throw new Error(`unexpected evaluation result: ${JSON.stringify(grip).slice(0, 200)}`);
}

/** HTTP for tests that need what fetch will not send: any Host header, raw bytes on a socket. */
import { request } from 'node:http';
import { connect } from 'node:net';

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request with node:http and exactly these headers (Host and Origin included), no keep-alive. */
export function send(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, path, method, agent: false,
      headers: { ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }), ...headers },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface SocketResult {
  /** Everything the server wrote. */
  text: string;
  /** Whether the server closed the connection (else the wait ended it). */
  closedByServer: boolean;
  /** From the first write to the server's close (or the end of the wait). */
  ms: number;
}

/**
 * Writes `parts` on a raw TCP connection (`gapMs` apart), then reads until the server closes it
 * or `waitMs` pass after the first write.
 */
export function rawExchange(port: number, parts: string[], o: { gapMs?: number; waitMs?: number } = {}): Promise<SocketResult> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let started = 0;
    let done = false;
    const finish = (closedByServer: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(trickle);
      socket.destroy();
      resolve({ text, closedByServer, ms: performance.now() - started });
    };
    let timer: NodeJS.Timeout | undefined;
    let trickle: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (text += d));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', (e) => (text || started ? finish(true) : reject(e)));
    socket.once('connect', () => {
      started = performance.now();
      timer = setTimeout(() => finish(false), o.waitMs ?? 5000);
      const queue = [...parts];
      const writeNext = () => {
        const part = queue.shift();
        if (part === undefined) {
          clearInterval(trickle);
          return;
        }
        if (!socket.destroyed) socket.write(part);
      };
      writeNext();
      if (queue.length > 0) trickle = setInterval(writeNext, o.gapMs ?? 100);
    });
  });
}

/** The status code at the start of a raw HTTP reply, or 0. */
export const statusOf = (raw: string): number => Number(/^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1] ?? 0);

/** The JSON body of a raw HTTP reply. */
export function jsonBodyOf(raw: string): unknown {
  const at = raw.indexOf('\r\n\r\n');
  return JSON.parse(raw.slice(at + 4));
}

/**
 * Requests Node's parser refuses before any handler sees them get an HTTP answer, not a dropped
 * connection: 431 for headers over the limit, 408 for a request (headers or body) that did not
 * arrive in time (headersTimeout, requestTimeout), 413 for oversized chunk extensions, 400 for
 * anything malformed. A client then knows what it did wrong; a dropped connection reads as a
 * collector fault. Nothing is written into a response already under way.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { maxHeaderSize } from 'node:http';
import type { Duplex } from 'node:stream';

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Content Too Large', 431: 'Request Header Fields Too Large' };

/** How long a refused connection may stay half-closed for the client to read the answer. */
const LINGER_MS = 1000;

function answer(code: string | undefined): { status: number; message: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, message: `the request's headers are larger than ${maxHeaderSize} bytes` };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, message: 'the request did not arrive in time' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, message: 'chunk extensions too large' };
    default:
      return { status: 400, message: `malformed HTTP request${code ? ` (${code})` : ''}` };
  }
}

export function answerClientErrors(server: Server): void {
  // The response each connection last started: a late error must not write into one under way.
  const current = new WeakMap<Duplex, ServerResponse>();
  // Node reports each later chunk on a connection it refused as another error: answer once.
  const answered = new WeakSet<Duplex>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => current.set(req.socket, res));
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (answered.has(socket)) return;
    answered.add(socket);
    const res = current.get(socket);
    if (err.code === 'ECONNRESET' || !socket.writable || (res && res.headersSent && !res.writableFinished)) {
      socket.destroy();
      return;
    }
    const { status, message } = answer(err.code);
    const body = JSON.stringify({ message });
    socket.end(`HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}

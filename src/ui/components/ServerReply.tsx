/**
 * What the server said about a request, one message per line: a Media Collection reply's
 * `{"message": …}` split where the collector (and Adobe's 400s) join several reasons with " | ";
 * a Media Edge reply's new session id and each problem detail with each of its reasons.
 */
import { readEdgeReply } from '../../core/protocol/media-edge/reply.ts';
import { clip } from '../format.ts';

/** Reasons joined into one message (src/collector/validate-call.ts rejectionMessage, validate-edge.ts). */
const SEPARATOR = ' | ';

/** The reasons in a reply message, one per line; empty ones dropped. */
export function messageLines(message: string): string[] {
  return message.split(SEPARATOR).map((m) => m.trim()).filter(Boolean);
}

/** A `{"message": "…"}` reply's message, or null when the body is no such JSON. */
function replyMessage(body: string | null): string | null {
  if (!body || !body.includes('"message"')) return null;
  try {
    const doc = JSON.parse(body) as unknown;
    const message = typeof doc === 'object' && doc !== null ? (doc as { message?: unknown }).message : undefined;
    return typeof message === 'string' && message.trim() ? message : null;
  } catch {
    return null;
  }
}

export function ServerReply({ body }: { body: string | null }) {
  const message = replyMessage(body);
  return (
    <>
      {message !== null && (
        <div data-testid="server-message">
          <h4>Server message</h4>
          <ul class="server-lines">{messageLines(message).map((line, i) => <li key={i} data-testid="server-line">{clip(line, 500)}</li>)}</ul>
        </div>
      )}
      <EdgeReplyDetails body={body} />
    </>
  );
}

/** A Media Edge reply read: the new session's id, and Adobe's problem details with each reason. */
function EdgeReplyDetails({ body }: { body: string | null }) {
  if (!body || !/"(handle|errors|report|type)"/.test(body)) return null;
  const reply = readEdgeReply(body);
  if (!reply.newSessionHandle && reply.problems.length === 0) return null;
  return (
    <div data-testid="edge-reply">
      {reply.newSessionHandle && <p>New Media Edge session: <code>{reply.sessionId ?? '(no sessionId in the handle)'}</code></p>}
      {reply.problems.map((p, i) => (
        <div key={i} class="finding" data-testid="edge-problem">
          <div class="code">{clip([p.title, p.detail].filter(Boolean).join(': ') || p.type || 'problem', 300)}</div>
          {p.type && <div class="where">{clip(p.type, 200)}</div>}
          <ul class="server-lines">
            {p.reasons.flatMap((r, k) => messageLines(r.reason).map((line, j) => (
              <li key={`${k}.${j}`} data-testid="server-line">{r.path ? <code>{clip(r.path, 200)}</code> : null}{r.path ? ': ' : ''}{clip(line, 500)}</li>
            )))}
          </ul>
        </div>
      ))}
    </div>
  );
}

/**
 * The collector judges a body exactly as the inspector does: it builds an exchange and runs the
 * same adapter and generated validators, keeping the body findings that make Adobe answer 400.
 */
import type { Exchange } from '../core/exchange.ts';
import type { Finding } from '../core/findings/finding.ts';
import type { TrackedEvent } from '../core/protocol/call.ts';
import { mediaCollection } from '../core/protocol/media-collection/adapter.ts';

const REJECTING = new Set(['body.not-json', 'schema.unknown-event-type', 'schema.violation', 'endpoint.mismatch']);

export interface Verdict {
  events: TrackedEvent[];
  /** Findings that make the call a 400 (empty when the body is accepted). */
  rejections: Finding[];
  /** The body as received when it is JSON, for the collector's record (null when not). */
  bodyText: string | null;
}

export function validateCall(url: string, body: string): Verdict {
  const ex: Exchange = {
    index: 0, method: 'POST', url, requestHeaders: [], requestBody: body, status: 0, statusText: '',
    responseHeaders: [], responseBody: null, startedAt: Date.now(), durationMs: null, resourceType: null, failure: null,
  };
  const call = mediaCollection.inspect(ex);
  const rejections = call ? call.findings.filter((f) => REJECTING.has(f.code)) : [];
  return { events: call?.events ?? [], rejections, bodyText: isJson(body) ? body : null };
}

/** Whether the text parses as JSON: only such bodies are kept, and written into /_mci/sessions as they are. */
export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The 400 reply body: Adobe's `{"message": …}` form, with every reason. */
export function rejectionMessage(rejections: readonly Finding[]): string {
  return rejections.map((f) => (f.pointer && f.pointer !== '/' && !f.message.includes(f.pointer) ? `${f.pointer}: ${f.message}` : f.message)).join(' | ');
}

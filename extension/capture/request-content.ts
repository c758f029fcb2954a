/**
 * A finished request's response body, whatever the browser hands back. Chrome calls
 * getContent's callback with (content, encoding) and, in the versions our manifest admits,
 * returns nothing; Firefox's promise resolves to [body, mimeType]; some Chrome versions resolve a
 * promise to {content, encoding}. settle() takes whichever comes. getContent may also never answer
 * for some requests, so give up after a while.
 * https://developer.chrome.com/docs/extensions/reference/api/devtools/network#type-Request
 * https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/devtools/network/onRequestFinished
 */
import { decodeBase64Text } from '../../src/core/har/base64.ts';
import { settle } from '../api/settle.ts';

export interface ContentSource {
  getContent(callback?: (...values: unknown[]) => void): unknown;
}

const TIMEOUT_MS = 3000;

export async function requestContent(req: ContentSource): Promise<string | null> {
  let raw: unknown;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    raw = await Promise.race([
      settle((...cb) => req.getContent(...cb)),
      new Promise((resolve) => { timer = setTimeout(() => resolve(null), TIMEOUT_MS); }),
    ]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
  return normaliseContent(raw);
}

export function normaliseContent(raw: unknown): string | null {
  let body: unknown = raw;
  let encoding: unknown = null;
  if (Array.isArray(raw)) [body, encoding] = raw;
  else if (raw && typeof raw === 'object') ({ content: body, encoding } = raw as { content?: unknown; encoding?: unknown });
  if (typeof body !== 'string') return null;
  return encoding === 'base64' ? decodeBase64Text(body) ?? body : body;
}

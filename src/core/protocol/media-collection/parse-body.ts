/** JSON.parse with a message that says where parsing failed and what was there. */
import { describeJsonError } from '../../json/json-error.ts';

export type ParseResult = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJsonBody(text: string): ParseResult {
  if (text.trim() === '') return { ok: false, message: 'The body is empty where a JSON event is expected: the server rejects it and the event is lost.' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, message: `The body is not valid JSON: ${describeJsonError(text)}. The server rejects it and the event is lost.` };
  }
}

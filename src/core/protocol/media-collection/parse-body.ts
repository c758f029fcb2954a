/** JSON.parse with a message that says where parsing failed and what was there. */
export type ParseResult = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJsonBody(text: string): ParseResult {
  if (text.trim() === '') return { ok: false, message: 'The body is empty where a JSON event is expected.' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(reason);
    const where = pos ? position(text, Number(pos[1])) : '';
    return { ok: false, message: `The body is not valid JSON${where}: ${reason}. The server rejects it and the event is lost.` };
  }
}

function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const near = JSON.stringify(text.slice(Math.max(0, offset - 15), offset + 15));
  return ` (line ${line}, column ${column}, near ${near})`;
}

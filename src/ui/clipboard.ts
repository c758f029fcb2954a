/**
 * Clipboard from a DevTools panel: the async API is often refused in DevTools frames (permissions
 * policy), so fall back to a hidden textarea and execCommand('copy'), which extension panels allow.
 * https://bugs.chromium.org/p/chromium/issues/detail?id=1185426
 */
export async function copyText(doc: Document, text: string): Promise<boolean> {
  try {
    await doc.defaultView?.navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = doc.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    doc.body.append(area);
    area.select();
    const ok = doc.execCommand('copy');
    area.remove();
    return ok;
  }
}

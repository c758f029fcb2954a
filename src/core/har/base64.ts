/** Decodes base64 to UTF-8 text with platform APIs only (atob, TextDecoder): runs in Node and browsers. */
export function decodeBase64Text(b64: string): string | null {
  try {
    const binary = atob(b64.replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** Shell quoting and the headers a replayed request leaves out, for the cURL commands (curl-bash.ts). */

/** Headers the browser sets itself; replaying them by hand would only confuse. */
export const BROWSER_SET_HEADERS: ReadonlySet<string> = new Set(['content-length', 'host', 'connection', 'accept-encoding', ':authority', ':method', ':path', ':scheme']);

/** Single-quotes for the shell: nothing inside is expanded; a quote becomes '\''. Newlines stay literal. */
export function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

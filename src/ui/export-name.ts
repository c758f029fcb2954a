/**
 * The name of an exported file, so that files attached to tickets tell themselves apart:
 * media-collection-<site>-<session>-<date>.<ext>. The site is the recording's file name or the
 * inspected page's host; the session is named when the export holds exactly one; either is left
 * out when unknown. Only letters, digits, dot, dash and underscore reach the name.
 */
import type { SessionReport } from '../core/session/session-report.ts';

/** A name part: captured text made safe for every file system, at most `max` characters. */
export function fileNamePart(text: string, max = 40): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w.-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, max).replace(/[-.]+$/, '');
}

/** A file's name without its extension, nor the prefix and date of a name this panel gave it. */
export function fileStem(fileName: string): string {
  return fileName
    .replace(/\.(mci\.json|json|har)$/i, '')
    .replace(/^media-collection-/, '')
    .replace(/-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}$/, '');
}

/** The host of a page address ("player.example.com", "localhost:8080"), or null. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.host : null;
  } catch {
    return null;
  }
}

/** What the session is called in a file name: its content's name, else its id, else its sid's first characters. */
export function sessionNamePart(s: Pick<SessionReport, 'sid' | 'media'>): string {
  return [s.media.name, s.media.id, s.sid.slice(0, 8)].map((t) => fileNamePart(t ?? '')).find(Boolean) ?? '';
}

export function exportFileName(parts: { site: string | null; session: string | null; now: Date; extension: string }): string {
  const stamp = parts.now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const named = [parts.site, parts.session].map((p) => (p ? fileNamePart(p) : '')).filter(Boolean);
  return ['media-collection', ...named, stamp].join('-') + `.${parts.extension}`;
}

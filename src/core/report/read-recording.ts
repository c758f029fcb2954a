/** Reads any recording this tool accepts: a HAR file or a JSON report of ours. */
import type { Exchange } from '../exchange.ts';
import { entryToExchange, harFromDoc, isRecord, parseRecordingJson } from '../har/read-har.ts';
import type { Settings } from '../session/settings.ts';
import { isJsonReport, readJsonReport } from './json-report.ts';
import { recordedFromHar, type RecordedFrom } from './recorded-from.ts';

export interface Recording {
  kind: 'har' | 'report';
  /**
   * Exchanges in recording order. A HAR file's are numbered 0…n-1; a report keeps the numbers it
   * was written with (a report of selected sessions may have gaps), so its findings still point right.
   */
  exchanges: Exchange[];
  /** A report's settings (HAR files have none). */
  settings: Partial<Settings> | null;
  creator: string | null;
  /** The browser and pages the recording says it was made in and on; null when it does not say. */
  recordedFrom: RecordedFrom | null;
  /**
   * Requests that are not Media Collection calls and are not among `exchanges` (counted, not
   * kept: the panel's exports); 0 for a HAR file, whose other requests are all there.
   */
  ignoredNotKept: number;
}

/** Throws HarError or ReportError with a message naming the file and what is wrong. */
export function readRecording(text: string, fileName: string): Recording {
  const doc = parseRecordingJson(text, fileName);
  if (isJsonReport(doc)) {
    const r = readJsonReport(doc, fileName);
    const unique = new Set(r.exchanges.map((e) => e.index)).size === r.exchanges.length;
    const exchanges = unique ? r.exchanges : r.exchanges.map((e, index) => ({ ...e, index }));
    return { kind: 'report', exchanges, settings: r.settings, creator: r.source, recordedFrom: r.recordedFrom, ignoredNotKept: r.ignoredNotKept };
  }
  const har = harFromDoc(doc, fileName);
  return {
    kind: 'har',
    exchanges: har.entries.map(entryToExchange),
    settings: null,
    creator: har.creator,
    recordedFrom: recordedFromHar(isRecord(doc) ? doc.log : null),
    ignoredNotKept: 0,
  };
}

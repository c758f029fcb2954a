/** Reads any recording this tool accepts: a HAR file or a JSON report of ours. */
import type { Exchange } from '../exchange.ts';
import { entryToExchange, harFromDoc, parseRecordingJson } from '../har/read-har.ts';
import type { Settings } from '../session/settings.ts';
import { isJsonReport, readJsonReport } from './json-report.ts';

export interface Recording {
  kind: 'har' | 'report';
  /** Exchanges with indexes 0…n-1 in recording order. */
  exchanges: Exchange[];
  /** A report's settings (HAR files have none). */
  settings: Partial<Settings> | null;
  creator: string | null;
}

/** Throws HarError or ReportError with a message naming the file and what is wrong. */
export function readRecording(text: string, fileName: string): Recording {
  const doc = parseRecordingJson(text, fileName);
  if (isJsonReport(doc)) {
    const r = readJsonReport(doc, fileName);
    return { kind: 'report', exchanges: r.exchanges.map((e, index) => ({ ...e, index })), settings: r.settings, creator: r.source };
  }
  const har = harFromDoc(doc, fileName);
  return { kind: 'har', exchanges: har.entries.map(entryToExchange), settings: null, creator: har.creator };
}

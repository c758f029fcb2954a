/**
 * Extra builders for the core tests: Firefox- and Charles-style HAR entries, the downloaded
 * endpoint, and a one-call "analyse these entries" that goes through the real HAR reader.
 */
import assert from 'node:assert/strict';
import { readHar } from '../../src/core/har/read-har.ts';
import { analyse, type AnalysisResult } from '../../src/core/analysis/analyser.ts';
import { CATALOGUE, type FindingCode } from '../../src/core/findings/catalogue.ts';
import type { Finding, Severity } from '../../src/core/findings/finding.ts';
import { entry, har, HOST, T0, type EntryOptions } from './har-builder.ts';

/**
 * Severities as written in docs/spec findings.md ("HTTP replies" and "Bodies"), copied here on
 * purpose: the tests check the catalogue against the spec, not against itself.
 */
export const SPEC_SEVERITY: Partial<Record<FindingCode, Severity>> = {
  'http.bad-request': 'error',
  'http.session-not-found': 'error',
  'http.session-gone': 'error',
  'http.server-error': 'error',
  'http.failed': 'error',
  'http.unexpected-status': 'warning',
  'session.no-location': 'error',
  'session.not-restarted': 'warning',
  'body.unavailable': 'info',
  'body.not-json': 'error',
  'schema.unknown-event-type': 'error',
  'schema.violation': 'error',
  'endpoint.mismatch': 'error',
  'metadata.misplaced': 'warning',
  'qoe.misplaced': 'warning',
  'error.no-details': 'info',
};

/** Serialises entries into a HAR text, reads it back with the real reader and analyses it. */
export function analyseEntries(entries: unknown[], fileName = 'test.har'): AnalysisResult {
  const { exchanges } = readHar(JSON.stringify(har(entries)), fileName);
  return analyse(exchanges);
}

/** The findings of the catalogue sections "HTTP replies" and "Bodies" (no session-sequence rules). */
export function requestFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => CATALOGUE[f.code].section === 'HTTP replies' || CATALOGUE[f.code].section === 'Bodies');
}

export function codesOf(findings: readonly Finding[]): FindingCode[] {
  return findings.map((f) => f.code);
}

export function withCode(findings: readonly Finding[], code: FindingCode): Finding[] {
  return findings.filter((f) => f.code === code);
}

/**
 * Asserts exactly `count` findings with this code (default 1), each with the severity of the
 * spec and of the catalogue; returns the first.
 */
export function expectFinding(findings: readonly Finding[], code: FindingCode, count = 1): Finding {
  const found = withCode(findings, code);
  assert.equal(found.length, count,
    `expected ${count} ${code} finding(s), got ${found.length}; all: ${JSON.stringify(codesOf(findings))}`);
  for (const f of found) {
    assert.equal(f.severity, CATALOGUE[code].severity, `${code}: severity differs from the catalogue`);
    const spec = SPEC_SEVERITY[code];
    if (spec) assert.equal(f.severity, spec, `${code}: severity differs from the spec`);
    assert.ok(f.message.trim().length > 0, `${code}: empty message`);
    assert.ok(f.fix.trim().length > 0, `${code}: empty fix`);
  }
  return found[0] as Finding;
}

export function expectNoFinding(findings: readonly Finding[], code: FindingCode): void {
  const found = withCode(findings, code);
  assert.equal(found.length, 0, `expected no ${code}, got: ${JSON.stringify(found.map((f) => f.message))}`);
}

/** POST …/api/v1/downloaded (a whole session in one array); 201 by default. */
export function downloadedEntry(body: unknown, o: EntryOptions = {}): Record<string, unknown> {
  return entry(`${o.host ?? HOST}/api/v1/downloaded`, body, { status: 201, ...o });
}

/** A Firefox-style entry: no `_resourceType`, no `_error`, postData with `params` and `text`. */
export function firefoxEntry(url: string, bodyText: string | null, status: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    pageref: 'page_1',
    startedDateTime: new Date(T0).toISOString().replace('Z', '+00:00'),
    time: 41,
    request: {
      bodySize: bodyText?.length ?? 0,
      method: 'POST',
      url,
      httpVersion: 'HTTP/2',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      cookies: [],
      queryString: [],
      headersSize: 512,
      ...(bodyText === null ? {} : { postData: { mimeType: 'application/json', params: [], text: bodyText } }),
    },
    response: {
      status,
      statusText: status === 204 ? 'No Content' : '',
      httpVersion: 'HTTP/2',
      headers: [],
      cookies: [],
      content: { mimeType: 'text/plain', size: 0, text: '' },
      redirectURL: '',
      headersSize: 200,
      bodySize: 200,
    },
    cache: {},
    timings: { blocked: 0, dns: 0, connect: 0, ssl: 0, send: 0, wait: 40, receive: 1 },
    serverIPAddress: '192.0.2.1',
    connection: '443',
    ...extra,
  };
}

/** A Charles-style entry: request and response bodies as base64 with `encoding: "base64"`. */
export function charlesEntry(url: string, bodyText: string, status: number, responseText: string): Record<string, unknown> {
  return {
    startedDateTime: new Date(T0).toISOString(),
    time: 12,
    request: {
      method: 'POST',
      url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      queryString: [],
      postData: { mimeType: 'application/json', encoding: 'base64', text: base64(bodyText) },
      headersSize: 300,
      bodySize: bodyText.length,
    },
    response: {
      _charlesStatus: 'COMPLETE',
      status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      content: { size: responseText.length, mimeType: 'application/json', encoding: 'base64', text: base64(responseText) },
      redirectURL: null,
      headersSize: 200,
      bodySize: responseText.length,
    },
    serverIPAddress: '192.0.2.2',
    cache: {},
    timings: { connect: -1, ssl: -1, send: 1, dns: -1, blocked: -1, wait: 10, receive: 1 },
  };
}

export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

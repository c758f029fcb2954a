/**
 * Media Edge sessions as Adobe's clients send them (test/fixtures/edge-sdk-clients.har, built by
 * test/helpers/edge-sdk-scenarios.ts) through the built CLI and every report: no warning and no
 * error anywhere; each session says the ping interval it was judged by; and the legacy Media JS
 * API's null qoeDataDetails reads as one line per session in the text and the reports while the
 * JSON output keeps one finding per call.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult } from '../../src/core/report/check-result.ts';
import { har } from '../helpers/har-builder.ts';
import { EDGE_SCENARIOS, edgeSession } from '../helpers/edge-sdk-scenarios.ts';
import { mci, ROOT } from '../helpers/report-cli.ts';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'edge-sdk-clients.har');

test('mci check: every session of Adobe\'s Edge clients is clean, with the interval it was judged by', () => {
  const r = mci(['check', FIXTURE, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout) as CheckResult;
  assert.equal(result.sessions.length, 21, 'seven clients, three scenarios each');
  assert.deepEqual(result.findings.filter((f) => f.severity !== 'info'), [], JSON.stringify(result.findings.slice(0, 5), null, 1));
  const cadences = new Set(result.sessions.map((s) => `${s.pingCadence.mainMs}/${s.pingCadence.source}`));
  assert.ok(cadences.has('10000/default') && cadences.has('15000/inferred') && cadences.has('12000/inferred'), [...cadences].join(', '));
  assert.deepEqual(new Set(result.sessions.map((s) => s.style)), new Set([null, 'Web SDK']));
  const text = mci(['check', FIXTURE]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /: 0 errors, 0 warnings, \d+ info\n*$/);
  assert.match(text.stdout, /every 15 s in main content/);
});

test('mci report: the HTML and Markdown reports of the clients\' sessions show no warning or error', () => {
  for (const format of ['html', 'md']) {
    const r = mci(['report', FIXTURE, '--format', format]);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /ping\.late|ts\.duplicate|metadata\.misplaced|schema\.violation/, `${format}: no finding of the kinds the clients used to draw`);
  }
});

test('the legacy Media JS API without QoE: one line per session with its count in text, HTML and Markdown; one finding per call in JSON', () => {
  const sdk = edgeSession({ name: 'legacy', options: { client: 'web-sdk-legacy' } }, EDGE_SCENARIOS[0]!, 0x1e6ac7);
  const dir = mkdtempSync(join(tmpdir(), 'mci-legacy-'));
  const file = join(dir, 'legacy.har');
  writeFileSync(file, JSON.stringify(har(sdk.entries())));
  const json = JSON.parse(mci(['check', file, '--format', 'json']).stdout) as CheckResult;
  const calls = json.exchanges.length;
  assert.equal(json.findings.filter((f) => f.code === 'schema.violation').length, calls, 'JSON: one finding per call');
  const text = mci(['check', file]);
  assert.equal(text.status, 1, 'errors: exit 1');
  assert.equal(text.stdout.split('\n').filter((l) => l.includes('schema.violation')).length, 1, text.stdout);
  assert.match(text.stdout, new RegExp(`on ${calls} calls`));
  const md = mci(['report', file, '--format', 'md']).stdout;
  assert.equal(md.split('\n').filter((l) => l.includes('`schema.violation`')).length, 1, md);
  const html = mci(['report', file, '--format', 'html']).stdout;
  assert.match(html, new RegExp(`on ${calls} calls`));
});

/**
 * Media Edge recordings (Web SDK, mobile and direct API styles; test/helpers/edge-scenarios.ts) through
 * the built CLI: `mci check` finds the broken sessions' problems and none in the correct one, the
 * JSON output says each exchange's and session's protocol, and every report format covers them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { CheckResult } from '../../src/core/report/check-result.ts';
import { EDGE_SID } from '../helpers/edge-builder.ts';
import { EDGE_BROKEN_SID, EDGE_LOST_SID } from '../helpers/edge-scenarios.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'mci.mjs');
const fixture = (style: string) => join(ROOT, 'test', 'fixtures', `edge-${style}.har`);

function mci(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BROKEN_CODES = ['ad.orphan-start', 'schema.unknown-field', 'edge.path-mismatch'];

for (const style of ['web-sdk', 'mobile', 'direct']) {
  test(`${style}: mci check finds the broken sessions' problems, none in the correct one, and says each protocol`, () => {
    const r = mci(['check', fixture(style), '--format', 'json']);
    assert.equal(r.status, 1, `errors found: exit 1 (stderr: ${r.stderr})`);
    const result = JSON.parse(r.stdout) as CheckResult;
    assert.ok(result.exchanges.length > 40 && result.exchanges.every((e) => e.protocol === 'media-edge'), 'every exchange is a Media Edge one, and says so');
    const session = (sid: string) => result.sessions.find((s) => s.sid === sid);
    const clean = session(EDGE_SID);
    assert.equal(clean?.protocol, 'media-edge');
    assert.deepEqual(clean?.findings.filter((f) => f.severity !== 'info').map((f) => f.code), [], 'the correct session is clean');
    const broken: string[] = session(EDGE_BROKEN_SID)?.findings.map((f) => f.code) ?? [];
    for (const code of BROKEN_CODES) assert.ok(broken.includes(code), `${code} in the broken session (${broken.join(', ')})`);
    assert.ok(session(EDGE_LOST_SID)?.findings.some((f) => f.code === 'http.session-not-found'), 'the 404s');
    assert.ok(result.findings.some((f) => f.code === 'http.multi-status' && f.pointer === '/events/0/xdm/mediaCollection/sessionDetails/length'), 'the 207 with its pointer');
    assert.equal(result.sessions.find((s) => s.sid === EDGE_SID)?.style ?? null, style === 'web-sdk' ? 'Web SDK' : null, 'the client style');
  });

  test(`${style}: the HTML, Markdown, JUnit and HAR reports cover the Edge sessions`, () => {
    for (const format of ['html', 'md', 'json', 'junit']) {
      // JUnit is mci check's format (for CI); the rest are mci report's.
      const r = format === 'junit' ? mci(['check', fixture(style), '--format', 'junit']) : mci(['report', fixture(style), '--format', format]);
      assert.equal(r.status, format === 'junit' ? 1 : 0, `--format ${format}: ${r.stderr}`);
      for (const code of [...BROKEN_CODES, 'http.session-not-found', 'http.multi-status']) assert.ok(r.stdout.includes(code), `${format} names ${code}`);
      assert.ok(r.stdout.includes(EDGE_BROKEN_SID.slice(0, 8)), `${format} names the broken session`);
    }
    const har = mci(['report', fixture(style), '--format', 'har']);
    assert.equal(har.status, 0, har.stderr);
    const entries = (JSON.parse(har.stdout) as { log: { entries: { request: { url: string } }[] } }).log.entries;
    assert.ok(entries.length > 40 && entries.every((e) => /\/ee\//.test(e.request.url)), 'the HAR export keeps every Edge exchange');
  });
}

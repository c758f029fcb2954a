/**
 * Secrets stay out of what a tester attaches to a ticket: the values of Cookie, Set-Cookie,
 * Authorization and the like are removed from the panel's capture and from every export (HTML,
 * Markdown, HAR, JSON; panel and CLI) unless the user asks for them, as Chrome's Network panel
 * exports a HAR without them unless asked.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
import type { Exchange } from '../../src/core/exchange.ts';
import { readHar } from '../../src/core/har/read-har.ts';
import { isSensitiveHeader, REMOVED_VALUE, withoutSensitiveHeaders } from '../../src/core/privacy/sensitive-headers.ts';
import { REPORT_FORMATS, renderReport } from '../../src/core/report/render-report.ts';
import { PanelStore } from '../../src/ui/store/panel-store.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/cli/mci.mjs');

/** Values no output may hold unless asked for. */
const SECRETS = {
  Cookie: 'AMCV_secret=cookie-value-4f1d; kndctr_secret=cookie-two-77aa',
  Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.token-value-9c3e',
  'Proxy-Authorization': 'Basic cHJveHk6cHJveHktdmFsdWUtMjFmYQ==',
  'X-Api-Key': 'api-key-value-5b8e',
} as const;
const REPLY_SECRETS = { 'Set-Cookie': 'kndctr_session=set-cookie-value-e02c; Path=/; HttpOnly' } as const;
const ALL_VALUES = [...Object.values(SECRETS), ...Object.values(REPLY_SECRETS)];
const ORDINARY = { name: 'X-Trace', value: 'ordinary-value-kept' };

const toHeaders = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));

/** vod-clean.har with secrets in every request and reply. */
function harWithSecrets(): string {
  const har = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/vod-clean.har'), 'utf8')) as { log: { entries: { request: { headers: unknown[] }; response: { headers: unknown[] } }[] } };
  for (const e of har.log.entries) {
    e.request.headers.push(...toHeaders(SECRETS), ORDINARY);
    e.response.headers.push(...toHeaders(REPLY_SECRETS));
  }
  return JSON.stringify(har);
}

const exchanges = (): Exchange[] => readHar(harWithSecrets(), 'secrets.har').exchanges;

describe('which headers are sensitive', () => {
  test('the credentials and cookies of both directions, in any case, and *-token, *-api-key names', () => {
    for (const name of ['Cookie', 'set-cookie', 'AUTHORIZATION', 'Proxy-Authorization', 'WWW-Authenticate', 'X-Api-Key', 'x-adobe-aep-validation-token', 'X-Csrf-Token']) {
      assert.ok(isSensitiveHeader(name), name);
    }
    for (const name of ['Content-Type', 'Origin', 'Location', 'Referer', 'User-Agent', 'X-Request-Id', 'Cookie-Policy-Version']) {
      assert.ok(!isSensitiveHeader(name), name);
    }
  });

  test('a removed header keeps its name (the report still says it was sent); an exchange without one is the same object', () => {
    const [first] = exchanges();
    assert.ok(first);
    const clean = withoutSensitiveHeaders(first);
    assert.deepEqual(clean.requestHeaders.find((h) => h.name === 'Cookie'), { name: 'Cookie', value: REMOVED_VALUE });
    assert.deepEqual(clean.requestHeaders.find((h) => h.name === 'X-Trace'), ORDINARY);
    assert.equal(clean.requestBody, first.requestBody);
    assert.notEqual(first.requestHeaders.find((h) => h.name === 'Cookie')?.value, REMOVED_VALUE, 'the input is not changed');
    assert.equal(withoutSensitiveHeaders(clean), clean);
  });
});

describe('every export leaves them out unless asked', () => {
  for (const format of REPORT_FORMATS) {
    test(`${format}`, () => {
      const text = renderReport(format, exchanges(), {}, 'secrets.har', new Date('2026-12-01T00:00:00Z'));
      for (const value of ALL_VALUES) assert.ok(!text.includes(value), `${format} holds ${value}`);
      if (format !== 'md') {
        // Markdown shows no headers at all; the others say which were sent, and keep the ordinary ones.
        assert.ok(text.includes('Authorization') && text.includes('Set-Cookie'), `${format} names the removed headers`);
        assert.ok(text.includes(ORDINARY.value), `${format} keeps ordinary headers`);
      }
    });
  }

  test('with "keep sensitive headers" the HAR, JSON and HTML hold them as captured', () => {
    for (const format of ['har', 'json', 'html'] as const) {
      const text = renderReport(format, exchanges(), { keepSensitiveHeaders: true }, 'secrets.har');
      for (const value of ['api-key-value-5b8e', 'token-value-9c3e', 'set-cookie-value-e02c']) assert.ok(text.includes(value), `${format} keeps ${value}`);
    }
  });
});

describe('the panel keeps no secret it was not asked to keep', () => {
  const captured = () => exchanges().map(({ index: _i, ...rest }) => rest);

  test('captured requests lose them before anything is kept, saved or shown', () => {
    const store = new PanelStore({ source: 'devtools' });
    const kept: Exchange[] = [];
    store.listenCapture((e) => void (e.type === 'exchange' && kept.push(e.exchange)));
    for (const ex of captured()) store.addExchange(ex);
    assert.ok(kept.length > 0, 'the capture is saved');
    const everything = JSON.stringify([store.allExchanges(), kept]);
    for (const value of ALL_VALUES) assert.ok(!everything.includes(value), `kept ${value}`);
    assert.ok(everything.includes(ORDINARY.value));
  });

  test('the setting keeps them, from the next captured request on', () => {
    const store = new PanelStore({ source: 'devtools' });
    store.setSettings({ keepSensitiveHeaders: true });
    for (const ex of captured()) store.addExchange(ex);
    assert.ok(JSON.stringify(store.allExchanges()).includes('token-value-9c3e'));
  });
});

describe('mci report and --keep-sensitive-headers', () => {
  assert.ok(existsSync(CLI), 'dist/cli/mci.mjs does not exist: run `npm run build` before these tests (`npm test` builds first)');
  const dir = mkdtempSync(join(tmpdir(), 'mci-secrets-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const input = join(dir, 'secrets.har');
  writeFileSync(input, harWithSecrets());
  const mci = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    return r.stdout;
  };

  for (const format of REPORT_FORMATS) {
    test(`mci report --format ${format}: none of them by default`, () => {
      const out = mci('report', input, '--format', format);
      for (const value of ALL_VALUES) assert.ok(!out.includes(value), `${format} holds ${value}`);
    });
  }

  test('mci report --format har --keep-sensitive-headers: as captured, and a report made so says so in its settings', () => {
    const har = mci('report', input, '--format', 'har', '--keep-sensitive-headers');
    for (const value of ALL_VALUES) assert.ok(har.includes(value), `kept ${value}`);
    const json = JSON.parse(mci('report', input, '--format', 'json', '--keep-sensitive-headers')) as { settings: { keepSensitiveHeaders: boolean } };
    assert.equal(json.settings.keepSensitiveHeaders, true);
  });
});

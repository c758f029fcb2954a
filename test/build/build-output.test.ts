/**
 * The build's products (npm test builds first): both manifests generated from the root one, the
 * zips readable and complete, the CLI bundled, and the guard against eval( / new Function(.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { crc32 } from '../../src/build/zip.ts';
import { findForbiddenCode } from '../../src/build/forbidden-code.ts';
import { GECKO_ID } from '../../src/build/manifest.ts';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');

test('dist exists (run npm run build first)', () => {
  assert.ok(existsSync(join(dist, 'cli', 'mci.mjs')), 'dist/cli/mci.mjs is missing: run `npm run build`');
});

test('each browser gets a manifest generated from the root manifest.json', () => {
  const base = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  const chrome = JSON.parse(readFileSync(join(dist, 'chrome', 'manifest.json'), 'utf8'));
  const firefox = JSON.parse(readFileSync(join(dist, 'firefox', 'manifest.json'), 'utf8'));
  for (const m of [chrome, firefox]) {
    assert.equal(m.manifest_version, 3);
    assert.equal(m.version, base.version);
    assert.equal(m.devtools_page, base.devtools_page);
    assert.deepEqual(m.permissions, base.permissions);
    assert.deepEqual(m.content_security_policy, base.content_security_policy);
  }
  assert.equal(firefox.browser_specific_settings.gecko.id, GECKO_ID);
  assert.equal(chrome.browser_specific_settings, undefined, 'Chrome warns about keys it does not know');
  assert.match(base.content_security_policy.extension_pages, /script-src 'self'/);
  assert.doesNotMatch(base.content_security_policy.extension_pages, /unsafe-eval|unsafe-inline/);
});

test('the version is the same in package.json and manifest.json', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const base = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  assert.equal(base.version, pkg.version);
});

/** Reads a zip's central directory and inflates every entry, checking its CRC. */
function readZip(file: string): Map<string, Buffer> {
  const buf = readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, `${file}: no end-of-central-directory record`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'central directory entry signature');
    const crc = buf.readUInt32LE(p + 16);
    const packed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const localNameLen = buf.readUInt16LE(local + 26);
    const data = inflateRawSync(buf.subarray(local + 30 + localNameLen, local + 30 + localNameLen + packed));
    assert.equal(data.length, size, `${name}: size`);
    assert.equal(crc32(data), crc, `${name}: CRC`);
    out.set(name, data);
    p += 46 + nameLen;
  }
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

for (const browser of ['chrome', 'firefox']) {
  test(`the ${browser} zip holds exactly the unpacked extension`, () => {
    const zip = readZip(join(dist, `media-collection-inspector-${browser}.zip`));
    const dir = join(dist, browser);
    const files = filesUnder(dir).map((f) => relative(dir, f)).sort();
    assert.deepEqual([...zip.keys()].sort(), files);
    for (const f of files) assert.ok(zip.get(f)?.equals(readFileSync(join(dir, f))), `${f} differs`);
    assert.ok(files.includes('manifest.json') && files.includes('devtools.html') && files.includes('devtools.js'));
  });
}

test('nothing shipped contains eval( or new Function(', () => {
  assert.deepEqual(findForbiddenCode(dist), []);
});

test('the guard finds eval( and new Function( in a shipped file, and ignores harmless names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mci-guard-'));
  try {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'ok.js'), 'const retrieval = 1; obj.eval(2); medieval(3);\n');
    writeFileSync(join(dir, 'sub', 'bad.js'), 'x();\nconst f = new Function("return 1");\n');
    writeFileSync(join(dir, 'page.html'), '<script>eval("1")</script>');
    const hits = findForbiddenCode(dir);
    assert.equal(hits.length, 2, hits.join('\n'));
    assert.ok(hits.some((h) => h.includes('bad.js:2')));
    assert.ok(hits.some((h) => h.includes('page.html:1')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the extension and the CLI use the build-time validators, not ajv compilation', () => {
  const cli = readFileSync(join(dist, 'cli', 'mci.mjs'), 'utf8');
  assert.ok(cli.includes('mci:event/sessionStart'), 'the generated validators are bundled into the CLI');
  assert.ok(!/\bnew Ajv\b|\.compile\(/.test(cli), 'the CLI must not compile schemas at run time');
});

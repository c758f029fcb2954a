/**
 * The extension asks for as little as it can: `storage` and nothing else at installation, no host
 * access, no content script; "Capture without loss" only as optional permissions (the webRequest
 * API, in Firefox its blocking form and response filtering, optional hosts) that its consent page
 * asks for, served by a background script that does nothing without them; a strict CSP, and no
 * schema compilation at run time (MV3 pages forbid the eval it needs). Checked on the root manifest.json, on what manifestFor() makes of
 * it, and on the built dist/chrome and dist/firefox (npm test builds first). The README's
 * "Permissions" section must say the same. build-output.test.ts already guards every shipped file
 * against eval( / new Function(; this file does not repeat that.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSERS, manifestFor } from '../../src/build/manifest.ts';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');

type Manifest = Record<string, unknown>;
const readJson = (file: string): Manifest => JSON.parse(readFileSync(file, 'utf8')) as Manifest;

const base = readJson(join(root, 'manifest.json'));
const manifests: [string, Manifest][] = [
  ['manifest.json', base],
  ...BROWSERS.map((b): [string, Manifest] => [`manifestFor('${b}')`, manifestFor(b, base)]),
  ...BROWSERS.map((b): [string, Manifest] => [`dist/${b}/manifest.json`, readJson(join(dist, b, 'manifest.json'))]),
];

/** The optional permissions of "Capture without loss", per browser (none in the root manifest). */
const OPTIONAL: Record<string, string[]> = { chrome: ['webRequest'], firefox: ['webRequest', 'webRequestBlocking', 'webRequestFilterResponse'] };

for (const [name, m] of manifests) {
  const browser = BROWSERS.find((b) => name.includes(b));
  test(`${name}: permissions exactly ["storage"]; no host permission or content script; "Capture without loss" optional only`, () => {
    assert.equal(m.manifest_version, 3);
    assert.deepEqual(m.permissions, ['storage']);
    for (const key of ['host_permissions', 'content_scripts']) assert.equal(m[key], undefined, `${name} must not have ${key}`);
    if (!browser) {
      for (const key of ['optional_permissions', 'optional_host_permissions', 'background']) assert.equal(m[key], undefined, `${name} must not have ${key}`);
    } else {
      assert.deepEqual(m.optional_permissions, OPTIONAL[browser]);
      assert.deepEqual(m.optional_host_permissions, ['*://*/*'], 'any host may be asked for (custom endpoints, the inspected site); the consent page asks for those only');
      assert.deepEqual(m.background, browser === 'chrome' ? { service_worker: 'background.js' } : { scripts: ['background.js'] });
    }
    assert.equal(typeof m.devtools_page, 'string');
    assert.ok((m.devtools_page as string).length > 0, 'devtools_page is set');
  });

  test(`${name}: the extension pages' CSP allows no eval and no remote origin`, () => {
    const csp = m.content_security_policy as { extension_pages?: unknown } | undefined;
    assert.equal(typeof csp?.extension_pages, 'string', `${name} has content_security_policy.extension_pages`);
    const policy = csp?.extension_pages as string;
    assert.match(policy, /(^|;)\s*script-src 'self'\s*(;|$)/, `script-src is 'self' only: ${policy}`);
    assert.doesNotMatch(policy, /unsafe-eval/, policy);
    // Nothing the extension does opens a connection of its own (no data leaves the machine): the
    // webRequest capture and the devtools page's port to the background are not connections.
    assert.match(policy, /(^|;)\s*connect-src 'none'\s*(;|$)/, `connect-src is 'none': ${policy}`);
    assert.match(policy, /(^|;)\s*frame-src 'none'\s*(;|$)/, `frame-src is 'none': ${policy}`);
    assert.doesNotMatch(policy, /https?:/i, `no remote origin: ${policy}`);
    assert.doesNotMatch(policy, /(^|\s)\*/, `no wildcard source: ${policy}`);
  });
}

test('the README\'s "### Permissions" section lists every manifest permission and rules out host permissions', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n### Permissions\n');
  assert.ok(start >= 0, 'README.md has a "### Permissions" section');
  const rest = readme.slice(start + 1);
  const end = rest.slice(1).search(/\n#{1,3} /);
  const section = end >= 0 ? rest.slice(0, end + 1) : rest;
  const listed = [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((row) => row[1]);
  const optional = [...new Set(Object.values(OPTIONAL).flat())];
  assert.deepEqual(listed.sort(), [...(base.permissions as string[]), ...optional, '*://*/* (optional hosts)'].sort(), 'the table lists exactly the manifest permissions, required and optional');
  assert.match(section, /no host permissions/, 'says there is no host permission at installation');
  assert.match(section, /no content scripts/);
  assert.match(section, /does nothing/, 'says the background script does nothing without consent');
  const csp = (base.content_security_policy as { extension_pages: string }).extension_pages;
  assert.ok(section.includes(`\`${csp}\``), 'quotes the manifest\'s CSP as it is');
});

for (const browser of BROWSERS) {
  test(`the ${browser} extension bundles use the build-time validators, not ajv compilation`, () => {
    const dir = join(dist, browser);
    assert.ok(existsSync(dir), `dist/${browser} is missing: run \`npm run build\``);
    const bundles = readdirSync(dir).filter((n) => /\.m?js$/.test(n)).sort();
    assert.deepEqual(bundles, ['background.js', 'capture-setup.js', 'devtools.js', 'viewer.js']);
    for (const name of bundles) {
      const code = readFileSync(join(dir, name), 'utf8');
      // The pages that analyse bundle the validators; the background and the consent page only classify.
      if (name === 'devtools.js' || name === 'viewer.js') assert.ok(code.includes('mci:event/sessionStart'), `${name}: the generated validators are bundled`);
      assert.doesNotMatch(code, /\bnew\s+Ajv\b/, `${name}: new Ajv`);
      assert.doesNotMatch(code, /\.compile(Async)?\s*\(/, `${name}: a schema .compile(`);
      // Minified, `new Ajv` becomes `new x.default`: these strings of Ajv's compiler survive it.
      assert.doesNotMatch(code, /strictSchema|schema is invalid: /, `${name}: Ajv's compiler is bundled`);
    }
  });
}

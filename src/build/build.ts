/**
 * One build: generated validators, the CLI (dist/cli/mci.mjs), both browsers' unpacked
 * extensions (dist/chrome, dist/firefox) with manifests generated from the root manifest.json,
 * a zip of each, and the guard that no shipped bundle calls eval or the Function constructor.
 * Flags: --debug (no minify, keep debug output).
 */
import { build } from 'esbuild';
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateValidators } from './generate-validators.ts';
import { manifestFor, BROWSERS, MIN_CHROME, MIN_FIREFOX } from './manifest.ts';
import { findForbiddenCode } from './forbidden-code.ts';
import { zipDirectory } from './zip.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
const debug = process.argv.includes('--debug');

/** The viewer page and the panel's stylesheet, in the extension and beside the demo player. */
const UI_ENTRIES = { viewer: join(root, 'src/ui/viewer.tsx'), panel: join(root, 'src/ui/styles.css') };

/** One esbuild run for pages of both browsers (ES modules, no eval, sourcemaps in --debug). */
async function bundleForBrowsers(entryPoints: Record<string, string>, outdir: string, minify: boolean): Promise<void> {
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'browser',
    target: [`chrome${MIN_CHROME}`, `firefox${MIN_FIREFOX}`],
    format: 'esm',
    minify,
    sourcemap: debug ? 'inline' : false,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': debug ? '"development"' : '"production"' },
    logLevel: 'warning',
  });
}

async function main(): Promise<void> {
  rmSync(dist, { recursive: true, force: true });
  generateValidators();

  await build({
    entryPoints: [join(root, 'src/cli/mci.ts')],
    outfile: join(dist, 'cli/mci.mjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  chmodSync(join(dist, 'cli/mci.mjs'), 0o755);

  // The demo player served by `mci serve` (not shipped in the extension).
  const demo = join(dist, 'demo');
  mkdirSync(join(demo, 'media'), { recursive: true });
  for (const file of ['index.html', 'demo.css', 'media/demo.webm']) cpSync(join(root, 'src/demo', file), join(demo, file));
  cpSync(join(root, 'extension/viewer.html'), join(demo, 'viewer.html'));
  await bundleForBrowsers({ demo: join(root, 'src/demo/demo-page.ts'), ...UI_ENTRIES }, demo, false);

  const baseManifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  for (const browser of BROWSERS) {
    const out = join(dist, browser);
    mkdirSync(out, { recursive: true });
    // Static files only: the scripts are bundled below.
    for (const page of ['devtools.html', 'panel.html', 'viewer.html', 'capture-setup.html']) cpSync(join(root, 'extension', page), join(out, page));
    cpSync(join(root, 'extension/icons'), join(out, 'icons'), { recursive: true });
    await bundleForBrowsers({ devtools: join(root, 'extension/devtools.tsx'), 'capture-setup': join(root, 'extension/consent/capture-setup.tsx'), ...UI_ENTRIES }, out, !debug);
    // The background script is a classic script (a Firefox event page, a Chromium service worker): one IIFE file.
    await build({
      entryPoints: [join(root, 'extension/background/background.ts')], outfile: join(out, 'background.js'), bundle: true, platform: 'browser',
      target: [`chrome${MIN_CHROME}`, `firefox${MIN_FIREFOX}`], format: 'iife', minify: !debug, sourcemap: debug ? 'inline' : false,
      legalComments: 'none', define: { 'process.env.NODE_ENV': debug ? '"development"' : '"production"' }, logLevel: 'warning',
    });
    writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifestFor(browser, baseManifest), null, 2)}\n`);
    zipDirectory(out, join(dist, `media-collection-inspector-${browser}.zip`));
  }

  const offenders = findForbiddenCode(dist);
  if (offenders.length > 0) {
    throw new Error(`shipped code calls eval or the Function constructor (forbidden in MV3 extension pages):\n${offenders.join('\n')}`);
  }
  console.log(`built dist/cli/mci.mjs, dist/demo/, ${BROWSERS.map((b) => `dist/${b}/ (+ zip)`).join(', ')}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});

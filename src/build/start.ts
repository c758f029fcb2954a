/**
 * `npm start`: builds everything, then checks the sample recordings shipped in test/fixtures with
 * the freshly built CLI, and says how to load the extension. (The demo player comes later.)
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (run('npm', ['run', '--silent', 'build']) !== 0) process.exit(1);
for (const sample of ['test/fixtures/vod-clean.har', 'test/fixtures/broken-requests.har']) {
  console.log(`\n$ mci check ${sample}`);
  const status = run(process.execPath, ['dist/cli/mci.mjs', 'check', sample]);
  console.log(`(exit status ${status})`);
}
console.log(`
Built:
  dist/chrome/   load it in Chromium/Chrome: chrome://extensions → Developer mode → Load unpacked
  dist/firefox/  load it in Firefox: about:debugging#/runtime/this-firefox → Load Temporary Add-on → dist/firefox/manifest.json
  dist/cli/mci.mjs  the CLI (npx mci check <file.har>)`);

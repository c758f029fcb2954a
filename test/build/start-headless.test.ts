/**
 * The README's run command, `npm start`, in its headless mode (no $DISPLAY / $WAYLAND_DISPLAY):
 * it exits 0, says there is no display, names the three default scenarios (clean, orphan-ad,
 * after-end) as it runs them, records dist/demo-recording.har, prints the `mci check` output for
 * it (the clean session without findings, ad.orphan-start for orphan-ad, session.after-end and
 * http.session-gone for after-end), and says how to load dist/chrome or dist/firefox by hand.
 *
 * src/build/start.ts always runs `npm run build` first (no flag skips it, no option moves the
 * output dir), so this test rebuilds dist/ in place: it is meant for the sequential CI run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');
const TIMEOUT_MS = 240_000;

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; timedOut: boolean }

/** Runs `npm start` without a display; the whole process group is killed if it outlives the timeout. */
function npmStart(): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  delete env.FORCE_COLOR;
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    }, TIMEOUT_MS);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr, timedOut }); });
  });
}

/** The `mci check` part of the output, split into one block per "Session <sid>" heading. */
function sessionBlocks(checkOutput: string): string[] {
  return checkOutput.split(/^(?=Session )/m).slice(1);
}

test('npm start without a display runs the demo scenarios headless and prints the findings', { timeout: TIMEOUT_MS + 20_000 }, async () => {
  const run = await npmStart();
  const out = run.stdout;
  const context = `\n--- stdout ---\n${out}\n--- stderr ---\n${run.stderr}`;
  assert.equal(run.timedOut, false, `npm start did not finish within ${TIMEOUT_MS / 1000} s${context}`);
  assert.equal(run.code, 0, `npm start exited ${run.code} (signal ${run.signal})${context}`);

  // The build ran and the collector started.
  assert.ok(existsSync(join(dist, 'cli', 'mci.mjs')), 'the build did not produce dist/cli/mci.mjs');
  assert.match(out, /^collector: http:\/\/\S+ \(received sessions: \S+\/_mci\/sessions\)$/m, context);
  assert.match(out, /^demo player: http:\/\/localhost:\d+\/$/m, context);

  // Headless mode, announced as such, with the three default scenarios named in order.
  assert.match(out, /No display \(\$DISPLAY is not set\): running demo scenarios in headless Chromium instead\./, context);
  const scenarios = [...out.matchAll(/^ {2}scenario (\S+(?: \([^)]*\))?): (.+)$/gm)].map((m) => [m[1], m[2]]);
  assert.deepEqual(scenarios, [
    ['clean', 'Correct VOD session'],
    ['orphan-ad', 'adStart without adBreakStart'],
    ['after-end', 'Ping after sessionEnd (410)'],
    // The same engine over Media Edge: the orphan ad sent the Web SDK's way.
    ['orphan-ad (Web SDK style)', 'adStart without adBreakStart'],
  ], context);

  // The recording exists and the inspector's findings for it are printed.
  const harFile = join(dist, 'demo-recording.har');
  assert.ok(out.includes(`Recorded ${harFile}. What the inspector finds in it:`), context);
  assert.ok(out.includes('$ mci check dist/demo-recording.har'), context);
  const har = JSON.parse(readFileSync(harFile, 'utf8')) as { log: { entries: unknown[] } };
  assert.ok(har.log.entries.length > 0, 'dist/demo-recording.har has no entries');

  const check = out.slice(out.indexOf('$ mci check'), out.indexOf('The scenarios other than "clean"'));
  assert.ok(check.includes(`${harFile} (${har.log.entries.length} requests, recorded by mci demo recorder`), `mci check header${context}`);
  const sessions = sessionBlocks(check);
  assert.equal(sessions.length, 4, `one session per scenario${context}`);
  const [clean, orphan, afterEnd, edgeOrphan] = sessions as [string, string, string, string];
  // The Media Edge session: the same finding as over Media Collection.
  assert.match(edgeOrphan, /✖ error {3}ad\.orphan-start /, edgeOrphan);
  // clean: no error or warning (the tally says "no findings" or only info).
  assert.doesNotMatch(clean, /✖ error|▲ warning/, `clean session has findings:\n${clean}`);
  assert.match(clean.split('\n')[0]!, /(no findings|\d+ info)$/, clean);
  assert.match(clean, /state {6}closed \(sessionEnd\)/, clean);
  // orphan-ad: the ad without an ad break.
  assert.match(orphan, /✖ error {3}ad\.orphan-start {2}adStart for ad "mid-orphan" with no open ad break/, orphan);
  // after-end: the ping after sessionEnd and the collector's 410.
  assert.match(afterEnd, /✖ error {3}session\.after-end /, afterEnd);
  assert.match(afterEnd, /✖ error {3}http\.session-gone {2}410:/, afterEnd);
  for (const [name, block] of [['clean', clean], ['orphan-ad', orphan], ['after-end', afterEnd]]) {
    assert.match(block!, /mci-demo-001 "Test pattern \(demo\)" · vod · player mci-demo-player/, `${name} session header`);
  }
  assert.match(check, /^\d+ Media Collection calls in 4 sessions, \d+ other requests? ignored: [1-9]\d* errors?, \d+ warnings?, \d+ info$/m, context);

  // How to load the built extension by hand.
  assert.match(out, /The scenarios other than "clean" are broken on purpose\./, context);
  assert.ok(out.includes(`Chromium/Chrome: chrome://extensions → Developer mode → Load unpacked → ${join(dist, 'chrome')}`), context);
  assert.ok(out.includes(`Firefox:         about:debugging#/runtime/this-firefox → Load Temporary Add-on → ${join(dist, 'firefox', 'manifest.json')}`), context);
  assert.ok(out.includes('then run `node dist/cli/mci.mjs serve` and open the demo player it prints.'), context);
  assert.ok(existsSync(join(dist, 'chrome', 'manifest.json')) && existsSync(join(dist, 'firefox', 'manifest.json')), 'the paths it names exist');
});

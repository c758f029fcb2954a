/**
 * The reference collector's default timeouts: 10 minutes idle and 30 minutes without playhead
 * movement (README, "mci serve"). The defaults are literals inside startCollector() and `mci serve`
 * passes nothing when its options are absent, so they are checked through the real code with the
 * clock moved instead of waited for: in process, startCollector() under node:test's mocked Date
 * (SessionStore reads Date.now); and `mci serve` itself, spawned with a preload that shifts
 * Date.now by what the test writes on its stdin. Then `mci serve --stall-timeout 1` on the real
 * clock. Needs dist/cli/mci.mjs (npm test builds first).
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCollector } from '../../src/collector/server.ts';
import { ev, sessionStartBody } from '../helpers/har-builder.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'mci.mjs');
const S = 1000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let tsCounter = 1_700_000_000_000;
const nextTs = () => ++tsCounter;

/**
 * One HTTP call with node:http and no keep-alive (undici's fetch keeps timestamps of its own, and
 * the in-process tests jump Date by many minutes).
 */
function call(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: url.hostname, port: url.port, path: url.pathname, method, agent: false,
      headers: payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function startSession(base: string): Promise<string> {
  const reply = await call(base, 'POST', '/api/v1/sessions', sessionStartBody(nextTs()));
  assert.equal(reply.status, 201, `sessionStart answered ${reply.status}: ${reply.text}`);
  const sid = String(reply.headers.location ?? '').split('/').pop() ?? '';
  assert.match(sid, /^[0-9a-f]{64}$/);
  return sid;
}

async function ping(base: string, sid: string, playhead: number): Promise<number> {
  return (await call(base, 'POST', `/api/v1/sessions/${sid}/events`, ev('ping', playhead, nextTs()))).status;
}

async function closedReason(base: string, sid: string): Promise<string | null> {
  const reply = await call(base, 'GET', `/_mci/sessions/${sid}`);
  assert.equal(reply.status, 200);
  return (JSON.parse(reply.text) as { closed: string | null }).closed;
}

describe('startCollector() without options', () => {
  test('idle timeout is 10 minutes: an event 599 s after the last one is accepted, one 601 s after answers 410 (idle-timeout)', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 1_700_000_000_000 });
    const collector = await startCollector();
    try {
      const base = collector.url;
      const sid = await startSession(base);
      t.mock.timers.tick(599 * S);
      assert.equal(await ping(base, sid, 10), 204, '599 s after the sessionStart');
      t.mock.timers.tick(599 * S);
      assert.equal(await ping(base, sid, 20), 204, '599 s after the last event (1198 s after the start): idle counts from the last event');
      t.mock.timers.tick(601 * S);
      assert.equal(await ping(base, sid, 30), 410, '601 s without an event');
      assert.equal(await closedReason(base, sid), 'idle-timeout');
    } finally {
      await collector.close();
    }
  });

  test('stalled-playhead timeout is 30 minutes: same playhead accepted at 1799 s, 410 (stalled-playhead) at 1801 s', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 1_700_000_000_000 });
    const collector = await startCollector();
    try {
      const base = collector.url;
      const stuck = await startSession(base);
      const moving = await startSession(base);
      assert.equal(await ping(base, stuck, 10), 204, 'playhead 0 -> 10 moves');
      assert.equal(await ping(base, moving, 10), 204);
      // Pings every 450 s or less stay inside the idle window; only the playhead decides.
      let elapsed = 0;
      for (const at of [450, 900, 1350, 1799]) {
        t.mock.timers.tick(at * S - elapsed);
        elapsed = at * S;
        assert.equal(await ping(base, stuck, 10), 204, `same playhead ${at} s after it last moved`);
        assert.equal(await ping(base, moving, at), 204, `moving playhead at ${at} s`);
      }
      t.mock.timers.tick(2 * S); // 1801 s
      assert.equal(await ping(base, stuck, 10), 410, 'same playhead 1801 s after it last moved');
      assert.equal(await closedReason(base, stuck), 'stalled-playhead');
      assert.equal(await ping(base, moving, 1801), 204, 'a session whose playhead moves stays open');
      assert.equal(await closedReason(base, moving), null);
    } finally {
      await collector.close();
    }
  });
});

describe('mci serve', () => {
  const children: ChildProcess[] = [];
  after(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });

  /** Spawns `node [nodeArgs] dist/cli/mci.mjs serve [args]` and returns its URL from the first stdout line. */
  async function serve(args: string[], nodeArgs: string[] = []): Promise<{ proc: ChildProcess; url: string; stderr: () => string }> {
    assert.ok(existsSync(CLI), 'dist/cli/mci.mjs is not built: run `npm run build`');
    const proc = spawn(process.execPath, [...nodeArgs, CLI, 'serve', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(proc);
    let stdout = '';
    let stderr = '';
    proc.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const firstLine = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no stdout line within 10 s (stderr: ${stderr})`)), 10_000);
      proc.stdout?.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        const nl = stdout.indexOf('\n');
        if (nl >= 0) {
          clearTimeout(timer);
          resolve(stdout.slice(0, nl));
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`mci serve exited (${code}) before printing: ${stderr}`));
      });
    });
    const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine);
    assert.ok(m, `first stdout line: ${JSON.stringify(firstLine)}`);
    return { proc, url: m[1] as string, stderr: () => stderr };
  }

  test('--stall-timeout 1: pings that keep the same playhead get 410 after ~1.5 s (stalled-playhead)', async () => {
    const { proc, url } = await serve(['--stall-timeout', '1', '--port', '0']);
    try {
      const sid = await startSession(url);
      const moved = Date.now();
      assert.equal(await ping(url, sid, 10), 204, 'playhead 0 -> 10 moves');
      for (let i = 1; i <= 2; i++) {
        await sleep(250);
        assert.equal(await ping(url, sid, 10), 204, `same-playhead ping ${i}, within the second`);
      }
      await sleep(Math.max(0, moved + 1500 - Date.now()));
      assert.equal(await ping(url, sid, 10), 410, 'same playhead ~1.5 s after it last moved');
      assert.equal(await closedReason(url, sid), 'stalled-playhead');
    } finally {
      proc.kill('SIGKILL');
    }
  });

  test('without timeout options: 10 minutes idle and 30 minutes stalled playhead (its clock shifted from the test)', async () => {
    // Preloaded before mci.mjs: Date.now() returns the real time plus the milliseconds written on
    // stdin, and each shift is acknowledged on stderr so the next request sees it.
    const preload = `const real = Date.now.bind(Date); let offset = 0;
      Date.now = () => real() + offset;
      process.stdin.setEncoding('utf8').on('data', (d) => {
        for (const n of d.split('\\n')) if (n.trim()) offset += Number(n);
        process.stderr.write('offset ' + offset + '\\n');
      });`;
    const { proc, url, stderr } = await serve(['--port', '0'], ['--import', `data:text/javascript,${encodeURIComponent(preload)}`]);
    let total = 0;
    const shift = async (ms: number) => {
      total += ms;
      proc.stdin?.write(`${ms}\n`);
      const started = Date.now();
      while (!stderr().includes(`offset ${total}\n`)) {
        assert.ok(Date.now() - started < 5000, `the clock shift was not acknowledged (stderr: ${stderr()})`);
        await sleep(10);
      }
    };
    try {
      const idle = await startSession(url);
      const stuck = await startSession(url);
      assert.equal(await ping(url, stuck, 10), 204, 'playhead 0 -> 10 moves');
      await shift(599 * S);
      assert.equal(await ping(url, idle, 10), 204, 'idle session, 599 s after its last event');
      assert.equal(await ping(url, stuck, 10), 204, 'same playhead at 599 s');
      await shift(601 * S); // 1200 s
      assert.equal(await ping(url, idle, 20), 410, 'idle session, 601 s after its last event');
      assert.equal(await closedReason(url, idle), 'idle-timeout');
      assert.equal(await ping(url, stuck, 10), 410, 'the same-playhead session had no event for 601 s either');
      assert.equal(await closedReason(url, stuck), 'idle-timeout');

      const stalled = await startSession(url);
      assert.equal(await ping(url, stalled, 10), 204, 'playhead 0 -> 10 moves');
      for (let i = 0; i < 3; i++) {
        await shift(540 * S);
        assert.equal(await ping(url, stalled, 10), 204, `same playhead ${(i + 1) * 540} s after it last moved`);
      }
      await shift(179 * S); // 1799 s
      assert.equal(await ping(url, stalled, 10), 204, 'same playhead 1799 s after it last moved');
      await shift(2 * S); // 1801 s
      assert.equal(await ping(url, stalled, 10), 410, 'same playhead 1801 s after it last moved');
      assert.equal(await closedReason(url, stalled), 'stalled-playhead');
    } finally {
      proc.kill('SIGKILL');
    }
  });
});

/**
 * `mci check` on a generated HAR file against its floor (a process that reads the same file,
 * JSON.parses it, and runs the floor of the engine benchmark): wall time and peak memory, for the
 * text output and for `--format json` (the JSON contract, the biggest output).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './measure.ts';
import { harEntries, harText } from './traffic.ts';

/** A preload that prints the process's peak RSS (KiB) on exit, for a child we time. */
const PEAK_SOURCE = "process.on('exit', () => process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n'));\n";

/** Runs `command` (the CLI file itself, through its shebang, as `npx mci` does; or node). */
function run(root: string, preload: string, command: string, args: string[]): { ms: number; maxRssKiB: number } {
  const t = performance.now();
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NODE_OPTIONS: `--import=${preload}` } });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 500)}`);
  const m = /MAXRSS (\d+)/.exec(r.stderr);
  return { ms, maxRssKiB: m ? Number(m[1]) : 0 };
}

export function cliBench(root: string, events: number, runs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'mci-bench-'));
  try {
    const file = join(dir, 'bench.har');
    const preload = join(dir, 'peak.mjs');
    writeFileSync(preload, PEAK_SOURCE);
    writeFileSync(file, harText(harEntries(events)));
    const floorScript = join(root, 'test', 'bench', 'cli-floor.mjs');
    const cli = join(root, 'dist', 'cli', 'mci.mjs');
    const f: number[] = [];
    const c: number[] = [];
    const j: number[] = [];
    let peak = 0;
    for (let i = 0; i < runs; i++) {
      // The floor runs under the same V8 flags as the CLI's shebang.
      f.push(run(root, preload, process.execPath, ['--max-semi-space-size=64', floorScript, file]).ms);
      const r = run(root, preload, cli, ['check', file, '--out', join(dir, 'out.txt')]);
      c.push(r.ms);
      peak = Math.max(peak, r.maxRssKiB);
      const rj = run(root, preload, cli, ['check', file, '--format', 'json', '--out', join(dir, 'out.json')]);
      j.push(rj.ms);
      peak = Math.max(peak, rj.maxRssKiB);
    }
    return {
      cliMs: median(c), cliFloorMs: median(f), cliToFloorRatio: median(c) / median(f),
      cliJsonMs: median(j), cliJsonToFloorRatio: median(j) / median(f), cliPeakMB: peak / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

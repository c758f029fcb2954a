/**
 * `mci check` on a generated HAR file against its floor (a process that reads the same file,
 * JSON.parses it, and runs the floor of the engine benchmark): wall time and peak memory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './measure.ts';
import { harEntries, harText } from './traffic.ts';

/** Prints the process's peak RSS (KiB) on exit, for a child we time. */
const PEAK = `data:text/javascript,process.on('exit',()=>process.stderr.write('MAXRSS '+process.resourceUsage().maxRSS+'\\n'))`;

function run(root: string, args: string[]): { ms: number; maxRssKiB: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', PEAK, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 500)}`);
  const m = /MAXRSS (\d+)/.exec(r.stderr);
  return { ms, maxRssKiB: m ? Number(m[1]) : 0 };
}

export function cliBench(root: string, events: number, runs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'mci-bench-'));
  try {
    const file = join(dir, 'bench.har');
    writeFileSync(file, harText(harEntries(events)));
    const floorScript = join(root, 'test', 'bench', 'cli-floor.mjs');
    const cli = join(root, 'dist', 'cli', 'mci.mjs');
    const f: number[] = [];
    const c: number[] = [];
    let peak = 0;
    for (let i = 0; i < runs; i++) {
      f.push(run(root, [floorScript, file]).ms);
      const r = run(root, [cli, 'check', file, '--format', 'json', '--out', join(dir, 'out.json')]);
      c.push(r.ms);
      peak = Math.max(peak, r.maxRssKiB);
    }
    return { cliMs: median(c), cliFloorMs: median(f), cliToFloorRatio: median(c) / median(f), cliPeakMB: peak / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

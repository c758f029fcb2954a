/** Benchmarks are not part of npm test, but a tiny run of each is, so they cannot rot. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

test('npm run bench --quick runs every benchmark (engine, CLI, panel, collector) and ends with one JSON line', () => {
  const root = join(import.meta.dirname, '..', '..');
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/bench/run.ts', '--quick', '--json'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split('\n');
  const figures = JSON.parse(lines[lines.length - 1] as string) as Record<string, unknown>;
  for (const key of ['oneSessionPerEventUsSmall', 'oneSessionPerEventUsLarge', 'oneSessionRatio', 'oneSessionNoGcRatio', 'floorEventsPerSec', 'pipelineEventsPerSec', 'pipelineToFloorRatio', 'scalingRatio', 'tenSessionsScalingRatio', 'memoryMBPer100k', 'appendP50Ms', 'appendP99Ms',
    'cliMs', 'cliFloorMs', 'cliToFloorRatio', 'cliPeakMB', 'panelDrawnMs', 'panelHeapMB', 'panelScrollP95Ms', 'panelPanP95Ms', 'liveRowP95Ms',
    'soakRequests', 'soakRequestsPerSec', 'soakHeapLastRoundMB', 'capStarts', 'capMBPerSec']) {
    assert.equal(typeof figures[key], 'number', `${key} missing`);
    assert.ok(Number.isFinite(figures[key] as number) && (figures[key] as number) > 0, `${key} = ${String(figures[key])}`);
  }
  assert.match(run.stdout, /per-event time ratio/);
  assert.match(run.stdout, /panel: frame time p95 scrolling/);
  assert.match(run.stdout, /collector soak, default caps/);
});

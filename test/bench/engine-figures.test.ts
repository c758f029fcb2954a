/**
 * The engine benchmark's figures added for issue 15, on tiny sizes: each is a finite, positive
 * measurement of what it says (the bench smoke test covers the rest of the table).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { memoryPerEvent, pipelineStages, resultAfterAdd, scalingWithoutGc } from './engine-bench.ts';

const positive = (name: string, v: number) => assert.ok(Number.isFinite(v) && v > 0, `${name} = ${v}`);

test('pipeline stages: each stage takes time, and the stages add up to the pipeline', () => {
  const s = pipelineStages(3_000, 3);
  positive('floor', s.stageFloorMs);
  positive('exchanges', s.stageExchangesMs);
  positive('adapters', s.stageAdaptersMs);
  assert.ok(Math.abs(s.stageExchangesMs + s.stageAdaptersMs + s.stageSessionsMs - s.stagePipelineMs) < 1e-6);
});

test('bytes per event: the captured exchange and the analysis both hold memory', () => {
  // Heap figures need the collector on demand (--expose-gc), as `npm run bench` runs: a child process.
  const root = join(import.meta.dirname, '..', '..');
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e',
    "import { memoryPerEvent } from './test/bench/engine-bench.ts'; console.log(JSON.stringify(memoryPerEvent(20000)))"], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const m = JSON.parse(run.stdout.trim().split('\n').pop() as string) as ReturnType<typeof memoryPerEvent>;
  assert.equal(m.gcAvailable, true);
  positive('exchange', m.exchangeBytesPerEvent);
  positive('analysis', m.analysisBytesPerEvent);
  assert.ok(m.exchangeBytesPerEvent < 10_000 && m.analysisBytesPerEvent < 10_000, JSON.stringify(m));
});

test('reading the whole result after one event, among a finding per call', () => {
  const r = resultAfterAdd(2_000, 20);
  assert.ok(r.resultFindings >= 2_000, `only ${r.resultFindings} findings`);
  positive('p50', r.resultAfterAddP50Ms);
  assert.ok(r.resultAfterAddP99Ms >= r.resultAfterAddP50Ms);
});

test('scaling without the collector\'s pauses: a share between 0 and 1 at every size', async () => {
  const s = await scalingWithoutGc([1_000, 3_000]);
  for (const share of Object.values(s.gcShare)) assert.ok(share >= 0 && share < 1, String(share));
  positive('ratio', s.scalingRatioNoGc);
});

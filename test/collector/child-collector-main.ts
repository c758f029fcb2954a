/**
 * A collector in a process of its own (spawned by child-collector.ts with --expose-gc), so that
 * its memory is measured alone, not with the load driver's. Options come as JSON in argv[2]; it
 * answers "measure" over IPC with process.memoryUsage() after two full collections and the
 * store's figures, "sample" with the same without collecting.
 */
import { startCollector, type CollectorOptions } from '../../src/collector/server.ts';

const collector = await startCollector(JSON.parse(process.argv[2] ?? '{}') as CollectorOptions);
const gc = (globalThis as { gc?: () => void }).gc;
process.send?.({ type: 'listening', url: collector.url });
process.on('message', (m: { type?: string }) => {
  if (m.type === 'measure' || m.type === 'sample') {
    // "sample" is cheap enough to ask often under load; "measure" collects first, for a figure to compare.
    if (m.type === 'measure') {
      gc?.();
      gc?.();
    }
    process.send?.({ type: 'measured', memory: process.memoryUsage(), stats: collector.store.stats(), gc: m.type === 'measure' && gc !== undefined });
  } else if (m.type === 'stop') {
    void collector.close().then(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));

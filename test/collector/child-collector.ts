/** Starts child-collector-main.ts in its own Node process and asks it for its memory. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { CollectorOptions } from '../../src/collector/server.ts';
import type { StoreStats } from '../../src/collector/session-store.ts';

export interface Measure {
  memory: NodeJS.MemoryUsage;
  stats: StoreStats;
  /** Whether the figures are after a forced full collection (--expose-gc). */
  gc: boolean;
}

export interface ChildCollector {
  url: string;
  proc: ChildProcess;
  /** Memory after two full collections, and the store's figures. */
  measure(): Promise<Measure>;
  /** The same without collecting first: cheap enough to ask often under load. */
  sample(): Promise<Measure>;
  stop(): Promise<void>;
}

export async function startChildCollector(options: CollectorOptions, nodeArgs: string[] = []): Promise<ChildCollector> {
  const proc = fork(join(import.meta.dirname, 'child-collector-main.ts'), [JSON.stringify(options)], {
    execArgv: ['--expose-gc', '--import', 'tsx', ...nodeArgs],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string) => new Promise<T>((resolve, reject) => {
    const onMessage = (m: { type?: string }) => {
      if (m.type !== type) return;
      proc.off('message', onMessage);
      proc.off('exit', onExit);
      resolve(m as T);
    };
    const onExit = (code: number | null) => reject(new Error(`the collector process exited (${code}) before "${type}"`));
    proc.on('message', onMessage);
    proc.once('exit', onExit);
  });
  const { url } = await next<{ url: string }>('listening');
  return {
    url,
    proc,
    measure: () => {
      const answer = next<Measure>('measured');
      proc.send({ type: 'measure' });
      return answer;
    },
    sample: () => {
      const answer = next<Measure>('measured');
      proc.send({ type: 'sample' });
      return answer;
    },
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.send({ type: 'stop' });
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

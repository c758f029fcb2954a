/** `mci serve`: the reference collector and the demo player, until interrupted. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCollector } from '../collector/server.ts';
import { parseOptions } from './inputs.ts';
import { parseArgsOptions } from './usage.ts';
import { UsageError } from './usage-error.ts';

export async function runServe(args: string[]): Promise<number> {
  const { values } = parseOptions('serve', { args, options: parseArgsOptions('serve') });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0 to 65535, not "${values.port}"`);
  const collector = await startCollector({
    port,
    idleTimeoutS: seconds(values['idle-timeout'] as string | undefined, '--idle-timeout'),
    stallTimeoutS: seconds(values['stall-timeout'] as string | undefined, '--stall-timeout'),
    demoDir: demoDir(),
  }).catch((e: unknown) => {
    throw new UsageError(`cannot listen on 127.0.0.1:${port}: ${e instanceof Error ? e.message : String(e)}`);
  });
  process.stdout.write(`listening on ${collector.url}\n`);
  process.stdout.write(`demo player: http://localhost:${collector.port}/ · received sessions: ${collector.url}/_mci/sessions\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await collector.close();
  return 0;
}

/** dist/demo beside the bundled CLI (dist/cli/mci.mjs), when it was built. */
function demoDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', 'demo'), join(here, '..', '..', 'dist', 'demo')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

function seconds(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a number of seconds > 0, not "${v}"`);
  return n;
}

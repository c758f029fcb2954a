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
    closedGraceS: seconds(values['closed-grace'] as string | undefined, '--closed-grace', true),
    maxSessions: count(values['max-sessions'] as string | undefined, '--max-sessions'),
    maxEvents: count(values['max-events'] as string | undefined, '--max-events'),
    maxBodyBytes: megabytes(values['max-body-mb'] as string | undefined, '--max-body-mb'),
    bodyTimeoutS: seconds(values['body-timeout'] as string | undefined, '--body-timeout'),
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

function seconds(v: string | undefined, name: string, zeroAllowed = false): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || (n === 0 && !zeroAllowed)) {
    throw new UsageError(`${name} must be a number of seconds ${zeroAllowed ? '≥ 0' : '> 0'}, not "${v}"`);
  }
  return n;
}

function count(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{1,9}$/.test(v.trim()) || Number(v) < 1) throw new UsageError(`${name} must be a whole number ≥ 1, not "${v}"`);
  return Number(v);
}

function megabytes(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1024 * 1024) throw new UsageError(`${name} must be a number of megabytes from 0 to 1048576, not "${v}"`);
  return Math.floor(n * 1024 * 1024);
}

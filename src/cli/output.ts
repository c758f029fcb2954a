/**
 * Where a command's result goes: the --out file, or standard output. A result is one string or
 * chunks of one (a big JSON output is never joined: see core/json/json-chunks.ts).
 */
import { once } from 'node:events';
import { closeSync, openSync, writeSync } from 'node:fs';
import { UsageError } from './usage-error.ts';

export async function writeOutput(out: string | undefined, text: string | Iterable<string>): Promise<void> {
  const chunks = typeof text === 'string' ? [text] : text;
  if (out === undefined) {
    // Waits for a slow reader (a pipe to `less`) instead of queueing the whole output in memory.
    for (const chunk of chunks) if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
    return;
  }
  // Synchronous writes: nothing else runs meanwhile, and a chunk is written before the next is made.
  const fd = fsCall(out, () => openSync(out, 'w'));
  try {
    for (const chunk of chunks) {
      const bytes = Buffer.from(chunk, 'utf8');
      for (let done = 0; done < bytes.length;) done += fsCall(out, () => writeSync(fd, bytes, done));
    }
  } finally {
    closeSync(fd);
  }
}

/** Runs a file operation; its error (not one of the chunks' making) says which file and why. */
function fsCall<T>(out: string, call: () => T): T {
  try {
    return call();
  } catch (e) {
    throw new UsageError(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Where a command's result goes: the --out file, or standard output. */
import { writeFile } from 'node:fs/promises';
import { UsageError } from './usage-error.ts';

export async function writeOutput(out: string | undefined, text: string): Promise<void> {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    await writeFile(out, text);
  } catch (e) {
    throw new UsageError(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

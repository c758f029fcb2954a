/**
 * What the report tests share about the built CLI and the JSON report's schema:
 *
 * - `mci(args)` runs dist/cli/mci.mjs (built by `npm run build`) from the repository root, without
 *   this process's colour and test-runner variables, and answers its exit status and output;
 * - `validateReport` checks a JSON report against src/core/report/report.schema.json
 *   (`ajv.errorsText(validateReport.errors)` says why it does not).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

/** The repository's root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built CLI, from ROOT. */
export const CLI = 'dist/cli/mci.mjs';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function mci(args: string[]): Run {
  assert.ok(existsSync(join(ROOT, CLI)), `${CLI} does not exist: run \`npm run build\` first`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['FORCE_COLOR', 'NO_COLOR', 'NODE_TEST_CONTEXT']) delete env[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const schema = JSON.parse(readFileSync(join(ROOT, 'src/core/report/report.schema.json'), 'utf8')) as Record<string, unknown>;
export const ajv = new Ajv({ allErrors: true, strict: true });
export const validateReport = ajv.compile(schema);

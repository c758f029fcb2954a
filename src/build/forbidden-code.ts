/** The CI guard: no shipped file may call eval or the Function constructor (MV3 pages forbid both). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FORBIDDEN = /(?<![\w.$])eval\s*\(|new\s+Function\s*\(/;

/** "file:line: text" for each offending line of every .js/.mjs/.html file under dir. */
export function findForbiddenCode(dir: string): string[] {
  const hits: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      hits.push(...findForbiddenCode(full));
    } else if (/\.(m?js|html)$/.test(name)) {
      readFileSync(full, 'utf8').split('\n').forEach((line, i) => {
        const m = FORBIDDEN.exec(line);
        if (m) hits.push(`${full}:${i + 1}: …${line.slice(Math.max(0, m.index - 30), m.index + 40)}…`);
      });
    }
  }
  return hits;
}

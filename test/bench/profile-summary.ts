/** A CDP Profiler profile summarised: JS self time by function and by source module. Used by panel-trace.ts. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** The module (from the bundle's `// path` marks) holding a 0-based bundle line. */
function moduleAt(modules: readonly [number, string][], line: number): string {
  let found = '(bundle)';
  for (const [first, path] of modules) {
    if (first > line) break;
    found = path;
  }
  return found;
}

/** Self time (ms) by function ("name module:line") and by module, largest first; idle excluded. */
export function bySelf(profile: CpuProfile, modules: readonly [number, string][]): { functions: [string, number][]; modules: [string, number][] } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const fns = new Map<string, number>();
  const mods = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    // A sample's time is the gap to the next one (the last sample gets the previous gap).
    const us = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    const f = nodes.get(id);
    if (!f || f.functionName === '(idle)') return;
    const inBundle = f.url.endsWith('/viewer.js');
    const mod = inBundle ? moduleAt(modules, f.lineNumber) : f.url ? 'browser' : f.functionName;
    const key = `${f.functionName || '(anonymous)'} ${inBundle ? `${mod}:${f.lineNumber + 1}` : f.url}`;
    fns.set(key, (fns.get(key) ?? 0) + us / 1000);
    mods.set(mod, (mods.get(mod) ?? 0) + us / 1000);
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { functions: sorted(fns), modules: sorted(mods) };
}

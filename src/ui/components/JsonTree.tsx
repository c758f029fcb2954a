/** A JSON value as a collapsible tree; strings are rendered as text, never as HTML. Long strings are shortened on screen. */
import type { ComponentChildren } from 'preact';
import { shorten } from '../format.ts';

const MAX_CHILDREN = 500;
/** Deeper levels are not drawn (a hostile body may nest 100 000 levels); the Raw tab has it all. */
const MAX_DEPTH = 64;

export function JsonTree({ value }: { value: unknown }) {
  return <div class="tree" data-testid="json-tree"><Node name={null} value={value} depth={0} /></div>;
}

function Node({ name, value, depth }: { name: string | null; value: unknown; depth: number }): ComponentChildren {
  const label = name === null ? null : <><span class="key">{JSON.stringify(name)}</span>: </>;
  if (value === null || typeof value !== 'object') return <div>{label}<Leaf value={value} /></div>;
  if (depth >= MAX_DEPTH) return <div>{label}<span class="lit">… nested deeper than {MAX_DEPTH} levels (see Raw)</span></div>;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const open = Array.isArray(value) ? '[' : '{';
  const close = Array.isArray(value) ? ']' : '}';
  if (entries.length === 0) return <div>{label}{open}{close}</div>;
  return (
    <details open={depth < 3}>
      <summary>{label}{open} <span class="key">{entries.length} {Array.isArray(value) ? 'items' : 'keys'}</span> {close}</summary>
      <div class="children">
        {entries.slice(0, MAX_CHILDREN).map(([k, v]) => <Node key={k} name={Array.isArray(value) ? null : k} value={v} depth={depth + 1} />)}
        {entries.length > MAX_CHILDREN && <div>… {entries.length - MAX_CHILDREN} more</div>}
      </div>
    </details>
  );
}

function Leaf({ value }: { value: unknown }) {
  if (typeof value === 'string') {
    const shown = shorten(value, 1000);
    return <span class="str">{JSON.stringify(shown)}</span>;
  }
  if (typeof value === 'number') return <span class="num">{String(value)}</span>;
  return <span class="lit">{String(value)}</span>;
}

/**
 * A JSON value as a collapsible tree; strings are rendered as text, never as HTML. Long strings are
 * shortened on screen. Findings' JSON pointers mark their node (expanded, in the finding's
 * severity colour); a pointer to a missing key marks a "missing" line where the key should be.
 * A time the tester reads as a number (playerTime.ts in ms, an XDM `timestamp`) says its clock time on hover.
 */
import type { ComponentChildren } from 'preact';
import { pointerSegment } from '../../core/json/pointer.ts';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Severity } from '../../core/findings/finding.ts';
import { clockTime, shorten } from '../format.ts';
import { isPlausibleMsTs } from '../../core/session/seq-entry.ts';

const MAX_CHILDREN = 500;
/** Deeper levels are not drawn (a hostile body may nest 100 000 levels); the Raw tab has it all. */
const MAX_DEPTH = 64;
/** The tail the analysis puts on a text it shortened (see make-finding.ts): such a pointer is not a key. */
const CLIPPED = /… \(\d+ more characters\)$/;
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** A place to mark: a finding's JSON pointer, its severity and what to say on hover. */
export interface TreeMark {
  pointer: string;
  severity: Severity;
  label: string;
}

/** Which node to scroll to and focus; a new `nonce` asks again for the same pointer. */
export interface TreeFocus {
  pointer: string;
  nonce: number;
}

export function JsonTree({ value, marks = [], focus = null }: { value: unknown; marks?: readonly TreeMark[]; focus?: TreeFocus | null }) {
  // Planned once per body and set of marks: the details re-render on every captured request.
  const marksKey = marks.map((m) => `${m.severity}${m.pointer}`).join('\n');
  const plan = useMemo(() => planMarks(value, marks), [value, marksKey]);
  const root = useRef<HTMLDivElement>(null);
  const target = focus ? resolve(value, focus.pointer)?.target ?? null : null;
  useEffect(() => {
    const el = root.current;
    if (!el || target === null) return;
    const node = [...el.querySelectorAll<HTMLElement>('[data-pointer]')].find((n) => n.dataset.pointer === target);
    if (!node) return;
    // The tester may have folded a branch since: unfold the way to the node.
    for (let p = node.parentElement; p && p !== el; p = p.parentElement) {
      if (p.tagName === 'DETAILS') (p as HTMLDetailsElement).open = true;
    }
    (node as { scrollIntoView?: (o: ScrollIntoViewOptions) => void }).scrollIntoView?.({ block: 'center' });
    node.focus({ preventScroll: true });
  }, [target, focus?.nonce]);
  return <div class="tree" data-testid="json-tree" ref={root}><Node name={null} value={value} depth={0} path="" plan={plan} /></div>;
}

interface Plan {
  /** Marks by the path of the node that shows them. */
  at: Map<string, TreeMark[]>;
  /** Paths of the containers to draw open: every node on the way to a mark. */
  open: Set<string>;
  /** Missing keys to draw as a line, by the path of their object. */
  missing: Map<string, string[]>;
  /** Children past MAX_CHILDREN that hold a mark (drawn anyway), by the path of their container. */
  extra: Map<string, Set<string>>;
}

/** JSON pointer segments (RFC 6901); "" and "/" (the whole body, as findings say it) have none. */
function segmentsOf(pointer: string): string[] {
  if (pointer === '' || pointer === '/' || !pointer.startsWith('/')) return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}


function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null;
}

function childOf(v: unknown, key: string): { found: boolean; value: unknown } {
  if (Array.isArray(v)) {
    if (!/^(0|[1-9]\d*)$/.test(key) || Number(key) >= v.length) return { found: false, value: undefined };
    return { found: true, value: v[Number(key)] };
  }
  if (isContainer(v) && Object.prototype.hasOwnProperty.call(v, key)) return { found: true, value: (v as Record<string, unknown>)[key] };
  return { found: false, value: undefined };
}

interface Resolved {
  /** Path of the node (or missing line) that shows the pointer. */
  target: string;
  /** Containers on the way, with the child taken in each. */
  steps: { path: string; key: string; value: unknown }[];
  /** A missing last key: its object's path and the key. */
  missing: { path: string; key: string } | null;
}

/**
 * Where a pointer lands in the drawn tree: its node, or the line of a missing last key, or else
 * the deepest node that exists (a pointer into a string, past MAX_DEPTH, or clipped by the
 * analysis). Null when the pointer is the whole body.
 */
function resolve(value: unknown, pointer: string): Resolved | null {
  const segs = segmentsOf(pointer);
  if (!segs.length) return null;
  const steps: Resolved['steps'] = [];
  let node = value;
  let path = '';
  for (let i = 0; i < segs.length; i++) {
    const key = segs[i] as string;
    const child = i < MAX_DEPTH ? childOf(node, key) : { found: false, value: undefined };
    if (!child.found) {
      const last = i === segs.length - 1 && i < MAX_DEPTH && isContainer(node) && !Array.isArray(node) && !CLIPPED.test(pointer);
      return last ? { target: `${path}/${pointerSegment(key)}`, steps, missing: { path, key } } : { target: path, steps, missing: null };
    }
    steps.push({ path, key, value: node });
    node = child.value;
    path = `${path}/${pointerSegment(key)}`;
  }
  return { target: path, steps, missing: null };
}

/** Marks drawn in one tree at most: a hostile body can have a finding per key. */
const MAX_MARKS = 200;

function planMarks(value: unknown, marks: readonly TreeMark[]): Plan {
  const plan: Plan = { at: new Map(), open: new Set(), missing: new Map(), extra: new Map() };
  // Key positions of the containers crossed, found once each (not by a scan per mark).
  const positions = new Map<object, Map<string, number>>();
  const positionOf = (container: object, key: string): number => {
    if (Array.isArray(container)) return Number(key);
    let index = positions.get(container);
    if (!index) {
      const keys = Object.keys(container);
      index = new Map(keys.length > MAX_CHILDREN ? keys.map((k, i) => [k, i]) : []);
      positions.set(container, index);
    }
    return index.get(key) ?? 0;
  };
  for (const m of marks.slice(0, MAX_MARKS)) {
    const r = resolve(value, m.pointer);
    if (!r) continue;
    const list = plan.at.get(r.target) ?? [];
    list.push(m);
    plan.at.set(r.target, list);
    for (const s of r.steps) {
      plan.open.add(s.path);
      const position = positionOf(s.value as object, s.key);
      if (position >= MAX_CHILDREN) {
        const extra = plan.extra.get(s.path) ?? new Set<string>();
        extra.add(s.key);
        plan.extra.set(s.path, extra);
      }
    }
    plan.open.add(r.target);
    if (r.missing) {
      plan.open.add(r.missing.path);
      const keys = plan.missing.get(r.missing.path) ?? [];
      if (!keys.includes(r.missing.key)) keys.push(r.missing.key);
      plan.missing.set(r.missing.path, keys);
    }
  }
  return plan;
}

/** Attributes of a marked node: the worst severity's colour, the findings on hover, focusable. */
function markOf(plan: Plan, path: string, base = ''): Record<string, unknown> {
  const marks = plan.at.get(path);
  if (!marks) return base ? { class: base } : {};
  const worst = marks.reduce((w, m) => (RANK[m.severity] < RANK[w] ? m.severity : w), 'info' as Severity);
  return {
    class: `${base ? `${base} ` : ''}pointed pointed-${worst}`,
    'data-pointer': path,
    'data-severity': worst,
    title: marks.map((m) => m.label).join('\n'),
    tabIndex: -1,
  };
}

interface NodeProps {
  name: string | null;
  /** Position in the parent array, shown before the item. */
  index?: number;
  value: unknown;
  depth: number;
  path: string;
  plan: Plan;
}

function Node({ name, index, value, depth, path, plan }: NodeProps): ComponentChildren {
  const label = name !== null ? <><span class="key">{JSON.stringify(name)}</span>: </>
    : index !== undefined ? <><span class="idx">{index}</span>: </> : null;
  if (value === null || typeof value !== 'object') return <div {...markOf(plan, path)}>{label}<Leaf name={name} value={value} /></div>;
  if (depth >= MAX_DEPTH) return <div {...markOf(plan, path)}>{label}<span class="lit">… nested deeper than {MAX_DEPTH} levels (see Raw)</span></div>;
  const isArray = Array.isArray(value);
  const entries = isArray ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const open = isArray ? '[' : '{';
  const close = isArray ? ']' : '}';
  const missing = plan.missing.get(path) ?? [];
  if (entries.length === 0 && !missing.length) return <div {...markOf(plan, path)}>{label}{open}{close}</div>;
  const extra = plan.extra.get(path);
  const child = ([k, v]: readonly [string, unknown]) => {
    const childPath = `${path}/${pointerSegment(k)}`;
    return <Node key={k} name={isArray ? null : k} index={isArray ? Number(k) : undefined} value={v} depth={depth + 1} path={childPath} plan={plan} />;
  };
  return (
    <details open={depth < 3 || plan.open.has(path)}>
      <summary {...markOf(plan, path)}>{label}{open} <span class="key">{entries.length} {isArray ? 'items' : 'keys'}</span> {close}</summary>
      <div class="children">
        {entries.slice(0, MAX_CHILDREN).map(child)}
        {entries.length > MAX_CHILDREN && <div>… {entries.length - MAX_CHILDREN} more</div>}
        {extra && entries.slice(MAX_CHILDREN).filter(([k]) => extra.has(k)).map(child)}
        {missing.map((k) => (
          <div key={`missing ${k}`} {...markOf(plan, `${path}/${pointerSegment(k)}`, 'missing')}>
            <span class="key">{JSON.stringify(k)}</span>: <span class="lit">missing</span>
          </div>
        ))}
      </div>
    </details>
  );
}

/**
 * The clock time (local, with its date) of a `ts` in ms since the epoch or of an ISO `timestamp`
 * (XDM), for the value's tooltip; null for any other key or a value that is no such time.
 */
export function timeTitle(name: string | null, value: unknown): string | null {
  let ms: number | null = null;
  if (name === 'ts' && typeof value === 'number' && isPlausibleMsTs(value)) ms = value;
  else if (name === 'timestamp' && typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) {
    const parsed = Date.parse(value);
    if (Number.isFinite(parsed)) ms = parsed;
  }
  if (ms === null) return null;
  const d = new Date(ms);
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return `${clockTime(ms)} on ${date} (this computer's time zone)`;
}

function Leaf({ name, value }: { name: string | null; value: unknown }) {
  const time = timeTitle(name, value);
  if (typeof value === 'string') {
    const shown = shorten(value, 1000);
    return <span class="str" title={time ?? undefined} data-testid={time ? 'time-value' : undefined}>{JSON.stringify(shown)}</span>;
  }
  if (typeof value === 'number') return <span class="num" title={time ?? undefined} data-testid={time ? 'time-value' : undefined}>{String(value)}</span>;
  return <span class="lit">{String(value)}</span>;
}

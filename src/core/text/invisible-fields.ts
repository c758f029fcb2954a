/**
 * Where a body holds bidi controls or other invisible characters (see visible.ts): the fields,
 * as JSON pointers, for the `body.invisible-characters` finding. Adobe stores such strings as
 * sent, so its reports show names that look alike but differ, or read backwards.
 *
 * One pass over the keys and string values, iterative (an explicit stack: a hostile body nests
 * 100,000 levels deep), bounded in depth and in strings looked at (a hostile body holds a million
 * of them): an Adobe event is a few levels and a few hundred strings deep at most, so what lies
 * beyond the bounds is no field Adobe reads. Each string is tested once by one regular
 * expression: linear in the size of the body.
 */
import { pointerSegment } from '../json/pointer.ts';
import { cutIndex } from './cut.ts';
import { describeCharacter, hasInvisible, invisibleCharacters, visible } from './visible.ts';

/** How deep the walk goes: Edge's `xdm.mediaCollection.statesStart[i].name` is 5 levels. */
const MAX_DEPTH = 16;
/** How many members (keys with their values, array elements) it looks at. */
const MAX_MEMBERS = 10_000;
/** Fields a finding names one by one; the rest are counted. */
const LISTED = 5;
/** Characters named per field. */
const CHARS_NAMED = 3;
/** A pointer quoted in a message is cut to this many characters (keys are captured strings). */
const POINTER_SHOWN = 120;

export interface InvisibleField {
  /** The JSON pointer of the value, or of the member whose key holds the characters. */
  pointer: string;
  /** The key holds them, not the value. */
  inKey: boolean;
  /** The distinct characters found, as "U+202E", at most CHARS_NAMED. */
  chars: string[];
}

export interface InvisibleFields {
  /** The first LISTED fields, in document order. */
  fields: InvisibleField[];
  /** How many fields hold such characters in all. */
  total: number;
}

interface Frame {
  value: Record<string, unknown> | unknown[];
  keys: string[] | null;
  next: number;
  pointer: string;
  depth: number;
}

/** The fields of `value` (its pointer is `prefix`) that hold invisible characters; null when none do. */
export function findInvisibleFields(value: unknown, prefix: string): InvisibleFields | null {
  const found: InvisibleFields = { fields: [], total: 0 };
  let budget = MAX_MEMBERS;
  const note = (text: string, pointer: string, inKey: boolean) => {
    if (!hasInvisible(text)) return;
    found.total++;
    if (found.fields.length < LISTED) found.fields.push({ pointer, inKey, chars: invisibleCharacters(text, CHARS_NAMED) });
  };
  if (typeof value === 'string') note(value, prefix, false);
  const stack: Frame[] = [];
  const enter = (v: unknown, pointer: string, depth: number) => {
    if (typeof v !== 'object' || v === null || depth > MAX_DEPTH) return;
    stack.push(Array.isArray(v)
      ? { value: v, keys: null, next: 0, pointer, depth }
      : { value: v as Record<string, unknown>, keys: Object.keys(v), next: 0, pointer, depth });
  };
  enter(value, prefix, 1);
  while (stack.length > 0 && budget > 0) {
    const f = stack[stack.length - 1] as Frame;
    const length = f.keys ? f.keys.length : (f.value as unknown[]).length;
    if (f.next >= length) {
      stack.pop();
      continue;
    }
    const i = f.next++;
    budget--;
    const key = f.keys ? (f.keys[i] as string) : null;
    const pointer = `${f.pointer}/${key === null ? i : pointerSegment(key)}`;
    if (key !== null) note(key, pointer, true);
    const v = key === null ? (f.value as unknown[])[i] : (f.value as Record<string, unknown>)[key];
    if (typeof v === 'string') note(v, pointer, false);
    else enter(v, pointer, f.depth + 1);
  }
  return found.total > 0 ? found : null;
}

/** The finding's message: the fields (up to LISTED, the rest counted) and what they do in Adobe's reports. */
export function describeInvisibleFields(found: InvisibleFields): string {
  const listed = found.fields.map((f) => {
    const where = f.pointer === '' ? 'the body' : shownPointer(f.pointer);
    return `${where}${f.inKey ? ' (its key)' : ''} holds ${f.chars.map(describeCharacter).join(', ')}`;
  });
  const rest = found.total - found.fields.length;
  const more = rest > 0 ? `, and ${rest.toLocaleString('en')} more field${rest === 1 ? '' : 's'}` : '';
  const n = found.total === 1 ? 'a string Adobe reads' : `${found.total.toLocaleString('en')} strings Adobe reads`;
  return `Bidi or invisible control characters in ${n}: ${listed.join('; ')}${more}. Adobe stores them as sent, so its reports show names that look alike but differ, or read backwards.`;
}

/** A pointer as a message quotes it: its invisible characters shown, cut when long. */
function shownPointer(pointer: string): string {
  const at = cutIndex(pointer, POINTER_SHOWN);
  return visible(at < pointer.length ? `${pointer.slice(0, at)}…` : pointer);
}

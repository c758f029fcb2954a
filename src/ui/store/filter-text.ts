/**
 * The filter box's text, read as DevTools' Network panel reads its own: space-separated terms that
 * must all match, a `property:value` term for a column (`status-code:410`, `method:POST`,
 * `sid:<first characters>`, `event:ping`, `code:<finding code>`), `-` before a term to keep the
 * rows it does not match, and plain text otherwise (searched as the list always searched it:
 * labels, URLs, statuses, bodies, findings). A term that looks like a property the panel does not
 * know is searched as text, and the problems say so: the tester sees why a filter shows too much.
 * Pure: no DOM, no store.
 */
import type { Row } from './rows.ts';

export const FILTER_PROPERTIES = ['status-code', 'method', 'sid', 'event', 'code'] as const;
export type FilterProperty = (typeof FILTER_PROPERTIES)[number];

export interface FilterTerm {
  /** null: plain text. */
  property: FilterProperty | null;
  /** Lower case. */
  value: string;
  /** `-term`: the rows that do not match. */
  negate: boolean;
}

export interface FilterQuery {
  terms: FilterTerm[];
  /** What the tester should be told about the text (an unknown property, a value that cannot match). */
  problems: string[];
}

/** The filter box's placeholder: the syntax at a glance. */
export const FILTER_PLACEHOLDER = 'Filter, e.g. -event:ping';

/** The filter box's tooltip: the whole syntax. */
export const FILTER_HELP = [
  'Plain text searches event labels, URLs, statuses, request and reply bodies and findings.',
  'Properties, as in the Network panel: status-code:410 · method:POST · sid:<first characters of a session id> · event:ping · code:<finding code, or its start, as code:http.>',
  'Put - before a term to hide what it matches (-event:ping). Terms separated by spaces must all match.',
].join('\n');

/** `name:value` where name could be a property (letters, digits, dashes); a URL's `https://` is not one. */
const PROPERTY_TERM = /^([a-z][a-z0-9-]*):(.*)$/i;

const isProperty = (name: string): name is FilterProperty => (FILTER_PROPERTIES as readonly string[]).includes(name);

export function parseFilterText(text: string): FilterQuery {
  const terms: FilterTerm[] = [];
  const problems: string[] = [];
  for (const word of text.trim().split(/\s+/)) {
    if (!word) continue;
    const negate = word.length > 1 && word.startsWith('-');
    const body = negate ? word.slice(1) : word;
    const m = PROPERTY_TERM.exec(body);
    if (!m) {
      terms.push({ property: null, value: body.toLowerCase(), negate });
      continue;
    }
    const name = (m[1] as string).toLowerCase();
    const value = (m[2] as string).toLowerCase();
    if (!isProperty(name)) {
      if (!value.startsWith('/')) problems.push(`unknown property "${name}:" (searched as text; known: ${FILTER_PROPERTIES.join(', ')})`);
      terms.push({ property: null, value: body.toLowerCase(), negate });
      continue;
    }
    if (!value) {
      problems.push(`"${name}:" needs a value, as ${example(name)}`);
      continue;
    }
    if (name === 'status-code' && !/^\d{1,3}$/.test(value)) {
      problems.push(`status-code takes a number (0 for no reply), as ${example(name)}`);
      continue;
    }
    terms.push({ property: name, value, negate });
  }
  return { terms, problems };
}

function example(name: FilterProperty): string {
  return { 'status-code': 'status-code:410', method: 'method:POST', sid: 'sid:26c2e457', event: 'event:ping', code: 'code:http.session-gone' }[name];
}

/**
 * Whether a row passes every term. `matchesText` is the list's own plain-text search (rows.ts),
 * handed in so that this file does not depend on the rows' module at run time.
 */
export function matchesQuery(row: Row, query: FilterQuery, matchesText: (row: Row, text: string) => boolean): boolean {
  for (const term of query.terms) {
    const hit = term.property === null ? matchesText(row, term.value) : matchesProperty(row, term.property, term.value);
    if (hit === term.negate) return false;
  }
  return true;
}

function matchesProperty(row: Row, property: FilterProperty, value: string): boolean {
  switch (property) {
    case 'status-code': return row.status === Number(value);
    case 'method': return row.call.exchange.method.toLowerCase() === value;
    // The session's start call has its sid too: the analysis gives it the sid of its reply (Location, Edge handle).
    case 'sid': return row.sid !== null && row.sid.toLowerCase().startsWith(value);
    case 'event': return row.label.toLowerCase() === value || row.call.events.some((e) => e.eventType.toLowerCase() === value);
    case 'code': return row.findings.some((f) => f.code.toLowerCase().startsWith(value));
  }
}

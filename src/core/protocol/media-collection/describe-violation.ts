/**
 * Turns an ajv error into a sentence a tester understands: where (JSON pointer), which rule,
 * what was expected, what was there. ajv's raw text ("must NOT have additional properties")
 * is never shown.
 */
import { pointerSegment } from '../../json/pointer.ts';
import { EDGE_PATTERN_WORDS } from '../media-edge/schemas.ts';
import type { ValidationError } from './validator-types.ts';

export interface Violation {
  pointer: string;
  rule: string;
  expected: string;
  actual: string;
  message: string;
}

const PATTERN_WORDS: Record<string, string> = {
  '^[a-zA-Z0-9_.]{1,64}$': '1 to 64 letters, digits, "_" or "."',
  '^[a-zA-Z0-9_.]+$': 'only letters, digits, "_" or "."',
  // The Media Edge schemas' patterns (the adapter reuses this describer).
  ...EDGE_PATTERN_WORDS,
};

export function describeViolation(err: ValidationError, eventType: string): Violation {
  const at = err.instancePath || '/';
  const parent = isObject(err.parentSchema) ? err.parentSchema : {};
  const params = err.params;
  switch (err.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      const pointer = join(err.instancePath, key);
      const props = isObject(parent.properties) ? parent.properties : {};
      const expected = describeSchema(props[key]);
      return {
        pointer, rule: 'required', expected, actual: 'missing',
        message: `${pointer} is missing: ${eventType} requires it (${expected}).`,
      };
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const pointer = join(err.instancePath, key);
      const allowed = isObject(parent.properties) ? Object.keys(parent.properties) : [];
      const where = err.instancePath === '' ? 'the top level of the body' : at;
      const expected = allowed.length === 0 ? 'no keys' : `only known keys`;
      const hint = allowed.length === 0 ? `${eventType} takes no keys in ${where}` : `it is not a known key of ${where} for ${eventType}`;
      return {
        pointer, rule: 'no unknown keys', expected, actual: `key "${key}"`,
        message: `${pointer} is not allowed: ${hint}; the server rejects unknown keys. Remove it or fix its spelling.`,
      };
    }
    case 'false schema':
      return {
        pointer: at, rule: 'forbidden', expected: 'absent', actual: describeValue(err.data),
        message: `${at} must not be sent on ${eventType} events.`,
      };
    case 'type': {
      const expected = article(String(params.type));
      const actual = describeValue(err.data);
      return {
        pointer: at, rule: 'type', expected, actual,
        message: `${at} must be ${expected}, but it is ${actual}.`,
      };
    }
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      const expected = `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
      const actual = describeValue(err.data);
      return { pointer: at, rule: 'enum', expected, actual, message: `${at} must be ${expected}, but it is ${actual}.` };
    }
    case 'const': {
      const expected = JSON.stringify(params.allowedValue);
      const actual = describeValue(err.data);
      return { pointer: at, rule: 'const', expected, actual, message: `${at} must be ${expected}, but it is ${actual}.` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const expected = `a number ${String(params.comparison).replace('>=', '≥').replace('<=', '≤')} ${String(params.limit)}`;
      const actual = describeValue(err.data);
      return { pointer: at, rule: err.keyword, expected, actual, message: `${at} must be ${expected}, but it is ${actual}.` };
    }
    case 'minLength':
      return {
        pointer: at, rule: 'minLength', expected: 'a non-empty string', actual: 'an empty string',
        message: `${at} must not be empty.`,
      };
    case 'pattern': {
      const pattern = String(params.pattern);
      const words = PATTERN_WORDS[pattern] ?? `text matching ${pattern}`;
      if (typeof err.propertyName === 'string') {
        const actual = `key ${JSON.stringify(shorten(err.propertyName))}`;
        return {
          pointer: join(err.instancePath, err.propertyName), rule: 'key pattern', expected: `keys of ${words}`, actual,
          message: `${at} has the ${actual}: keys may hold ${words}.`,
        };
      }
      const actual = describeValue(err.data);
      return { pointer: at, rule: 'pattern', expected: words, actual, message: `${at} must be ${words}, but it is ${actual}.` };
    }
    case 'minProperties':
      return {
        pointer: at, rule: 'minProperties', expected: describeSchema(parent), actual: 'an empty object',
        message: `${at} is empty: ${eventType} needs ${describeSchema(parent)}.`,
      };
    case 'minItems':
      return {
        pointer: at, rule: 'minItems', expected: `at least ${String(params.limit)} item(s)`, actual: 'an empty list',
        message: `${at} is an empty list; it needs at least ${String(params.limit)} item(s).`,
      };
    default:
      return {
        pointer: at, rule: err.keyword, expected: describeSchema(parent), actual: describeValue(err.data),
        message: `${at} breaks the rule "${err.keyword}" of the ${eventType} schema.`,
      };
  }
}

/** A short description of what a schema accepts, e.g. "a number ≥ 0". */
function describeSchema(schema: unknown): string {
  if (schema === false) return 'nothing (must be absent)';
  if (!isObject(schema)) return 'a value';
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (typeof schema.pattern === 'string') return `a string of ${PATTERN_WORDS[schema.pattern] ?? schema.pattern}`;
  const type = typeof schema.type === 'string' ? schema.type : null;
  if (type === 'number' || type === 'integer') {
    return typeof schema.minimum === 'number' ? `${article(type)} ≥ ${schema.minimum}` : article(type);
  }
  if (type === 'string') return schema.minLength ? 'a non-empty string' : 'a string';
  if (type === 'object' && isObject(schema.properties) && schema.minProperties) {
    return `at least one of ${Object.keys(schema.properties).join(', ')}`;
  }
  if (type === 'object' && Array.isArray(schema.required)) return `an object with ${schema.required.join(', ')}`;
  return type ? article(type) : 'a value';
}

/** "the string \"120\"", "the number 3", "an object"… Long values are shortened. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string ${JSON.stringify(shorten(v))}`;
  if (typeof v === 'number') return `the number ${String(v)}`;
  if (typeof v === 'boolean') return `the boolean ${String(v)}`;
  if (Array.isArray(v)) return `a list of ${v.length} item(s)`;
  if (typeof v === 'object') return 'an object';
  return String(typeof v);
}

function article(type: string): string {
  if (type === 'integer') return 'an integer';
  if (type === 'object') return 'an object';
  if (type === 'array') return 'a list';
  return `a ${type}`;
}

function shorten(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function join(base: string, key: string): string {
  return `${base}/${pointerSegment(key)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

import { compactJson } from './compact-json.js';

/**
 * Log values are grouped by a string key. A non-empty string is its own key; anything else
 * (a number, an object, a missing value) is keyed by its JSON text behind a NUL marker, so the
 * number 5 and the string "5" stay apart. A string that itself starts with NUL is encoded the
 * same way, as a JSON string, so no two values can share a key.
 */
const MARK = '\u0000';

/** The key of a value that is not present (missing, null or the empty string). */
export const ABSENT_KEY = `${MARK}null`;

export function keyOf(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length === 0) return ABSENT_KEY;
    return value.charCodeAt(0) === 0 ? MARK + JSON.stringify(value) : value;
  }
  if (value === undefined || value === null) return ABSENT_KEY;
  return MARK + compactJson(value);
}

/** The original value of a key: a string, another JSON value, or null when not present. */
export function valueOfKey(key: string): unknown {
  return key.charCodeAt(0) === 0 ? JSON.parse(key.slice(1)) : key;
}

/** Whether a field counts as present: it exists and is neither null nor the empty string. */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** The text a value shows as: the string itself, `-` when not present, else compact JSON. */
export function displayTextOfKey(key: string): string {
  if (key.charCodeAt(0) !== 0) return key;
  if (key === ABSENT_KEY) return '-';
  const value: unknown = JSON.parse(key.slice(1));
  return typeof value === 'string' ? value : key.slice(1);
}

/** Display text of a raw value, by the same rules as `displayTextOfKey`. */
export function displayText(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '-' : value;
  if (value === undefined || value === null) return '-';
  return compactJson(value);
}

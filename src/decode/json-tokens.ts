/** Bytes and token classes of JSON, for the structural scan of the incremental decoder. */

export const LF = 0x0a;
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const COLON_BYTE = 0x3a;

/*
 * Token classes for the adjacency check. Checking which token may follow which (a value after
 * `,` `:` `[`; a comma after a value; …) finds most damage where it happens, for example a line
 * that lost its closing brace is caught at the next line instead of swallowing the rest of the
 * file. JSON.parse still validates every slice that is used.
 */
export const START = 0;
export const OPEN_OBJECT = 1;
export const OPEN_ARRAY = 2;
export const SEPARATOR = 3;
export const COLON = 4;
export const VALUE_END = 5;
export const SCALAR = 6;
export const STRING = 7;
export const CLOSE = 8;

const bits = (...classes: number[]) => classes.reduce((mask, c) => mask | (1 << c), 0);
const VALUE_MAY_FOLLOW = bits(START, OPEN_ARRAY, SEPARATOR, COLON);
export const ALLOWED_AFTER: number[] = [];
ALLOWED_AFTER[OPEN_OBJECT] = VALUE_MAY_FOLLOW;
ALLOWED_AFTER[OPEN_ARRAY] = VALUE_MAY_FOLLOW;
ALLOWED_AFTER[STRING] = VALUE_MAY_FOLLOW | bits(OPEN_OBJECT);
ALLOWED_AFTER[SCALAR] = VALUE_MAY_FOLLOW | bits(SCALAR);
ALLOWED_AFTER[SEPARATOR] = bits(VALUE_END, SCALAR);
ALLOWED_AFTER[COLON] = bits(VALUE_END);
ALLOWED_AFTER[CLOSE] = bits(OPEN_OBJECT, OPEN_ARRAY, VALUE_END, SCALAR);

export function tokenOf(byte: number): number {
  switch (byte) {
    case OPEN_BRACE:
      return OPEN_OBJECT;
    case OPEN_BRACKET:
      return OPEN_ARRAY;
    case CLOSE_BRACE:
    case CLOSE_BRACKET:
      return CLOSE;
    case COMMA:
      return SEPARATOR;
    case COLON_BYTE:
      return COLON;
    case QUOTE:
      return STRING;
    default:
      return SCALAR;
  }
}

export function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Whether `token` may not come after `previous` in JSON: the order of tokens, and inside an
 * object a comma leads to a key and a colon follows one; in an array, neither.
 */
export function breaksTokenOrder(previous: number, token: number, inObject: boolean): boolean {
  return (
    (ALLOWED_AFTER[token]! & (1 << previous)) === 0 ||
    (previous === SEPARATOR && inObject && token !== STRING) ||
    (token === COLON && !inObject)
  );
}

/**
 * Skips the inside of a string from `i`: returns the index of its closing quote or of a control
 * character (not allowed in a JSON string). When the view ends first, returns where reading must
 * go on, which is past its end when it ended with a backslash: the escaped byte is yet to come.
 */
export function skipStringBody(view: Uint8Array, i: number): number {
  while (i < view.length) {
    const byte = view[i]!;
    if (byte === QUOTE || byte < 0x20) return i;
    i += byte === BACKSLASH ? 2 : 1;
  }
  return i;
}

/**
 * `JSON.stringify(value)` for a value that came from JSON.parse, built without recursion.
 *
 * Log values are attacker-controlled, and JSON.parse accepts nesting of any depth while
 * JSON.stringify recurses: a user agent nested ten thousand levels deep overflows its stack
 * (sooner on a worker thread), which would abort the scan of the whole file. This writer keeps
 * its own stack, so the depth of a value only costs memory in proportion to its size.
 */
export function compactJson(value: unknown): string {
  if (!isContainer(value)) return primitiveJson(value);
  const out: string[] = [];
  const stack: Frame[] = [];
  open(value, out, stack);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.index === frame.length) {
      out.push(frame.keys ? '}' : ']');
      stack.pop();
      continue;
    }
    const index = frame.index++;
    if (index > 0) out.push(',');
    let element: unknown;
    if (frame.keys) {
      const key = frame.keys[index]!;
      element = (frame.container as Record<string, unknown>)[key];
      out.push(JSON.stringify(key), ':');
    } else {
      element = (frame.container as unknown[])[index];
    }
    if (isContainer(element)) open(element, out, stack);
    else out.push(primitiveJson(element));
  }
  return out.join('');
}

interface Frame {
  container: object;
  /** The keys of an object, in JSON.stringify's order; undefined for an array. */
  keys: string[] | undefined;
  length: number;
  index: number;
}

function open(container: object, out: string[], stack: Frame[]): void {
  if (Array.isArray(container)) {
    out.push('[');
    stack.push({ container, keys: undefined, length: container.length, index: 0 });
  } else {
    // Properties JSON.stringify leaves out; JSON.parse never produces them.
    const keys = Object.keys(container).filter((key) =>
      isSerialisable((container as Record<string, unknown>)[key]),
    );
    out.push('{');
    stack.push({ container, keys, length: keys.length, index: 0 });
  }
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

function isSerialisable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** A string, number, boolean or null; anything JSON cannot hold is `null`, as in an array. */
function primitiveJson(value: unknown): string {
  return isSerialisable(value) ? JSON.stringify(value) : 'null';
}

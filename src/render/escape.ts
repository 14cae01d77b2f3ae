/**
 * Characters a log value must never carry into a spreadsheet, `cat` or a terminal: C0 controls
 * (tab and line breaks included), DEL, C1 controls and the bidirectional overrides that can
 * make text read differently from what it is.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes a log value inert for text output: each unsafe character becomes the visible `\uXXXX`,
 * and a lone UTF-16 surrogate becomes U+FFFD, so a value is always one printable line.
 */
export function escapeControlCharacters(text: string): string {
  const wellFormed = text.isWellFormed() ? text : text.toWellFormed();
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(wellFormed)) return wellFormed;
  return wellFormed.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

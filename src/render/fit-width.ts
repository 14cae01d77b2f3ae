import stringWidth from 'string-width';

/**
 * Longest text measured, per column of the target width. string-width walks grapheme clusters
 * with Intl.Segmenter, whose cost grows faster than the length of the text: a 50 MB user agent
 * would take hours. No line can show more than a few code units per column, so a longer text
 * is cut before it is measured, and marked as cut.
 */
const MEASURED_UNITS_PER_COLUMN = 4;

/** Cuts text to at most `columns` terminal cells, ending with `…` when something was cut. */
export function fitToWidth(text: string, columns: number): string {
  const limit = columns * MEASURED_UNITS_PER_COLUMN + 16;
  const measured = text.length > limit ? cutAtCodePoint(text, limit) : text;
  const wasCut = measured.length < text.length;
  if (!wasCut && stringWidth(measured) <= columns) return text;
  if (columns <= 1) return columns === 1 ? '…' : '';
  let width = 0;
  let result = '';
  for (const character of measured) {
    const characterWidth = stringWidth(character);
    if (width + characterWidth > columns - 1) break;
    result += character;
    width += characterWidth;
  }
  return `${result}…`;
}

export function widthOf(text: string): number {
  return stringWidth(text);
}

/** The first `length` code units, one fewer when that would split a surrogate pair. */
function cutAtCodePoint(text: string, length: number): string {
  const last = text.charCodeAt(length - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length);
}

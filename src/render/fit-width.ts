import stringWidth from 'string-width';

/** Cuts text to at most `columns` terminal cells, ending with `…` when something was cut. */
export function fitToWidth(text: string, columns: number): string {
  if (stringWidth(text) <= columns) return text;
  if (columns <= 1) return columns === 1 ? '…' : '';
  let width = 0;
  let result = '';
  for (const character of text) {
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

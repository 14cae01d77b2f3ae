/** Colour only on a terminal, never with -K or NO_COLOR; FORCE_COLOR forces it on. */
export function useColor(stream: { isTTY?: boolean }, colorFlag: boolean): boolean {
  if (!colorFlag || (process.env.NO_COLOR ?? '') !== '') return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true;
}

/** Width for the terminal report: the terminal's, else COLUMNS, else 100. */
export function terminalColumns(): number {
  const fromTerminal = process.stdout.isTTY ? process.stdout.columns : undefined;
  const fromEnvironment = Number(process.env.COLUMNS);
  const columns =
    fromTerminal ??
    (Number.isInteger(fromEnvironment) && fromEnvironment > 0 ? fromEnvironment : 100);
  return Math.max(20, columns);
}

export { renderCsv, guardFormula, CSV_HEADER } from './csv.js';
export { renderJson, renderJsonLines } from './json.js';
export { renderTerminalReport, ATTACKER_DISTRIBUTION, type TerminalOptions } from './terminal.js';
export { renderTally, renderProblems, type TallyFacts, type TallyLine } from './tally.js';
export { escapeControlCharacters } from './escape.js';
export { formatCount } from './cells.js';
export { renderListUpdate, NAMES_SHOWN, type ListUpdateFacts } from './list-update.js';

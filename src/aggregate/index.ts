export { summariseEvent, isFailedEvent, type SummariseOptions } from './summarise.js';
export { mergeSummary } from './merge.js';
export { compareRanked, compareCodePoints, type Ranked } from './order.js';
export {
  createSummary,
  type Summary,
  type IdentitySummary,
  type Seen,
  type ApiSeen,
  type EventTally,
} from './summary.js';
export {
  keyOf,
  valueOfKey,
  displayTextOfKey,
  displayText,
  isPresent,
  ABSENT_KEY,
} from './value-key.js';
export { compactJson } from './compact-json.js';

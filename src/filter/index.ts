export { parseEventTime } from './event-time.js';
export { formatUtc, formatIsoUtc } from './civil-time.js';
export { buildTimeWindow, isInTimeWindow, type TimeWindow } from './time-window.js';

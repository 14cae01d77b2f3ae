export { buildReport, type ReportOptions } from './build-report.js';
export { parseAbusedList, AbusedListError, type AbusedList } from './abused-list.js';
export {
  loadAbusedList,
  BUNDLED_ABUSED_LIST_PATH,
  type AbusedListChoice,
  type LoadedAbusedList,
} from './load-abused-list.js';

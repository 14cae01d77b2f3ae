export { buildReport, type ReportOptions } from './build-report.js';
export { parseAbusedList, AbusedListError, type AbusedList } from './abused-list.js';
export {
  loadAbusedList,
  BUNDLED_ABUSED_LIST_PATH,
  type LoadedAbusedList,
} from './load-abused-list.js';
export { classifySourceIp, type IpScope } from './ip-scope.js';

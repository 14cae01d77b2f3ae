export { buildReport, type ReportOptions } from './build-report.js';
export { parseAbusedList, AbusedListError, type AbusedList } from './abused-list.js';
export {
  loadAbusedList,
  BUNDLED_ABUSED_LIST_PATH,
  type AbusedListChoice,
  type LoadedAbusedList,
} from './load-abused-list.js';
export {
  openGeoIpDatabases,
  describeExpectedFiles,
  describeMissing,
  GEOIP_FILE_NAMES,
  type GeoIpDatabases,
  type GeoIpPart,
  type MissingDatabase,
} from './geoip-databases.js';
export { lookUpGeoFacts, type GeoIpReadFailures } from './geoip.js';
export { classifySourceIp, type IpScope } from './ip-scope.js';
export { createSourceIpLookup, formatGeoLabel, type SourceIpFacts } from './source-ip-lookup.js';

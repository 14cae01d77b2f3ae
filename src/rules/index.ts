export {
  resolveConfigDirectory,
  resolveSyncedListPath,
  SYNCED_LIST_FILE_NAME,
  type ConfigLocation,
} from './config-directory.js';
export {
  DEFAULT_RULES_URL,
  displayUrl,
  resolveRulesSource,
  type RulesSource,
} from './rules-url.js';
export { downloadList, type DownloadOptions } from './download-list.js';
export { MAX_LIST_BYTES, validateListContent } from './validate-list.js';
export { compareAbusedLists, hasChanges, type ListChanges } from './compare-lists.js';
export { UpdateFailure } from './update-failure.js';

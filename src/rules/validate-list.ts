import { AbusedListError, parseAbusedList, type AbusedList } from '../enrich/index.js';
import { UpdateFailure } from './update-failure.js';

/**
 * Largest list accepted. The upstream list is about 8 KiB; a few MiB leaves room for growth
 * while refusing a wrong file (a log archive, an endless stream) before it fills memory.
 */
export const MAX_LIST_BYTES = 4 * 1024 * 1024;

/** CloudTrail event names are API operation names: letters and digits, starting with a letter. */
const EVENT_NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const MAX_EVENT_NAME_LENGTH = 128;

const CHECK_SOURCE =
  'Check that the URL points at the raw CSV file (header EventName,Description), not a web page';

/**
 * Checks a downloaded list before it may replace the old one: UTF-8 text, not an HTML page,
 * the `EventName,Description` header, at least one row, and names that look like API names.
 * Descriptions are not checked: the reports neutralise control characters and formulas in them.
 */
export function validateListContent(bytes: Uint8Array): { text: string; list: AbusedList } {
  const text = decodeText(bytes);
  if (startsLikeHtml(text)) throw htmlFailure();

  let list: AbusedList;
  try {
    list = parseAbusedList(text);
  } catch (error) {
    if (!(error instanceof AbusedListError)) throw error;
    if (mentionsHtml(text)) throw htmlFailure();
    throw new UpdateFailure(
      `the content is not the abused-API list: ${error.message}`,
      CHECK_SOURCE,
    );
  }

  const badNames = [...list.keys()].filter(
    (name) => name.length > MAX_EVENT_NAME_LENGTH || !EVENT_NAME.test(name),
  );
  if (badNames.length > 0) {
    // JSON quoting shows control characters and stray quotes as visible escapes.
    const shown = badNames.slice(0, 3).map((name) => JSON.stringify(name.slice(0, 60)));
    throw new UpdateFailure(
      `${badNames.length} event name(s) do not look like AWS API names, e.g. ${shown.join(', ')}`,
      CHECK_SOURCE,
    );
  }
  return { text, list };
}

function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new UpdateFailure('the content is empty', CHECK_SOURCE);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UpdateFailure('the content is not UTF-8 text', CHECK_SOURCE);
  }
  if (text.includes('\0')) throw new UpdateFailure('the content is binary data', CHECK_SOURCE);
  return text;
}

/**
 * Portals and error pages often answer with status 200, so the status alone proves nothing.
 * A CSV list starts with its header; an HTML page starts with a tag.
 */
function startsLikeHtml(text: string): boolean {
  return text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('<');
}

/** For content that already failed as CSV: name HTML when it shows, as that is the likely fix. */
function mentionsHtml(text: string): boolean {
  return /<(?:!doctype|html|head|body)\b/i.test(text.slice(0, 4096));
}

function htmlFailure(): UpdateFailure {
  return new UpdateFailure(
    'an HTML page arrived instead of the CSV list (an error, login or proxy page)',
    CHECK_SOURCE,
  );
}

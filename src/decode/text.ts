import { isAscii } from 'node:buffer';

/**
 * Decodes UTF-8 bytes to a string. Logs are nearly always pure ASCII, which reads the same as
 * Latin-1, and Node makes a Latin-1 string with a plain copy: several times faster than UTF-8
 * decoding, which must validate and transcode. Anything else is decoded as UTF-8, where invalid
 * bytes become U+FFFD.
 */
export function decodeUtf8(bytes: Buffer, start = 0, end = bytes.length): string {
  const text = start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
  return isAscii(text) ? text.toString('latin1') : text.toString('utf8');
}

import { RuntimeError } from '../errors.js';

/**
 * Why `update-rules` could not replace the list, and what the user can do about it. The command
 * puts both on one line with the source and the state of the old copy.
 */
export class UpdateFailure extends RuntimeError {
  constructor(
    readonly reason: string,
    readonly advice: string,
  ) {
    super(`${reason}. ${advice}.`);
  }
}

/** Refusing content that is far too large to be the list, before all of it is read. */
export function tooLargeFailure(maxBytes: number): UpdateFailure {
  return new UpdateFailure(
    `the content is larger than ${maxBytes / 1048576} MiB, far more than an abused-API list`,
    'Check that the URL points at the raw CSV list',
  );
}

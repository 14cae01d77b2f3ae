/** A mistake in how the tool was called: printed without a stack trace, exit status 2. */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** A failure of the run itself (input missing, output not writable): exit status 1. */
export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
}

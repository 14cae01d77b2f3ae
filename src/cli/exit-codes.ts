/** Exit statuses, stable and documented in the README. */
export const EXIT = {
  ok: 0,
  /** A runtime failure: input missing, output not writable, a failed download. */
  failure: 1,
  /** A usage error, found before any scanning. */
  usage: 2,
  /** Interrupted by Ctrl-C (128 + SIGINT) or SIGTERM (128 + SIGTERM). */
  interrupted: 130,
  terminated: 143,
} as const;

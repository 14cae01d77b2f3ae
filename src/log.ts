import pc from 'picocolors';

export type LogLevel = 'quiet' | 'normal' | 'verbose';

/** Where diagnostics go; tests swap it to capture what a run prints. */
export interface DiagnosticsSink {
  write(text: string): void;
  /** The stream behind the sink, for a progress bar that redraws its own line. */
  readonly stream: NodeJS.WritableStream;
  readonly isTTY: boolean;
  readonly columns: number | undefined;
}

const processStderr: DiagnosticsSink = {
  write: (text) => void process.stderr.write(text),
  stream: process.stderr,
  get isTTY() {
    return process.stderr.isTTY === true;
  },
  get columns() {
    return process.stderr.columns;
  },
};

let sink: DiagnosticsSink = processStderr;
let level: LogLevel = 'normal';
let colors = pc.createColors(false);

/** The one place that writes diagnostics: everything but the report goes to stderr. */
export const log = {
  configure(options: { level?: LogLevel; color?: boolean; sink?: DiagnosticsSink }): void {
    if (options.sink) sink = options.sink;
    if (options.level) level = options.level;
    if (options.color !== undefined) colors = pc.createColors(options.color);
  },
  get level(): LogLevel {
    return level;
  },
  get sink(): DiagnosticsSink {
    return sink;
  },
  get colors() {
    return colors;
  },
  /** Banner and progress-style lines; dropped with --quiet. */
  info(message: string): void {
    if (level !== 'quiet') sink.write(`${colors.cyan('[+]')} ${message}\n`);
  },
  /** Facts the user needs even with --quiet (the final tally). */
  notice(message: string): void {
    sink.write(`${colors.cyan('[+]')} ${message}\n`);
  },
  warn(message: string): void {
    sink.write(`${colors.yellow('[!]')} ${message}\n`);
  },
  error(message: string): void {
    sink.write(`${colors.red('[x]')} ${message}\n`);
  },
  debug(message: string): void {
    if (level === 'verbose') sink.write(`${colors.dim('[.]')} ${message}\n`);
  },
  /** Pre-formatted text such as the banner or an indented detail line. */
  raw(text: string): void {
    sink.write(text);
  },
};

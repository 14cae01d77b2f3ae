// Bundles the command line and the scan worker into dist/bundle, so that a run loads a few
// files instead of resolving and compiling a hundred modules: start-up counts when a scan is
// thousands of tiny files.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts', 'src/scan/scan-worker.ts'],
  outdir: 'dist/bundle',
  // Entries and chunks side by side: the worker pool finds scan-worker.js next to itself.
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Loaded only by update-rules, with a dynamic import that expects Node's own CommonJS interop.
  external: ['undici'],
  // Bundled CommonJS dependencies call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

/**
 * The installed command line, `glm-infill-lab COMMAND` (scripts/build-cli.mjs bundles this file
 * into dist-cli/glm-infill-lab, plain JavaScript with no runtime dependencies). The same file is
 * the worker thread `check` starts for JSON Lines (check-pool.ts), told apart by its argument.
 */
import { setCheckWorkerEntry } from './check-pool';
import { isCheckWorker, serveCheckWorker } from './check-worker';
import { main } from './main';

if (isCheckWorker()) serveCheckWorker();
else {
  setCheckWorkerEntry(import.meta.url);
  main();
}

/**
 * The installed command line, `glm-infill-lab COMMAND` (scripts/build-cli.mjs bundles this file
 * into dist-cli/glm-infill-lab, plain JavaScript with no runtime dependencies).
 */
import { main } from './main';

main();

/**
 * Stands in for ./model-commands in the built CLI (scripts/build-cli.mjs): the model commands
 * need TensorFlow.js and the model files of a checkout, which the installed CLI does not carry.
 */
throw new Error(
  'the model commands (tokenize, score, fill, attention) are not in the installed glm-infill-lab: run them from a checkout of GLM Infill Lab with npm run --silent cli -- COMMAND',
);

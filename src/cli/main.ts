/**
 * Command line: `npm run --silent cli -- COMMAND`, JSON on stdin, JSON on stdout.
 * Bad input: exit 2 and one clear line on stderr, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { checkCommand, constructCommand, maskCommand, sampleCommand, type CommandResult } from './engine-commands';
import { HELP } from './help';
import { CliError, parseJson } from './io';

type Command = (input: unknown) => CommandResult | Promise<CommandResult>;

const ENGINE: Record<string, Command> = {
  construct: constructCommand,
  sample: sampleCommand,
  check: checkCommand,
  mask: maskCommand,
};

const MODEL = ['tokenize', 'score', 'fill', 'attention'];

async function modelCommand(name: string): Promise<Command> {
  const mod = (await import('./model-commands')) as Record<string, Command>;
  const cmd = mod[name];
  if (!cmd) throw new CliError(`model command ${name} is not available`);
  return cmd;
}

export async function run(argv: string[], stdin: () => string): Promise<{ stdout: string; stderr: string; code: number }> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    return { stdout: HELP, stderr: '', code: name ? 0 : 2 };
  }
  if (rest.includes('--help')) return { stdout: HELP, stderr: '', code: 0 };
  try {
    let cmd: Command | undefined = ENGINE[name];
    if (!cmd && MODEL.includes(name)) cmd = await modelCommand(name);
    if (!cmd) {
      throw new CliError(`unknown command "${name}": expected one of ${[...Object.keys(ENGINE), ...MODEL].join(', ')} (see --help)`);
    }
    const result = await cmd(parseJson(stdin()));
    return { stdout: result.lines.join('\n') + '\n', stderr: '', code: result.exitCode };
  } catch (e) {
    if (e instanceof CliError) return { stdout: '', stderr: `error: ${e.message}\n`, code: e.exitCode };
    const message = e instanceof Error ? e.message : String(e);
    return { stdout: '', stderr: `error: ${message}\n`, code: 2 };
  }
}

const isMain = process.argv[1] && /src[\\/]cli[\\/]main\.ts$/.test(process.argv[1]);
if (isMain) {
  const readStdin = () => {
    try {
      return readFileSync(0, 'utf8');
    } catch {
      return '';
    }
  };
  run(process.argv.slice(2), readStdin).then(({ stdout, stderr, code }) => {
    process.stdout.write(stdout);
    process.stderr.write(stderr);
    process.exitCode = code;
  });
}

/**
 * Command line: `npm run --silent cli -- COMMAND` (or the built `glm-infill-lab COMMAND`), JSON
 * on stdin (or a batch file for check and mask), JSON on stdout. Bad input: exit 2 and one
 * clear line on stderr, never a stack trace.
 */
import {
  constructCommand,
  maskCommand,
  sampleCommand,
  type CommandResult,
} from './engine-commands';
import { HELP } from './help';
import { READ_WHOLE, readInput, textOf, type Stdin } from './input';
import { CliError, parseJson } from './io';
import { checkCommand, readOptions, runCheck } from './check';
import { cliVersion } from './version';

export type { Stdin } from './input';

type Command = (input: unknown, args: string[]) => CommandResult | Promise<CommandResult>;

const ENGINE: Record<string, Command> = {
  construct: constructCommand,
  sample: sampleCommand,
  check: checkCommand,
  mask: maskCommand,
};

/** Standard input from its whole text (tests; the lines are split from it). */
export function stdinOf(text: () => string): Stdin {
  return {
    text,
    async *lines() {
      const all = text();
      if (all === '') return;
      yield* all.replace(/\r?\n$/, '').split(/\r?\n/);
    },
  };
}

/** Standard input as bytes (a tensor file piped in, or text), in chunks of `size`. */
export function stdinBytes(bytes: Uint8Array, size = 65536): Stdin {
  const text = () => new TextDecoder().decode(bytes);
  return {
    ...stdinOf(text),
    async *chunks() {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    },
  };
}

const MODEL = ['tokenize', 'score', 'fill', 'attention'];

async function modelCommand(name: string): Promise<Command> {
  const mod = (await import('./model-commands')) as Record<string, Command>;
  const cmd = mod[name];
  if (!cmd) throw new CliError(`model command ${name} is not available`);
  return cmd;
}

/**
 * Runs a command. `write`, when given, receives stdout as it is produced (check streams JSON
 * Lines through it), and the returned `stdout` is empty; otherwise it is all returned.
 */
export async function run(
  argv: string[],
  stdin: (() => string) | Stdin,
  write?: (chunk: string) => void | Promise<void>,
): Promise<{ stdout: string; stderr: string; code: number }> {
  const input = typeof stdin === 'function' ? stdinOf(stdin) : stdin;
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    return { stdout: HELP, stderr: '', code: name ? 0 : 2 };
  }
  if (name === '--version' || name === '-V') return { stdout: `${cliVersion()}\n`, stderr: '', code: 0 };
  if (rest.includes('--help')) return { stdout: HELP, stderr: '', code: 0 };
  try {
    if (name === 'check') {
      const out: string[] = [];
      const emit = (line: string) => (write ? write(`${line}\n`) : void out.push(`${line}\n`));
      const { exitCode, stderr } = await runCheck(rest, input, emit);
      return { stdout: out.join(''), stderr, code: exitCode };
    }
    if (name === 'mask') {
      const { paths } = readOptions(rest, ['--vocab', '--ids', '--sample'], 'mask');
      const doc = await readInput(paths, input);
      const value = doc.kind === 'value' ? doc.value : parseJson(await textOf(doc.lines), doc.name);
      const result = maskCommand(value, rest);
      return { stdout: result.lines.join('\n') + '\n', stderr: '', code: result.exitCode };
    }
    let cmd: Command | undefined = ENGINE[name];
    if (!cmd && MODEL.includes(name)) cmd = await modelCommand(name);
    if (!cmd) {
      throw new CliError(`unknown command "${name}": expected one of ${[...Object.keys(ENGINE), ...MODEL].join(', ')} (see --help)`);
    }
    const result = await cmd(parseJson(input.text()), rest);
    return { stdout: result.lines.join('\n') + '\n', stderr: '', code: result.exitCode };
  } catch (e) {
    if (e instanceof CliError) return { stdout: '', stderr: `error: ${e.message}\n`, code: e.exitCode };
    const message = e instanceof Error ? e.message : String(e);
    return { stdout: '', stderr: `error: ${message}\n`, code: 2 };
  }
}

/** Runs the command line of this process: argv, stdin and stdout. */
export function main(): void {
  const stdin: Stdin = {
    text: () => {
      try {
        return process.getBuiltinModule('node:fs').readFileSync(0, 'utf8');
      } catch {
        return '';
      }
    },
    // (Not used by check and mask, which read the bytes: node:readline is loaded only if asked for.)
    lines: async function* () {
      const { createInterface } = process.getBuiltinModule('node:readline');
      yield* createInterface({ input: process.stdin, crlfDelay: Infinity });
    },
    // stdin redirected from a small file is read at once; a pipe or a big file as it comes.
    chunks: () => {
      const fs = process.getBuiltinModule('node:fs');
      try {
        const st = fs.fstatSync(0);
        if (st.isFile() && st.size <= READ_WHOLE) return (async function* () { yield fs.readFileSync(0); })();
      } catch {
        // not a file: read it as a stream
      }
      return process.stdin;
    },
  };
  // stdout as it comes (check's JSON Lines reports), waiting when the pipe is full.
  const write = (chunk: string) =>
    new Promise<void>((done) =>
      process.stdout.write(chunk) ? done() : process.stdout.once('drain', done),
    );
  void run(process.argv.slice(2), stdin, write).then(({ stdout, stderr, code }) => {
    process.stdout.write(stdout);
    process.stderr.write(stderr);
    process.exitCode = code;
  });
}

const isMain = process.argv[1] && /src[\\/]cli[\\/]main\.ts$/.test(process.argv[1]);
if (isMain) main();

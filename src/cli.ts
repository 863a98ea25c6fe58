// The `forge` command line. Subcommands live in src/cli/.
import { PREVIEW_USAGE } from './cli/args';
import { previewMain } from './cli/preview';
import { LOCAL_SERVE_USAGE, localServeMain } from './cli/localServe';
import { PORTS_USAGE, portsMain } from './cli/ports';
import { TERMINAL_USAGE, terminalMain } from './cli/terminal';
import { ForgeError } from './common/errors';

const USAGE = `usage: forge <command> [options]

commands:
  preview [path]   set up a preview of a repository and print its URL (forge preview --help)
  terminal [path|id]  open a shell in the sandbox of a repository (or with that id)
  ports [path|id]  list the ports that sandbox listens on
  local serve      run the embedded Daytona-compatible local backend in the foreground
`;

function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command === 'preview' ? PREVIEW_USAGE : command === 'terminal' ? TERMINAL_USAGE : command === 'ports' ? PORTS_USAGE : command === 'local' ? LOCAL_SERVE_USAGE : USAGE);
    return Promise.resolve(0);
  }
  switch (command) {
    case 'preview':
      return previewMain(rest);
    case 'terminal':
      return terminalMain(rest);
    case 'ports':
      return portsMain(rest);
    case 'local':
      return localServeMain(rest);
    default:
      process.stderr.write(USAGE);
      return Promise.resolve(command === undefined || command === '--help' ? 0 : 2);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Once the command is done, a straggling handle (with a separate backend, a timer still armed after Ctrl-C)
    // must not keep the terminal waiting: the verdict is in, so exit shortly.
    setTimeout(() => process.exit(code), 1_000).unref();
  },
  (error: unknown) => {
    // A ForgeError is meant for the user: its message and hint, no stack.
    if (error instanceof ForgeError) {
      process.stderr.write(`forge: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
    } else {
      process.stderr.write(`forge: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = 1;
  },
);

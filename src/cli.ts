// The `forge` command line. Subcommands live in src/cli/.
function main(argv: readonly string[]): Promise<number> {
  const [command] = argv;
  switch (command) {
    default:
      process.stderr.write('usage: forge <preview|local serve> [options]\n');
      return Promise.resolve(command === undefined || command === '--help' ? 0 : 2);
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    process.stderr.write(`forge: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

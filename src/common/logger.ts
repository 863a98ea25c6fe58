// The base layer: every other layer (core, daytona, local, vscode, cli) may import it; it imports none of them.

/** Where core code writes its diagnostics. The VS Code layer backs it with a LogOutputChannel, the CLI with stderr. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

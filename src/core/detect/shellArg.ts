import { quote } from 'shell-quote';

// Plain words stay readable in logs (`pnpm --filter @acme/web run dev`); anything else is quoted by shell-quote.
const PLAIN = /^[\w@%+=:,./-]+$/;

/** One argument, safe to paste into a POSIX shell command line. */
export function shellArg(arg: string): string {
  return PLAIN.test(arg) ? arg : quote([arg]);
}

/** Arguments joined into a shell command line. */
export function shellJoin(args: readonly string[]): string {
  return args.map(shellArg).join(' ');
}

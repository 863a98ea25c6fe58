import type { Logger } from '../common/logger';

/** The CLI's logger: warnings and errors always, info and debug with FORGE_LOG_LEVEL=debug. stdout stays for results. */
export function stderrLogger(verbose: boolean): Logger {
  const write = (level: string, message: string): void => {
    process.stderr.write(`forge: ${level}${message}\n`);
  };
  return {
    trace: (m) => verbose && write('', m),
    debug: (m) => verbose && write('', m),
    info: (m) => verbose && write('', m),
    warn: (m) => write('warning: ', m),
    error: (m) => write('error: ', m instanceof Error ? m.message : m),
  };
}

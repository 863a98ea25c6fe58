// Turns the last lines of a failed install or dev server into a hint the user can act on. The patterns are the
// wording real servers print (Vite 7 and 8, Next.js, webpack-dev-server, Node/Express, Astro, SvelteKit; see
// test/unit/core/pipeline/diagnose/), matched on the text without colour codes: a terminal-aware server wraps words and port
// numbers in ANSI escapes.
import stripAnsi from 'strip-ansi';

/** How many of the last lines diagnosis reads: Node's out-of-memory report and webpack's resolve trace are long. */
export const DIAGNOSE_LINES = 200;

interface Rule {
  readonly test: RegExp;
  readonly hint: (found: RegExpExecArray, port: number) => string;
}

const RESTART = 'then run "Forge: Restart Preview"';

const RULES: readonly Rule[] = [
  {
    // Vite, Astro and SvelteKit without --strictPort: the server listens, but elsewhere than the preview waits.
    test: /Port (\d+) is in use, trying another one/,
    hint: (m, port) =>
      `Port ${m[1] ?? port} is taken in the sandbox, so the dev server moved to another port that the preview does not watch. Stop whatever else listens on it (something your dev command starts too?) or set forge.port to a free port, ${RESTART}.`,
  },
  {
    test: /EADDRINUSE[^\n]*?:(\d+)\b|address already in use[^\n]*?:(\d+)\b|\bPort (\d+) is already in use|EADDRINUSE|address already in use/i,
    hint: (m, port) =>
      `Port ${m[1] ?? m[2] ?? m[3] ?? port} is already taken in the sandbox, so the dev server could not listen on it. Stop the other process that listens on it (something your dev command starts too?) or set forge.port to a free port, ${RESTART}.`,
  },
  {
    test: /heap out of memory|Reached heap limit|ENOMEM|Killed\s*$|exit code 137/im,
    hint: () => 'The process ran out of memory. Choose a larger sandbox (setting forge.sandbox.class); if NODE_OPTIONS sets --max-old-space-size, raise it.',
  },
  { test: /Missing script/i, hint: () => 'package.json has no such script. Set forge.devCommand to the command that starts your dev server.' },
  {
    test: /(?:\b(?:ba)?sh: (?:(?:line )?\d+: )?|^)([\w.@/-]+): (?:command )?not found$/m,
    hint: (m) => `The program "${m[1] ?? ''}" is not installed in the sandbox. Check that it is listed in package.json dependencies, or set forge.devCommand.`,
  },
  {
    test: /Cannot find (?:module|package) '([^']+)'|Can't resolve '([^']+)'|Failed to resolve import "([^"]+)"|Could not resolve "([^"]+)"|imported but could not be resolved:\s+(\S+)|Cannot find module|MODULE_NOT_FOUND/,
    hint: (m) => missingModuleHint(m.slice(1).find((name) => name !== undefined)),
  },
  {
    // Astro's astro:env schema names each variable; apps' own checks say "… environment variable is required".
    test: /EnvInvalidVariables[\s\S]*?- ([A-Z_][A-Z0-9_]*) is missing|(?:missing|required|not set|undefined|not defined)[^\n]{0,60}\b(?:env|environment variable)|\b(?:env|environment variable)[^\n]{0,60}(?:missing|required|not set)/i,
    hint: (m) =>
      `${m[1] ? `The environment variable ${m[1]} is` : 'An environment variable seems to be'} missing. Add it with forge.sandbox.envVars or an env file (forge.sandbox.envFile), ${RESTART}.`,
  },
  {
    test: /ERR_PNPM|npm ERR! code E(RESOLVE|INTEGRITY|NOTARGET)|lockfile.*(out of date|not up to date)|frozen/i,
    hint: () => "The lockfile does not match package.json. Update the lockfile locally (run your package manager's install) and commit it.",
  },
];

/** A hint for the cause the lines show, or undefined when they show none Forge knows. Colour codes are ignored. */
export function diagnose(tail: readonly string[], port: number): string | undefined {
  const text = stripAnsi(tail.slice(-DIAGNOSE_LINES).join('\n'));
  for (const rule of RULES) {
    const found = rule.test.exec(text);
    if (found) return rule.hint(found, port);
  }
  if (listensOnLoopbackOnly(text)) {
    return `The dev server listens on localhost only, where the preview cannot reach it; it must listen on 0.0.0.0. Add --host 0.0.0.0 (or -H 0.0.0.0, or HOST=0.0.0.0) to its command in forge.devCommand, ${RESTART}.`;
  }
  return undefined;
}

function missingModuleHint(name: string | undefined): string {
  if (!name) return 'A program or module is missing. Check that it is listed in package.json dependencies, or set forge.devCommand.';
  if (/^[./]/.test(name)) return `The file "${name}" that the code imports does not exist. Fix the import path (file names are case-sensitive in the sandbox) and commit the file.`;
  return `The package "${name}" is imported but not installed. Add it to package.json dependencies (e.g. npm install ${name}) and commit package.json and the lockfile.`;
}

const LOOPBACK_URL = /\b(?:https?:\/\/)?(?:localhost|127\.\d+\.\d+\.\d+|\[::1\]):\d+/;
const OTHER_URL = /\bhttps?:\/\/(?!localhost\b|127\.|\[::1\])[\w.[\]:-]+:\d+/;

/** A server that printed a loopback address and no other one (Vite and Astro also say "use --host to expose"). */
function listensOnLoopbackOnly(text: string): boolean {
  if (/\b0\.0\.0\.0\b|\[::\]:\d+/.test(text)) return false;
  if (/use --host to expose/.test(text)) return true;
  return LOOPBACK_URL.test(text) && !OTHER_URL.test(text);
}

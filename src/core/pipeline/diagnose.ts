// Turns the last lines of a failed install or dev server into a hint the user can act on.

interface Rule {
  readonly test: RegExp;
  readonly hint: (port: number) => string;
}

const RULES: readonly Rule[] = [
  { test: /EADDRINUSE|address already in use/i, hint: (port) => `Port ${port} is already taken in the sandbox. Set forge.port to another port, or run "Forge: Restart Preview".` },
  { test: /heap out of memory|ENOMEM|Killed\s*$|exit code 137/im, hint: () => 'The process ran out of memory. Choose a larger sandbox (setting forge.sandbox.class).' },
  { test: /Missing script/i, hint: () => 'package.json has no such script. Set forge.devCommand to the command that starts your dev server.' },
  { test: /Cannot find module|MODULE_NOT_FOUND|command not found/i, hint: () => 'A program or module is missing. Check that it is listed in package.json dependencies, or set forge.devCommand.' },
  {
    test: /(missing|required|not set|undefined|not defined)[^\n]{0,60}\b(env|environment variable)|\b(env|environment variable)[^\n]{0,60}(missing|required|not set)/i,
    hint: () => 'An environment variable seems to be missing. Add it with forge.sandbox.envVars or an env file (forge.sandbox.envFile).',
  },
  { test: /ERR_PNPM|npm ERR! code E(RESOLVE|INTEGRITY|NOTARGET)|lockfile.*(out of date|not up to date)|frozen/i, hint: () => 'The lockfile does not match package.json. Update the lockfile locally (run your package manager\'s install) and commit it.' },
];

export function diagnose(tail: readonly string[], port: number): string | undefined {
  const text = tail.join('\n');
  for (const rule of RULES) if (rule.test.test(text)) return rule.hint(port);
  if (listensOnLoopbackOnly(text)) {
    return 'The dev server seems to listen on localhost only; a preview needs it on 0.0.0.0. Add --host 0.0.0.0 (or HOST=0.0.0.0) to forge.devCommand.';
  }
  return undefined;
}

function listensOnLoopbackOnly(text: string): boolean {
  return /(localhost|127\.0\.0\.1):\d+/.test(text) && !/0\.0\.0\.0|Network:\s+http/i.test(text);
}

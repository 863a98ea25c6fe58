// The one button an error message offers to fix its cause. No `vscode` here: the mapping is unit-tested, and
// register.ts carries the chosen fix out.

export type ErrorFix =
  | { readonly label: 'Open package.json'; readonly kind: 'open-package-json'; readonly path?: string }
  | { readonly label: 'Open Settings'; readonly kind: 'open-setting'; readonly setting: string }
  | { readonly label: 'Sign in to GitHub'; readonly kind: 'github-sign-in' }
  | { readonly label: 'Set API Key'; readonly kind: 'set-api-key' };

/** The fix for a ForgeError's code (and the setting or file it names), or undefined when only the log helps. */
export function errorFix(error: { readonly code: string; readonly message: string; readonly hint?: string | undefined }): ErrorFix | undefined {
  const text = `${error.message} ${error.hint ?? ''}`;
  switch (error.code) {
    case 'bad-package-json':
    case 'no-package-json': {
      const path = /([^\s"'`]*package\.json)/.exec(text)?.[1];
      return { label: 'Open package.json', kind: 'open-package-json', ...(path ? { path } : {}) };
    }
    case 'auth-required':
    case 'auth-failed':
      return { label: 'Sign in to GitHub', kind: 'github-sign-in' };
    case 'api-key':
      return { label: 'Set API Key', kind: 'set-api-key' };
    case 'bad-setting':
    case 'port-never-opened':
    case 'unsupported-remote': {
      const setting = /\bforge\.[a-zA-Z][\w.]*[a-zA-Z0-9]/.exec(text)?.[0];
      return setting ? { label: 'Open Settings', kind: 'open-setting', setting } : undefined;
    }
    default:
      return undefined;
  }
}

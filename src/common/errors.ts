// The base layer: every other layer may import it; it imports none of them.

/** Why a step failed, in words a user can act on. */
export type ForgeErrorCode =
  | 'no-workspace'
  | 'not-a-repo'
  | 'no-remote'
  | 'unsupported-remote'
  | 'auth-required'
  | 'auth-failed'
  | 'no-package-json'
  | 'bad-package-json'
  | 'nothing-to-run'
  | 'ambiguous-app'
  | 'bad-setting'
  | 'api-key'
  | 'quota'
  | 'rate-limited'
  | 'sandbox-gone'
  | 'backend-unavailable'
  | 'isolation-unavailable'
  | 'install-failed'
  | 'dev-server-exited'
  | 'port-never-opened'
  | 'timeout'
  | 'cancelled'
  | 'untrusted'
  | 'internal';

/** An error meant for the user: `message` names the cause, `hint` the next step. Never carries a secret. */
export class ForgeError extends Error {
  override readonly name = 'ForgeError';
  readonly code: ForgeErrorCode;
  readonly hint: string | undefined;
  /** Last lines of the relevant log (install or dev server), already free of secrets. */
  readonly logTail: readonly string[];

  /**
   * The extension and its lazily loaded engine are separate bundles, each with its own copy of this class: an
   * error thrown in one must still be a ForgeError to the other, so instances are recognised by shape.
   */
  static override [Symbol.hasInstance](value: unknown): value is ForgeError {
    return value instanceof Error && value.name === 'ForgeError' && typeof (value as { code?: unknown }).code === 'string';
  }

  constructor(code: ForgeErrorCode, message: string, options: { hint?: string; cause?: unknown; logTail?: readonly string[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.logTail = options.logTail ?? [];
  }
}

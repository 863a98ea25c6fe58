// Labels mark a sandbox as Forge's and say what it previews, so Forge can find it again after a reload,
// from the CLI, or from another machine. Values stay short: Daytona limits label values.

export const LABEL_MANAGED = 'forge.managed';
export const LABEL_REPO = 'forge.repo';
export const LABEL_BRANCH = 'forge.branch';
export const LABEL_APP = 'forge.app';
export const LABEL_PORT = 'forge.port';
export const LABEL_FRAMEWORK = 'forge.framework';
export const LABEL_STOP_ON_CLOSE = 'forge.stopOnClose';
/** Set on sandboxes that preview a remote ref (`feature-x`, `pull/7`, a commit) instead of the working tree. */
export const LABEL_REF = 'forge.ref';

export interface ForgeSandboxKey {
  /** `owner/name` of the remote, or `local:<folder>-<hash>` for a folder without a remote. */
  readonly repo: string;
  /** Branch, or `detached`. */
  readonly branch: string;
  /** The remote ref previewed, when the sandbox runs one instead of the local working tree. */
  readonly ref?: string;
}

export function keyLabels(key: ForgeSandboxKey): Record<string, string> {
  return { [LABEL_MANAGED]: 'true', [LABEL_REPO]: clip(key.repo), [LABEL_BRANCH]: clip(key.branch), ...(key.ref ? { [LABEL_REF]: clip(key.ref) } : {}) };
}

export function isForgeSandbox(labels: Readonly<Record<string, string>>): boolean {
  return labels[LABEL_MANAGED] === 'true';
}

export function readKey(labels: Readonly<Record<string, string>>): ForgeSandboxKey | undefined {
  const repo = labels[LABEL_REPO];
  const branch = labels[LABEL_BRANCH];
  const ref = labels[LABEL_REF];
  return repo && branch ? { repo, branch, ...(ref ? { ref } : {}) } : undefined;
}

function clip(value: string): string {
  return value.length <= 63 ? value : value.slice(0, 63);
}

import type { DetectedApp, LocalChange, RepoFacts } from '../types';

export interface FileToUpload {
  /** Relative to the repository root, with `/`. */
  readonly path: string;
  readonly size: number;
}

/** What the pipeline reads from the local working tree. The default implementation uses git and the detection libraries. */
export interface WorkingTreeReader {
  facts(folder: string, githubHost: string): Promise<RepoFacts>;
  /** Changes between `commit` and the working tree (unpushed commits and uncommitted edits). */
  changesSince(facts: RepoFacts, commit: string): Promise<readonly LocalChange[]>;
  /** Every file to upload for a folder that cannot be cloned. */
  listFiles(root: string, includeIgnored: readonly string[]): Promise<readonly FileToUpload[]>;
  detect(root: string, overrides: { appPath?: string; devCommand?: string; port?: number }): Promise<readonly DetectedApp[]>;
}

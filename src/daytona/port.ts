import type { CreateSandboxFromImageParams, CreateSandboxFromSnapshotParams, Daytona, ListSandboxesQuery, PtyHandle as SdkPtyHandle, Sandbox as SdkSandbox } from '@daytonaio/sdk';

// The sandbox port: exactly the operations the core needs from a Daytona-compatible backend, and nothing else.
// @daytonaio/sdk implements it (its Daytona and Sandbox objects satisfy these types, checked below), so the core
// and its tests never name the SDK; a test double implements only these members.

type SandboxMembers =
  | 'id' | 'name' | 'target' | 'state' | 'labels' | 'createdAt' | 'lastActivityAt' | 'cpu' | 'memory' | 'disk' | 'public' | 'autoStopInterval' | 'errorReason' | 'recoverable' | 'daemonVersion'
  | 'start' | 'stop' | 'archive' | 'recover' | 'delete' | 'getUserHomeDir' | 'refreshData' | 'refreshActivity' | 'setAutostopInterval' | 'getPreviewLink' | 'getSignedPreviewUrl' | 'expireSignedPreviewUrl';
type ProcessMembers = 'executeCommand' | 'createSession' | 'deleteSession' | 'executeSessionCommand' | 'getSessionCommand' | 'getSessionCommandLogs' | 'createPty' | 'connectPty' | 'killPtySession';

/** One sandbox: its listing facts, exec, sessions and log follow, PTYs, git, files, preview links and signed URLs, lifecycle. */
export interface Sandbox extends Pick<SdkSandbox, SandboxMembers> {
  readonly process: Pick<SdkSandbox['process'], ProcessMembers>;
  readonly fs: Pick<SdkSandbox['fs'], 'uploadFile' | 'uploadFiles' | 'downloadFile' | 'deleteFile' | 'moveFiles'>;
  readonly git: Pick<SdkSandbox['git'], 'clone' | 'pull'>;
}

/** A connection to a backend: create, find and list sandboxes, find volumes. */
export interface SandboxClient {
  create(params: CreateSandboxFromSnapshotParams, options?: { timeout?: number }): Promise<Sandbox>;
  create(params: CreateSandboxFromImageParams, options?: { timeout?: number }): Promise<Sandbox>;
  get(sandboxIdOrName: string): Promise<Sandbox>;
  list(query?: ListSandboxesQuery): AsyncIterableIterator<Sandbox>;
  readonly volume: Pick<Daytona['volume'], 'get'>;
}

/** An interactive terminal session in a sandbox. */
export type PtyHandle = SdkPtyHandle;

// The SDK implements the port: these fail to compile when an SDK upgrade changes a member the core relies on.
export const sdkSandboxIsPort = (sandbox: SdkSandbox): Sandbox => sandbox;
export const sdkClientIsPort = (client: Daytona): SandboxClient => client;

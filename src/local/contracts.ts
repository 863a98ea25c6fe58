// The seam between the local backend's management side (server.ts, api/, preview/) and its
// toolbox side (toolbox/, runner/). Both halves code against these types only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** A sandbox as the toolbox needs to see it. Owned and persisted by the management side. */
export interface LocalSandbox {
  readonly id: string;
  /** Host directory that appears inside the sandbox as its home (`insideHome`) (the sandbox's files). */
  readonly homeDir: string;
  /** Where the home appears inside: `/home/daytona`, or the image user's home (`/root` for an image without USER). */
  readonly insideHome: string;
  /** The daemon version the sandbox was created with (`sandbox.daemonVersion`); ≤ v0.190 answers errors in the old shape. */
  readonly daemonVersion: string;
  /** The user the sandbox's processes run as, by name (`daytona`, or the image's user). */
  readonly user: string;
  /** Host directory for the sandbox's runtime state (session logs, port map); not visible as the home. */
  readonly runtimeDir: string;
  /** Environment given at creation (`env` of POST /sandbox). */
  readonly env: Readonly<Record<string, string>>;
  /** Volumes mounted into the sandbox: a host directory seen at `mountPath` inside. */
  readonly volumes: readonly { readonly hostDir: string; readonly mountPath: string }[];
  /** Memory in GiB (`memory` of the sandbox): the runner keeps its processes' resident memory under it. */
  readonly memoryGiB: number;
  /** `code-toolbox-language` label (python | typescript | javascript), for process/code-run. */
  readonly language: string;
}

/** Where a sandbox port answers: `host:port` inside the sandbox's network through `socketPath`, or on the host. */
export interface PortTarget {
  readonly host: '127.0.0.1' | '::1';
  readonly port: number;
  /** The forwarder's UNIX socket (isolated sandboxes); absent: `host:port` is a host port (unisolated). */
  readonly socketPath?: string;
}

/** Serves `{toolboxProxyUrl}/{sandboxId}/…` for started sandboxes. */
export interface Toolbox {
  /** Handles one toolbox HTTP request. `subPath` is what follows `/toolbox/{id}` (starts with `/`). */
  handle(req: IncomingMessage, res: ServerResponse, sandbox: LocalSandbox, subPath: string, url: URL): Promise<void>;
  /** Handles a WebSocket upgrade under the toolbox (session log follow). Returns false when the path is not a WebSocket route. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, sandbox: LocalSandbox, subPath: string, url: URL): boolean;
  /** Ends every process the sandbox runs and closes its log streams (stop, archive, delete). */
  stopAll(sandboxId: string): Promise<void>;
  /**
   * How the preview proxy reaches the sandbox's port `port`, or undefined while nothing listens on it (or only
   * on its loopback). Isolated: through the sandbox network's forwarder socket; else a remapped host port.
   */
  resolvePort(sandbox: LocalSandbox, port: number): Promise<PortTarget | undefined>;
  /** Ends everything, for server shutdown. */
  dispose(): Promise<void>;
}

export interface ToolboxOptions {
  /** Run commands inside bubblewrap, each sandbox in its own network, when true; plain child processes with mapped paths when false. */
  readonly isolate: boolean;
  /** Called when a sandbox sees toolbox activity (resets its auto-stop timer). */
  readonly onActivity: (sandboxId: string) => void;
  /**
   * Fault injection for tests (optional). Ask it once when a log or PTY WebSocket opens, with the request path
   * (e.g. `/toolbox/{id}/process/session/s1/command/c1/logs`); a result means: close that socket abruptly
   * after `afterBytes` bytes of log were sent or `afterMs` milliseconds passed, whichever comes first (PTY sockets: `afterMs`).
   */
  readonly webSocketFault?: (path: string) => WebSocketFault | undefined;
  /** The memory limit's measurement (bytes per GiB, poll); false: not enforced. Default: enforced, 1 GiB per GiB. */
  readonly memoryLimit?: { readonly bytesPerGiB?: number; readonly pollMs?: number } | false;
  /** Server log lines from the toolbox side (a process killed for the memory limit). */
  readonly log?: (message: string) => void;
}

/** An injected failure of one toolbox WebSocket (see ToolboxOptions.webSocketFault). */
export interface WebSocketFault {
  readonly afterBytes?: number;
  readonly afterMs?: number;
}

/** Daytona's error body for the toolbox (daemon) side. */
export interface DaemonErrorBody {
  readonly statusCode: number;
  readonly message: string;
  readonly code: string;
  readonly source: 'DAYTONA_DAEMON';
  readonly timestamp: string;
  readonly path: string;
  readonly method: string;
}

// How the adapters (the VS Code layer, the CLI) reach sandboxes: through the core, which re-exports the few parts
// of the sandbox port (src/daytona/) they need. They never import src/daytona/ or @daytonaio/sdk themselves.
export { createDaytonaClient, type BackendConnection } from '../daytona/connection';
export { listSandboxes, runSandboxAction, type SandboxAction, type SandboxSummary } from '../daytona/sandboxes';
export { toForgeError } from '../daytona/errors';
export type { PtyHandle, Sandbox, SandboxClient } from '../daytona/port';
export type { SandboxClass } from '../daytona/resources';
export { listSandboxPorts } from '../daytona/toolboxPorts';

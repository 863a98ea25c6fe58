// `forge ports [path|sandbox-id]`: the ports the sandbox listens on (the toolbox's GET /port, as the sandbox sees
// them), one per line on stdout so scripts can read them; what the list is of goes to stderr.
import { listSandboxPorts } from '../core/connect';
import { withTargetSandbox } from './sandboxTarget';

export const PORTS_USAGE = `usage: forge ports [path|sandbox-id] [options]

Lists the ports the sandbox listens on, one per line, as the sandbox sees them (the preview port included): the
sandbox of the repository at path (default: the current directory; the one "forge preview" set up), or the sandbox
with that id. A sandbox that is not started listens on nothing and is not started for this.

options:
  --backend local|daytona|auto   where the sandbox runs (auto: Daytona when DAYTONA_API_KEY is set)
  --data DIR                     the local backend's data directory
`;

export async function portsMain(argv: readonly string[]): Promise<number> {
  return withTargetSandbox(argv, 'ports', async ({ sandbox }) => {
    if (sandbox.state !== 'started') {
      process.stderr.write(`forge: sandbox ${sandbox.id} is ${sandbox.state ?? 'not started'}, so nothing listens in it.\n`);
      return 0;
    }
    const ports = await listSandboxPorts(sandbox);
    process.stderr.write(ports.length === 0 ? `forge: nothing listens in sandbox ${sandbox.id}.\n` : `forge: sandbox ${sandbox.id} listens on:\n`);
    for (const port of ports) process.stdout.write(`${port}\n`);
    return 0;
  });
}

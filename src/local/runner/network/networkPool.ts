// The network namespaces of a backend's sandboxes, one per sandbox, shared by all of its processes. Their
// sockets and the forwarder program live in a 0700 directory of the backend's that no sandbox sees.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sandboxResolvConf } from './dns';
import { FORWARDER_SOURCE } from './forwarderSource';
import { allowedHostPorts, HostPortRelays } from './hostPorts';
import { startSandboxNetwork, type SandboxNetwork } from './sandboxNetwork';

export class NetworkPool {
  private readonly networks = new Map<string, Promise<SandboxNetwork>>();
  private readonly ready = new Map<string, SandboxNetwork>();
  private dir: string | undefined;
  private readonly relays = new HostPortRelays();
  private resolv: { file: string | undefined } | undefined;

  /** The sandbox's network, started on first use (and again if its helpers died). */
  async ensure(sandboxId: string): Promise<SandboxNetwork> {
    const known = this.ready.get(sandboxId);
    if (known && !known.alive) await this.stop(sandboxId);
    let starting = this.networks.get(sandboxId);
    if (!starting) {
      const dir = this.privateDir();
      const hostPorts = allowedHostPorts();
      starting = this.relays
        .serve(dir, hostPorts)
        .then(() => startSandboxNetwork({ socketPath: path.join(dir, `${sandboxId}.sock`), forwarderFile: path.join(dir, 'forwarder.cjs'), nodeBinary: process.execPath, hostPorts }));
      this.networks.set(sandboxId, starting);
      const mine = starting;
      mine.then(
        // Stopped while it was starting: end it rather than keep it.
        (net) => (this.networks.get(sandboxId) === mine ? this.ready.set(sandboxId, net) : void net.stop()),
        () => this.networks.get(sandboxId) === mine && this.networks.delete(sandboxId),
      );
    }
    return starting;
  }

  /** The running network of a sandbox, if any (never starts one). */
  current(sandboxId: string): SandboxNetwork | undefined {
    const net = this.ready.get(sandboxId);
    return net?.alive ? net : undefined;
  }

  async stop(sandboxId: string): Promise<void> {
    const starting = this.networks.get(sandboxId);
    this.networks.delete(sandboxId);
    this.ready.delete(sandboxId);
    const net = await starting?.catch(() => undefined);
    await net?.stop();
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.networks.keys()].map((id) => this.stop(id)));
    await this.relays.close();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.resolv = undefined;
  }

  /** The resolv.conf sandboxes get (see dns.ts), decided once. */
  resolvConf(): string | undefined {
    this.resolv ??= { file: sandboxResolvConf(this.privateDir()) };
    return this.resolv.file;
  }

  private privateDir(): string {
    if (!this.dir) {
      // mkdtemp creates it 0700: only this user (and root) can reach the sockets in it.
      this.dir = mkdtempSync(path.join(os.tmpdir(), 'forge-net-'));
      writeFileSync(path.join(this.dir, 'forwarder.cjs'), FORWARDER_SOURCE, { mode: 0o600 });
    }
    return this.dir;
  }
}

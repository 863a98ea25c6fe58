// What the management routes work with.
import type { Clock } from '../clock';
import type { PreviewLinkListeners } from '../preview/linkListeners';
import type { SandboxService } from '../sandboxService';
import type { SandboxStore } from '../store/sandboxStore';
import type { VolumeStore } from '../store/volumeStore';

export interface ApiDeps {
  readonly service: SandboxService;
  readonly store: SandboxStore;
  readonly volumes: VolumeStore;
  readonly previews: PreviewLinkListeners;
  readonly clock: Clock;
  /** `http://127.0.0.1:P/toolbox`, the `toolboxProxyUrl` of every DTO. */
  readonly toolboxProxyUrl: string;
}

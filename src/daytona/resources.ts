// Daytona takes resources only with an image (a snapshot-based create with cpu/memory/disk is a 400), so the
// small class uses the default snapshot and the larger ones an image whose build Daytona caches.

export type SandboxClass = 'small' | 'medium' | 'large' | 'custom';

export interface ResourceSettings {
  readonly sandboxClass: SandboxClass;
  readonly cpu: number;
  readonly memory: number;
  readonly disk: number;
  /** An image for the classes that take one (from devcontainer.json); default SANDBOX_IMAGE. */
  readonly image?: string;
}

export const SANDBOX_IMAGE = 'node:22-bookworm';

const CLASSES: Record<Exclude<SandboxClass, 'custom' | 'small'>, { cpu: number; memory: number; disk: number }> = {
  medium: { cpu: 2, memory: 4, disk: 10 },
  large: { cpu: 4, memory: 8, disk: 20 },
};

/** Parameters to merge into `daytona.create`: nothing for `small`, an image plus resources otherwise. */
export function resourceParams(settings: ResourceSettings): { image: string; resources: { cpu: number; memory: number; disk: number } } | undefined {
  switch (settings.sandboxClass) {
    case 'small':
      return undefined;
    case 'custom':
      return { image: settings.image ?? SANDBOX_IMAGE, resources: { cpu: settings.cpu, memory: settings.memory, disk: settings.disk } };
    default:
      return { image: settings.image ?? SANDBOX_IMAGE, resources: CLASSES[settings.sandboxClass] };
  }
}

import type { SandboxSummary } from '../../../../src/daytona/sandboxes';

let next = 0;

/** A Forge sandbox summary with sensible defaults; override what the test is about. */
export function forgeSandbox(overrides: Partial<SandboxSummary> = {}): SandboxSummary {
  next++;
  return {
    id: `sb-${next}`,
    name: `forge-${next}`,
    state: 'started',
    isForge: true,
    repo: 'acme/shop',
    branch: 'main',
    labels: { 'forge.managed': 'true', 'forge.repo': 'acme/shop', 'forge.branch': 'main', 'forge.port': '5173' },
    createdAt: '2026-01-01T09:00:00.000Z',
    cpu: 1,
    memory: 2,
    disk: 5,
    public: false,
    autoStopInterval: 15,
    ...overrides,
  };
}

/** A sandbox some other tool created: no Forge labels. */
export function foreignSandbox(overrides: Partial<SandboxSummary> = {}): SandboxSummary {
  next++;
  return {
    id: `other-${next}`,
    name: `scratch-${next}`,
    state: 'started',
    isForge: false,
    labels: {},
    cpu: 2,
    memory: 4,
    disk: 10,
    public: true,
    ...overrides,
  };
}

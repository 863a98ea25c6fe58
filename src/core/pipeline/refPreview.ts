import { readDevcontainer } from '../devcontainer/parse';
import { planDevcontainer, type DevcontainerPlan } from '../devcontainer/plan';
import { refLabel, type RemoteRef } from '../refs/refName';
import { snapshotRef, type RefSnapshot } from '../refs/refSnapshot';
import { ForgeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { RepoFacts } from '../types';
import type { PreviewSettings } from './settings';

/**
 * Facts for previewing a remote ref: the repository's identity (remote, slug) with the ref's files, fetched into a
 * temporary folder for detection, as the root; no local changes. The caller closes the snapshot when done.
 */
export async function refFacts(local: RepoFacts, ref: RemoteRef, logger: Logger, signal: AbortSignal): Promise<{ facts: RepoFacts; snapshot: RefSnapshot }> {
  if (!local.cloneUrl || !local.slug) {
    throw new ForgeError('no-remote', `Forge can preview ${refLabel(ref)} only from a repository whose remote a sandbox can clone${local.remoteProblem ? ` (${local.remoteProblem})` : ''}.`, {
      hint: 'Set an http(s) or GitHub SSH remote named origin.',
    });
  }
  const snapshot = await snapshotRef(local, ref, signal);
  logger.info(`Previewing ${refLabel(ref)} at ${snapshot.sha.slice(0, 12)} (the local checkout is left as it is)`);
  const { submodules: _submodules, upstreamCommit: _upstream, ...identity } = local;
  return { facts: { ...identity, root: snapshot.dir, branch: refLabel(ref), head: snapshot.sha, headPushed: true, changes: [] }, snapshot };
}

/** Reads devcontainer.json under `root` and folds what it says into the settings, which keep the last word. */
export async function applyDevcontainer(root: string, settings: PreviewSettings, logger: Logger): Promise<{ settings: PreviewSettings; plan?: DevcontainerPlan }> {
  const parsed = await readDevcontainer(root);
  if (!parsed) return { settings };
  const plan = planDevcontainer(parsed, { ...(settings.port !== undefined ? { port: settings.port } : {}), envVars: settings.envVars, imageAllowed: settings.resources.sandboxClass !== 'small' });
  for (const note of plan.notes) logger.info(note);
  return {
    plan,
    settings: {
      ...settings,
      ...(plan.port !== undefined ? { port: plan.port } : {}),
      envVars: { ...plan.env, ...settings.envVars },
      ...(plan.image ? { resources: { ...settings.resources, image: plan.image } } : {}),
    },
  };
}

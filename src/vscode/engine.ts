import * as path from 'node:path';
import type * as EngineModule from '../engine';

export type Engine = typeof EngineModule;

let engine: Engine | undefined;

/**
 * Loads dist/engine.js (the Daytona SDK, the pipeline, the local backend) on first use. Activation never calls
 * this, so the SDK's load time is paid only when the user asks for something that needs it.
 */
export function loadEngine(): Engine {
  // A computed path keeps esbuild from inlining the engine into the activation bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, computed require is the point
  engine ??= require(path.join(__dirname, 'engine.js')) as Engine;
  return engine;
}

/** True once the engine has been loaded (tests use it to prove activation does not load the SDK). */
export function isEngineLoaded(): boolean {
  return engine !== undefined;
}

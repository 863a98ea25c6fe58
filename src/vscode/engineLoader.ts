import * as path from 'node:path';
import type * as EngineModule from '../engine';

export type Engine = typeof EngineModule;

/** What the VS Code layer is handed to reach the engine (injected from activate(), never imported). */
export type LoadEngine = () => Engine;

/**
 * Loads dist/engine.js (the Daytona SDK, the pipeline, the local backend) on first use. activate() makes one and
 * hands its `load` to whatever needs the engine; activation itself never calls it, so the SDK's load time is paid
 * only when the user asks for something that needs it.
 */
export class EngineLoader {
  private engine: Engine | undefined;

  constructor(private readonly dir: string = __dirname) {}

  readonly load: LoadEngine = () => {
    // A computed path keeps esbuild from inlining the engine into the activation bundle.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, computed require is the point
    this.engine ??= require(path.join(this.dir, 'engine.js')) as Engine;
    return this.engine;
  };

  /** True once the engine has been loaded (tests use it to prove activation does not load the SDK). */
  get loaded(): boolean {
    return this.engine !== undefined;
  }
}

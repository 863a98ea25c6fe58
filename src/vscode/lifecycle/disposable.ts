// The VS Code layer's lifecycle base, like VS Code's own `Disposable` (src/vs/base/common/lifecycle.ts): a class
// `_register`s what it creates (listeners, emitters, watchers) and one `dispose()` releases it all, newest first.
// Free of the `vscode` module, so unit tests load it; `vscode.Disposable` has the same shape.

export interface IDisposable {
  dispose(): unknown;
}

export abstract class Disposable implements IDisposable {
  private readonly toDispose: IDisposable[] = [];
  private isDisposed = false;

  /** True once dispose() has run. */
  protected get disposed(): boolean {
    return this.isDisposed;
  }

  /** Keeps `item` until this object is disposed; registered after that, it is disposed at once (nothing leaks). */
  protected _register<T extends IDisposable>(item: T): T {
    if (this.isDisposed) item.dispose();
    else this.toDispose.push(item);
    return item;
  }

  /** Disposes everything registered, newest first; one that throws does not keep the rest alive. */
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    const errors: unknown[] = [];
    for (const item of this.toDispose.splice(0).reverse()) {
      try {
        item.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'Several disposables failed to dispose');
  }
}

/** Wraps a clean-up function (clearInterval, …) as a disposable. */
export function toDisposable(dispose: () => void): IDisposable {
  return { dispose };
}

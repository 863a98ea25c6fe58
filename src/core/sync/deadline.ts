/** A sync batch that took too long; retried like a dropped connection. */
export class BatchTimeout extends Error {
  constructor(ms: number) {
    super(`the sandbox did not answer within ${Math.round(ms / 1000)} s`);
  }
}

/** `work`, or a BatchTimeout after `ms` (the request itself is left to settle on its own). */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new BatchTimeout(ms)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

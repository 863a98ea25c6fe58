// A longer ceiling for the toolbox call that moves a whole repository: a clone (Daytona v0.190's daemon clones in
// full, ignoring depth). Every other call keeps the connection's short ceiling, so a hung request still fails in
// seconds. (Uploads already carry the SDK's own per-call timeout, 30 min, which this leaves alone.) The SDK (0.218)
// takes one timeout per client; it gives each sandbox its own axios instance, whose request interceptor can raise
// the timeout for this path only.
import type { Daytona } from '@daytonaio/sdk';

/** Ceiling for a clone (a large repository over a slow link). */
export const TRANSFER_TIMEOUT_MS = 15 * 60_000;

const TRANSFER_PATH = /\/git\/clone(\?|$)/;

interface RequestConfig {
  url?: string;
  timeout?: number;
}
interface InterceptableAxios {
  readonly interceptors: { readonly request: { use(onFulfilled: (config: RequestConfig) => RequestConfig): number } };
}

const patched = new WeakSet<object>();

/** Raises the timeout of `sandbox`'s clone requests to `timeoutMs` (once per sandbox object). */
export function allowLongTransfers<T extends object>(sandbox: T, timeoutMs: number): T {
  const axios = (sandbox as { axiosInstance?: Partial<InterceptableAxios> }).axiosInstance;
  if (patched.has(sandbox) || typeof axios?.interceptors?.request?.use !== 'function') return sandbox;
  patched.add(sandbox);
  axios.interceptors.request.use((config) => {
    // 0 is "no timeout" for axios: leave it so.
    if (config.url && TRANSFER_PATH.test(config.url) && config.timeout !== 0) config.timeout = Math.max(config.timeout ?? 0, timeoutMs);
    return config;
  });
  return sandbox;
}

/** Makes every sandbox `client` hands out (create, get, list) use the long transfer ceiling. */
export function withLongTransfers(client: Daytona, timeoutMs: number): Daytona {
  const create = client.create.bind(client);
  const get = client.get.bind(client);
  const list = client.list.bind(client);
  client.create = (async (...args: Parameters<typeof create>) => allowLongTransfers(await create(...args), timeoutMs));
  client.get = async (...args) => allowLongTransfers(await get(...args), timeoutMs);
  client.list = async function* (...args) {
    for await (const sandbox of list(...args)) yield allowLongTransfers(sandbox, timeoutMs);
  };
  return client;
}

// A small route table: `METHOD /sandbox/:id/ports/:port/preview-url` patterns, matched segment by segment.
// The management API has about thirty fixed routes, so a table beats a dependency.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from './errors';

export interface RouteContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  /** Decoded `:name` segments of the pattern. */
  readonly params: Readonly<Record<string, string>>;
}

/** Returns the JSON body of a 200 answer (undefined: empty 200), or writes `ctx.res` itself and returns `RESPONDED`. */
export type RouteHandler = (ctx: RouteContext) => unknown;

export const RESPONDED = Symbol('responded');

interface Route {
  readonly method: string;
  readonly segments: readonly string[];
  readonly handler: RouteHandler;
}

export interface RouteMatch {
  readonly handler: RouteHandler;
  readonly params: Readonly<Record<string, string>>;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method, segments: splitPath(pattern), handler });
    return this;
  }

  /** The route for `method` and `path` (already stripped of the `/api` prefix and the query), if any. */
  match(method: string, path: string): RouteMatch | undefined {
    const segments = splitPath(path);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== segments.length) {
        continue;
      }
      const params = matchSegments(route.segments, segments);
      if (params !== undefined) {
        return { handler: route.handler, params };
      }
    }
    return undefined;
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [index, expected] of pattern.entries()) {
    const segment = actual[index] ?? '';
    if (expected.startsWith(':')) {
      params[expected.slice(1)] = decodeSegment(segment);
    } else if (expected !== segment) {
      return undefined;
    }
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`Malformed URL segment: ${segment}`);
  }
}

// Fault injection for tests: rules that make matching requests fail the way Daytona's cloud can
// (429 with or without Retry-After, 5xx, 400 quota, hangs, connection resets, dropped log WebSockets).
// Tests in this process call `add`; tests in another process POST rules to /_forge/faults. Off unless the
// backend was started with `faults: true` (`forge local serve --faults`, the test harnesses): a live
// fault endpoint lets anyone with the key make the backend lie to the extension.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketFault } from './contracts';
import { ApiError, apiErrorBody, badRequest } from './http/errors';

/**
 * v0.190's answer to a create over the organisation's quota: a 400 BadRequestError (apps/api/src/sandbox/services/
 * sandbox.service.ts, UPGRADE_TIER_MESSAGE in common/constants/error-messages.ts; the dashboard URL is configuration).
 */
export const QUOTA_MESSAGE = "Total CPU limit exceeded. Maximum allowed: 10.\nTo increase concurrency limits, upgrade your organization's Tier by visiting https://app.daytona.io/dashboard/limits.";

export type FaultEffect =
  /** Answer with this status; the body defaults to Daytona's error shape for the status. */
  | { readonly kind: 'respond'; readonly status: number; readonly body?: unknown; readonly headers?: Readonly<Record<string, string>> }
  /** 429 "ThrottlerException: Too Many Requests", with `Retry-After` when given. */
  | { readonly kind: 'rateLimit'; readonly retryAfterSeconds?: number }
  /** 400 with Daytona's organisation quota message (v0.190 answers quota as a bad request, not 403). */
  | { readonly kind: 'quota'; readonly message?: string }
  /** End the connection without an answer. */
  | { readonly kind: 'close' }
  /** Destroy the socket (the client sees ECONNRESET / "socket hang up"). */
  | { readonly kind: 'reset' }
  /** Handle the request normally (use with `delayMs` for a slow answer). */
  | { readonly kind: 'pass' }
  /** For toolbox log WebSockets: the toolbox drops the socket after this many bytes or milliseconds. */
  | { readonly kind: 'dropWebSocket'; readonly afterBytes?: number; readonly afterMs?: number };

export interface FaultRule {
  /** HTTP method to match (any when absent). */
  readonly method?: string;
  /** Regular expression (source) tested against the request path without the query, e.g. `^/api/sandbox$`. */
  readonly path: string;
  /** How many matching requests the rule affects before it expires: a count (default 1) or `always`. */
  readonly times?: number | 'always';
  /** Hang this long before the effect. */
  readonly delayMs?: number;
  readonly effect: FaultEffect;
}


interface ActiveRule {
  readonly rule: FaultRule;
  readonly pattern: RegExp;
  remaining: number;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly enabled = false) {}

  add(rule: FaultRule): void {
    if (!this.enabled) {
      throw new ApiError(404, 'Fault injection is off: start the backend with faults enabled (forge local serve --faults).');
    }
    let pattern: RegExp;
    try {
      pattern = new RegExp(rule.path);
    } catch (error) {
      throw badRequest(`path is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`);
    }
    const times = rule.times ?? 1;
    this.rules.push({ rule, pattern, remaining: times === 'always' ? Number.POSITIVE_INFINITY : times });
  }

  clear(): void {
    this.rules = [];
  }

  /** Removes this rule (the same object given to add), leaving the others: a fault that ends on its own. */
  remove(rule: FaultRule): void {
    this.rules = this.rules.filter((active) => active.rule !== rule);
  }

  list(): FaultRule[] {
    return this.rules.map((active) => active.rule);
  }

  /** Takes the first request-level rule that matches (dropWebSocket rules are left for the toolbox). */
  take(method: string, path: string): FaultRule | undefined {
    return this.consume((rule) => rule.effect.kind !== 'dropWebSocket', method, path);
  }

  /** Asked by the toolbox when it opens a log WebSocket at `path`. */
  takeWebSocketFault(path: string): WebSocketFault | undefined {
    const rule = this.consume((candidate) => candidate.effect.kind === 'dropWebSocket', 'GET', path);
    if (rule?.effect.kind !== 'dropWebSocket') {
      return undefined;
    }
    const { afterBytes, afterMs } = rule.effect;
    return { ...(afterBytes === undefined ? {} : { afterBytes }), ...(afterMs === undefined ? {} : { afterMs }) };
  }

  /** Applies a rule to an HTTP request. Returns true when the fault answered (or killed) the request. */
  async applyHttp(rule: FaultRule, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    await this.delay(rule.delayMs);
    const effect = rule.effect;
    switch (effect.kind) {
      case 'pass':
      case 'dropWebSocket':
        return false;
      case 'close':
        req.socket.end();
        return true;
      case 'reset':
        req.socket.destroy();
        return true;
      default: {
        const answer = faultAnswer(effect, path);
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
        res.end(answer.body);
        return true;
      }
    }
  }

  /** Applies a rule to a WebSocket upgrade request. Returns true when the fault handled the socket. */
  async applyUpgrade(rule: FaultRule, socket: Duplex, path: string): Promise<boolean> {
    await this.delay(rule.delayMs);
    const effect = rule.effect;
    switch (effect.kind) {
      case 'pass':
      case 'dropWebSocket':
        return false;
      case 'close':
        socket.end();
        return true;
      case 'reset':
        socket.destroy();
        return true;
      default: {
        const answer = faultAnswer(effect, path);
        const headers = Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
        socket.end(`HTTP/1.1 ${answer.status} Fault\r\nContent-Type: application/json\r\n${headers}Content-Length: ${Buffer.byteLength(answer.body)}\r\nConnection: close\r\n\r\n${answer.body}`);
        return true;
      }
    }
  }

  /** Cancels pending hangs (server shutdown). */
  dispose(): void {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
    this.rules = [];
  }

  private consume(filter: (rule: FaultRule) => boolean, method: string, path: string): FaultRule | undefined {
    const active = this.rules.find(
      (candidate) => filter(candidate.rule) && (candidate.rule.method ?? method).toUpperCase() === method.toUpperCase() && candidate.pattern.test(path),
    );
    if (active === undefined) {
      return undefined;
    }
    active.remaining -= 1;
    if (active.remaining <= 0) {
      this.rules = this.rules.filter((candidate) => candidate !== active);
    }
    return active.rule;
  }

  private delay(ms: number | undefined): Promise<void> {
    if (ms === undefined || ms <= 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function faultAnswer(effect: Exclude<FaultEffect, { kind: 'close' | 'reset' | 'pass' | 'dropWebSocket' }>, path: string): { status: number; body: string; headers: Record<string, string> } {
  switch (effect.kind) {
    case 'rateLimit':
      return {
        status: 429,
        body: JSON.stringify(apiErrorBody(path, 429, 'ThrottlerException: Too Many Requests')),
        headers: effect.retryAfterSeconds === undefined ? {} : { 'retry-after': String(effect.retryAfterSeconds) },
      };
    case 'quota':
      return { status: 400, body: JSON.stringify(apiErrorBody(path, 400, effect.message ?? QUOTA_MESSAGE)), headers: {} };
    case 'respond': {
      const body = effect.body === undefined ? apiErrorBody(path, effect.status, defaultMessage(effect.status)) : effect.body;
      return { status: effect.status, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { ...effect.headers } };
    }
  }
}

function defaultMessage(status: number): string {
  switch (status) {
    case 500: return 'Internal server error';
    case 502: return 'Bad gateway';
    case 503: return 'Service unavailable';
    default: return `Injected fault ${status}`;
  }
}

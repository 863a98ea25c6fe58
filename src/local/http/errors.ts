// Daytona's management-API error shape (NestJS AllExceptionsFilter): {path, timestamp, statusCode, error, message}.
// The SDK turns `message` into the error text and picks the error class from `statusCode`.
import { STATUS_CODES, type ServerResponse } from 'node:http';

/** An error that becomes a Daytona-shaped HTTP answer. Throw it from any route handler. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(statusCode: number, message: string, headers: Readonly<Record<string, string>> = {}) {
    super(message);
    this.statusCode = statusCode;
    this.headers = headers;
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, message);
export const notFound = (message: string): ApiError => new ApiError(404, message);
export const conflict = (message: string): ApiError => new ApiError(409, message);

export const sandboxNotFound = (idOrName: string): ApiError => notFound(`Sandbox with ID or name ${idOrName} not found`);

export interface ApiErrorBody {
  readonly path: string;
  readonly timestamp: string;
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
}

export function apiErrorBody(path: string, statusCode: number, message: string): ApiErrorBody {
  return { path, timestamp: new Date().toISOString(), statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

/** Answers with the Daytona error body. `path` is the request path without its query (queries may carry tokens). */
export function sendApiError(res: ServerResponse, path: string, error: ApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(apiErrorBody(path, error.statusCode, error.message));
  res.writeHead(error.statusCode, { ...error.headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

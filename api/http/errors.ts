import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isConnectionError } from '../db/database.ts';

/**
 * Every error leaves the API as `{ "error": { "code", "message", "details"? } }`: a stable code for
 * programs, a sentence for people, and details (e.g. which fields were wrong) where they help.
 */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new ApiError(400, code, message, details);
export const unauthorized = (code: string, message: string) =>
  new ApiError(401, code, message, undefined, { 'WWW-Authenticate': 'Bearer realm="ruche"' });
export const forbidden = (code: string, message: string) => new ApiError(403, code, message);
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} does not exist, or you cannot see it.`);
export const conflict = (code: string, message: string, details?: unknown) => new ApiError(409, code, message, details);

export function errorResponse(c: Context, error: ApiError): Response {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json(body, error.status);
}

/** When each cause of a 503 was last logged: an outage answers hundreds, the log needs each cause once in a while. */
const unavailableLoggedAt = new Map<string, number>();
const UNAVAILABLE_LOG_EVERY_MS = 5_000;

function logUnavailable(c: Context, error: Error): void {
  const code = String((error as { code?: unknown }).code);
  const now = Date.now();
  if (now - (unavailableLoggedAt.get(code) ?? -Infinity) < UNAVAILABLE_LOG_EVERY_MS) return;
  unavailableLoggedAt.set(code, now);
  console.error(`[ruche] database unavailable (${code}: ${error.message}) on ${c.req.method} ${c.req.path}`);
}

/** The app's onError: known errors keep their status; an unreachable database is a 503, anything else a 500. */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof ApiError) return errorResponse(c, error);
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    if (status === 413) return errorResponse(c, bodyTooLarge());
    const code = status === 400 ? 'malformed_request' : `http_${status}`;
    return errorResponse(c, new ApiError(status, code, error.message || 'The request could not be processed.'));
  }
  if (isConnectionError(error)) {
    logUnavailable(c, error);
    return errorResponse(
      c,
      new ApiError(503, 'database_unavailable', 'The database cannot be reached right now. Try again in a moment.', undefined, {
        'Retry-After': '5',
      }),
    );
  }
  console.error('[ruche] unexpected error on', c.req.method, c.req.path, error);
  return errorResponse(c, new ApiError(500, 'internal_error', 'Something went wrong on the server. It has been logged.'));
}

export const bodyTooLarge = () =>
  new ApiError(413, 'body_too_large', 'The request body is larger than this server accepts.');

import { OpenAPIHono, z, type Hook } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { errorResponse, ApiError } from './errors.ts';

export { z };

// Control characters never belong in what people write; tab and newlines do in long text.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAKS = /[\r\n\t\u2028\u2029]/;
// Direction overrides can disguise a name or a link ("gpj.exe" shown as "exe.jpg").
const BIDI_OVERRIDES = /[\u202A-\u202E\u2066-\u2069]/;

/** A one-line text (a name, a title): trimmed, normalised, without control characters. */
export function line(max: number, min = 1) {
  return z
    .string()
    .transform((value) => value.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
        .max(max, `must be at most ${max} characters`)
        .refine((value) => !CONTROL_CHARACTERS.test(value) && !LINE_BREAKS.test(value), 'must not contain control characters or line breaks')
        .refine((value) => !BIDI_OVERRIDES.test(value), 'must not contain text-direction overrides'),
    );
}

/** A multi-line text (a description, a comment): newlines allowed, other control characters not. */
export function paragraphs(max: number, min = 0) {
  return z
    .string()
    .transform((value) => value.normalize('NFC').replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
        .max(max, `must be at most ${max} characters`)
        .refine((value) => !CONTROL_CHARACTERS.test(value), 'must not contain control characters')
        .refine((value) => !BIDI_OVERRIDES.test(value), 'must not contain text-direction overrides'),
    );
}

export const uuid = z.uuid({ message: 'must be an id (UUID)' });
/** The one slug rule (spaces, campaigns): 2 to 63 lowercase letters, digits or hyphens, starting with a letter or digit. */
export const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** A text that must follow the slug rule, refused with the message given (what the slug names). */
export const slugLike = (message: string) => z.string().regex(SLUG, message);
export const slug = slugLike('must be 2 to 63 lowercase letters, digits or hyphens, starting with a letter or digit');
export const lang = z.enum(['fr', 'en']);
export type Lang = z.output<typeof lang>;

/** Opaque pagination cursor. */
export const cursor = z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor returned by a previous page');
export const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export function validationError(error: z.ZodError, where: string): ApiError {
  const details = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || where,
    message: issue.message,
    code: issue.code,
  }));
  const first = details[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid input';
  return new ApiError(400, 'invalid_request', `The ${where} is not valid (${summary}).`, details);
}

/** Turns a zod failure on any part of the request into the API's 400. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (!result.success) return errorResponse(c, validationError(result.error, result.target === 'json' ? 'request body' : result.target));
  return undefined;
};

/** The query of a route that takes none: any parameter is refused, as unknown fields are. */
export const noQuery = z.strictObject({});

/**
 * A router for one feature's routes, validating with the API's error format. A route that declares
 * no query takes none (noQuery), so that a parameter nobody reads is refused rather than ignored.
 */
export const router = () => {
  const routes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const declare = routes.openapi;
  routes.openapi = ((route, handler, hook) =>
    declare({ ...route, request: { query: noQuery, ...route.request } }, handler, hook)) as typeof routes.openapi;
  return routes;
};

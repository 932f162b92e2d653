import { z } from '@hono/zod-openapi';
import type { MarkdownTree } from '../../shared/markdown/tree.ts';

/** Pieces every route's OpenAPI description repeats: the error body, JSON bodies and answers. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string().openapi({ example: 'The request body is not valid (name: must not be empty).' }),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');
export type ApiErrorBody = z.output<typeof errorSchema>;

/**
 * A text parsed into the safe markdown tree (shared/markdown/tree.ts). The document describes it
 * loosely, as a list: its exact shape is the parser's contract, which the type carries.
 */
export const markdownTree = (z.array(z.unknown()) as z.ZodType<MarkdownTree>).openapi({
  description: 'The text parsed into the safe markdown tree (shared/markdown/tree.ts)',
});

const errorDescriptions = {
  400: 'The request is not valid: see error.details',
  401: 'No identity, or an identity token that is expired, forged or malformed',
  403: 'Not allowed for this person (e.g. not a member of a closed space, not a steward)',
  404: 'Does not exist, or is not visible to this person',
  409: 'Conflicts with the current state',
  413: 'The body is larger than the server accepts',
  422: 'The Idempotency-Key was already used for a different request',
  429: 'Too many writes: wait for Retry-After seconds',
} as const;

type ErrorStatus = keyof typeof errorDescriptions;

export function errors(...statuses: ErrorStatus[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: errorDescriptions[status], content: { 'application/json': { schema: errorSchema } } },
    ]),
  ) as Record<ErrorStatus, { description: string; content: { 'application/json': { schema: typeof errorSchema } } }>;
}

export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { required: true, description, content: { 'application/json': { schema } } } as const;
}

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** Writes accept an Idempotency-Key; listed on each write so the document says so. */
export const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
    .optional()
    .openapi({ description: 'Retrying with the same key returns the first answer instead of writing twice.' }),
});

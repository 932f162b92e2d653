import { z } from '@hono/zod-openapi';

/**
 * What the author and the stewards read about a pending or hidden post (a comment or an idea);
 * nobody else gets this field. Shared by the comments' and the ideas' answers.
 */
export const moderationStateSchema = z
  .object({
    state: z.enum(['pending', 'hidden']),
    heldFor: z
      .enum(['premoderation', 'word'])
      .nullable()
      .openapi({ description: 'pending: why it waits for a steward — the space pre-moderates, or it contains a listed word' }),
    word: z.string().nullable().openapi({ description: 'pending, for stewards only (null for the author): the listed word it contains' }),
    reason: z.string().nullable().openapi({ description: 'hidden: the steward’s reason (hiding and rejecting require one)' }),
    at: z.string().nullable().openapi({ description: 'when a steward last acted on it' }),
  })
  .openapi('ModerationState', {
    description:
      'Only for the author and the stewards, on a pending or hidden post. Others get a hidden comment as a placeholder (status hidden, no author, no text) and never see pending posts nor hidden ideas',
  });
export type ModerationState = z.output<typeof moderationStateSchema>;

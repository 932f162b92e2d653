import { z } from '@hono/zod-openapi';

/** The person making the request (GET /api/me), as the widgets greet them and pick their language. */
export const meSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string().nullable(),
    dept: z.string().nullable(),
    title: z.string().nullable(),
    lang: z.enum(['fr', 'en']).nullable(),
    isAdmin: z.boolean(),
    isGuest: z.boolean(),
  })
  .openapi('Me');
export type Me = z.output<typeof meSchema>;

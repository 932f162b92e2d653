import { z } from '@hono/zod-openapi';
import { likeStateSchema } from '../comments/schemas.ts';
import { personCardSchema } from '../spaces/schemas.ts';
import { spaceSlugParam, subjectParam } from '../subjects/subjects.ts';

/** Keys in a POST /query body (which the body limit bounds too). */
export const MAX_QUERY = 1000;

export const likeBatchSchema = z
  .object({ likes: z.record(z.string(), likeStateSchema) })
  .openapi('LikeBatch', { description: 'One entry per subject asked for: a subject nobody liked (or never written about) counts 0' });
export type LikeBatch = z.output<typeof likeBatchSchema>;

export const likeQueryBody = z
  .strictObject({ space: spaceSlugParam, subjects: z.array(subjectParam).min(1).max(MAX_QUERY) })
  .openapi('LikeQuery', { description: `Up to ${MAX_QUERY} subject keys` });
/** What a widget sends to read the like counts of a list too long for a URL. */
export type LikeQuery = z.input<typeof likeQueryBody>;

export const likePeopleSchema = z.object({ count: z.number().int(), people: z.array(personCardSchema) });
export type LikePeople = z.output<typeof likePeopleSchema>;

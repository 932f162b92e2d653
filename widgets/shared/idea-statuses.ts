import type { IdeaStatus } from '../../shared/api-types.ts';

// In the order they are shown. `satisfies` keeps the list complete: a status added to the API
// (api/ideas/schemas.ts) fails the type check here until it is given its place.
const SHOWN_ORDER = { new: true, under_review: true, planned: true, in_progress: true, done: true, declined: true, merged: true } satisfies Record<
  IdeaStatus,
  true
>;

/** Every idea status, in the order the widgets show them. */
export const IDEA_STATUSES = Object.keys(SHOWN_ORDER) as IdeaStatus[];

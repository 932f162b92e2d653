import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { notFound } from '../http/errors.ts';
import type { Person } from '../people/person.ts';
import { assertCanRead, loadSpaceAccess, type Space, type SpaceAccess } from '../spaces/access.ts';
import type { SpaceSummary } from '../spaces/schemas.ts';
import { loadIdea, seesModeratedIdea, type IdeaRow, type IdeaViewer } from './store.ts';

/** The reader's rights, as the idea views need them. */
export function viewerOf(access: SpaceAccess, person: Person | null): IdeaViewer {
  return { personId: person?.id ?? null, canWrite: access.canWrite, canSteward: access.canSteward };
}

/**
 * Loads an idea with the person's rights in its space; 404 when it is not theirs to see (a pending or
 * hidden idea is its author's and the stewards' only). With `lock`, the row is locked for update —
 * only after the access is checked on an unlocked read, so that someone who may not see the idea
 * holds no lock on it — and checked again as locked.
 */
export async function ideaInContext(c: Context<AppEnv>, id: string, options: { lock?: boolean } = {}) {
  const person = c.var.person;
  const db = c.var.db;
  const visible = (found: IdeaRow | null, viewer?: IdeaViewer): found is IdeaRow =>
    found !== null && (!viewer || found.moderation === 'published' || seesModeratedIdea(found, viewer));
  let row = await loadIdea(db, id, person?.id ?? null);
  if (!visible(row)) throw notFound('This idea');
  const access = await loadSpaceAccess(db, person, { id: row.spaceId }, c.var.deps.config.auth.anonymousRead);
  const viewer = viewerOf(access, person);
  if (!visible(row, viewer)) throw notFound('This idea');
  assertCanRead(access, person);
  if (options.lock) {
    row = await loadIdea(db, id, person?.id ?? null, { lock: true });
    if (!visible(row, viewer)) throw notFound('This idea');
  }
  return { row, access, viewer };
}

export function spaceSummary(space: Space): SpaceSummary {
  return {
    id: space.id,
    slug: space.slug,
    name: space.name,
    visibility: space.visibility,
    lang: space.lang,
    answerPromiseHours: space.answerPromiseHours,
  };
}


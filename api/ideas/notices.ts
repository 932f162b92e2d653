import type { Db } from '../db/database.ts';
import { followersOf } from '../notifications/follows-store.ts';
import { notify, type InboxLive } from '../notifications/store.ts';
import type { IdeaStatus } from './schemas.ts';
import { ideaAudience } from './store.ts';

/**
 * An idea's status changed, or it was merged into another: its author, its voters and its followers
 * are told. The steward who decided is not named (the idea's history says what was decided, and
 * why) and is not told of their own decision.
 */
export async function tellStatusChange(
  db: Db,
  live: InboxLive,
  idea: { id: string; spaceId: string },
  change: { to: IdeaStatus; reason: string | null; mergedInto?: string | undefined },
  stewardId: string,
): Promise<void> {
  const to = [...(await ideaAudience(db, idea.id)), ...(await followersOf(db, { idea: idea.id }))];
  const merged = change.to === 'merged' && change.mergedInto !== undefined;
  await notify(db, {
    kind: merged ? 'idea_merged' : 'idea_status',
    to,
    spaceId: idea.spaceId,
    target: { kind: 'idea', id: idea.id },
    actorId: null,
    notTo: stewardId,
    reason: change.reason,
    detail: merged ? { mergedInto: change.mergedInto } : { status: change.to },
    // A status changed twice before it was read says the latest one, once.
    group: `idea_news:${idea.id}`,
  }, live);
}

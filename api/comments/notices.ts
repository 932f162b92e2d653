import type { Db } from '../db/database.ts';
import { followersOf } from '../notifications/follows-store.ts';
import { notify, type InboxLive } from '../notifications/store.ts';

/** What the notices need of a comment (a CommentRow has it). */
interface Posted {
  id: string;
  spaceId: string;
  rootId: string;
  authorId: string | null;
  isQuestion: boolean;
}

/**
 * Who is told that a comment was published (at once, or when a steward let it through): the author
 * of what it answers (an answer, for a question's asker; a reply otherwise), the thread's
 * followers, and for a new thread, the space's followers. Each hears it once, the writer never.
 */
export async function tellPublished(db: Db, live: InboxLive | undefined, row: Posted, parent: Posted | null): Promise<void> {
  const target = { kind: 'comment' as const, id: row.id };
  if (!parent) {
    const followers = await followersOf(db, { space: row.spaceId });
    await notify(db, { kind: 'new_thread', to: followers, spaceId: row.spaceId, target, actorId: row.authorId, group: `new_thread:${row.spaceId}` }, live);
    return;
  }
  const thread = row.rootId;
  const answered = parent.authorId ? [parent.authorId] : [];
  if (parent.authorId) {
    const kind = parent.isQuestion ? 'answer' : 'reply';
    await notify(db, { kind, to: answered, spaceId: row.spaceId, target, actorId: row.authorId, group: `${kind}:${parent.id}`, thread }, live);
  }
  const followers = (await followersOf(db, { thread })).filter((id) => !answered.includes(id));
  await notify(db, { kind: 'reply', to: followers, spaceId: row.spaceId, target, actorId: row.authorId, group: `reply:thread:${thread}`, thread }, live);
}

/** An answer accepted: its author is told, and the asker when a steward accepted it for them. */
export async function tellAccepted(db: Db, live: InboxLive | undefined, question: Posted, answer: Posted, acceptedBy: string): Promise<void> {
  const to = [answer.authorId, question.authorId].filter((id): id is string => id !== null);
  await notify(db, { kind: 'answer_accepted', to, spaceId: question.spaceId, target: { kind: 'comment', id: answer.id }, actorId: acceptedBy, thread: question.id }, live);
}

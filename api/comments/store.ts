import type { MarkdownTree } from '../../shared/markdown/tree.ts';
import { markdownColumn } from '../db/markdown.ts';
import { setCountedMark, type CountedMark } from '../db/marks.ts';
import type { Db } from '../db/database.ts';
import type { LiveBus } from '../events/bus.ts';
import { holdFor, type Hold } from '../moderation/settings-store.ts';
import { followByWriting } from '../notifications/follows-store.ts';
import { tellPublished } from './notices.ts';
import type { Comment, Thread } from './schemas.ts';
import { uuidKeyCursor } from '../http/cursor.ts';

/** A comment as stored, with its author's card. */
export interface CommentRow {
  id: string;
  subjectId: string;
  spaceId: string;
  parentId: string | null;
  rootId: string;
  depth: number;
  authorId: string | null;
  authorName: string | null;
  authorDept: string | null;
  authorTitle: string | null;
  body: string;
  tree: MarkdownTree;
  status: Comment['status'];
  isQuestion: boolean;
  acceptedAnswerId: string | null;
  answeredAt: Date | null;
  likeCount: number;
  /** Moved by every change to the comment (a trigger): tells an older state from a newer one. */
  version: number;
  createdAt: Date;
  editedAt: Date | null;
  /** Why a pending comment waits for a steward. */
  heldFor: 'premoderation' | 'word' | null;
  heldWord: string | null;
  /** The steward's reason for hiding or refusing it. */
  moderationReason: string | null;
  moderatedAt: Date | null;
}

export const COMMENT_COLUMNS = `
  c.id, c.subject_id, c.space_id, c.parent_id, c.root_id, c.depth, c.body, c.tree, c.status, c.is_question,
  c.accepted_answer_id, c.answered_at, c.like_count, c.version, c.created_at, c.edited_at,
  c.held_for, c.held_word, c.moderation_reason, c.moderated_at,
  p.id as author_id, p.name as author_name, p.dept as author_dept, p.title as author_title`;

/** Who reads a comment: its author and the space's stewards see it while it waits or is hidden. */
export interface CommentViewer {
  personId: string | null;
  canSteward: boolean;
}

/** Whether this viewer sees a pending or hidden comment's words: its author and the stewards do. */
export function seesModerated(row: Pick<CommentRow, 'authorId'>, viewer: CommentViewer | undefined): boolean {
  if (!viewer) return false;
  return viewer.canSteward || (viewer.personId !== null && row.authorId === viewer.personId);
}

/**
 * The API's view of a comment. What was deleted keeps its place, not its words or author; so does
 * what was hidden, except for its author and the stewards, who also read why (`moderation`). A
 * pending comment is its author's and the stewards' (marked as waiting); anyone else meets one only
 * where an edit sent a published comment back to the stewards under published replies, and then
 * as a hidden one.
 */
export function commentView(row: CommentRow, likedByMe = false, viewer?: CommentViewer): Comment {
  const insider = (row.status === 'hidden' || row.status === 'pending') && seesModerated(row, viewer);
  const gone = row.status === 'deleted' || ((row.status === 'hidden' || row.status === 'pending') && !insider);
  const moderation = insider
    ? {
        moderation: {
          state: row.status as 'hidden' | 'pending',
          heldFor: row.status === 'pending' ? row.heldFor : null,
          // The word list is the stewards' own: authors are told their post waits, not which word.
          word: row.status === 'pending' && viewer?.canSteward ? row.heldWord : null,
          reason: row.status === 'hidden' ? row.moderationReason : null,
          at: row.moderatedAt?.toISOString() ?? null,
        },
      }
    : {};
  return {
    id: row.id,
    subjectId: row.subjectId,
    parentId: row.parentId,
    author: gone || !row.authorId ? null : { id: row.authorId, name: row.authorName!, dept: row.authorDept, title: row.authorTitle },
    body: gone ? '' : row.body,
    tree: gone ? [] : row.tree,
    status: row.status === 'pending' && !insider ? 'hidden' : row.status,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    likeCount: row.likeCount,
    likedByMe,
    version: row.version,
    isQuestion: row.isQuestion,
    acceptedAnswerId: row.acceptedAnswerId,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    ...moderation,
  };
}

export async function loadComment(db: Db, id: string, options: { lock?: boolean } = {}): Promise<CommentRow | null> {
  const [row] = await db.unsafe<CommentRow[]>(
    `select ${COMMENT_COLUMNS} from comments c left join people p on p.id = c.author_id where c.id = $1
     ${options.lock ? 'for update of c' : ''}`,
    [id],
  );
  return row ?? null;
}

export async function likedBy(db: Db, personId: string | null, commentIds: readonly string[]): Promise<Set<string>> {
  if (!personId || commentIds.length === 0) return new Set();
  const rows = await db<{ commentId: string }[]>`
    select comment_id from comment_likes where person_id = ${personId} and comment_id = any(${commentIds as string[]}::uuid[])`;
  return new Set(rows.map((r) => r.commentId));
}

/**
 * A page of threads: top-level comments in the asked order, each with all its replies. Deleted or
 * hidden comments stay as placeholders only where a published reply hangs below them. Pending
 * comments, and hidden ones in full, are shown only to their author and the space's stewards (a
 * pending comment others meet — an edit waiting under published replies — is a hidden placeholder).
 */
export async function loadThreads(
  db: Db,
  options: {
    subjectId: string;
    viewerId: string | null;
    canSteward?: boolean;
    sort: 'newest' | 'oldest';
    after: string | null;
    limit: number;
  },
): Promise<{ threads: Thread[]; nextCursor: string | null }> {
  const viewer: CommentViewer = { personId: options.viewerId, canSteward: options.canSteward === true };
  const newest = options.sort === 'newest';
  const order = newest ? 'desc' : 'asc';
  const comparison = newest ? '<' : '>';
  const roots = await db.unsafe<CommentRow[]>(
    `select ${COMMENT_COLUMNS}
       from comments c left join people p on p.id = c.author_id
      where c.subject_id = $1 and c.parent_id is null
        ${options.after ? `and (c.created_at, c.id) ${comparison} (select created_at, id from comments where id = $3)` : 'and $3::uuid is null'}
      order by c.created_at ${order}, c.id ${order}
      limit $2`,
    [options.subjectId, options.limit + 1, options.after],
  );
  const more = roots.length > options.limit;
  const page = roots.slice(0, options.limit);
  const replies = page.length
    ? await db.unsafe<CommentRow[]>(
        `select ${COMMENT_COLUMNS}
           from comments c left join people p on p.id = c.author_id
          where c.root_id = any($1::uuid[]) and c.parent_id is not null
          order by c.created_at, c.id`,
        [page.map((r) => r.id)],
      )
    : [];

  const liked = await likedBy(db, options.viewerId, [...page, ...replies].map((r) => r.id));
  const children = new Map<string, CommentRow[]>();
  for (const reply of replies) children.set(reply.parentId!, [...(children.get(reply.parentId!) ?? []), reply]);
  const keep = new Map<string, boolean>();
  const worthShowing = (row: CommentRow): boolean => {
    let known = keep.get(row.id);
    if (known === undefined) {
      known =
        row.status === 'published' ||
        ((row.status === 'pending' || row.status === 'hidden') && seesModerated(row, viewer)) ||
        (children.get(row.id) ?? []).some(worthShowing);
      keep.set(row.id, known);
    }
    return known;
  };

  const threads = page.filter(worthShowing).map((root) => ({
    ...commentView(root, liked.has(root.id), viewer),
    replies: replies.filter((r) => r.rootId === root.id && worthShowing(r)).map((r) => commentView(r, liked.has(r.id), viewer)),
  }));
  const last = page[page.length - 1];
  return { threads, nextCursor: more && last ? uuidKeyCursor.encode({ last: last.id }) : null };
}

export async function publishedCount(db: Db, subjectId: string): Promise<number> {
  const [row] = await db<{ count: number }[]>`
    select count(*)::int as count from comments where subject_id = ${subjectId} and status = 'published'`;
  return row?.count ?? 0;
}

/**
 * Publishes a change to a comment on its subject's live stream (in the caller's transaction). The
 * event names the comment only: what it says is read as the event is sent (./live.ts), so an event
 * never keeps words that were later edited, hidden, deleted or erased.
 */
export async function publishComment(
  db: Db,
  bus: LiveBus,
  afterCommit: (() => void)[],
  type: 'comment.created' | 'comment.updated' | 'comment.deleted',
  row: Pick<CommentRow, 'id' | 'spaceId' | 'subjectId'>,
  subjectKey: string,
): Promise<void> {
  await bus.record(db, afterCommit, { spaceId: row.spaceId, subjectId: row.subjectId, type, payload: { subject: subjectKey, comment: { id: row.id } } });
}

/**
 * A comment left its question's answers (deleted, hidden, refused, its author erased) or came back
 * (restored): the question keeps step. An accepted answer no longer shown is accepted no more, and
 * the answer clock stops at the first answer by someone else still shown (none: it runs again).
 * Each change goes out live (`comment.accepted`, `comment.updated`). Call after the status changed.
 */
export async function settleQuestionOf(db: Db, bus: LiveBus, afterCommit: (() => void)[], commentId: string, subjectKey: string): Promise<void> {
  const [question] = await db<{ id: string; spaceId: string; subjectId: string; acceptedAnswerId: string | null; answeredAt: Date | null }[]>`
    select q.id, q.space_id, q.subject_id, q.accepted_answer_id, q.answered_at
      from comments a join comments q on q.id = a.parent_id
     where a.id = ${commentId} and q.is_question
       for update of q`;
  if (!question) return;
  // When each remaining answer became visible: an approved one when a steward let it through.
  const [settled] = await db<{ acceptedAnswerId: string | null; answeredAt: Date | null }[]>`
    with first as (
      select min(case when a.held_for is null then a.created_at else coalesce(a.moderated_at, a.created_at) end) as at
        from comments a join comments q on q.id = a.parent_id
       where q.id = ${question.id} and a.status = 'published' and a.author_id is distinct from q.author_id)
    update comments q
       set accepted_answer_id = case when exists (select 1 from comments a where a.id = q.accepted_answer_id and a.status = 'published')
                                     then q.accepted_answer_id end,
           answered_at = case when first.at is null then null
                              when q.answered_at is null or first.at > q.answered_at then first.at
                              else q.answered_at end
      from first
     where q.id = ${question.id}
    returning q.accepted_answer_id, q.answered_at`;
  if (settled!.acceptedAnswerId !== question.acceptedAnswerId) {
    await bus.record(db, afterCommit, {
      spaceId: question.spaceId,
      subjectId: question.subjectId,
      type: 'comment.accepted',
      payload: { subject: subjectKey, questionId: question.id, acceptedAnswerId: settled!.acceptedAnswerId, comment: { id: question.id } },
    });
  }
  if (settled!.answeredAt?.getTime() !== question.answeredAt?.getTime()) {
    await publishComment(db, bus, afterCommit, 'comment.updated', question, subjectKey);
  }
}

/**
 * Writes a comment, a reply, a question or an answer, with its live events: the one way comments
 * enter the database (the comments API and "ask the experts" both use it). In a Q&A subject a
 * top-level comment is a question, and the first answer by someone other than the asker stops the
 * question's answer-time clock.
 *
 * Where the space pre-moderates, or the text contains a word of its list, the comment is written
 * `pending`: only its author and the stewards see it, it counts nowhere, stops no clock and goes
 * out on no live stream until a steward approves it (`publishApproved`).
 */
export async function insertComment(
  db: Db,
  bus: LiveBus,
  afterCommit: (() => void)[],
  comment: {
    subject: { id: string; key: string; mode: 'discussion' | 'qa' | null };
    spaceId: string;
    /** The comment replied to, locked by the caller; null for a top-level comment. */
    parent: CommentRow | null;
    authorId: string;
    body: string;
  },
): Promise<CommentRow> {
  const { subject, parent } = comment;
  const isQuestion = subject.mode === 'qa' && !parent;
  const hold = await holdFor(db, { spaceId: comment.spaceId, authorId: comment.authorId, text: comment.body });
  const [inserted] = await db<{ id: string }[]>`
    insert into comments (subject_id, space_id, parent_id, root_id, depth, author_id, body, tree, is_question, status, held_for, held_word)
    values (${subject.id}, ${comment.spaceId}, ${parent?.id ?? null}, ${parent?.rootId ?? null}, ${parent ? parent.depth + 1 : 0},
            ${comment.authorId}, ${comment.body}, ${markdownColumn(db, comment.body)}, ${isQuestion},
            ${hold ? 'pending' : 'published'}, ${hold?.heldFor ?? null}, ${hold?.word ?? null})
    returning id`;
  if (!parent) await db`update comments set root_id = id where id = ${inserted!.id}`;
  const row = (await loadComment(db, inserted!.id))!;
  await followByWriting(db, comment.authorId, { thread: row.rootId });
  if (!hold) await announcePublished(db, bus, afterCommit, row, parent, subject.key);
  return row;
}

/**
 * A pending comment approved by a steward: published now, and from now on like any other (it stops
 * its question's clock, it goes out as `comment.created`). The caller checks it is pending.
 */
export async function publishApproved(
  db: Db,
  bus: LiveBus,
  afterCommit: (() => void)[],
  row: CommentRow,
  subjectKey: string,
): Promise<CommentRow> {
  await db`update comments set status = 'published', moderated_at = now() where id = ${row.id}`;
  const parent = row.parentId ? await loadComment(db, row.parentId, { lock: true }) : null;
  const published = (await loadComment(db, row.id))!;
  await announcePublished(db, bus, afterCommit, published, parent, subjectKey);
  return published;
}

/** What follows a comment's publication: the answer clock of the question it answers, and its live event. */
async function announcePublished(
  db: Db,
  bus: LiveBus,
  afterCommit: (() => void)[],
  row: CommentRow,
  parent: CommentRow | null,
  subjectKey: string,
): Promise<void> {
  if (parent?.isQuestion && parent.authorId !== row.authorId && !parent.answeredAt) {
    await db`update comments set answered_at = now() where id = ${parent.id}`;
    await publishComment(db, bus, afterCommit, 'comment.updated', (await loadComment(db, parent.id))!, subjectKey);
  }
  await publishComment(db, bus, afterCommit, 'comment.created', row, subjectKey);
  await tellPublished(db, { bus, afterCommit }, row, parent);
}

/** Its author's new words, with their markdown tree; the caller publishes the change. */
export async function updateCommentBody(db: Db, id: string, body: string): Promise<void> {
  await db`update comments set body = ${body}, tree = ${markdownColumn(db, body)}, edited_at = now() where id = ${id}`;
}

/** Sends a comment back to the stewards (`pending`), for the reason the space's rules gave. */
export async function holdComment(db: Db, id: string, hold: Hold): Promise<void> {
  await db`update comments set status = 'pending', held_for = ${hold.heldFor}, held_word = ${hold.word} where id = ${id}`;
}

/** Its author withdrew it: it keeps its place in the thread, not its words. */
export async function markCommentDeleted(db: Db, id: string): Promise<void> {
  await db`update comments set status = 'deleted', body = '', tree = '[]'::jsonb, deleted_at = now() where id = ${id}`;
}

/** The question's accepted answer, or none. */
export async function setAcceptedAnswer(db: Db, questionId: string, answerId: string | null): Promise<void> {
  await db`update comments set accepted_answer_id = ${answerId} where id = ${questionId}`;
}

const commentLikes: CountedMark = { marks: 'comment_likes', markedColumn: 'comment_id', things: 'comments', countColumn: 'like_count' };

/**
 * Adds or takes back a person's like of a comment and returns the comment's count, or null when
 * nothing changed (liked twice, unliked twice). The caller holds the comment's row lock.
 */
export const setCommentLiked = (db: Db, commentId: string, personId: string, like: boolean): Promise<number | null> =>
  setCountedMark(db, commentLikes, commentId, personId, like);

/** A steward hid (or refused) the comment, saying why. */
export async function hideComment(db: Db, id: string, reason: string | null): Promise<void> {
  await db`update comments set status = 'hidden', moderation_reason = ${reason}, moderated_at = now() where id = ${id}`;
}

/** A steward put a hidden comment back. */
export async function restoreComment(db: Db, id: string): Promise<void> {
  await db`update comments set status = 'published', moderation_reason = null, moderated_at = now() where id = ${id}`;
}

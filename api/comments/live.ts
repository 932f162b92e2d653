import type { Db } from '../db/database.ts';
import type { LiveEventRow } from '../events/bus.ts';
import { COMMENT_COLUMNS, commentView, type CommentRow } from './store.ts';

const commentId = (row: LiveEventRow): string | null => {
  const id = row.type.startsWith('comment.') ? (row.payload.comment as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === 'string' ? id : null;
};

/**
 * Events about comments are stored with the comment's id only (store.ts, publishComment). As they are
 * sent, live or replayed to a client that reconnects, each gets its comment as it is now and as
 * everyone may read it (commentView without a viewer): a comment hidden or deleted since is a
 * placeholder, an erased author is nobody, an edit shows its last words; `comment.accepted` gets
 * its question and the question's accepted answer as they are now. An event about a comment that no
 * longer exists is dropped. One query for all the rows.
 */
export async function withCurrentComments(db: Db, rows: readonly LiveEventRow[]): Promise<LiveEventRow[]> {
  const ids = [...new Set(rows.map(commentId).filter((id) => id !== null))];
  if (ids.length === 0) return [...rows];
  const found = await db.unsafe<CommentRow[]>(
    `select ${COMMENT_COLUMNS} from comments c left join people p on p.id = c.author_id where c.id = any($1::uuid[])`,
    [ids],
  );
  const byId = new Map(found.map((comment) => [comment.id, comment]));
  return rows.flatMap((row) => {
    const id = commentId(row);
    if (id === null) return [row];
    const comment = byId.get(id);
    if (!comment) return [];
    const payload: LiveEventRow['payload'] = { ...row.payload, comment: commentView(comment) };
    if (row.type === 'comment.accepted') payload.acceptedAnswerId = comment.acceptedAnswerId;
    return [{ ...row, payload }];
  });
}

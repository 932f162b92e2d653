import { excerpt } from '../../shared/markdown/excerpt.ts';
import { plainText } from '../../shared/markdown/parse.ts';
import type { MarkdownTree } from '../../shared/markdown/tree.ts';
import type { Db } from '../db/database.ts';
import { uuidKeyCursor } from '../http/cursor.ts';

/**
 * What a person is told about their own posts: hidden (and why), restored, approved, refused (and
 * why), edited by a steward. The steward who acted is never named here: the audit log tells the stewards, not authors.
 * (Experts have their own notifications, GET /api/experts/notifications: questions they are asked.)
 */
export type NotificationKind = 'post_hidden' | 'post_restored' | 'post_approved' | 'post_rejected' | 'post_edited';

export async function notifyAuthor(
  db: Db,
  notice: { personId: string; kind: NotificationKind; spaceId: string; target: { kind: 'comment' | 'idea'; id: string }; reason: string | null },
): Promise<void> {
  await db`
    insert into notifications (person_id, kind, space_id, target_kind, target_id, reason)
    values (${notice.personId}, ${notice.kind}, ${notice.spaceId}, ${notice.target.kind}, ${notice.target.id}, ${notice.reason})`;
}

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  reason: string | null;
  createdAt: string;
  readAt: string | null;
  space: { slug: string; name: string };
  target:
    | { kind: 'comment'; id: string; excerpt: string; subject: { key: string; title: string | null; url: string | null } }
    | { kind: 'idea'; id: string; title: string; subjectKey: string };
}

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  reason: string | null;
  createdAt: Date;
  readAt: Date | null;
  spaceSlug: string;
  spaceName: string;
  targetKind: 'comment' | 'idea';
  targetId: string;
  commentTree: MarkdownTree | null;
  subjectKey: string | null;
  subjectTitle: string | null;
  subjectUrl: string | null;
  ideaTitle: string | null;
}

// A notification about a post that no longer exists (its space deleted, the idea gone) is not shown.
const FROM = `
  from notifications n
  join spaces s on s.id = n.space_id
  left join comments c on n.target_kind = 'comment' and c.id = n.target_id
  left join ideas i on n.target_kind = 'idea' and i.id = n.target_id
  left join subjects sb on sb.id = coalesce(c.subject_id, i.subject_id)
 where n.person_id = $1::uuid and (c.id is not null or i.id is not null)`;

export async function listNotifications(
  db: Db,
  personId: string,
  page: { limit: number; after: string | null; unreadOnly: boolean },
): Promise<{ items: NotificationView[]; unreadCount: number; nextCursor: string | null }> {
  const rows = await db.unsafe<NotificationRow[]>(
    `select n.id, n.kind, n.reason, n.created_at, n.read_at, s.slug as space_slug, s.name as space_name,
            n.target_kind, n.target_id, c.tree as comment_tree, sb.key as subject_key, sb.title as subject_title,
            sb.url as subject_url, i.title as idea_title
       ${FROM}
        and (not $3::boolean or n.read_at is null)
        and ($4::uuid is null or (n.created_at, n.id) < (select created_at, id from notifications where id = $4::uuid))
      order by n.created_at desc, n.id desc
      limit $2`,
    [personId, page.limit + 1, page.unreadOnly, page.after],
  );
  const shown = uuidKeyCursor.page(rows, page.limit, (last) => ({ last: last.id }));
  return { items: shown.rows.map(view), unreadCount: await unreadNotifications(db, personId), nextCursor: shown.nextCursor };
}

function view(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
    space: { slug: row.spaceSlug, name: row.spaceName },
    target:
      row.targetKind === 'comment'
        ? {
            kind: 'comment',
            id: row.targetId,
            excerpt: excerpt(plainText(row.commentTree ?? [])),
            subject: { key: row.subjectKey!, title: row.subjectTitle, url: row.subjectUrl },
          }
        : { kind: 'idea', id: row.targetId, title: row.ideaTitle!, subjectKey: row.subjectKey! },
  };
}

export async function unreadNotifications(db: Db, personId: string): Promise<number> {
  const [row] = await db.unsafe<{ count: number }[]>(`select count(*)::int as count ${FROM} and n.read_at is null`, [personId]);
  return row?.count ?? 0;
}

export async function markRead(db: Db, personId: string, ids: readonly string[] | undefined): Promise<void> {
  await db`
    update notifications set read_at = now()
     where person_id = ${personId} and read_at is null
       and (${ids === undefined} or id = any(${[...(ids ?? [])]}::uuid[]))`;
}

import { excerpt } from '../../shared/markdown/excerpt.ts';
import { plainText } from '../../shared/markdown/parse.ts';
import type { MarkdownTree } from '../../shared/markdown/tree.ts';
import type { Db } from '../db/database.ts';
import type { LiveBus } from '../events/bus.ts';
import { uuidKeyCursor } from '../http/cursor.ts';
import { canReadSpaceSql, personReader } from '../spaces/access-sql.ts';
import type { NotificationKind, RucheNotification, RucheNotifications } from './schemas.ts';

/**
 * The inbox: one row per thing that concerns a person. Features tell it what happened (`notify`,
 * in the transaction of the act, so a notice exists exactly when its act does); it keeps the
 * rules every notice obeys:
 *
 * - nobody is told of their own act, nor of anything in a space they may not read, nor of a
 *   thread they muted;
 * - events on the same thing while its notice is unread are one notice, counted ("3 new replies");
 * - a notice whose content the person may no longer read (a hidden comment, a space left) is not
 *   shown, nor counted. A steward's move on one's own post is shown while the post exists.
 */
export type { NotificationKind };

export interface Notice {
  kind: NotificationKind;
  /** Who to tell; the actor and anyone who may not read the space are left out here. */
  to: readonly string[];
  /** Null only for a notice about one's profile (an endorsement). */
  spaceId: string | null;
  target: { kind: 'comment' | 'idea' | 'skill'; id: string };
  /** Who acted, never named for a steward's move or an anonymous idea (pass null). */
  actorId: string | null;
  /** Left out of the recipients even when `actorId` is null (the author of an anonymous idea). */
  notTo?: string | null | undefined;
  reason?: string | null | undefined;
  detail?: Record<string, unknown> | undefined;
  /** What the notice groups on while unread: by default its kind and its target. */
  group?: string | undefined;
  /** The thread it happens in: who muted it is not told. */
  thread?: string | null | undefined;
}

const OWN_POST_KINDS = ['post_hidden', 'post_restored', 'post_approved', 'post_rejected', 'post_edited'];

/** How the open bells hear of a notice once its transaction commits (none for the demo's seeds). */
export interface InboxLive {
  bus: LiveBus;
  afterCommit: (() => void)[];
}

export async function notify(db: Db, notice: Notice, live?: InboxLive): Promise<void> {
  const to = [...new Set(notice.to)];
  if (to.length === 0) return;
  const group = notice.group ?? `${notice.kind}:${notice.target.id}`;
  const told = await db.unsafe<{ personId: string }[]>(
    `insert into notifications as n (person_id, kind, space_id, target_kind, target_id, reason, actor_id, group_key, detail)
     select person.id, $2, $3::uuid, $4, $5::uuid, $6, $7::uuid, $8, $9::jsonb
       from people person left join spaces space on space.id = $3::uuid
      where person.id = any($1::uuid[]) and person.active
        and person.id is distinct from $7::uuid and person.id is distinct from $10::uuid
        and ($3::uuid is null or ${canReadSpaceSql('space', personReader('person'))})
        and not exists (select 1 from follows f where f.person_id = person.id and f.thread_id = $11::uuid and f.muted)
     on conflict (person_id, group_key) where read_at is null do update
        set kind = excluded.kind, event_count = n.event_count + 1, target_id = excluded.target_id, actor_id = excluded.actor_id,
            reason = excluded.reason, detail = excluded.detail, updated_at = now()
     returning person_id`,
    [
      to,
      notice.kind,
      notice.spaceId,
      notice.target.kind,
      notice.target.id,
      notice.reason ?? null,
      notice.actorId,
      group,
      db.json((notice.detail ?? {}) as never),
      notice.notTo ?? null,
      notice.thread ?? null,
    ],
  );
  if (live) await live.bus.pokeInboxes(db, live.afterCommit, told.map((row) => row.personId));
}

/** A steward's move on one's post: the author is told, and why, never by whom. */
export async function notifyAuthor(
  db: Db,
  notice: { personId: string; kind: NotificationKind; spaceId: string; target: { kind: 'comment' | 'idea'; id: string }; reason: string | null },
  live?: InboxLive,
): Promise<void> {
  await notify(db, { kind: notice.kind, to: [notice.personId], spaceId: notice.spaceId, target: notice.target, actorId: null, reason: notice.reason }, live);
}

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  eventCount: number;
  reason: string | null;
  detail: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  readAt: Date | null;
  spaceSlug: string | null;
  spaceName: string | null;
  targetKind: 'comment' | 'idea' | 'skill';
  targetId: string;
  threadId: string | null;
  commentTree: MarkdownTree | null;
  subjectKey: string | null;
  subjectTitle: string | null;
  subjectUrl: string | null;
  ideaTitle: string | null;
  skillLabel: string | null;
  actorId: string | null;
  actorName: string | null;
  actorDept: string | null;
  actorTitle: string | null;
  mergedIntoTitle: string | null;
}

const TARGETS = `
  join people me on me.id = n.person_id
  left join spaces s on s.id = n.space_id
  left join comments c on n.target_kind = 'comment' and c.id = n.target_id
  left join ideas i on n.target_kind = 'idea' and i.id = n.target_id
  left join skills k on n.target_kind = 'skill' and k.id = n.target_id`;

// What the person may read now: the space, and the post as everyone sees it (their own post, for
// a steward's move on it).
const READABLE = `n.person_id = $1::uuid
   and (n.space_id is null or ${canReadSpaceSql('s', personReader('me'))})
   and (case when n.kind = any('{${OWN_POST_KINDS.join(',')}}'::text[]) then c.id is not null or i.id is not null
             else c.status = 'published' or i.moderation = 'published' or k.id is not null end)`;

export async function listNotifications(
  db: Db,
  personId: string,
  page: { limit: number; after: string | null; unreadOnly: boolean },
): Promise<RucheNotifications> {
  const rows = await db.unsafe<NotificationRow[]>(
    `select n.id, n.kind, n.event_count, n.reason, n.detail, n.created_at, n.updated_at, n.read_at,
            s.slug as space_slug, s.name as space_name, n.target_kind, n.target_id, c.root_id as thread_id,
            c.tree as comment_tree, sb.key as subject_key, sb.title as subject_title, sb.url as subject_url,
            i.title as idea_title, k.label as skill_label,
            a.id as actor_id, a.name as actor_name, a.dept as actor_dept, a.title as actor_title,
            merged.title as merged_into_title
       from notifications n ${TARGETS}
       left join subjects sb on sb.id = coalesce(c.subject_id, i.subject_id)
       left join people a on a.id = n.actor_id
       left join ideas merged on n.kind = 'idea_merged' and merged.id = i.merged_into
      where ${READABLE}
        and (not $3::boolean or n.read_at is null)
        and ($4::uuid is null or (n.updated_at, n.id) < (select updated_at, id from notifications where id = $4::uuid))
      order by n.updated_at desc, n.id desc
      limit $2`,
    [personId, page.limit + 1, page.unreadOnly, page.after],
  );
  const shown = uuidKeyCursor.page(rows, page.limit, (last) => ({ last: last.id }));
  return { items: shown.rows.map(view), unreadCount: await unreadNotifications(db, personId), nextCursor: shown.nextCursor };
}

/** Where the notice leads: the comment on its page, when Ruche has seen the page. */
function linkOf(row: NotificationRow): string | null {
  if (!row.subjectUrl) return null;
  return row.targetKind === 'comment' ? `${row.subjectUrl}#ruche-comment-${row.targetId}` : row.subjectUrl;
}

function view(row: NotificationRow): RucheNotification {
  const detail: RucheNotification['detail'] = {};
  if (typeof row.detail.status === 'string') detail.status = row.detail.status;
  if (typeof row.detail.rank === 'number') detail.rank = row.detail.rank;
  if (typeof row.detail.dueAt === 'string') detail.dueAt = row.detail.dueAt;
  if (typeof row.detail.mergedInto === 'string' && row.mergedIntoTitle !== null) detail.mergedInto = { id: row.detail.mergedInto, title: row.mergedIntoTitle };
  return {
    id: row.id,
    kind: row.kind,
    count: row.eventCount,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
    space: row.spaceSlug ? { slug: row.spaceSlug, name: row.spaceName! } : null,
    actor: row.actorId ? { id: row.actorId, name: row.actorName!, dept: row.actorDept, title: row.actorTitle } : null,
    detail,
    target:
      row.targetKind === 'comment'
        ? {
            kind: 'comment',
            id: row.targetId,
            threadId: row.threadId ?? row.targetId,
            excerpt: excerpt(plainText(row.commentTree ?? [])),
            subject: { key: row.subjectKey!, title: row.subjectTitle, url: row.subjectUrl },
          }
        : row.targetKind === 'idea'
          ? { kind: 'idea', id: row.targetId, title: row.ideaTitle!, subjectKey: row.subjectKey! }
          : { kind: 'skill', id: row.targetId, label: row.skillLabel! },
    link: linkOf(row),
  };
}

export async function unreadNotifications(db: Db, personId: string): Promise<number> {
  const [row] = await db.unsafe<{ count: number }[]>(`select count(*)::int as count from notifications n ${TARGETS} where ${READABLE} and n.read_at is null`, [personId]);
  return row?.count ?? 0;
}

export async function markRead(db: Db, personId: string, ids: readonly string[] | undefined): Promise<void> {
  await db`
    update notifications set read_at = now()
     where person_id = ${personId} and read_at is null
       and (${ids === undefined} or id = any(${[...(ids ?? [])]}::uuid[]))`;
}

/**
 * For a seeded past (the demo): each notice about a comment dated as that comment, and read if the
 * comment is older than `readAfterDays`, as its reader would have read it by now.
 */
export async function dateNoticesAsTheirComments(db: Db, { readAfterDays }: { readAfterDays: number }): Promise<void> {
  await db`
    update notifications n set created_at = c.created_at, updated_at = c.created_at,
           read_at = case when c.created_at < now() - make_interval(days => ${readAfterDays}) then c.created_at end
      from comments c where n.target_kind = 'comment' and n.target_id = c.id`;
}

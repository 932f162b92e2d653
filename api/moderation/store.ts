import type { Db } from '../db/database.ts';

/**
 * The stewards' tables: reports on comments and ideas, and the audit log of what stewards did
 * (`moderation_actions`). The space's moderation settings live with their rule, in ./settings-store.ts.
 */
export type PostKind = 'comment' | 'idea';
export type ReportResolution = 'hidden' | 'dismissed' | 'restored';
export type AuditAction = 'hide' | 'restore' | 'dismiss' | 'approve' | 'reject' | 'settings' | 'edit';

/** Reports a comment to the space's stewards; once per person (again is a no-op). */
export async function reportComment(db: Db, commentId: string, reporterId: string, reason: string | null | undefined): Promise<void> {
  await db`insert into comment_reports (comment_id, reporter_id, reason) values (${commentId}, ${reporterId}, ${reason ?? null})
           on conflict (comment_id, reporter_id) do nothing`;
}

/** Reports an idea to the space's stewards; once per person (again is a no-op). */
export async function reportIdea(db: Db, ideaId: string, reporterId: string, reason: string | null | undefined): Promise<void> {
  await db`insert into idea_reports (idea_id, reporter_id, reason) values (${ideaId}, ${reporterId}, ${reason ?? null})
           on conflict (idea_id, reporter_id) do nothing`;
}

/** How many reports on the post no steward has resolved yet. */
export async function openReports(db: Db, kind: PostKind, id: string): Promise<number> {
  const [row] =
    kind === 'comment'
      ? await db<{ count: number }[]>`select count(*)::int as count from comment_reports where comment_id = ${id} and resolved_at is null`
      : await db<{ count: number }[]>`select count(*)::int as count from idea_reports where idea_id = ${id} and resolved_at is null`;
  return row?.count ?? 0;
}

/** Closes the post's open reports with what the steward did; returns how many were closed. */
export async function resolveReports(db: Db, kind: PostKind, id: string, resolution: ReportResolution, by: string): Promise<number> {
  const rows =
    kind === 'comment'
      ? await db`update comment_reports set resolved_at = now(), resolved_by = ${by}, resolution = ${resolution}
                  where comment_id = ${id} and resolved_at is null returning 1`
      : await db`update idea_reports set resolved_at = now(), resolved_by = ${by}, resolution = ${resolution}
                  where idea_id = ${id} and resolved_at is null returning 1`;
  return rows.length;
}

/** One line of the audit log: an action on a post (with its reason) or on the space's settings (with what changed). */
export async function recordModerationAction(
  db: Db,
  entry:
    | { spaceId: string; kind: PostKind; id: string; action: AuditAction; reason: string | null; details?: unknown; actorId: string }
    | { spaceId: string; kind: 'settings'; action: 'settings'; details: unknown; actorId: string },
): Promise<void> {
  const targetId = entry.kind === 'settings' ? null : entry.id;
  const reason = entry.kind === 'settings' ? null : entry.reason;
  const details = entry.details === undefined ? null : db.json(entry.details as never);
  await db`
    insert into moderation_actions (space_id, target_kind, target_id, action, reason, details, actor_id)
    values (${entry.spaceId}, ${entry.kind}, ${targetId}, ${entry.action}, ${reason}, ${details}, ${entry.actorId})`;
}

export interface AuditRow {
  id: string;
  action: AuditAction;
  targetKind: PostKind | 'settings';
  targetId: string | null;
  reason: string | null;
  details: unknown;
  byId: string | null;
  byName: string | null;
  byDept: string | null;
  byTitle: string | null;
  createdAt: Date;
}

/** A page of the space's audit log, newest first, from before the entry `before` (a bigint as text). */
export function auditLogPage(db: Db, spaceId: string, before: string | null, limit: number): Promise<AuditRow[]> {
  return db<AuditRow[]>`
    select a.id::text as id, a.action, a.target_kind, a.target_id, a.reason, a.details,
           p.id as by_id, p.name as by_name, p.dept as by_dept, p.title as by_title, a.created_at
      from moderation_actions a left join people p on p.id = a.actor_id
     where a.space_id = ${spaceId} and (${before}::bigint is null or a.id < ${before}::bigint)
     order by a.id desc
     limit ${limit}`;
}

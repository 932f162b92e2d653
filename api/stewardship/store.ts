import type { MarkdownTree } from '../../shared/markdown/tree.ts';
import type { Db } from '../db/database.ts';
import { authorVisibleTo, type IdeaViewer } from '../ideas/store.ts';
import { personCard } from '../people/person.ts';

/**
 * A space's moderation queue: what waits for a steward (pending posts) and what people reported
 * (published or hidden posts with open reports), oldest first — the oldest report, or the moment a
 * pending post was written. Reporters are not named (reporting must be safe); the reasons are shown.
 * Anonymous ideas keep their anonymity here as everywhere: no author, and the day only.
 */
export interface QueueItem {
  kind: 'comment' | 'idea';
  id: string;
  state: 'pending' | 'reported';
  status: 'published' | 'pending' | 'hidden';
  since: string;
  heldFor: 'premoderation' | 'word' | null;
  word: string | null;
  reports: { count: number; reasons: { reason: string; at: string }[] };
  author: ReturnType<typeof personCard> | null;
  anonymous: boolean;
  createdAt: string;
  createdAtPrecision: 'exact' | 'day';
  /** A comment's text, or an idea's title and description. */
  title: string | null;
  body: string;
  tree: MarkdownTree;
  subject: { key: string; title: string | null; url: string | null };
  parentId: string | null;
  isQuestion: boolean;
}

interface ReportRow {
  targetId: string;
  reason: string;
  createdAt: Date;
}

const REASONS_SHOWN = 20;

interface Row {
  id: string;
  status: 'published' | 'pending' | 'hidden';
  heldFor: 'premoderation' | 'word' | null;
  heldWord: string | null;
  createdAt: Date;
  authorId: string | null;
  authorName: string | null;
  authorDept: string | null;
  authorTitle: string | null;
  body: string;
  tree: MarkdownTree;
  title: string | null;
  anonymous: boolean;
  authorVisibleToStewards: boolean;
  subjectKey: string;
  subjectTitle: string | null;
  subjectUrl: string | null;
  parentId: string | null;
  isQuestion: boolean;
}

const DAY_MS = 86_400_000;

export async function loadQueue(
  db: Db,
  spaceId: string,
  viewer: IdeaViewer,
  limit: number,
): Promise<{ items: QueueItem[]; counts: { pending: number; reported: number; total: number } }> {
  const comments = await db<Row[]>`
    select c.id, c.status, c.held_for, c.held_word, c.created_at, p.id as author_id, p.name as author_name,
           p.dept as author_dept, p.title as author_title, c.body, c.tree, null as title, false as anonymous,
           false as author_visible_to_stewards, sb.key as subject_key, sb.title as subject_title, sb.url as subject_url,
           c.parent_id, c.is_question
      from comments c
      join subjects sb on sb.id = c.subject_id
      left join people p on p.id = c.author_id
     where c.space_id = ${spaceId}
       -- pending, or reported and not deleted; found through the pending and open-report indexes, not
       -- by reading every comment of the space (an "or exists" would)
       and c.id in (select w.id from comments w where w.space_id = ${spaceId} and w.status = 'pending'
                    union all
                    select r.comment_id from comment_reports r where r.resolved_at is null)
       and c.status in ('pending', 'published', 'hidden')`;
  const ideas = await db<Row[]>`
    select i.id, i.moderation as status, i.held_for, i.held_word, i.created_at, p.id as author_id, p.name as author_name,
           p.dept as author_dept, p.title as author_title, i.description as body, i.tree, i.title, i.anonymous,
           i.author_visible_to_stewards, sb.key as subject_key, sb.title as subject_title, sb.url as subject_url,
           null::uuid as parent_id, false as is_question
      from ideas i
      join subjects sb on sb.id = i.subject_id
      left join people p on p.id = i.author_id
     where i.space_id = ${spaceId}
       and (i.moderation = 'pending'
            or exists (select 1 from idea_reports r where r.idea_id = i.id and r.resolved_at is null))`;
  const commentReports = comments.length
    ? await db<ReportRow[]>`
        select comment_id as target_id, reason, created_at from comment_reports
         where comment_id = any(${comments.map((r) => r.id)}::uuid[]) and resolved_at is null order by created_at, id`
    : [];
  const ideaReports = ideas.length
    ? await db<ReportRow[]>`
        select idea_id as target_id, reason, created_at from idea_reports
         where idea_id = any(${ideas.map((r) => r.id)}::uuid[]) and resolved_at is null order by created_at, id`
    : [];

  const item = (kind: 'comment' | 'idea', row: Row, reports: ReportRow[]): QueueItem => {
    const known = kind === 'comment' || authorVisibleTo(row, viewer);
    const created = known ? row.createdAt : new Date(Math.floor(row.createdAt.getTime() / DAY_MS) * DAY_MS);
    const pending = row.status === 'pending';
    const since = pending ? created : (reports[0]?.createdAt ?? created);
    return {
      kind,
      id: row.id,
      state: pending ? 'pending' : 'reported',
      status: row.status,
      since: since.toISOString(),
      heldFor: pending ? row.heldFor : null,
      word: pending ? row.heldWord : null,
      reports: {
        count: reports.length,
        reasons: reports.slice(0, REASONS_SHOWN).map((r) => ({ reason: r.reason, at: r.createdAt.toISOString() })),
      },
      author: known && row.authorId ? personCard({ id: row.authorId, name: row.authorName!, dept: row.authorDept, title: row.authorTitle }) : null,
      anonymous: row.anonymous,
      createdAt: created.toISOString(),
      createdAtPrecision: known ? 'exact' : 'day',
      title: row.title,
      body: row.body,
      tree: row.tree,
      subject: { key: row.subjectKey, title: row.subjectTitle, url: row.subjectUrl },
      parentId: row.parentId,
      isQuestion: row.isQuestion,
    };
  };
  const byTarget = (reports: ReportRow[]) => {
    const map = new Map<string, ReportRow[]>();
    for (const r of reports) map.set(r.targetId, [...(map.get(r.targetId) ?? []), r]);
    return map;
  };
  const cr = byTarget(commentReports);
  const ir = byTarget(ideaReports);
  const items = [
    ...comments.map((row) => item('comment', row, cr.get(row.id) ?? [])),
    ...ideas.map((row) => item('idea', row, ir.get(row.id) ?? [])),
  ].sort((a, b) => a.since.localeCompare(b.since) || a.id.localeCompare(b.id));
  const pending = items.filter((i) => i.state === 'pending').length;
  return { items: items.slice(0, limit), counts: { pending, reported: items.length - pending, total: items.length } };
}

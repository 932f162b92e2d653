import { excerpt } from '../../shared/markdown/excerpt.ts';
import { plainText } from '../../shared/markdown/parse.ts';
import type { MarkdownTree } from '../../shared/markdown/tree.ts';
import type { Db, Pool } from '../db/database.ts';
import type { LiveBus } from '../events/bus.ts';
import { findPerson } from '../people/person.ts';
import { notify as tellInbox, type InboxLive } from '../notifications/store.ts';
import { canReadSpaceSql, personReader } from '../spaces/access-sql.ts';
import { rankExperts, type RankedExpert, type Searcher } from './ranking.ts';
import { uuidKeyCursor } from '../http/cursor.ts';

/**
 * "Ask the experts": a question asked from the finder becomes a question in a Q&A thread (the
 * comments' own tables, so it is answered and accepted like any other), and the top experts on its
 * topic are told. If nobody has answered when the space's answer-time promise runs out, the next
 * experts and the space's stewards are told too (escalation, once per question).
 *
 * Escalation runs on a timer (`scheduleEscalations`, every five minutes in api/server.ts), not on
 * reads: polling one's notifications must stay a read, not a write transaction each time. Ordinary
 * Q&A questions that pass their promise are routed the same
 * way, their own words serving as the topic; to spare a freshly upgraded server a flood, only
 * those whose promise ran out in the last week are.
 */
export const ASK = {
  /** Experts told when the question is asked, unless the asker says otherwise (1 to 5). */
  defaultExperts: 3,
  /** Ordinary questions overdue for longer than this are left alone. */
  overdueWindowDays: 7,
  /** Questions escalated per run, so that a run stays short. */
  batch: 50,
} as const;

export type NotificationReason = 'expert' | 'next_expert' | 'steward';

/**
 * The best experts on a topic who may read the question's space, as the asker ranks them (their
 * own reading rights decide which evidence counts: the asker learns who was told, so nothing they
 * may not read may choose it). With `evidenceFromSpace`, only the space's evidence counts, as in a
 * finder limited to that space: those told are those the finder showed.
 */
export async function chooseExperts(
  db: Db,
  asker: Searcher,
  topic: string,
  spaceId: string,
  count: number,
  exclude: readonly string[],
  evidenceFromSpace = false,
): Promise<RankedExpert[]> {
  const ranked = await rankExperts(db, asker, topic, { limit: 50, excludeIds: exclude, spaceId: evidenceFromSpace ? spaceId : null });
  if (ranked.length === 0) return [];
  const readers = await db.unsafe<{ id: string }[]>(
    `select p.id from people p join spaces s on s.id = $2::uuid
      where p.id = any($1::uuid[]) and p.active and ${canReadSpaceSql('s', personReader('p'))}`,
    [ranked.map((r) => r.personId), spaceId],
  );
  const allowed = new Set(readers.map((r) => r.id));
  return ranked.filter((r) => allowed.has(r.personId)).slice(0, count);
}

export async function tellExperts(
  db: Db,
  question: { id: string; spaceId: string; askedBy: string | null },
  people: { personId: string; rank: number | null }[],
  reason: NotificationReason,
  live?: InboxLive,
) {
  if (people.length === 0) return;
  const questionId = question.id;
  // In their inbox too: asked as an expert, or told that the question's promise passed.
  await tellInbox(db, {
    kind: reason === 'expert' ? 'question_routed' : 'question_overdue',
    to: people.map((p) => p.personId),
    spaceId: question.spaceId,
    target: { kind: 'comment', id: questionId },
    actorId: reason === 'expert' ? question.askedBy : null,
    thread: questionId,
  }, live);
  await db`
    insert into expert_notifications (person_id, question_id, reason, rank)
    select person_id, ${questionId}, ${reason}, rank
      from unnest(${people.map((p) => p.personId)}::uuid[], ${people.map((p) => p.rank)}::int[]) as u (person_id, rank)
    on conflict (person_id, question_id) do nothing`;
}

interface Overdue {
  questionId: string;
  spaceId: string;
  askedBy: string | null;
  topic: string;
  expertsPerRound: number;
  evidenceFromSpace: boolean;
}

/**
 * Tells the next experts and the stewards about questions still unanswered past their space's
 * promise. Safe to run concurrently (rows are claimed with SKIP LOCKED, notifications are unique per
 * person and question). Returns how many questions were escalated.
 */
export async function escalateOverdueQuestions(db: Db, now: Date = new Date(), live?: InboxLive): Promise<number> {
  // Ordinary Q&A questions overdue: adopt them, their own words as the topic.
  const strays = await db<{ id: string; spaceId: string; authorId: string | null; tree: MarkdownTree }[]>`
    select c.id, c.space_id, c.author_id, c.tree
      from comments c join spaces s on s.id = c.space_id
     where c.is_question and c.answered_at is null and c.accepted_answer_id is null and c.status = 'published'
       and s.answer_promise_hours is not null
       and c.created_at + make_interval(hours => s.answer_promise_hours) <= ${now}
       and c.created_at + make_interval(hours => s.answer_promise_hours) > ${now}::timestamptz - make_interval(days => ${ASK.overdueWindowDays})
       and not exists (select 1 from expert_questions q where q.question_id = c.id)
     order by c.created_at
     limit ${ASK.batch}`;
  for (const stray of strays) {
    const topic = plainText(stray.tree).replace(/\s+/g, ' ').trim().slice(0, 300);
    await db`
      insert into expert_questions (question_id, space_id, asked_by, topic, origin, experts_per_round, created_at)
      values (${stray.id}, ${stray.spaceId}, ${stray.authorId}, ${topic}, 'overdue', ${ASK.defaultExperts}, ${now})
      on conflict (question_id) do nothing`;
  }

  // Half the promise gone: the experts asked are reminded, once, with the time it falls due.
  const halfway = await db<{ questionId: string; spaceId: string; dueAt: Date }[]>`
    select q.question_id, q.space_id, c.created_at + make_interval(hours => s.answer_promise_hours) as due_at
      from expert_questions q
      join comments c on c.id = q.question_id
      join spaces s on s.id = q.space_id
     where q.reminded_at is null and q.escalated_at is null
       and c.status = 'published' and c.answered_at is null and c.accepted_answer_id is null
       and s.answer_promise_hours is not null
       and c.created_at + make_interval(hours => s.answer_promise_hours) / 2 <= ${now}
       and c.created_at + make_interval(hours => s.answer_promise_hours) > ${now}
     order by c.created_at
     limit ${ASK.batch}
       for update of q skip locked`;
  for (const question of halfway) {
    const experts = await db<{ personId: string }[]>`
      select person_id from expert_notifications where question_id = ${question.questionId} and reason = 'expert'`;
    await tellInbox(db, {
      kind: 'question_reminder',
      to: experts.map((e) => e.personId),
      spaceId: question.spaceId,
      target: { kind: 'comment', id: question.questionId },
      actorId: null,
      detail: { dueAt: question.dueAt.toISOString() },
      thread: question.questionId,
    }, live);
    await db`update expert_questions set reminded_at = ${now} where question_id = ${question.questionId}`;
  }

  const overdue = await db<Overdue[]>`
    select q.question_id, q.space_id, q.asked_by, q.topic, q.experts_per_round, q.evidence_from_space
      from expert_questions q
      join comments c on c.id = q.question_id
      join spaces s on s.id = q.space_id
     where q.escalated_at is null
       and c.status = 'published' and c.answered_at is null and c.accepted_answer_id is null
       and s.answer_promise_hours is not null
       and c.created_at + make_interval(hours => s.answer_promise_hours) <= ${now}
     order by c.created_at
     limit ${ASK.batch}
       for update of q skip locked`;

  for (const question of overdue) {
    const told = await db<{ personId: string }[]>`select person_id from expert_notifications where question_id = ${question.questionId}`;
    const exclude = [...told.map((t) => t.personId), ...(question.askedBy ? [question.askedBy] : [])];
    const asker = question.askedBy ? await findPerson(db, question.askedBy) : null;
    if (asker && asker.active) {
      const next = await chooseExperts(db, asker, question.topic, question.spaceId, question.expertsPerRound, exclude, question.evidenceFromSpace);
      await tellExperts(db, { id: question.questionId, spaceId: question.spaceId, askedBy: question.askedBy }, next.map((e, i) => ({ personId: e.personId, rank: told.length + i + 1 })), 'next_expert', live);
    }
    const stewards = await db<{ personId: string }[]>`
      select m.person_id from memberships m join people p on p.id = m.person_id and p.active
       where m.space_id = ${question.spaceId} and m.role = 'steward' and m.status = 'active'
         and not (m.person_id = any(${exclude}::uuid[]))`;
    await tellExperts(db, { id: question.questionId, spaceId: question.spaceId, askedBy: question.askedBy }, stewards.map((s) => ({ personId: s.personId, rank: null })), 'steward', live);
    await db`update expert_questions set escalated_at = ${now} where question_id = ${question.questionId}`;
  }
  return overdue.length;
}

export interface NotificationItem {
  id: string;
  reason: NotificationReason;
  rank: number | null;
  createdAt: string;
  readAt: string | null;
  question: {
    id: string;
    excerpt: string;
    topic: string | null;
    askedAt: string;
    /** When the space's promise runs out (null: no promise). */
    dueAt: string | null;
    answered: boolean;
    acceptedAnswerId: string | null;
    askedBy: { id: string; name: string; dept: string | null; title: string | null } | null;
    subject: { key: string; title: string | null; url: string | null };
    space: { slug: string; name: string };
  };
}

interface NotificationRow {
  id: string;
  reason: NotificationReason;
  rank: number | null;
  createdAt: Date;
  readAt: Date | null;
  questionId: string;
  tree: MarkdownTree;
  answeredAt: Date | null;
  acceptedAnswerId: string | null;
  askedAt: Date;
  promiseHours: number | null;
  topic: string | null;
  subjectKey: string;
  subjectTitle: string | null;
  subjectUrl: string | null;
  spaceSlug: string;
  spaceName: string;
  askerId: string | null;
  askerName: string | null;
  askerDept: string | null;
  askerTitle: string | null;
}

// A notification is shown only while its question is published and its space readable by the
// person: someone who left a closed space stops seeing its questions.
const VISIBLE_FROM = `
  from expert_notifications n
  join people me on me.id = n.person_id
  join comments c on c.id = n.question_id and c.status = 'published'
  join spaces s on s.id = c.space_id`;
const VISIBLE_WHERE = `n.person_id = $1::uuid and ${canReadSpaceSql('s', personReader('me'))}`;

export async function listNotifications(
  db: Db,
  personId: string,
  page: { limit: number; after: string | null; unreadOnly: boolean },
): Promise<{ items: NotificationItem[]; unreadCount: number; nextCursor: string | null }> {
  const rows = await db.unsafe<NotificationRow[]>(
    `select n.id, n.reason, n.rank, n.created_at, n.read_at,
            c.id as question_id, c.tree, c.answered_at, c.accepted_answer_id, c.created_at as asked_at,
            s.answer_promise_hours as promise_hours, q.topic,
            sb.key as subject_key, sb.title as subject_title, sb.url as subject_url, s.slug as space_slug, s.name as space_name,
            a.id as asker_id, a.name as asker_name, a.dept as asker_dept, a.title as asker_title
       ${VISIBLE_FROM}
       join subjects sb on sb.id = c.subject_id
       left join expert_questions q on q.question_id = c.id
       left join people a on a.id = c.author_id
      where ${VISIBLE_WHERE}
        and (not $3::boolean or n.read_at is null)
        and ($4::uuid is null or (n.created_at, n.id) < (select created_at, id from expert_notifications where id = $4::uuid))
      order by n.created_at desc, n.id desc
      limit $2`,
    [personId, page.limit + 1, page.unreadOnly, page.after],
  );
  const shown = uuidKeyCursor.page(rows, page.limit, (last) => ({ last: last.id }));
  return { items: shown.rows.map(notificationView), unreadCount: await unreadCount(db, personId), nextCursor: shown.nextCursor };
}

function notificationView(row: NotificationRow): NotificationItem {
  return {
    id: row.id,
    reason: row.reason,
    rank: row.rank,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
    question: {
      id: row.questionId,
      excerpt: excerpt(plainText(row.tree)),
      topic: row.topic,
      askedAt: row.askedAt.toISOString(),
      dueAt: row.promiseHours ? new Date(row.askedAt.getTime() + row.promiseHours * 3600_000).toISOString() : null,
      answered: row.answeredAt !== null || row.acceptedAnswerId !== null,
      acceptedAnswerId: row.acceptedAnswerId,
      askedBy: row.askerId ? { id: row.askerId, name: row.askerName!, dept: row.askerDept, title: row.askerTitle } : null,
      subject: { key: row.subjectKey, title: row.subjectTitle, url: row.subjectUrl },
      space: { slug: row.spaceSlug, name: row.spaceName },
    },
  };
}

export async function markNotificationsRead(db: Db, personId: string, ids: readonly string[] | undefined): Promise<void> {
  await db`
    update expert_notifications set read_at = now()
     where person_id = ${personId} and read_at is null
       and (${ids === undefined} or id = any(${[...(ids ?? [])]}::uuid[]))`;
}

export async function unreadCount(db: Db, personId: string): Promise<number> {
  const [row] = await db.unsafe<{ count: number }[]>(
    `select count(*)::int as count ${VISIBLE_FROM} where ${VISIBLE_WHERE} and n.read_at is null`,
    [personId],
  );
  return row?.count ?? 0;
}

/**
 * Escalation on a timer: a question past its promise is escalated within one period of it (five
 * minutes on the server). Returns a function that stops it. Each run is one transaction; several
 * processes may run it at once (see escalateOverdueQuestions).
 */
export function scheduleEscalations(sql: Pool, bus: LiveBus | null, everyMs = 5 * 60_000, onError: (error: unknown) => void = () => {}): () => void {
  const timer = setInterval(() => {
    const afterCommit: (() => void)[] = [];
    sql
      .begin((tx) => escalateOverdueQuestions(tx as unknown as Db, new Date(), bus ? { bus, afterCommit } : undefined))
      .then(() => afterCommit.forEach((deliver) => deliver()), onError);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** A question asked through the expert finder: its topic, space and how many experts each round tells. */
export async function recordExpertQuestion(
  db: Db,
  question: { questionId: string; spaceId: string; askedBy: string; topic: string; expertsPerRound: number; evidenceFromSpace: boolean },
): Promise<void> {
  await db`
    insert into expert_questions (question_id, space_id, asked_by, topic, origin, experts_per_round, evidence_from_space)
    values (${question.questionId}, ${question.spaceId}, ${question.askedBy}, ${question.topic}, 'finder',
            ${question.expertsPerRound}, ${question.evidenceFromSpace})`;
}

import type { Db } from '../db/database.ts';
import type { Person } from '../people/person.ts';

/**
 * Everything Ruche holds about a person, as they may download it (GET /api/me/export): what they
 * are, what they chose, what they wrote (anonymous ideas included: they are theirs), what they did
 * (votes, likes, endorsements, reports, steward actions) and what they were told. Nothing private to
 * anyone else: not who else voted or liked, not who endorsed them (the count per skill), not who
 * reported their posts, not the authors of other people's anonymous ideas.
 */
export const EXPORT_FORMAT = 'ruche-export/1';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export async function exportPerson(db: Db, person: Person) {
  const id = person.id;
  const [row] = await db<{ createdAt: Date; updatedAt: Date }[]>`select created_at, updated_at from people where id = ${id}`;
  const [privacy] = await db<{ showInTopContributors: boolean; updatedAt: Date }[]>`
    select show_in_top_contributors, updated_at from privacy_settings where person_id = ${id}`;
  const [profile] = await db<{ chatUrl: string | null; hideInferred: boolean; hideFromGuests: boolean; skillsEditedAt: Date | null }[]>`
    select chat_url, hide_inferred, hide_from_guests, skills_edited_at from profiles where person_id = ${id}`;
  const tags = await db<{ kind: string; skill: string; source: string; createdAt: Date }[]>`
    select t.kind, s.label as skill, t.source, t.created_at from profile_tags t join skills s on s.id = t.skill_id
     where t.person_id = ${id} order by t.kind, t.position, s.label`;
  const memberships = await db<{ slug: string; name: string; role: string; status: string; createdAt: Date }[]>`
    select s.slug, s.name, m.role, m.status, m.created_at from memberships m join spaces s on s.id = m.space_id
     where m.person_id = ${id} order by s.slug`;
  const comments = await db<
    {
      id: string;
      space: string;
      subjectKey: string;
      subjectTitle: string | null;
      subjectUrl: string | null;
      parentId: string | null;
      status: string;
      body: string;
      isQuestion: boolean;
      likeCount: number;
      heldFor: string | null;
      moderationReason: string | null;
      createdAt: Date;
      editedAt: Date | null;
      deletedAt: Date | null;
    }[]
  >`
    select c.id, s.slug as space, sb.key as subject_key, sb.title as subject_title, sb.url as subject_url, c.parent_id,
           c.status, c.body, c.is_question, c.like_count, c.held_for, c.moderation_reason, c.created_at, c.edited_at, c.deleted_at
      from comments c join spaces s on s.id = c.space_id join subjects sb on sb.id = c.subject_id
     where c.author_id = ${id} order by c.created_at, c.id`;
  const ideas = await db<
    {
      id: string;
      space: string;
      campaign: string | null;
      title: string;
      description: string;
      tags: string[];
      anonymous: boolean;
      status: string;
      statusReason: string | null;
      moderation: string;
      moderationReason: string | null;
      voteCount: number;
      createdAt: Date;
      editedAt: Date | null;
    }[]
  >`
    select i.id, s.slug as space, ca.slug as campaign, i.title, i.description, i.tags, i.anonymous, i.status, i.status_reason,
           i.moderation, i.moderation_reason, i.vote_count, i.created_at, i.edited_at
      from ideas i join spaces s on s.id = i.space_id left join idea_campaigns ca on ca.id = i.campaign_id
     where i.author_id = ${id} order by i.created_at, i.id`;
  const votes = await db<{ ideaId: string; title: string; createdAt: Date }[]>`
    select v.idea_id, i.title, v.created_at from idea_votes v join ideas i on i.id = v.idea_id
     where v.person_id = ${id} order by v.created_at`;
  const commentLikes = await db<{ commentId: string; createdAt: Date }[]>`
    select comment_id, created_at from comment_likes where person_id = ${id} order by created_at`;
  const pageLikes = await db<{ subjectKey: string; space: string; createdAt: Date }[]>`
    select sb.key as subject_key, s.slug as space, l.created_at from likes l join subjects sb on sb.id = l.subject_id
      join spaces s on s.id = sb.space_id where l.person_id = ${id} order by l.created_at`;
  const endorsementsGiven = await db<{ personId: string; name: string; skill: string; createdAt: Date }[]>`
    select p.id as person_id, p.name, s.label as skill, e.created_at from endorsements e
      join people p on p.id = e.endorsee_id join skills s on s.id = e.skill_id
     where e.endorser_id = ${id} order by e.created_at`;
  const endorsementsReceived = await db<{ skill: string; count: number }[]>`
    select s.label as skill, count(*)::int as count from endorsements e join skills s on s.id = e.skill_id
     where e.endorsee_id = ${id} group by s.label order by s.label`;
  const reports = await db<{ kind: string; targetId: string; reason: string; createdAt: Date; resolution: string | null; resolvedAt: Date | null }[]>`
    select 'comment' as kind, comment_id as target_id, reason, created_at, resolution, resolved_at from comment_reports where reporter_id = ${id}
    union all
    select 'idea', idea_id, reason, created_at, resolution, resolved_at from idea_reports where reporter_id = ${id}
    order by created_at`;
  const notifications = await db<
    { kind: string; targetKind: string; targetId: string; reason: string | null; count: number; detail: unknown; createdAt: Date; updatedAt: Date; readAt: Date | null }[]
  >`
    select kind, target_kind, target_id, reason, event_count as count, detail, created_at, updated_at, read_at
      from notifications where person_id = ${id} order by created_at`;
  const follows = await db<{ target: string; id: string; muted: boolean; createdAt: Date }[]>`
    select case when thread_id is not null then 'thread' when idea_id is not null then 'idea' else 'space' end as target,
           coalesce(thread_id, idea_id, space_id) as id, muted, created_at
      from follows where person_id = ${id} order by created_at`;
  const expertNotifications = await db<{ questionId: string; reason: string; createdAt: Date; readAt: Date | null }[]>`
    select question_id, reason, created_at, read_at from expert_notifications where person_id = ${id} order by created_at`;
  const questionsAsked = await db<{ questionId: string; topic: string; createdAt: Date }[]>`
    select question_id, topic, created_at from expert_questions where asked_by = ${id} order by created_at`;
  const stewardActions = await db<{ space: string; action: string; targetKind: string; targetId: string | null; reason: string | null; details: unknown; createdAt: Date }[]>`
    select s.slug as space, a.action, a.target_kind, a.target_id, a.reason, a.details, a.created_at
      from moderation_actions a join spaces s on s.id = a.space_id where a.actor_id = ${id} order by a.id`;
  const ideaDecisions = await db<{ ideaId: string; from: string; to: string; reason: string | null; createdAt: Date }[]>`
    select idea_id, from_status as from, to_status as to, reason, created_at from idea_status_changes where changed_by = ${id} order by id`;
  const [newsSeen] = await db<{ seenAt: Date }[]>`select seen_at from idea_news_seen where person_id = ${id}`;
  const newsSeenBySpace = await db<{ slug: string; name: string; seenAt: Date }[]>`
    select s.slug, s.name, n.seen_at from idea_news_seen_spaces n join spaces s on s.id = n.space_id
     where n.person_id = ${id} order by s.slug`;

  return {
    format: EXPORT_FORMAT,
    generatedAt: new Date().toISOString(),
    notes: [
      'Reading is not recorded per person: Ruche keeps, per space and per day, how many different people read, not who.',
      'Others’ private data is left out: who else voted or liked, who endorsed you (only how many, per skill), who reported your posts.',
      'Deleted comments keep no text. Likes and votes received are counts.',
    ],
    person: {
      id: person.id,
      externalId: person.externalId,
      name: person.name,
      email: person.email,
      dept: person.dept,
      title: person.title,
      lang: person.lang,
      isAdmin: person.isAdmin,
      isGuest: person.isGuest,
      createdAt: iso(row?.createdAt ?? null),
      updatedAt: iso(row?.updatedAt ?? null),
    },
    settings: {
      privacy: { showInTopContributors: privacy?.showInTopContributors ?? false, updatedAt: iso(privacy?.updatedAt ?? null) },
      expertProfile: profile
        ? { chatUrl: profile.chatUrl, hideInferred: profile.hideInferred, hideFromGuests: profile.hideFromGuests, skillsEditedAt: iso(profile.skillsEditedAt) }
        : null,
      skillsAndIntents: tags.map((t) => ({ kind: t.kind, skill: t.skill, source: t.source, createdAt: iso(t.createdAt) })),
      ideaNewsSeenAt: iso(newsSeen?.seenAt ?? null),
      ideaNewsSeenBySpace: newsSeenBySpace.map((n) => ({ space: { slug: n.slug, name: n.name }, seenAt: iso(n.seenAt) })),
    },
    memberships: memberships.map((m) => ({ space: { slug: m.slug, name: m.name }, role: m.role, status: m.status, since: iso(m.createdAt) })),
    comments: comments.map((c) => ({
      id: c.id,
      space: c.space,
      subject: { key: c.subjectKey, title: c.subjectTitle, url: c.subjectUrl },
      parentId: c.parentId,
      status: c.status,
      body: c.body,
      isQuestion: c.isQuestion,
      likeCount: c.likeCount,
      heldFor: c.heldFor,
      moderationReason: c.moderationReason,
      createdAt: iso(c.createdAt),
      editedAt: iso(c.editedAt),
      deletedAt: iso(c.deletedAt),
    })),
    ideas: ideas.map((i) => ({ ...i, createdAt: iso(i.createdAt), editedAt: iso(i.editedAt) })),
    votes: votes.map((v) => ({ ideaId: v.ideaId, title: v.title, at: iso(v.createdAt) })),
    likes: {
      comments: commentLikes.map((l) => ({ commentId: l.commentId, at: iso(l.createdAt) })),
      pages: pageLikes.map((l) => ({ space: l.space, subject: l.subjectKey, at: iso(l.createdAt) })),
    },
    endorsements: {
      given: endorsementsGiven.map((e) => ({ person: { id: e.personId, name: e.name }, skill: e.skill, at: iso(e.createdAt) })),
      received: endorsementsReceived,
    },
    reports: reports.map((r) => ({ ...r, createdAt: iso(r.createdAt), resolvedAt: iso(r.resolvedAt) })),
    notifications: {
      inbox: notifications.map((n) => ({ ...n, createdAt: iso(n.createdAt), updatedAt: iso(n.updatedAt), readAt: iso(n.readAt) })),
      asExpert: expertNotifications.map((n) => ({ ...n, createdAt: iso(n.createdAt), readAt: iso(n.readAt) })),
    },
    follows: follows.map((f) => ({ ...f, createdAt: iso(f.createdAt) })),
    questionsAskedToExperts: questionsAsked.map((q) => ({ ...q, createdAt: iso(q.createdAt) })),
    asSteward: {
      moderation: stewardActions.map((a) => ({ ...a, createdAt: iso(a.createdAt) })),
      ideaDecisions: ideaDecisions.map((d) => ({ ...d, createdAt: iso(d.createdAt) })),
    },
  };
}

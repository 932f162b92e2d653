import { excerpt } from '../../shared/markdown/excerpt.ts';
import { plainText } from '../../shared/markdown/parse.ts';
import type { MarkdownTree } from '../../shared/markdown/tree.ts';
import type { Db } from '../db/database.ts';
import type { Person } from '../people/person.ts';
import { OTHERS_LIKES, OTHERS_VOTES, RANKING, rankExperts, type EvidenceKind, type Reason } from './ranking.ts';

/**
 * "What Ruche infers about me": everything the finder may use about a person, shown to that person
 * only — their posts that count as evidence with the weight each carries today, who may see each
 * (everyone for an open space, only members for a closed or secret one), what the finder says when
 * someone searches one of their declared skills, and what never counts (their questions and their
 * anonymous ideas: the latter are never evidence, for anyone, themselves included).
 */
export interface InferredItem {
  source: 'comment' | 'idea';
  id: string;
  kind: EvidenceKind;
  /** The weight the post carries before relevance to a query: kind × appreciation × age. */
  weight: number;
  excerpt: string;
  appreciation: number;
  createdAt: string;
  space: { slug: string; name: string; visibility: 'open' | 'closed' | 'secret' };
  /** Who may be shown this as evidence: all employees (open space) or the space's members only. */
  audience: 'employees' | 'members';
  subject: { key: string; title: string | null; url: string | null };
}

export interface Inferred {
  hidden: boolean;
  halfLifeDays: number;
  totals: { acceptedAnswers: number; answers: number; comments: number; ideas: number; likes: number; votes: number };
  items: InferredItem[];
  bySkill: { skill: { key: string; label: string }; score: number; reasons: Reason[] }[];
  neverCounted: { questions: number; anonymousIdeas: number };
}

const MAX_ITEMS = 100;
const MAX_SKILLS = 20;

export async function inferredAbout(db: Db, person: Person, now: Date = new Date()): Promise<Inferred> {
  const rows = await db<
    {
      source: 'comment' | 'idea';
      id: string;
      kind: EvidenceKind;
      weight: number;
      tree: MarkdownTree | null;
      title: string | null;
      appreciation: number;
      createdAt: Date;
      slug: string;
      name: string;
      visibility: 'open' | 'closed' | 'secret';
      subjectKey: string;
      subjectTitle: string | null;
      subjectUrl: string | null;
    }[]
  >`
    with mine as (
      -- As the ranking counts them (ranking.ts): a reply under one's own question is no answer, and
      -- only others' likes and votes count.
      select 'comment' as source, c.id, c.space_id, c.subject_id, c.created_at, c.tree, null as title,
             ${db.unsafe(OTHERS_LIKES)} as appreciation,
             case when qn.accepted_answer_id = c.id then 'accepted_answer'
                  when qn.id is not null then 'answer'
                  else 'comment' end as kind
        from comments c
        left join comments qn on qn.id = c.parent_id and qn.is_question and qn.status = 'published' and qn.author_id is distinct from c.author_id
       where c.author_id = ${person.id} and c.status = 'published' and not c.is_question
      union all
      select 'idea', i.id, i.space_id, i.subject_id, i.created_at, null, i.title,
             ${db.unsafe(OTHERS_VOTES)},
             'idea'
        from ideas i where i.author_id = ${person.id} and not i.anonymous and i.moderation = 'published'
    )
    select m.source, m.id, m.kind, m.tree, m.title, m.appreciation, m.created_at,
           s.slug, s.name, s.visibility, sb.key as subject_key, sb.title as subject_title, sb.url as subject_url,
           (case m.kind when 'accepted_answer' then ${RANKING.kind.accepted_answer}::float8 when 'answer' then ${RANKING.kind.answer}::float8
                        when 'idea' then ${RANKING.kind.idea}::float8 else ${RANKING.kind.comment}::float8 end
            * (1 + ${RANKING.appreciation}::float8 * ln(1 + m.appreciation) / ln(2))
            * power(0.5, greatest(extract(epoch from (${now}::timestamptz - m.created_at)), 0) / 86400.0 / ${RANKING.halfLifeDays}::float8))::float8 as weight
      from mine m join spaces s on s.id = m.space_id join subjects sb on sb.id = m.subject_id
     order by weight desc, m.created_at desc, m.id`;

  const totals = { acceptedAnswers: 0, answers: 0, comments: 0, ideas: 0, likes: 0, votes: 0 };
  for (const row of rows) {
    if (row.kind === 'accepted_answer') totals.acceptedAnswers++;
    else if (row.kind === 'answer') totals.answers++;
    else if (row.kind === 'idea') totals.ideas++;
    else totals.comments++;
    if (row.kind === 'idea') totals.votes += row.appreciation;
    else totals.likes += row.appreciation;
  }

  const [never] = await db<{ questions: number; anonymousIdeas: number }[]>`
    select (select count(*) from comments where author_id = ${person.id} and is_question and status = 'published')::int as questions,
           (select count(*) from ideas where author_id = ${person.id} and anonymous)::int as anonymous_ideas`;
  const [settings] = await db<{ hideInferred: boolean }[]>`select hide_inferred from profiles where person_id = ${person.id}`;

  // What the finder says about them for each skill they declared, from their own reading rights
  // (colleagues who cannot read one of their closed spaces see less).
  const skills = await db<{ key: string; label: string }[]>`
    select s.key, s.label from profile_tags t join skills s on s.id = t.skill_id
     where t.person_id = ${person.id} and t.kind = 'skill' order by t.position, s.label limit ${MAX_SKILLS}`;
  const bySkill: Inferred['bySkill'] = [];
  for (const skill of skills) {
    const [ranked] = await rankExperts(db, person, skill.label, { limit: 1, onlyPersonId: person.id, includeHidden: true, now });
    bySkill.push({ skill, score: ranked?.score ?? 0, reasons: ranked?.reasons ?? [] });
  }

  return {
    hidden: settings?.hideInferred ?? false,
    halfLifeDays: RANKING.halfLifeDays,
    totals,
    items: rows.slice(0, MAX_ITEMS).map((row) => ({
      source: row.source,
      id: row.id,
      kind: row.kind,
      weight: Math.round(row.weight * 1000) / 1000,
      excerpt: excerpt(row.title ?? plainText(row.tree ?? [])),
      appreciation: row.appreciation,
      createdAt: row.createdAt.toISOString(),
      space: { slug: row.slug, name: row.name, visibility: row.visibility },
      audience: row.visibility === 'open' ? 'employees' : 'members',
      subject: { key: row.subjectKey, title: row.subjectTitle, url: row.subjectUrl },
    })),
    bySkill,
    neverCounted: never ?? { questions: 0, anonymousIdeas: 0 },
  };
}

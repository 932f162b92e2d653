import type { Db } from '../db/database.ts';
import { canReadSpaceSql } from '../spaces/access-sql.ts';
import { matchSkills, type MatchedSkill } from './skills-store.ts';

/**
 * Who knows about a topic, ranked from what people declared and what they did.
 *
 * Document-centred, as in Balog et al.'s "Model 2" of expert finding: retrieve the posts that are
 * about the query (PostgreSQL full-text search in the language of their space, accents ignored,
 * ranked by `ts_rank_cd`), then credit each post's author with its relevance, weighted by what the
 * post is and what others made of it, and aged:
 *
 *   credit(post) = relevance × kind × (1 + ½·log₂(1 + likes or votes)) × ½^(age / half-life)
 *
 *   relevance   ts_rank_cd of the post (an answer is read with its question: the thread is what
 *               it is about), divided by the best relevance among the posts this searcher may
 *               read (everyone's, also in a person's own view, so that it says what others see),
 *               then halved when the post matches only some of the query's words
 *   kind        accepted answer 8 ≫ answer 3 > idea 1.5 > comment 1; questions count 0 (asking is
 *               not knowing), nor do anonymous ideas (never, for anyone). An asker's own replies
 *               under their question are no answers, even accepted (old data may have that): they
 *               count as comments, read on their own words, not the question's
 *   likes       others' likes or votes: one's own like on one's own post counts nothing
 *   half-life   365 days: a year-old answer weighs half, a two-year-old one a quarter
 *
 * A person's score adds three parts, each saturating so that no single one runs away:
 *
 *   score = declared + 0.6·ln(1 + endorsements) + ln(1 + Σ credit)
 *
 *   declared      the best match between the query and a skill they declared: 1 for the skill
 *                 itself or a synonym, 0.7 for a skill inside the query, 0.6 for a broader one;
 *                 ×1.2 when they also offer to be asked about it or to mentor it ("want to learn"
 *                 counts nothing)
 *   endorsements  colleagues' endorsements of those declared skills, weighted by the same match
 *
 * So one accepted answer squarely on the topic (ln 9 ≈ 2.2) outweighs a bare declaration with
 * four endorsements (1 + 0.97), and a declaration outweighs a single passing comment (ln 2 ≈ 0.7).
 *
 * Privacy: evidence is read only from spaces the searcher may read (the SQL twin of decideAccess);
 * people who hide their inferred expertise are ranked on what they declared only; guests find only
 * people who do not hide from guests; deactivated people are never found.
 */
export const RANKING = {
  kind: { accepted_answer: 8, answer: 3, idea: 1.5, comment: 1 },
  /** Factor for a post that matches only some of the query's words. */
  partialMatch: 0.5,
  /** Added to the multiplier per doubling of likes (comments) or votes (ideas). */
  appreciation: 0.5,
  halfLifeDays: 365,
  declared: { skill: 1, ask_me: 1.2, mentor: 1.2 },
  endorsements: 0.6,
  evidence: 1,
} as const;

export type EvidenceKind = keyof typeof RANKING.kind;
export type DeclaredKind = keyof typeof RANKING.declared;

/** Who is searching: their reading rights decide which posts count as evidence. */
export interface Searcher {
  id: string;
  isAdmin: boolean;
  isGuest: boolean;
}

/** Why someone is in the results, structured so that widgets can say it in their language. */
export type Reason =
  | { kind: 'accepted_answers' | 'answers' | 'comments'; count: number; topic: string }
  | { kind: 'ideas'; count: number; votes: number; topic: string }
  | { kind: 'likes'; count: number }
  | { kind: 'declared'; skill: string; intents: DeclaredKind[] }
  | { kind: 'endorsed'; skill: string; count: number };

export interface EvidenceRef {
  source: 'comment' | 'idea';
  id: string;
  kind: EvidenceKind;
}

export interface RankedExpert {
  personId: string;
  score: number;
  breakdown: { declared: number; endorsements: number; evidence: number };
  reasons: Reason[];
  /** The posts that weigh most, best first (up to 3). */
  evidence: EvidenceRef[];
}

export interface SearchOptions {
  /** Only evidence from this space (people's declarations count wherever). */
  spaceId?: string | null;
  limit: number;
  /** Rank only this person (their own "what Ruche infers about me" view). */
  onlyPersonId?: string | null;
  /** Count the inferred expertise of the person in focus (onlyPersonId) even if they hide it: their own view. */
  includeHidden?: boolean;
  /** Leave these people out (e.g. the asker and those already told). */
  excludeIds?: readonly string[];
  now?: Date;
  /** The query's skills, when the caller matched them already. */
  skills?: MatchedSkill[];
}

interface EvidenceRow {
  personId: string;
  evidence: number;
  acceptedAnswers: number;
  answers: number;
  comments: number;
  ideas: number;
  likes: number;
  votes: number;
  top: string[];
}

const reader = { id: '$1::uuid', admin: '$2::boolean', guest: '$3::boolean', anonymousRead: 'false' };

/**
 * Posts a person may have written about the query, in the spaces the searcher may read. The query
 * arrives as a parameter (not from a join) so that PostgreSQL searches the GIN index of the
 * language (004_experts.sql) instead of reading every comment.
 */
const commentHits = (lang: 'fr' | 'en', anyTerms: string) => `
    select c.id from comments c
      join readable r on r.id = c.space_id and r.lang = '${lang}'
     where c.status = 'published' and not c.is_question and to_tsvector('ruche_${lang}'::regconfig, c.body) @@ ${anyTerms}`;
const questionHits = (lang: 'fr' | 'en', anyTerms: string) => `
    select qn.id, qn.author_id from comments qn
      join readable r on r.id = qn.space_id and r.lang = '${lang}'
     where qn.status = 'published' and qn.is_question and to_tsvector('ruche_${lang}'::regconfig, qn.body) @@ ${anyTerms}`;

/**
 * The query as two tsqueries per language: any of its words (or the whole of a synonym: "taxe sur
 * la valeur ajoutée" as a phrase), and all of its words (or a whole synonym).
 */
const TSQUERIES_SQL = `
  with expansions as (select distinct unnest($2::text[]) as name)
  select l.lang,
         nullif(concat_ws(' | ',
           nullif(replace(plainto_tsquery(l.config, $1)::text, ' & ', ' | '), ''),
           (select string_agg('(' || phraseto_tsquery(l.config, e.name)::text || ')', ' | ')
              from expansions e where phraseto_tsquery(l.config, e.name)::text <> '')), '') as any_terms,
         nullif(concat_ws(' | ',
           nullif('(' || plainto_tsquery(l.config, $1)::text || ')', '()'),
           (select string_agg('(' || phraseto_tsquery(l.config, e.name)::text || ')', ' | ')
              from expansions e where phraseto_tsquery(l.config, e.name)::text <> '')), '') as all_terms
    from (values ('fr', 'ruche_fr'::regconfig), ('en', 'ruche_en'::regconfig)) as l (lang, config)`;

/**
 * What others made of a post, for the ranking and for a person's own view (inferred.ts): the likes of
 * a comment `c`, the votes for an idea `i` — less the author's own, which count nothing.
 */
export const OTHERS_LIKES = `greatest(c.like_count - (exists (select 1 from comment_likes l where l.comment_id = c.id and l.person_id = c.author_id))::int, 0)`;
export const OTHERS_VOTES = `greatest(i.vote_count - (exists (select 1 from idea_votes v where v.idea_id = i.id and v.person_id = i.author_id))::int, 0)`;

const EVIDENCE_SQL = `
  with readable as (
    select s.id, s.lang from spaces s
     where ${canReadSpaceSql('s', reader)} and ($4::uuid is null or s.id = $4::uuid)
  ),
  qs as (
    select * from (values ('fr', 'ruche_fr'::regconfig, $9::tsquery, $10::tsquery),
                          ('en', 'ruche_en'::regconfig, $11::tsquery, $12::tsquery)) as q (lang, config, any_terms, all_terms)
  ),
  -- Questions about the query, found first (through the index), then their answers: an answer is
  -- about what its question is about.
  questions as materialized (${questionHits('fr', '$9::tsquery')} union all ${questionHits('en', '$11::tsquery')}),
  hits as (
    ${commentHits('fr', '$9::tsquery')}
    union ${commentHits('en', '$11::tsquery')}
    union
    select a.id from questions q join comments a on a.root_id = q.id and a.parent_id = q.id
     where a.status = 'published' and a.author_id is distinct from q.author_id
  ),
  -- What others made of a post: their likes or votes, not the author's own.
  docs as (
    select c.id, 'comment' as source, c.author_id, c.created_at,
           ${OTHERS_LIKES} as appreciation,
           case when qn.accepted_answer_id = c.id then 'accepted_answer'
                when qn.id is not null then 'answer'
                else 'comment' end as kind,
           ts_rank_cd(to_tsvector(qs.config, coalesce(qn.body || ' ', '') || c.body), qs.any_terms, 1)::float8 as rank,
           to_tsvector(qs.config, coalesce(qn.body || ' ', '') || c.body) @@ qs.all_terms as whole
      from hits h
      join comments c on c.id = h.id
      join readable r on r.id = c.space_id
      join qs on qs.lang = r.lang
      -- The question a post answers; not the asker's own, whose replies are part of asking.
      left join comments qn on qn.id = c.parent_id and qn.is_question and qn.status = 'published'
                           and qn.author_id is distinct from c.author_id
     where c.author_id is not null
    union all
    select i.id, 'idea', i.author_id, i.created_at,
           ${OTHERS_VOTES},
           'idea',
           ts_rank_cd(i.search, qs.any_terms, 1)::float8, i.search @@ qs.all_terms
      from ideas i
      join readable r on r.id = i.space_id
      join qs on qs.lang = i.lang
     where not i.anonymous and i.moderation = 'published' and i.author_id is not null and i.search @@ qs.any_terms
  ),
  -- Everyone's posts, even in a person's own view: the best relevance below is the one others see.
  -- Only the person in focus may have their hidden inferred expertise counted (their own view).
  eligible as (
    select d.* from docs d
      join people p on p.id = d.author_id and p.active
      left join profiles pr on pr.person_id = d.author_id
     where (not coalesce(pr.hide_inferred, false) or ($7::boolean and ($6::uuid is null or d.author_id = $6::uuid)))
       and (not $3::boolean or not coalesce(pr.hide_from_guests, false))
       and not (d.author_id = any($8::uuid[]))
  ),
  credited as (
    select e.*,
           e.rank / nullif(max(e.rank) over (), 0)
           * case when e.whole then 1 else ${RANKING.partialMatch} end
           * case e.kind when 'accepted_answer' then ${RANKING.kind.accepted_answer} when 'answer' then ${RANKING.kind.answer}
                         when 'idea' then ${RANKING.kind.idea} else ${RANKING.kind.comment} end
           * (1 + ${RANKING.appreciation} * ln(1 + e.appreciation) / ln(2))
           * power(0.5, greatest(extract(epoch from ($5::timestamptz - e.created_at)), 0) / 86400.0 / ${RANKING.halfLifeDays}) as credit
      from eligible e
  )
  select author_id as person_id,
         sum(credit)::float8 as evidence,
         count(*) filter (where kind = 'accepted_answer')::int as accepted_answers,
         count(*) filter (where kind = 'answer')::int as answers,
         count(*) filter (where kind = 'comment')::int as comments,
         count(*) filter (where kind = 'idea')::int as ideas,
         coalesce(sum(appreciation) filter (where kind <> 'idea'), 0)::int as likes,
         coalesce(sum(appreciation) filter (where kind = 'idea'), 0)::int as votes,
         (array_agg(source || ':' || kind || ':' || id order by credit desc, id))[1:3] as top
    from credited
   where credit > 0 and ($6::uuid is null or author_id = $6::uuid)
   group by author_id`;

/** The experts on a query, best first, with their reasons. Only ids: cards are loaded apart. */
export async function rankExperts(db: Db, searcher: Searcher, query: string, options: SearchOptions): Promise<RankedExpert[]> {
  const topic = query.trim();
  const skills = options.skills ?? (await matchSkills(db, topic));
  const exact = skills.filter((skill) => skill.strength >= 1);
  // The names of the skill the query is (its key, label and synonyms) widen the search: "VAT" also
  // finds the French posts about "TVA".
  const expansions = [...new Set(exact.flatMap((skill) => [skill.key, skill.label, ...skill.names]))];
  const exclude = [...(options.excludeIds ?? [])];
  const onlyPerson = options.onlyPersonId ?? null;

  const tsqueries = await db.unsafe<{ lang: 'fr' | 'en'; anyTerms: string | null; allTerms: string | null }[]>(TSQUERIES_SQL, [topic, expansions]);
  const terms = (lang: 'fr' | 'en') => tsqueries.find((q) => q.lang === lang)!;
  const evidenceRows = await db.unsafe<EvidenceRow[]>(EVIDENCE_SQL, [
    searcher.id,
    searcher.isAdmin,
    searcher.isGuest,
    options.spaceId ?? null,
    options.now ?? new Date(),
    onlyPerson,
    options.includeHidden === true,
    exclude,
    terms('fr').anyTerms,
    terms('fr').allTerms,
    terms('en').anyTerms,
    terms('en').allTerms,
  ]);

  const declared = await declaredMatches(db, skills, searcher, onlyPerson, exclude);

  const people = new Map<string, RankedExpert>();
  const entry = (personId: string) => {
    let expert = people.get(personId);
    if (!expert) {
      expert = { personId, score: 0, breakdown: { declared: 0, endorsements: 0, evidence: 0 }, reasons: [], evidence: [] };
      people.set(personId, expert);
    }
    return expert;
  };

  for (const row of declared) {
    const expert = entry(row.personId);
    const weight = Math.max(...row.intents.map((intent) => RANKING.declared[intent]));
    expert.breakdown.declared = Math.max(expert.breakdown.declared, row.strength * weight);
    expert.reasons.push({ kind: 'declared', skill: row.label, intents: row.intents });
    if (row.endorsements > 0) {
      expert.reasons.push({ kind: 'endorsed', skill: row.label, count: row.endorsements });
      expert.breakdown.endorsements += row.strength * row.endorsements;
    }
  }
  for (const expert of people.values()) {
    expert.breakdown.endorsements = RANKING.endorsements * Math.log1p(expert.breakdown.endorsements);
  }

  for (const row of evidenceRows) {
    const expert = entry(row.personId);
    expert.breakdown.evidence = RANKING.evidence * Math.log1p(row.evidence);
    const found: Reason[] = [];
    if (row.acceptedAnswers) found.push({ kind: 'accepted_answers', count: row.acceptedAnswers, topic });
    if (row.answers) found.push({ kind: 'answers', count: row.answers, topic });
    if (row.ideas) found.push({ kind: 'ideas', count: row.ideas, votes: row.votes, topic });
    if (row.comments) found.push({ kind: 'comments', count: row.comments, topic });
    if (row.likes) found.push({ kind: 'likes', count: row.likes });
    expert.reasons.unshift(...found);
    expert.evidence = row.top.map((ref) => {
      const [source, kind, id] = ref.split(':') as ['comment' | 'idea', EvidenceKind, string];
      return { source, kind, id };
    });
  }

  const ranked = [...people.values()];
  for (const expert of ranked) {
    const { declared: d, endorsements: e, evidence: v } = expert.breakdown;
    expert.score = round(d + e + v);
    expert.breakdown = { declared: round(d), endorsements: round(e), evidence: round(v) };
    expert.reasons.sort((a, b) => REASON_ORDER.indexOf(a.kind) - REASON_ORDER.indexOf(b.kind));
  }
  // Ties (same score) in a stable order: the person id, so that pages of results do not shuffle.
  ranked.sort((a, b) => b.score - a.score || (a.personId < b.personId ? -1 : 1));
  return ranked.slice(0, options.limit);
}

const REASON_ORDER: Reason['kind'][] = ['accepted_answers', 'declared', 'endorsed', 'answers', 'ideas', 'comments', 'likes'];
const round = (value: number) => Math.round(value * 1000) / 1000;

interface DeclaredMatch {
  personId: string;
  label: string;
  strength: number;
  /** skill, ask_me, mentor: how the person declared it (one or several). */
  intents: DeclaredKind[];
  endorsements: number;
}

/** Declared skills (and offers to be asked or to mentor) matching the query, with their endorsements. */
async function declaredMatches(
  db: Db,
  skills: MatchedSkill[],
  searcher: Searcher,
  onlyPerson: string | null,
  exclude: string[],
): Promise<DeclaredMatch[]> {
  if (skills.length === 0) return [];
  const rows = await db<{ personId: string; skillId: string; intents: DeclaredKind[]; endorsements: number }[]>`
    select t.person_id, t.skill_id, array_agg(t.kind order by t.kind) as intents,
           (select count(*) from endorsements e join people en on en.id = e.endorser_id and en.active
             where e.endorsee_id = t.person_id and e.skill_id = t.skill_id)::int as endorsements
      from profile_tags t
      join people p on p.id = t.person_id and p.active
      left join profiles pr on pr.person_id = t.person_id
     where t.skill_id = any(${skills.map((s) => s.id)}::uuid[]) and t.kind <> 'learn'
       and (not ${searcher.isGuest} or not coalesce(pr.hide_from_guests, false))
       and (${onlyPerson}::uuid is null or t.person_id = ${onlyPerson}::uuid)
       and not (t.person_id = any(${exclude}::uuid[]))
     group by t.person_id, t.skill_id
     order by t.person_id, t.skill_id`;
  const bySkill = new Map(skills.map((s) => [s.id, s]));
  return rows.map((row) => {
    const skill = bySkill.get(row.skillId)!;
    return { personId: row.personId, label: skill.label, strength: skill.strength, intents: row.intents, endorsements: row.endorsements };
  });
}

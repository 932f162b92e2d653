import { randomBytes } from 'node:crypto';
import { buildLabelledSet, type LabelledSet } from '../scripts/expert-labelled-set.ts';
import { parseMarkdown } from '../shared/markdown/parse.ts';
import { openDatabase, type Db, type Pool } from '../api/db/database.ts';
import { migrate } from '../api/db/migrate.ts';
import { replaceTags, type TagKind } from '../api/experts/profiles-store.ts';
import { rankExperts } from '../api/experts/ranking.ts';
import { resolveSkills } from '../api/experts/skills-store.ts';

/**
 * How good the ranking is, measured on the labelled set of scripts/expert-labelled-set.ts:
 *
 *   precision at 5  the share of the top five who are experts of the query's topic (each topic has
 *                   five, so 1 is reachable), averaged over the queries;
 *   MRR             the mean over the queries of 1 / the rank of the first expert (0 if none is in
 *                   the top ten).
 *
 * The searcher is an ordinary employee: the closed space's expert must not surface, and the
 * anonymous ideas must not count. The set's order checks (who must rank above whom: ageing, evidence)
 * are reported with each one's outcome.
 */
export interface RankingQuality {
  precisionAt5: number;
  mrr: number;
  queries: number;
  people: number;
  posts: number;
  perQuery: { query: string; precisionAt5: number; reciprocalRank: number; top5: { name: string; role: string; expert: boolean }[]; top10Roles: string[] }[];
  /** ok: both found and `above` scores more; false: not so; null: neither was found (nothing to compare). */
  orderChecks: { query: string; why: string; above: OrderedPerson; below: OrderedPerson; ok: boolean | null }[];
}

/** Where a person of an order check ranked (null: not found at all). */
export interface OrderedPerson {
  role: string;
  rank: number | null;
  score: number | null;
}

/** Writes the labelled set into a (fresh) database, directly, as if people had used Ruche for two years. */
export async function loadLabelledSet(sql: Pool, set: LabelledSet, now: Date = new Date()): Promise<void> {
  await sql.begin(async (tx) => {
    const db = tx as unknown as Db;
    const personIds = new Map<string, string>();
    for (const p of set.people) {
      const [row] = await db<{ id: string }[]>`insert into people (external_id, name, dept) values (${p.sub}, ${p.name}, ${p.dept}) returning id`;
      personIds.set(p.sub, row!.id);
    }
    const spaceIds = new Map<string, { id: string; lang: string }>();
    for (const s of set.spaces) {
      const [row] = await db<{ id: string }[]>`
        insert into spaces (slug, name, visibility, lang, answer_promise_hours) values (${s.slug}, ${s.name}, ${s.visibility}, ${s.lang}, 48) returning id`;
      spaceIds.set(s.slug, { id: row!.id, lang: s.lang });
      for (const member of s.members) {
        await db`insert into memberships (space_id, person_id, role) values (${row!.id}, ${personIds.get(member)!}, 'member')`;
      }
    }
    for (const kind of ['skill', 'ask_me', 'mentor', 'learn'] as TagKind[]) {
      const bySub = new Map<string, string[]>();
      for (const d of set.declarations.filter((d) => d.kind === kind)) bySub.set(d.sub, [...(bySub.get(d.sub) ?? []), d.skill]);
      for (const [sub, labels] of bySub) {
        await replaceTags(db, personIds.get(sub)!, kind, await resolveSkills(db, labels), 'self');
      }
    }
    for (const e of set.endorsements) {
      const [skill] = await resolveSkills(db, [e.skill]);
      await db`insert into endorsements (endorsee_id, skill_id, endorser_id) values (${personIds.get(e.endorsee)!}, ${skill!.id}, ${personIds.get(e.endorser)!})
               on conflict do nothing`;
    }

    const subjects = new Map<string, string>();
    const subjectFor = async (space: string, key: string, mode: 'qa' | 'discussion') => {
      const k = `${space}\n${key}`;
      if (!subjects.has(k)) {
        const [row] = await db<{ id: string }[]>`insert into subjects (space_id, key, mode) values (${spaceIds.get(space)!.id}, ${key}, ${mode}) returning id`;
        subjects.set(k, row!.id);
      }
      return subjects.get(k)!;
    };
    const commentIds = new Map<string, string>();
    const at = (days: number) => new Date(now.getTime() - days * 86_400_000);
    for (const p of set.posts) {
      const space = spaceIds.get(p.space)!;
      const author = personIds.get(p.author)!;
      if (p.kind === 'idea') {
        const subject = await subjectFor(p.space, `ruche:idea:${p.ref}`, 'discussion');
        await db`
          insert into ideas (space_id, subject_id, author_id, anonymous, title, description, tree, lang, vote_count, created_at)
          values (${space.id}, ${subject}, ${author}, ${p.anonymous === true}, ${p.title!}, ${p.body}, ${db.json(parseMarkdown(p.body) as never)},
                  ${space.lang}, ${p.appreciation}, ${at(p.ageDays)})`;
        continue;
      }
      const subject = await subjectFor(p.space, p.subject, p.kind === 'comment' && !p.parent ? 'discussion' : 'qa');
      const parent = p.parent ? commentIds.get(p.parent)! : null;
      const [row] = await db<{ id: string }[]>`
        insert into comments (subject_id, space_id, parent_id, root_id, depth, author_id, body, tree, is_question, like_count, created_at)
        values (${subject}, ${space.id}, ${parent}, ${parent}, ${parent ? 1 : 0}, ${author}, ${p.body}, ${db.json(parseMarkdown(p.body) as never)},
                ${p.kind === 'question'}, ${p.appreciation}, ${at(p.ageDays)})
        returning id`;
      commentIds.set(p.ref, row!.id);
      if (!parent) await db`update comments set root_id = id where id = ${row!.id}`;
      if (p.kind === 'answer') {
        await db`update comments set answered_at = coalesce(answered_at, ${at(p.ageDays)}) where id = ${parent}`;
        if (p.accepted) await db`update comments set accepted_answer_id = ${row!.id} where id = ${parent} and accepted_answer_id is null`;
      }
    }
  });
}

/** Runs the set's queries as its searcher and scores the rankings. */
export async function evaluateRanking(sql: Pool, set: LabelledSet): Promise<RankingQuality> {
  const people = await sql<{ id: string; externalId: string; name: string }[]>`select id, external_id, name from people`;
  const subOf = new Map(people.map((p) => [p.id, p.externalId]));
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const searcher = people.find((p) => p.externalId === set.searcher)!;
  const idOf = new Map(people.map((p) => [p.externalId, p.id]));
  const perQuery: RankingQuality['perQuery'] = [];
  const orderChecks: RankingQuality['orderChecks'] = [];
  for (const query of set.queries) {
    // Everyone found, for the order checks; the measures read the first ten.
    const all = await rankExperts(sql, { id: searcher.id, isAdmin: false, isGuest: false }, query.text, { limit: 1000 });
    const ranked = all.slice(0, 10);
    const placed = (sub: string): OrderedPerson => {
      const index = all.findIndex((r) => r.personId === idOf.get(sub));
      return { role: set.roles[sub] ?? '', rank: index === -1 ? null : index + 1, score: index === -1 ? null : all[index]!.score };
    };
    for (const check of (set.orderChecks ?? []).filter((c) => c.query === query.text)) {
      const [above, below] = [placed(check.above), placed(check.below)];
      const ok = above.score === null && below.score === null ? null : above.score !== null && below.score !== null && above.score > below.score;
      orderChecks.push({ query: query.text, why: check.why, above, below, ok });
    }
    const relevant = new Set(query.relevant);
    const hits = ranked.map((r) => relevant.has(subOf.get(r.personId)!));
    const first = hits.indexOf(true);
    perQuery.push({
      query: query.text,
      precisionAt5: hits.slice(0, 5).filter(Boolean).length / 5,
      reciprocalRank: first === -1 ? 0 : 1 / (first + 1),
      top5: ranked.slice(0, 5).map((r, i) => ({ name: nameOf.get(r.personId)!, role: set.roles[subOf.get(r.personId)!] ?? '', expert: hits[i]! })),
      top10Roles: ranked.map((r) => set.roles[subOf.get(r.personId)!] ?? ''),
    });
  }
  const mean = (values: number[]) => Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 1000;
  return {
    precisionAt5: mean(perQuery.map((q) => q.precisionAt5)),
    mrr: mean(perQuery.map((q) => q.reciprocalRank)),
    queries: set.queries.length,
    people: set.people.length,
    posts: set.posts.length,
    perQuery,
    orderChecks,
  };
}

/**
 * For the benchmark: builds the labelled set in a database of its own (a fresh schema of
 * `databaseUrl`, dropped afterwards; without one, an in-memory embedded database), and measures.
 */
export async function measureRankingQuality(options: { databaseUrl?: string; seed?: number } = {}): Promise<RankingQuality> {
  const schema = options.databaseUrl ? `ruche_quality_${randomBytes(4).toString('hex')}` : 'public';
  const database = await openDatabase({ url: options.databaseUrl, dataDir: null, schema, poolSize: 2 });
  try {
    await migrate(database.sql);
    const set = buildLabelledSet(options.seed);
    await loadLabelledSet(database.sql, set);
    return await evaluateRanking(database.sql, set);
  } finally {
    if (options.databaseUrl) await database.sql.unsafe(`drop schema if exists ${schema} cascade`);
    await database.close();
  }
}

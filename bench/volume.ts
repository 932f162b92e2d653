import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { parseMarkdown } from '../shared/markdown/parse.ts';
import { loadThreads, publishedCount } from '../api/comments/store.ts';
import { openDatabase, type Database } from '../api/db/database.ts';
import { migrate } from '../api/db/migrate.ts';
import { listIdeas } from '../api/ideas/store.ts';
import { computePulse } from '../api/pulse/store.ts';

/**
 * The queries behind the busiest pages, on a database the size of a real intranet's after a year:
 * 1,000 people, 2,000 discussed pages and 2,000 ideas with 120,500 comments, 20,000 votes, 52 weeks of
 * reading. Each workload is timed with the indexes of 011_indexes.sql dropped (the schema as it was
 * before them, the baseline) and then with them, in the same run on the same data: the ratio is what
 * those indexes are worth.
 */
export interface VolumeFigure {
  workload: string;
  withoutMs: number;
  withMs: number;
  /** How many times faster with the indexes. */
  ratio: number;
}

export interface VolumeResult {
  comments: number;
  figures: VolumeFigure[];
}

const INDEX_MIGRATION = new URL('../api/db/migrations/011_indexes.sql', import.meta.url);

export async function measureAtVolume(databaseUrl: string): Promise<VolumeResult> {
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const name = `ruche_volume_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.href, dataDir: null });
  try {
    await migrate(database.sql);
    const data = await loadVolume(database);
    const indexSql = readFileSync(INDEX_MIGRATION, 'utf8');
    const indexNames = [...indexSql.matchAll(/^create index (\w+)/gm)].map((m) => m[1]!);

    const workloads: [string, () => Promise<unknown>][] = [
      [
        'a 50-comment thread (its page and its count)',
        async () => {
          await loadThreads(database.sql, { subjectId: data.thread, viewerId: data.reader, sort: 'oldest', after: null, limit: 50 });
          await publishedCount(database.sql, data.thread);
        },
      ],
      [
        'a list of 100 ideas (trending)',
        () =>
          listIdeas(
            database.sql,
            { spaceId: data.space, campaign: null, viewer: { personId: data.reader, canSteward: false } },
            { viewerId: data.reader, sort: 'trending', offset: 0, limit: 100 },
          ),
      ],
      [
        'the pulse of a 1,000-person space over 52 weeks',
        () => computePulse(database.sql, { kind: 'space', spaceId: data.space, promiseHours: 48 }, { weeks: 52, trendWeeks: 52, viewerIsGuest: false }),
      ],
      [
        'deleting a 500-comment subject (rolled back)',
        () =>
          database.sql
            .begin(async (tx) => {
              await tx`delete from subjects where id = ${data.bigSubject}`;
              throw new RolledBack();
            })
            .catch((error) => {
              if (!(error instanceof RolledBack)) throw error;
            }),
      ],
    ];

    for (const index of indexNames) await database.sql.unsafe(`drop index ${index}`);
    await database.sql`analyze`;
    const without = [];
    for (const [, run] of workloads) without.push(await timed(run));

    await database.sql.unsafe(indexSql);
    await database.sql`analyze`;
    const figures: VolumeFigure[] = [];
    for (const [i, [workload, run]] of workloads.entries()) {
      const withMs = await timed(run);
      figures.push({ workload, withoutMs: without[i]!, withMs, ratio: Math.round((without[i]! / withMs) * 10) / 10 });
    }
    return { comments: data.comments, figures };
  } finally {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

class RolledBack extends Error {}

/**
 * Median milliseconds of up to five runs after a first one that warms caches and plans; a workload
 * whose first run took seconds is timed by that run alone (a warm cache is not what makes it slow).
 */
async function timed(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  const started = performance.now();
  while (times.length < 6) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
    if (times[0]! > 5_000 || (times.length > 1 && performance.now() - started > 15_000)) break;
  }
  const measured = (times.length > 1 ? times.slice(1) : times).sort((a, b) => a - b);
  return Math.round(measured[Math.floor(measured.length / 2)]! * 10) / 10;
}

interface VolumeData {
  space: string;
  reader: string;
  /** A page with exactly 50 comments: 10 threads of 5. */
  thread: string;
  /** A page with 500 comments. */
  bigSubject: string;
  comments: number;
}

/**
 * Generated in SQL (a fixed seed, so every run has the same shape): threads of one comment and four
 * replies on two levels, one page in ten in Q&A mode (their threads are questions, most
 * answered, half with an accepted answer), a few replies deleted, likes and votes by random people.
 */
async function loadVolume(database: Database): Promise<VolumeData> {
  const sql = database.sql;
  const tree = sql.json(parseMarkdown('Un commentaire **ordinaire**, avec un [lien](https://intranet.example.com/procedure) et assez de mots pour une longueur réaliste.') as never);
  await sql.begin(async (tx) => {
    await tx`select setseed(0.42)`;
    await tx`
      insert into people (external_id, name, dept)
      select 'volume-' || lpad(i::text, 4, '0'), 'Personne ' || i, (array['RH', 'Compta', 'IT', 'Logistique'])[1 + i % 4]
        from generate_series(1, 1000) i`;
    await tx`insert into spaces (slug, name, visibility, lang, answer_promise_hours) values ('volume', 'Volume', 'open', 'fr', 48)`;
    await tx`create temp table vol_people on commit drop as select array_agg(id order by external_id) as ids from people where external_id like 'volume-%'`;
    await tx`
      create temp table vol_subjects on commit drop as
      select gen_random_uuid() as id, i as n, case when i % 10 = 0 then 'qa' else 'discussion' end as mode, 10 as threads
        from generate_series(1, 2000) i
      union all select gen_random_uuid(), 0, 'discussion', 100`;
    await tx`
      insert into subjects (id, space_id, key, mode)
      select v.id, s.id, 'https://intranet.example.com/page/' || v.n, v.mode from vol_subjects v, spaces s where s.slug = 'volume'`;
    await tx`
      create temp table vol_ideas on commit drop as
      select gen_random_uuid() as id, gen_random_uuid() as subject_id, i as n, now() - (2 + random() * 360) * interval '1 day' as created_at,
             (array['new', 'under_review', 'planned', 'in_progress', 'done', 'declined'])[1 + floor(random() * 6)::int] as status
        from generate_series(1, 2000) i`;
    await tx`
      insert into subjects (id, space_id, key)
      select v.subject_id, s.id, 'ruche:idea:' || v.id from vol_ideas v, spaces s where s.slug = 'volume'`;
    await tx`
      insert into ideas (id, space_id, subject_id, author_id, title, description, tree, lang, status, created_at)
      select v.id, s.id, v.subject_id, p.ids[1 + floor(random() * 1000)::int], 'Idée ' || v.n, 'Une idée pour mieux travailler ensemble.',
             ${tree}, 'fr', v.status, v.created_at
        from vol_ideas v, spaces s, vol_people p where s.slug = 'volume'`;
    // Threads: a top-level comment, three replies to it, one reply to the first of those.
    await tx`
      create temp table vol_roots on commit drop as
      select gen_random_uuid() as id, t.subject_id, t.question, p.ids[1 + floor(random() * 1000)::int] as author_id,
             now() - (2 + random() * 360) * interval '1 day' as created_at
        from (select v.id as subject_id, v.mode = 'qa' as question from vol_subjects v, generate_series(1, v.threads)
              union all select i.subject_id, false from vol_ideas i, generate_series(1, 2)) t, vol_people p`;
    await tx`
      create temp table vol_replies on commit drop as
      select gen_random_uuid() as id, r.id as root_id, r.subject_id, k, p.ids[1 + floor(random() * 1000)::int] as author_id,
             r.created_at + (k + random()) * interval '6 hours' as created_at,
             case when random() < 0.03 then 'deleted' else 'published' end as status
        from vol_roots r, generate_series(1, 4) k, vol_people p`;
    await tx`
      insert into comments (id, subject_id, space_id, parent_id, root_id, depth, author_id, body, tree, is_question, created_at)
      select r.id, r.subject_id, s.id, null, r.id, 0, r.author_id, 'Un commentaire ordinaire.', ${tree}, r.question, r.created_at
        from vol_roots r, spaces s where s.slug = 'volume'`;
    await tx`
      insert into comments (id, subject_id, space_id, parent_id, root_id, depth, author_id, body, tree, status, created_at)
      select y.id, y.subject_id, s.id, case when y.k = 4 then f.id else y.root_id end, y.root_id, case when y.k = 4 then 2 else 1 end,
             y.author_id, 'Une réponse ordinaire.', ${tree}, y.status, y.created_at
        from vol_replies y join vol_replies f on f.root_id = y.root_id and f.k = 1, spaces s where s.slug = 'volume'`;
    // Questions: four in five answered (by their first reply), half of those with it accepted.
    await tx`
      update comments q set answered_at = a.created_at, accepted_answer_id = case when random() < 0.5 then a.id end
        from vol_replies a where q.is_question and a.root_id = q.id and a.k = 1 and random() < 0.8`;
    await tx`
      insert into comment_likes (comment_id, person_id)
      select c.id, p.ids[1 + floor(random() * 1000)::int] from (select id from comments order by random() limit 30000) c, vol_people p
      on conflict do nothing`;
    await tx`update comments c set like_count = l.n from (select comment_id, count(*)::int as n from comment_likes group by 1) l where c.id = l.comment_id`;
    await tx`
      insert into idea_votes (idea_id, person_id, created_at)
      select i.id, p.ids[1 + floor(random() * 1000)::int], i.created_at + random() * (now() - i.created_at)
        from vol_ideas i, generate_series(1, 10), vol_people p
      on conflict do nothing`;
    await tx`update ideas i set vote_count = v.n from (select idea_id, count(*)::int as n from idea_votes group by 1) v where i.id = v.idea_id`;
    await tx`
      insert into reading_days (space_id, day, readers)
      select s.id, d::date, 200 + floor(random() * 200)::int from spaces s, generate_series(now() - interval '380 days', now(), interval '1 day') d
       where s.slug = 'volume'`;
  });
  await sql`analyze`;
  const [row] = await sql<{ space: string; reader: string; thread: string; bigSubject: string; comments: number }[]>`
    select (select id from spaces where slug = 'volume') as space,
           (select id from people where external_id = 'volume-0001') as reader,
           (select id from subjects where key = 'https://intranet.example.com/page/1') as thread,
           (select id from subjects where key = 'https://intranet.example.com/page/0') as big_subject,
           (select count(*)::int from comments) as comments`;
  return row!;
}

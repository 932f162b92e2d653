import type { Db } from '../db/database.ts';

/**
 * Re-keys every subject with the rules of shared/subject.ts as they are now (a migration calls this
 * whenever those rules change), and merges subjects of one space that now share a key: one page, one
 * discussion. Nothing is lost: every row that names a merged subject is moved to the one kept
 * (comments, likes — one per person —, ideas, live events, and whatever table a later migration
 * makes point at subjects), and the live events say the new key. Run inside the migrations'
 * transaction: a failure midway changes nothing.
 *
 * The subject kept is the one whose first top-level comment came first (it decided the mode, and
 * keeps it), else the oldest; it takes the others' title and page URL if it had none, and the
 * oldest creation date. A key the rules now refuse (too long once normalised) is left as it is.
 */
export interface RekeyReport {
  /** Subjects kept whose key changed. */
  rekeyed: number;
  /** Subjects merged into another (and deleted). */
  merged: number;
}

interface SubjectForRekey {
  id: string;
  spaceId: string;
  key: string;
  mode: string | null;
  createdAt: Date;
  firstPostAt: Date | null;
}

/**
 * The tables and columns that point at subjects, read from the catalogue (quoted as identifiers),
 * and whether an index (not a partial one, which a lookup by the column alone cannot use) starts with it.
 */
export async function tablesReferencingSubjects(db: Db): Promise<{ table: string; column: string; indexed: boolean }[]> {
  return db<{ table: string; column: string; indexed: boolean }[]>`
    select c.conrelid::regclass::text as table, quote_ident(a.attname) as column,
           exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = a.attnum and i.indpred is null) as indexed
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
     where c.contype = 'f' and c.confrelid = 'subjects'::regclass
     order by 1, 2`;
}

const time = (date: Date | null) => date?.getTime() ?? Infinity;
/** Whether a was the first to decide the page's mode (its first top-level comment), else created first. */
const earlier = (a: SubjectForRekey, b: SubjectForRekey) =>
  time(a.firstPostAt) - time(b.firstPostAt) || time(a.createdAt) - time(b.createdAt) || (a.id < b.id ? -1 : 1);

export async function rekeySubjects(db: Db, keyOf: (key: string) => string | null): Promise<RekeyReport> {
  const subjects = await db<SubjectForRekey[]>`
    select s.id, s.space_id, s.key, s.mode, s.created_at, f.first_post_at
      from subjects s
      left join (select subject_id, min(created_at) as first_post_at from comments where parent_id is null group by subject_id) f
        on f.subject_id = s.id`;

  const groups = new Map<string, { key: string; members: SubjectForRekey[] }>();
  for (const subject of subjects) {
    const key = keyOf(subject.key) ?? subject.key;
    const group = groups.get(`${subject.spaceId}\n${key}`);
    if (group) group.members.push(subject);
    else groups.set(`${subject.spaceId}\n${key}`, { key, members: [subject] });
  }

  const losers: string[] = [];
  const survivorOfLoser: string[] = [];
  const renamed: { id: string; key: string }[] = [];
  const absorbing: string[] = [];
  for (const { key, members } of groups.values()) {
    const kept = members.reduce((best, subject) => (earlier(subject, best) < 0 ? subject : best));
    if (kept.key !== key) renamed.push({ id: kept.id, key });
    if (members.length === 1) continue;
    absorbing.push(kept.id);
    for (const subject of members) {
      if (subject === kept) continue;
      losers.push(subject.id);
      survivorOfLoser.push(kept.id);
    }
  }
  if (!losers.length && !renamed.length) return { rekeyed: 0, merged: 0 };

  if (losers.length) {
    await db`create temporary table subject_merges (loser uuid primary key, survivor uuid not null) on commit drop`;
    await db`insert into subject_merges select * from unnest(${losers}::uuid[], ${survivorOfLoser}::uuid[])`;

    // Likes: one per person and subject, the earliest kept.
    await db`
      insert into likes (subject_id, person_id, created_at)
      select distinct on (m.survivor, l.person_id) m.survivor, l.person_id, l.created_at
        from likes l join subject_merges m on m.loser = l.subject_id
       order by m.survivor, l.person_id, l.created_at
      on conflict (subject_id, person_id) do update set created_at = least(likes.created_at, excluded.created_at)`;
    await db`delete from likes l using subject_merges m where l.subject_id = m.loser`;
    // Every other reference moves as it is (comments, ideas, events, and any table added later).
    const references = await tablesReferencingSubjects(db);
    for (const { table, column } of references) {
      await db.unsafe(`update ${table} t set ${column} = m.survivor from subject_merges m where t.${column} = m.loser`);
    }
    // Deleting a subject looks for rows that point at it, in each such table: without an index,
    // one scan of the table per subject (100 s for 10,000 merges over 100,000 comments). For the
    // time of the deletion, each reference gets an index if it has none.
    const unindexed = references.filter((reference) => !reference.indexed);
    for (const [i, { table, column }] of unindexed.entries()) await db.unsafe(`create index ruche_rekey_${i} on ${table} (${column})`);

    // The subject kept takes what only the merged ones knew.
    await db`
      update subjects s
         set mode = coalesce(s.mode, o.mode), title = coalesce(s.title, o.title), url = coalesce(s.url, o.url),
             created_at = least(s.created_at, o.created_at)
        from (
          select m.survivor,
                 (array_agg(l.mode order by l.created_at) filter (where l.mode is not null))[1] as mode,
                 (array_agg(l.title order by l.created_at) filter (where l.title is not null))[1] as title,
                 (array_agg(l.url order by l.created_at) filter (where l.url is not null))[1] as url,
                 min(l.created_at) as created_at
            from subject_merges m join subjects l on l.id = m.loser
           group by m.survivor
        ) o
       where s.id = o.survivor`;
    await db`delete from subjects s using subject_merges m where s.id = m.loser`;
    for (const i of unindexed.keys()) await db.unsafe(`drop index ruche_rekey_${i}`);
    await db`drop table subject_merges`;
  }

  if (renamed.length) {
    const ids = renamed.map((r) => r.id);
    // Through a placeholder first: a new key may still be held by a subject renamed in this same update.
    await db`update subjects set key = 'ruche:rekey:' || id::text where id = any(${ids}::uuid[])`;
    await db`
      update subjects s set key = r.key
        from unnest(${ids}::uuid[], ${renamed.map((r) => r.key)}::text[]) as r (id, key)
       where s.id = r.id`;
  }

  // Live events carry their subject's key, which streams listen on.
  const touched = [...new Set([...renamed.map((r) => r.id), ...absorbing])];
  await db`
    update events e set payload = jsonb_set(e.payload, '{subject}', to_jsonb(s.key))
      from subjects s
     where s.id = any(${touched}::uuid[]) and e.subject_id = s.id and e.payload->>'subject' is distinct from s.key`;

  return { rekeyed: renamed.length, merged: losers.length };
}

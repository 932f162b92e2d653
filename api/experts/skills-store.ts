import type { Db } from '../db/database.ts';
import { line } from '../http/validation.ts';

/**
 * The shared vocabulary of skills. People write skills freely ("MS Excel", "excel", "Excel "); each
 * is stored once, under its normalised key, and synonyms (skill_synonyms) send other spellings and
 * the other language's word to the same skill ("ms excel" → excel, "vat" → tva).
 */
export interface Skill {
  id: string;
  key: string;
  label: string;
}

export const MAX_SKILL_LENGTH = 60;

/**
 * Letters that carry no accent to strip but that PostgreSQL's unaccent spells out all the same, so
 * that a skill's key and the full-text search fold them alike ("Œnologie" is "oenologie"). Keep in
 * step with fold_skill_key() in 009_experts_and_directory.sql.
 */
const FOLDS: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const FOLDABLE = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'gu');

/**
 * The key of a skill as written: lower case, accents removed (œ, æ, ß… spelled out), punctuation
 * and runs of spaces collapsed to one space, at most 60 characters. `+` and `#` are kept, as they
 * tell C++ and C# from C.
 */
export function skillKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(FOLDABLE, (letter) => FOLDS[letter]!)
    .replace(/[^\p{L}\p{N}+#]+/gu, ' ')
    .trim()
    .slice(0, MAX_SKILL_LENGTH)
    .trimEnd();
}

/** A skill as a person types it: one line, with at least a letter or a digit. */
export const skillLabel = line(MAX_SKILL_LENGTH).refine((value) => skillKey(value).length > 0, 'must contain a letter or a digit');

/**
 * The skills for these labels, created when new. Synonyms win over a skill of the same key, so an
 * alias always lands on its skill. Returned in the order given, without duplicates.
 */
export async function resolveSkills(db: Db, labels: readonly string[]): Promise<Skill[]> {
  const wanted = new Map<string, string>();
  for (const label of labels) {
    const key = skillKey(label);
    if (key && !wanted.has(key)) wanted.set(key, label.trim().slice(0, MAX_SKILL_LENGTH));
  }
  if (wanted.size === 0) return [];
  const keys = [...wanted.keys()];
  const find = () =>
    db<(Skill & { name: string })[]>`
      select s.id, s.key, s.label, n.name
        from (select key as name, id from skills where key = any(${keys}::text[])
              union all
              select alias, skill_id from skill_synonyms where alias = any(${keys}::text[])) n
        join skills s on s.id = n.id`;
  let found = await find();
  const known = new Set(found.map((row) => row.name));
  const missing = keys.filter((key) => !known.has(key));
  if (missing.length) {
    await db`
      insert into skills (key, label)
      select * from unnest(${missing}::text[], ${missing.map((key) => wanted.get(key)!)}::text[])
      on conflict (key) do nothing`;
    found = await find();
  }
  // A synonym beats a skill of the same name (should both exist).
  const byName = new Map<string, Skill>();
  for (const row of found) {
    const current = byName.get(row.name);
    if (!current || row.key !== row.name) byName.set(row.name, { id: row.id, key: row.key, label: row.label });
  }
  const result = new Map<string, Skill>();
  for (const key of keys) {
    const skill = byName.get(key);
    if (skill && !result.has(skill.id)) result.set(skill.id, skill);
  }
  return [...result.values()];
}

/** A skill the search matched, and how closely (1: the query is the skill or one of its synonyms). */
export interface MatchedSkill extends Skill {
  strength: number;
  /** Other names of the skill (its key, label and synonyms), used to widen the full-text search. */
  names: string[];
}

/** How closely a skill's name must match the query to count, from exact to loose. */
export const SKILL_MATCH = {
  /** The query is the skill, or one of its synonyms. */
  exact: 1,
  /** The skill's words are all in the query ("tva" for "tva intracommunautaire"). */
  insideQuery: 0.7,
  /** The query's words are all in the skill, or match it once stemmed ("fournisseur" for "comptabilité fournisseurs"). */
  broader: 0.6,
} as const;

/** The skills a search query is about. */
export async function matchSkills(db: Db, query: string): Promise<MatchedSkill[]> {
  const key = skillKey(query);
  if (!key) return [];
  const tokens = key.split(' ');
  const rows = await db<(Skill & { strength: number; names: string[] })[]>`
    with names as (
      select id as skill_id, key as name from skills
      union all
      select skill_id, alias from skill_synonyms
    ),
    scored as (
      select n.skill_id,
             case
               when n.name = ${key} then ${SKILL_MATCH.exact}::float8
               when string_to_array(n.name, ' ') <@ ${tokens}::text[] then ${SKILL_MATCH.insideQuery}::float8
               when string_to_array(n.name, ' ') @> ${tokens}::text[] then ${SKILL_MATCH.broader}::float8
               when to_tsvector('ruche_fr'::regconfig, n.name) @@ plainto_tsquery('ruche_fr'::regconfig, ${key})
                 or to_tsvector('ruche_en'::regconfig, n.name) @@ plainto_tsquery('ruche_en'::regconfig, ${key})
                 then ${SKILL_MATCH.broader}::float8
             end as strength
        from names n
    )
    select s.id, s.key, s.label, max(sc.strength) as strength,
           array(select name from names where skill_id = s.id order by name) as names
      from scored sc join skills s on s.id = sc.skill_id
     where sc.strength is not null
     group by s.id, s.key, s.label
     order by max(sc.strength) desc, s.key
     limit 20`;
  return rows.map((row) => ({ ...row, strength: Number(row.strength) }));
}

/** Skills for autocompletion: by prefix of their key or a synonym, most used first. */
export async function suggestSkills(db: Db, prefix: string, limit: number): Promise<(Skill & { people: number })[]> {
  const key = skillKey(prefix);
  if (!key) return [];
  const pattern = `${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db<(Skill & { people: number })[]>`
    select s.id, s.key, s.label,
           (select count(distinct person_id) from profile_tags t where t.skill_id = s.id and t.kind <> 'learn')::int as people
      from skills s
     where s.key like ${pattern} or s.key like ${`% ${pattern}`}
        or exists (select 1 from skill_synonyms a where a.skill_id = s.id and a.alias like ${pattern})
     order by (s.key = ${key}) desc, people desc, length(s.key), s.key
     limit ${limit}`;
  return rows;
}

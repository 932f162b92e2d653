import type { Db } from '../db/database.ts';
import { conflict, notFound } from '../http/errors.ts';
import { findSkill } from './profiles-store.ts';
import { skillKey, type Skill } from './skills-store.ts';

/**
 * Curating the shared vocabulary, for administrators: another way of writing a skill (an alias, also
 * a bridge between the languages: "payroll" for "paie"), and two skills that turn out to be one
 * merged (what people declared and the endorsements they received follow, without duplicates).
 *
 * Changes are serialised by an advisory lock, taken before the skills are looked up: two merges
 * crossing each other (A into B, B into A) must not both run on what the other is moving.
 */
export interface CuratedSkill {
  key: string;
  label: string;
  /** Its other names, normalised, in alphabetical order. */
  aliases: string[];
  /** People who declared it (as a skill or an intent other than "want to learn"). */
  people: number;
}

async function lockedSkill(db: Db, name: string): Promise<Skill> {
  await db`select pg_advisory_xact_lock(4242, 9)`;
  const skill = await findSkill(db, name);
  if (!skill) throw notFound(`The skill "${name}"`);
  return skill;
}

export async function curatedSkill(db: Db, skillId: string): Promise<CuratedSkill> {
  const [row] = await db<CuratedSkill[]>`
    select s.key, s.label,
           array(select alias from skill_synonyms where skill_id = s.id order by alias) as aliases,
           (select count(distinct person_id) from profile_tags t where t.skill_id = s.id and t.kind <> 'learn')::int as people
      from skills s where s.id = ${skillId}`;
  return row!;
}

/**
 * Makes `alias` another name of the skill. Again is a no-op; an alias that already names another
 * skill, as its alias or as that skill's own name, is refused (merging is the way for the latter).
 */
export async function addAlias(db: Db, skillName: string, alias: string): Promise<Skill> {
  const skill = await lockedSkill(db, skillName);
  const key = skillKey(alias);
  if (key === skill.key) return skill;
  const [owner] = await db<{ kind: 'alias' | 'skill'; id: string; key: string; label: string }[]>`
    select n.kind, s.id, s.key, s.label
      from (select 'alias' as kind, skill_id as id from skill_synonyms where alias = ${key}
            union all
            select 'skill', id from skills where key = ${key}) n
      join skills s on s.id = n.id
     order by n.kind
     limit 1`;
  if (owner?.id === skill.id) return skill;
  if (owner?.kind === 'alias') {
    throw conflict('alias_taken', `"${alias}" already means "${owner.label}".`, { skill: { key: owner.key, label: owner.label } });
  }
  if (owner) {
    throw conflict('alias_is_a_skill', `"${alias}" is a skill of its own, "${owner.label}": merge it into "${skill.label}" instead.`, {
      skill: { key: owner.key, label: owner.label },
    });
  }
  await db`insert into skill_synonyms (alias, skill_id) values (${key}, ${skill.id})`;
  return skill;
}

/**
 * Merges `from` into `into` (merge_skills in 009_experts_and_directory.sql): `from`'s declarations,
 * endorsements (once per endorser) and aliases move to `into`, and its own name becomes an alias.
 * Merging a skill into itself — or again, once its name is an alias — is a no-op.
 */
export async function mergeSkills(db: Db, fromName: string, intoName: string): Promise<Skill> {
  const into = await lockedSkill(db, intoName);
  const from = await findSkill(db, fromName);
  if (!from) throw notFound(`The skill "${fromName}"`);
  await db`select merge_skills(${from.id}, ${into.id})`;
  return into;
}

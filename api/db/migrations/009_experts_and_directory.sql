-- Follow-ups to the expert finder and the directory (004_experts.sql): a curated vocabulary (skill
-- keys that fold œ, æ, ß… as unaccent does, and merging two skills), the space a question asked
-- from the finder was ranked in, and users deleted over SCIM.

-- The key of a skill as api/experts/skills.ts now writes it: the letters unaccent spells out (œ →
-- oe, æ → ae, ß → ss…) are spelled out too. Keys are already lower case and without accents.
create function fold_skill_key(key text) returns text language sql immutable as $$
  select rtrim(left(btrim(translate(replace(replace(replace(replace(key, 'œ', 'oe'), 'æ', 'ae'), 'ß', 'ss'), 'þ', 'th'), 'øłđðı', 'olddi')), 60))
$$;

-- Merges one skill into another: the people who declared it (once per person and intent), its
-- endorsements (once per endorser), its synonyms, and its own key as a synonym, so that whoever
-- writes it later lands on the skill it was merged into.
create function merge_skills(from_skill uuid, into_skill uuid) returns void language plpgsql as $$
begin
  if from_skill = into_skill then
    return;
  end if;
  insert into profile_tags (person_id, kind, skill_id, source, position, created_at)
  select t.person_id, t.kind, into_skill, t.source, t.position, t.created_at from profile_tags t where t.skill_id = from_skill
  on conflict (person_id, kind, skill_id) do nothing;
  insert into endorsements (endorsee_id, skill_id, endorser_id, created_at)
  select e.endorsee_id, into_skill, e.endorser_id, e.created_at from endorsements e where e.skill_id = from_skill
  on conflict (endorsee_id, skill_id, endorser_id) do nothing;
  update skill_synonyms set skill_id = into_skill where skill_id = from_skill;
  insert into skill_synonyms (alias, skill_id)
  select s.key, into_skill from skills s where s.id = from_skill and s.key <> (select key from skills where id = into_skill)
  on conflict (alias) do update set skill_id = excluded.skill_id;
  -- What is left of the merged skill (its duplicate tags and endorsements) goes with it.
  delete from skills where id = from_skill;
end $$;

-- Existing keys and synonyms, folded; a key that folds onto an existing one is the same skill.
do $$
declare
  s record;
  existing uuid;
begin
  for s in select id, fold_skill_key(key) as folded from skills where key <> fold_skill_key(key) order by created_at, id loop
    select id into existing from skills where key = s.folded;
    if existing is null then
      update skills set key = s.folded where id = s.id;
    else
      perform merge_skills(s.id, existing);
    end if;
  end loop;
end $$;
delete from skill_synonyms a
 where a.alias <> fold_skill_key(a.alias)
   and (exists (select 1 from skill_synonyms b where b.alias = fold_skill_key(a.alias))
        or exists (select 1 from skills k where k.key = fold_skill_key(a.alias))
        or exists (select 1 from skill_synonyms b where b.alias < a.alias and fold_skill_key(b.alias) = fold_skill_key(a.alias)));
update skill_synonyms set alias = fold_skill_key(alias) where alias <> fold_skill_key(alias);

-- A question asked from a finder limited to its space was ranked on that space's evidence only; the
-- next experts, once the promise passed, are ranked the same way.
alter table expert_questions add column evidence_from_space boolean not null default false;

-- SCIM DELETE: the person stays (what they wrote keeps its author) but is deactivated and gone for
-- the identity provider (404), until it creates them again with the same userName.
alter table scim_users add column deleted_at timestamptz;

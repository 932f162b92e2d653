import type { Db } from '../db/database.ts';
import type { Person } from '../people/person.ts';
import { canReadSpaceSql } from '../spaces/access-sql.ts';
import { resolveSkills, skillKey, type Skill } from './skills-store.ts';

/**
 * Profiles: who a person is for their colleagues. Roles in spaces come first (steward of X, member
 * of Y: roles over job titles), then what they declare (skills, and what to ask them about, what
 * they mentor, what they want to learn), endorsements, and how to reach them.
 *
 * Roles are shown only for spaces the viewer may read: a membership of a closed or secret space is
 * itself confidential. Guests do not see people who hide from guests (a 404, as for anyone unknown).
 */
export type TagKind = 'skill' | 'ask_me' | 'mentor' | 'learn';

export interface SkillRef {
  key: string;
  label: string;
}

export interface ProfileView {
  person: { id: string; name: string; dept: string | null; title: string | null };
  roles: { space: { slug: string; name: string }; role: 'steward' | 'member' }[];
  contact: { email: string | null; chatUrl: string | null };
  skills: (SkillRef & { endorsementCount: number; endorsedByMe: boolean })[];
  askMeAbout: SkillRef[];
  canMentor: SkillRef[];
  wantToLearn: SkillRef[];
  isMe: boolean;
  /** Only on one's own profile. */
  settings: { hideInferred: boolean; hideFromGuests: boolean } | null;
}

export interface Viewer {
  id: string;
  isAdmin: boolean;
  isGuest: boolean;
}

export const viewerOf = (person: Person): Viewer => ({ id: person.id, isAdmin: person.isAdmin, isGuest: person.isGuest });

const viewerReader = { id: '$1::uuid', admin: '$2::boolean', guest: '$3::boolean', anonymousRead: 'false' };

/** The profiles of these people that the viewer may see, in the order asked. */
export async function loadProfiles(db: Db, viewer: Viewer, ref: { ids: readonly string[] } | { externalIds: readonly string[] }): Promise<ProfileView[]> {
  const byId = 'ids' in ref;
  const values = [...(byId ? ref.ids : ref.externalIds)];
  if (values.length === 0) return [];
  const people = await db.unsafe<
    {
      id: string;
      externalId: string;
      name: string;
      dept: string | null;
      title: string | null;
      email: string | null;
      chatUrl: string | null;
      hideInferred: boolean | null;
      hideFromGuests: boolean | null;
    }[]
  >(
    `select p.id, p.external_id, p.name, p.dept, p.title, p.email, pr.chat_url, pr.hide_inferred, pr.hide_from_guests
       from people p left join profiles pr on pr.person_id = p.id
      where ${byId ? 'p.id = any($3::uuid[])' : 'p.external_id = any($3::text[])'}
        and p.active
        and (not $2::boolean or not coalesce(pr.hide_from_guests, false) or p.id = $1::uuid)`,
    [viewer.id, viewer.isGuest, values],
  );
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);

  const tags = await db<
    { personId: string; kind: TagKind; key: string; label: string; endorsementCount: number; endorsedByMe: boolean }[]
  >`
    select t.person_id, t.kind, s.key, s.label,
           case when t.kind = 'skill' then
             (select count(*) from endorsements e join people en on en.id = e.endorser_id and en.active
               where e.endorsee_id = t.person_id and e.skill_id = t.skill_id) else 0 end::int as endorsement_count,
           t.kind = 'skill' and exists (select 1 from endorsements e
             where e.endorsee_id = t.person_id and e.skill_id = t.skill_id and e.endorser_id = ${viewer.id}) as endorsed_by_me
      from profile_tags t join skills s on s.id = t.skill_id
     where t.person_id = any(${ids}::uuid[])
     order by t.position, lower(s.label)`;

  const roles = await db.unsafe<{ personId: string; slug: string; name: string; role: 'steward' | 'member' }[]>(
    `select m.person_id, s.slug, s.name, m.role
       from memberships m join spaces s on s.id = m.space_id
      where m.person_id = any($4::uuid[]) and m.status = 'active' and ${canReadSpaceSql('s', viewerReader)}
      order by m.role = 'steward' desc, s.is_default desc, lower(s.name)`,
    [viewer.id, viewer.isAdmin, viewer.isGuest, ids],
  );

  const views = new Map<string, ProfileView>();
  for (const p of people) {
    const isMe = p.id === viewer.id;
    views.set(p.id, {
      person: { id: p.id, name: p.name, dept: p.dept, title: p.title },
      roles: [],
      contact: { email: p.email, chatUrl: p.chatUrl },
      skills: [],
      askMeAbout: [],
      canMentor: [],
      wantToLearn: [],
      isMe,
      settings: isMe ? { hideInferred: p.hideInferred ?? false, hideFromGuests: p.hideFromGuests ?? false } : null,
    });
  }
  for (const tag of tags) {
    const view = views.get(tag.personId)!;
    const skill = { key: tag.key, label: tag.label };
    if (tag.kind === 'skill') view.skills.push({ ...skill, endorsementCount: tag.endorsementCount, endorsedByMe: tag.endorsedByMe });
    else if (tag.kind === 'ask_me') view.askMeAbout.push(skill);
    else if (tag.kind === 'mentor') view.canMentor.push(skill);
    else view.wantToLearn.push(skill);
  }
  for (const role of roles) views.get(role.personId)!.roles.push({ space: { slug: role.slug, name: role.name }, role: role.role });

  const order = byId ? values : people.map((p) => p.externalId);
  const key = (p: (typeof people)[number]) => (byId ? p.id : p.externalId);
  const result: ProfileView[] = [];
  for (const value of order) {
    const person = people.find((p) => key(p) === value);
    if (person && !result.some((r) => r.person.id === person.id)) result.push(views.get(person.id)!);
  }
  return result;
}

export interface ProfileChanges {
  skills?: string[];
  askMeAbout?: string[];
  canMentor?: string[];
  wantToLearn?: string[];
  chatUrl?: string | null;
  hideInferred?: boolean;
  hideFromGuests?: boolean;
}

const LIST_KINDS: [keyof ProfileChanges, TagKind][] = [
  ['skills', 'skill'],
  ['askMeAbout', 'ask_me'],
  ['canMentor', 'mentor'],
  ['wantToLearn', 'learn'],
];

/**
 * Changes one's own profile. Each list given replaces that list. A skill one offers to be asked
 * about or to mentor is a declared skill too (so it can be endorsed). Once a person edits their
 * skills, the directory import no longer changes them.
 */
export async function updateProfile(db: Db, personId: string, changes: ProfileChanges): Promise<void> {
  await db`insert into profiles (person_id) values (${personId}) on conflict (person_id) do nothing`;
  await db`select person_id from profiles where person_id = ${personId} for update`;

  const settings: Record<string, unknown> = {};
  if (changes.chatUrl !== undefined) settings.chat_url = changes.chatUrl;
  if (changes.hideInferred !== undefined) settings.hide_inferred = changes.hideInferred;
  if (changes.hideFromGuests !== undefined) settings.hide_from_guests = changes.hideFromGuests;
  if (changes.skills !== undefined) settings.skills_edited_at = new Date();
  if (Object.keys(settings).length) await db`update profiles set ${db(settings)}, updated_at = now() where person_id = ${personId}`;
  else await db`update profiles set updated_at = now() where person_id = ${personId}`;

  for (const [field, kind] of LIST_KINDS) {
    const labels = changes[field] as string[] | undefined;
    if (labels === undefined) continue;
    await replaceTags(db, personId, kind, await resolveSkills(db, labels), 'self');
  }
  // Offering to be asked or to mentor implies the skill.
  if (changes.askMeAbout || changes.canMentor || changes.skills) {
    await db`
      insert into profile_tags (person_id, kind, skill_id, position, source)
      select person_id, 'skill', skill_id, 1000 + min(position), 'self' from profile_tags
       where person_id = ${personId} and kind in ('ask_me', 'mentor')
       group by person_id, skill_id
      on conflict (person_id, kind, skill_id) do nothing`;
  }
}

/** Sets a person's tags of one kind to exactly these skills, in this order. */
export async function replaceTags(db: Db, personId: string, kind: TagKind, skills: Skill[], source: 'self' | 'directory'): Promise<void> {
  const ids = skills.map((s) => s.id);
  await db`delete from profile_tags where person_id = ${personId} and kind = ${kind} and not (skill_id = any(${ids}::uuid[]))`;
  if (ids.length === 0) return;
  await db`
    insert into profile_tags (person_id, kind, skill_id, position, source)
    select ${personId}, ${kind}, id, ord, ${source} from unnest(${ids}::uuid[]) with ordinality as u (id, ord)
    on conflict (person_id, kind, skill_id) do update set position = excluded.position`;
}

/** A skill by any of its names, without creating it. */
export async function findSkill(db: Db, text: string): Promise<Skill | null> {
  const key = skillKey(text);
  if (!key) return null;
  const [row] = await db<Skill[]>`
    select s.id, s.key, s.label from skills s
     where s.id = coalesce((select skill_id from skill_synonyms where alias = ${key}), (select id from skills where key = ${key}))`;
  return row ?? null;
}

export async function endorsementState(db: Db, endorseeId: string, skillId: string, viewerId: string) {
  const [row] = await db<{ endorsementCount: number; endorsedByMe: boolean }[]>`
    select (select count(*) from endorsements e join people en on en.id = e.endorser_id and en.active
             where e.endorsee_id = ${endorseeId} and e.skill_id = ${skillId})::int as endorsement_count,
           exists (select 1 from endorsements where endorsee_id = ${endorseeId} and skill_id = ${skillId} and endorser_id = ${viewerId}) as endorsed_by_me`;
  return row!;
}

/** A colleague endorses (or stops endorsing) a declared skill of someone's; again is a no-op. */
export async function setEndorsed(db: Db, endorseeId: string, skillId: string, endorserId: string, endorse: boolean): Promise<boolean> {
  const changed = endorse
    ? await db`insert into endorsements (endorsee_id, skill_id, endorser_id) values (${endorseeId}, ${skillId}, ${endorserId})
               on conflict do nothing`
    : await db`delete from endorsements where endorsee_id = ${endorseeId} and skill_id = ${skillId} and endorser_id = ${endorserId}`;
  return changed.count > 0;
}

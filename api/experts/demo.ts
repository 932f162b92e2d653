import type { Db, Pool } from '../db/database.ts';
import { replaceTags, type TagKind } from './profiles-store.ts';
import { resolveSkills } from './skills-store.ts';

/**
 * Profiles for the demo intranet's people (api/identity/demo-people.ts), so that the "Annuaire des
 * experts" page has something to find beside what the demo seed's discussions show. For the demo
 * seed to call after it created the people; does nothing for people who do not exist, nor for
 * anyone who already declared something.
 */
const PROFILES: Record<string, Partial<Record<TagKind, string[]>> & { chatUrl?: string; endorsedBy?: Record<string, string[]> }> = {
  'karim.haddad': {
    skill: ['Comptabilité fournisseurs', 'TVA intracommunautaire', 'Autoliquidation', 'Excel'],
    ask_me: ['TVA intracommunautaire'],
    mentor: ['Excel'],
    chatUrl: 'msteams:/l/chat/0/0?users=karim.haddad@hexagone.example',
    endorsedBy: { 'TVA intracommunautaire': ['elodie.petit', 'claire.martin', 'thomas.moreau'], Excel: ['sophie.dubois'] },
  },
  'sophie.dubois': {
    skill: ['Formation', 'Gestion des compétences', 'PowerPoint'],
    mentor: ['Formation de formateurs'],
    learn: ['Excel'],
    endorsedBy: { Formation: ['claire.martin', 'elodie.petit'] },
  },
  'julien.bernard': {
    skill: ['Gestion de projet', 'SQL', 'Portail RH'],
    ask_me: ['Portail RH'],
    endorsedBy: { 'Gestion de projet': ['claire.martin', 'nadia.benali'] },
  },
  'elodie.petit': { skill: ['Merchandising', 'Animation d’équipe'], learn: ['TVA intracommunautaire'] },
  'thomas.moreau': { skill: ['Chariot élévateur', 'Logistique', 'Sécurité en entrepôt'], mentor: ['Chariot élévateur'], endorsedBy: { 'Chariot élévateur': ['elodie.petit'] } },
  'nadia.benali': { skill: ['Droit social', 'RGPD'], ask_me: ['RGPD'], endorsedBy: { RGPD: ['julien.bernard', 'claire.martin'] } },
  'emma.wilson': { skill: ['Sales', 'Expense reports', 'Key accounts'], ask_me: ['Expense reports'] },
  'claire.martin': { skill: ['Communication interne', 'Rédaction'], chatUrl: 'https://chat.hexagone.example/claire.martin' },
  'marc.lefevre': { skill: ['Carrosserie', 'Peinture automobile'] },
};

export async function seedDemoProfiles(sql: Pool): Promise<boolean> {
  let seeded = false;
  await sql.begin(async (tx) => {
    const db = tx as unknown as Db;
    const people = await db<{ id: string; externalId: string }[]>`
      select id, external_id from people where external_id = any(${Object.keys(PROFILES)}::text[])`;
    const idOf = new Map(people.map((p) => [p.externalId, p.id]));
    const [declared] = await db<{ count: number }[]>`select count(*)::int as count from profile_tags where person_id = any(${[...idOf.values()]}::uuid[])`;
    if (people.length === 0 || declared!.count > 0) return;
    for (const [sub, profile] of Object.entries(PROFILES)) {
      const id = idOf.get(sub);
      if (!id) continue;
      for (const kind of ['skill', 'ask_me', 'mentor', 'learn'] as const) {
        if (profile[kind]) await replaceTags(db, id, kind, await resolveSkills(db, profile[kind]), 'self');
      }
      // Intents imply the skill, as when people edit their profile.
      await db`
        insert into profile_tags (person_id, kind, skill_id, position, source)
        select person_id, 'skill', skill_id, 1000, 'self' from profile_tags where person_id = ${id} and kind in ('ask_me', 'mentor')
        on conflict do nothing`;
      if (profile.chatUrl) {
        await db`insert into profiles (person_id, chat_url) values (${id}, ${profile.chatUrl}) on conflict (person_id) do update set chat_url = excluded.chat_url`;
      }
      for (const [label, endorsers] of Object.entries(profile.endorsedBy ?? {})) {
        const [skill] = await resolveSkills(db, [label]);
        for (const endorser of endorsers) {
          const endorserId = idOf.get(endorser);
          if (endorserId) {
            await db`insert into endorsements (endorsee_id, skill_id, endorser_id) values (${id}, ${skill!.id}, ${endorserId}) on conflict do nothing`;
          }
        }
      }
    }
    seeded = true;
  });
  return seeded;
}

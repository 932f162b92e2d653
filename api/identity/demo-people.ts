import { randomBytes } from 'node:crypto';
import type { Db, Pool } from '../db/database.ts';

/**
 * The people of the demo intranet ("Groupe Hexagone"): believable colleagues across head office,
 * stores and a partner body shop, so that a visitor can act as each of them.
 */
export interface DemoPerson {
  sub: string;
  name: string;
  email: string;
  dept: string;
  title: string;
  lang: 'fr' | 'en';
  admin?: boolean;
  guest?: boolean;
}

export const demoPeople: DemoPerson[] = [
  { sub: 'claire.martin', name: 'Claire Martin', email: 'claire.martin@hexagone.example', dept: 'Communication interne', title: 'Responsable de la communication interne', lang: 'fr', admin: true },
  { sub: 'karim.haddad', name: 'Karim Haddad', email: 'karim.haddad@hexagone.example', dept: 'Comptabilité', title: 'Comptable fournisseurs', lang: 'fr' },
  { sub: 'sophie.dubois', name: 'Sophie Dubois', email: 'sophie.dubois@hexagone.example', dept: 'Ressources humaines', title: 'Chargée de formation', lang: 'fr' },
  { sub: 'julien.bernard', name: 'Julien Bernard', email: 'julien.bernard@hexagone.example', dept: 'Systèmes d’information', title: 'Chef de projet SI', lang: 'fr' },
  { sub: 'elodie.petit', name: 'Élodie Petit', email: 'elodie.petit@hexagone.example', dept: 'Magasin de Lyon Part-Dieu', title: 'Responsable de rayon', lang: 'fr' },
  { sub: 'thomas.moreau', name: 'Thomas Moreau', email: 'thomas.moreau@hexagone.example', dept: 'Logistique', title: 'Responsable d’entrepôt', lang: 'fr' },
  { sub: 'nadia.benali', name: 'Nadia Benali', email: 'nadia.benali@hexagone.example', dept: 'Juridique', title: 'Juriste droit social', lang: 'fr' },
  { sub: 'emma.wilson', name: 'Emma Wilson', email: 'emma.wilson@hexagone.example', dept: 'Hexagone UK', title: 'Sales manager', lang: 'en' },
  { sub: 'marc.lefevre', name: 'Marc Lefèvre', email: 'marc@carrosserie-lefevre.example', dept: 'Carrosserie Lefèvre (partenaire agréé)', title: 'Gérant', lang: 'fr', guest: true },
];

/** Which demo people steward a space now (the picker marks them): their `sub`s. */
export async function demoStewards(db: Db): Promise<Set<string>> {
  const rows = await db<{ sub: string }[]>`
    select distinct p.external_id as sub from people p join memberships m on m.person_id = p.id
     where m.role = 'steward' and m.status = 'active' and p.external_id = any(${demoPeople.map((p) => p.sub)}::text[])`;
  return new Set(rows.map((r) => r.sub));
}

/** The demo identity picker's signing secret: made once per database, kept in ruche_settings. */
export async function loadDemoSecret(sql: Pool): Promise<string> {
  await sql`insert into ruche_settings (key, value) values ('demo_secret', ${randomBytes(32).toString('base64url')})
            on conflict (key) do nothing`;
  const [row] = await sql<{ value: string }[]>`select value from ruche_settings where key = 'demo_secret'`;
  return row!.value;
}

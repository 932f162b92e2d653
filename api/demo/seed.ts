import { markdownColumn } from '../db/markdown.ts';
import type { Pool } from '../db/database.ts';
import { demoPeople } from '../identity/demo-people.ts';
import { tellAccepted, tellPublished } from '../comments/notices.ts';
import { followByWriting, setFollowStatus } from '../notifications/follows-store.ts';
import { dateNoticesAsTheirComments } from '../notifications/store.ts';
import { upsertPerson } from '../people/person.ts';

/**
 * Believable activity for the demo intranet, so that a first visit looks alive: colleagues, spaces,
 * a discussion under the HR portal article, questions on the help-desk page (one answered in time,
 * one answered late, one waiting), likes on the news. Runs only on an empty database, once.
 */
export const ARTICLE = 'https://intranet.hexagone.example/actualites/2026/11/nouveau-portail-rh';
export const HELP_PAGE = 'https://intranet.hexagone.example/aide/comptabilite-fournisseurs';
/** Where the demo serves the pages those addresses name: a notification's link leads there. */
const DEMO_PAGE_OF: Record<string, string> = { [ARTICLE]: '/demo/article.html', [HELP_PAGE]: '/demo/aide.html' };

const NEWS = [
  ARTICLE,
  'actu-2026-11-resultats-t3',
  'actu-2026-11-magasin-montauban',
  'actu-2026-11-entrepot-saint-quentin',
  'actu-2026-11-operation-hiver',
  'actu-2026-10-seminaire-birmingham',
  'actu-2026-10-carrossiers-agrees',
  'actu-2026-10-challenge-securite',
  'actu-2026-10-campagne-magasin-demain',
  'actu-2026-10-mutuelle-2027',
];
const NEWS_LIKES = [23, 41, 17, 9, 12, 6, 4, 28, 7, 15];

// Colleagues who never use the picker but whose likes make the counts believable.
const FIRST = ['Anne', 'Bruno', 'Chloé', 'David', 'Fatima', 'Gilles', 'Hélène', 'Ibrahim', 'Julie', 'Kevin', 'Laure', 'Mathieu', 'Nathalie', 'Olivier', 'Pauline', 'Quentin', 'Rachid', 'Sandrine', 'Théo', 'Valérie', 'William', 'Yasmine', 'Zoé', 'Alain', 'Béatrice', 'Cédric', 'Delphine', 'Éric', 'Florence', 'Guillaume', 'Isabelle', 'Jérôme', 'Karine', 'Ludovic', 'Manon', 'Nicolas', 'Océane', 'Patrick', 'Romain', 'Sylvie'];
const LAST = ['Roux', 'Fontaine', 'Garnier', 'Chevalier', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Lemoine', 'Faure', 'André', 'Gauthier', 'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu'];
const DEPTS = ['Magasin de Bordeaux Lac', 'Magasin de Lille Lomme', 'Contrôle de gestion', 'Achats', 'Logistique', 'Marketing', 'Ressources humaines', 'Magasin de Nantes Atlantis', 'Service client', 'Systèmes d’information'];

interface SeedComment {
  by: string;
  hoursAgo: number;
  body: string;
  replies?: SeedComment[];
  likes?: number;
  accepted?: boolean;
}

const ARTICLE_THREADS: SeedComment[] = [
  {
    by: 'sophie.dubois',
    hoursAgo: 50,
    body: 'Pour celles et ceux qui se posent la question : les **formations d’une heure** ont lieu dans chaque site la semaine du lancement. Les inscriptions sont ouvertes sur la page RH.',
    likes: 14,
    replies: [
      { by: 'elodie.petit', hoursAgo: 47, body: 'Est-ce qu’il y aura une session pour les équipes du samedi en magasin ? On ne peut pas toutes se libérer en semaine.', likes: 6 },
      { by: 'sophie.dubois', hoursAgo: 45, body: 'Oui, deux sessions le samedi matin à Lyon et à Bordeaux. Je vous envoie les dates, Élodie.', likes: 3 },
    ],
  },
  {
    by: 'thomas.moreau',
    hoursAgo: 30,
    body: 'Enfin la fin des notes de frais papier ! Question pratique : les *tickets photographiés* suffisent-ils, ou faut-il encore garder les originaux ?',
    likes: 9,
    replies: [
      { by: 'karim.haddad', hoursAgo: 28, body: 'La photo suffit, à condition qu’elle soit lisible : montant, date et TVA. Les originaux peuvent être jetés après validation, sauf pour les factures de plus de 150 € HT.', likes: 11 },
    ],
  },
  {
    by: 'julien.bernard',
    hoursAgo: 20,
    body: 'Côté SI : le portail fonctionne sur les postes en magasin comme sur mobile. Si la page reste blanche, videz le cache du navigateur ou appelez le support au **4242**.\n\nDocumentation : https://intranet.hexagone.example/aide/portail-rh',
    likes: 5,
  },
  { by: 'nadia.benali', hoursAgo: 6, body: 'Rappel utile : les entretiens annuels restent confidentiels dans le nouvel outil, seuls vous et votre manager y avez accès.', likes: 7 },
];

const HELP_QUESTIONS: SeedComment[] = [
  {
    by: 'elodie.petit',
    hoursAgo: 70,
    body: 'Un fournisseur nous facture depuis l’Allemagne sans TVA. Est-ce normal, et comment la saisir ?',
    likes: 4,
    replies: [
      { by: 'karim.haddad', hoursAgo: 66, accepted: true, likes: 8, body: 'Oui, c’est l’**autoliquidation** : la facture est HT et c’est nous qui déclarons la TVA.\n\n1. Saisissez la facture avec le code TVA `AL20`\n2. Le logiciel génère la TVA due et déductible\n3. Rien à payer en plus au fournisseur' },
      { by: 'elodie.petit', hoursAgo: 65, body: 'Parfait, merci Karim !' },
    ],
  },
  {
    by: 'thomas.moreau',
    hoursAgo: 120,
    body: 'Quel est le délai de paiement à appliquer aux transporteurs ? On a des relances du prestataire de Saint-Quentin.',
    replies: [{ by: 'karim.haddad', hoursAgo: 52, likes: 3, body: 'Pour le transport routier, la loi plafonne à **30 jours** date de facture. Je regarde les factures en retard avec vous.' }],
  },
  { by: 'emma.wilson', hoursAgo: 5, body: 'Which form do I use to get reimbursed for a train ticket booked for a French supplier visit?' },
];


export async function seedDemo(sql: Pool): Promise<boolean> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(4242, 2)`;
    const [state] = await tx<{ used: boolean }[]>`
      select exists (select 1 from people) or exists (select 1 from subjects) or (select count(*) from spaces) > 1 as used`;
    if (state!.used) return false;

    const ids = new Map<string, string>();
    for (const p of demoPeople) {
      const person = await upsertPerson(tx as never, {
        externalId: p.sub,
        name: p.name,
        email: p.email,
        dept: p.dept,
        title: p.title,
        lang: p.lang,
        isAdmin: p.admin === true,
        isGuest: p.guest === true,
      });
      ids.set(p.sub, person.id);
    }
    const colleagues: string[] = [];
    for (let i = 0; i < 40; i++) {
      const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
      const [row] = await tx<{ id: string }[]>`
        insert into people (external_id, name, dept, lang) values (${`colleague-${i}`}, ${name}, ${DEPTS[i % DEPTS.length]!}, 'fr') returning id`;
      colleagues.push(row!.id);
    }

    const [general] = await tx<{ id: string }[]>`select id from spaces where is_default`;
    const generalId = general!.id;
    await tx`update spaces set name = 'Groupe Hexagone', description = 'L’espace de tous les collaborateurs du Groupe.', answer_promise_hours = 48 where id = ${generalId}`;
    const space = async (slug: string, name: string, description: string, visibility: string, lang: string, members: [string, string][]) => {
      const [row] = await tx<{ id: string }[]>`
        insert into spaces (slug, name, description, visibility, lang, answer_promise_hours, created_by)
        values (${slug}, ${name}, ${description}, ${visibility}, ${lang}, 48, ${ids.get(members[0]![0])!}) returning id`;
      for (const [sub, role] of members) {
        await tx`insert into memberships (space_id, person_id, role) values (${row!.id}, ${ids.get(sub)!}, ${role})`;
      }
    };
    await space('carrossiers-agrees', 'Réseau des carrossiers agréés', 'Échanges avec nos partenaires carrossiers : process, délais, sinistres.', 'closed', 'fr', [
      ['thomas.moreau', 'steward'],
      ['marc.lefevre', 'member'],
      ['claire.martin', 'member'],
    ]);
    await space('codir-projets', 'Comité de direction — projets', 'Projets confidentiels du comité de direction.', 'secret', 'fr', [['claire.martin', 'steward']]);
    await space('hexagone-uk', 'Hexagone UK', 'News and questions from our UK subsidiary.', 'open', 'en', [
      ['emma.wilson', 'steward'],
      ['julien.bernard', 'member'],
    ]);
    for (const [sub, role] of [['claire.martin', 'steward'], ['karim.haddad', 'steward'], ['sophie.dubois', 'member'], ['elodie.petit', 'member']] as const) {
      await tx`insert into memberships (space_id, person_id, role) values (${generalId}, ${ids.get(sub)!}, ${role})`;
    }

    const subject = async (key: string, mode: 'discussion' | 'qa', title: string | null) => {
      const [row] = await tx<{ id: string }[]>`
        insert into subjects (space_id, key, mode, title, url) values (${generalId}, ${key}, ${mode}, ${title}, ${DEMO_PAGE_OF[key] ?? null}) returning id`;
      return row!.id;
    };
    let likeCursor = 0;
    const likers = () => [...ids.values(), ...colleagues];
    const insert = async (subjectId: string, item: SeedComment, parent: { id: string; rootId: string; depth: number; isQuestion: boolean; authorId: string } | null, qa: boolean) => {
      const authorId = ids.get(item.by)!;
      const isQuestion = qa && !parent;
      const [row] = await tx<{ id: string }[]>`
        insert into comments (subject_id, space_id, parent_id, root_id, depth, author_id, body, tree, is_question, created_at)
        values (${subjectId}, ${generalId}, ${parent?.id ?? null}, ${parent?.rootId ?? null}, ${parent ? parent.depth + 1 : 0}, ${authorId},
                ${item.body}, ${markdownColumn(tx, item.body)}, ${isQuestion}, now() - make_interval(hours => ${item.hoursAgo}))
        returning id`;
      const id = row!.id;
      if (!parent) await tx`update comments set root_id = id where id = ${id}`;
      // Told as it would have been (the parent's author, the thread's followers), so the bell has news.
      const posted = { id, spaceId: generalId, rootId: parent?.rootId ?? id, authorId, isQuestion };
      await followByWriting(tx, authorId, { thread: posted.rootId });
      await tellPublished(tx, undefined, posted, parent && { ...parent, spaceId: generalId });
      if (parent?.isQuestion && authorId !== parent.authorId) {
        await tx`update comments set answered_at = coalesce(answered_at, now() - make_interval(hours => ${item.hoursAgo})) where id = ${parent.id}`;
        if (item.accepted) {
          await tx`update comments set accepted_answer_id = ${id} where id = ${parent.id}`;
          await tellAccepted(tx, undefined, { ...parent, spaceId: generalId }, posted, parent.authorId);
        }
      }
      const people = likers();
      for (let i = 0; i < (item.likes ?? 0); i++) {
        const liker = people[(likeCursor++ * 7) % people.length]!;
        if (liker === authorId) continue;
        await tx`insert into comment_likes (comment_id, person_id) values (${id}, ${liker}) on conflict do nothing`;
      }
      await tx`update comments set like_count = (select count(*) from comment_likes where comment_id = ${id}) where id = ${id}`;
      for (const reply of item.replies ?? []) {
        await insert(subjectId, reply, { id, rootId: parent?.rootId ?? id, depth: parent ? parent.depth + 1 : 0, isQuestion, authorId }, qa);
      }
    };

    // The internal communication's head follows the whole space: she hears of every new discussion.
    await setFollowStatus(tx, ids.get('claire.martin')!, { space: generalId }, 'following');
    const articleId = await subject(ARTICLE, 'discussion', 'Lancement du nouveau portail RH : ce qui change pour vous');
    for (const thread of ARTICLE_THREADS) await insert(articleId, thread, null, false);
    const helpId = await subject(HELP_PAGE, 'qa', 'Comptabilité fournisseurs : vos questions');
    for (const question of HELP_QUESTIONS) await insert(helpId, question, null, true);

    for (const [index, key] of NEWS.entries()) {
      const subjectId = key === ARTICLE ? articleId : await subject(key, 'discussion', null);
      const people = likers();
      for (let i = 0; i < NEWS_LIKES[index]!; i++) {
        await tx`insert into likes (subject_id, person_id, created_at)
                 values (${subjectId}, ${people[(i * 3 + index) % people.length]!}, now() - make_interval(hours => ${i * 2 + index}))
                 on conflict do nothing`;
      }
    }
    // The notices happened when their comments did; what is older than two days has been read.
    await dateNoticesAsTheirComments(tx, { readAfterDays: 2 });
    return true;
  });
}

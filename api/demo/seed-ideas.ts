import { randomUUID } from 'node:crypto';
import { markdownColumn } from '../db/markdown.ts';
import type { Db, Pool } from '../db/database.ts';
import type { IdeaStatus } from '../ideas/schemas.ts';
import { ideaSubjectKey } from '../ideas/store.ts';

/**
 * The demo intranet's idea box (demo/site/idees.html): in the default space, a running campaign
 * "Magasin de demain" with ideas from the demo people — some anonymous, every status (one declined
 * with its reason, one merged duplicate), votes, tags, the stewards' history, a discussion on the
 * most voted idea — and two ideas in the always-open box. For the demo seed to call once it created
 * the people; does nothing when the people are missing or ideas already exist.
 */
export const DEMO_CAMPAIGN = 'magasin-de-demain';

const DAY = 86_400_000;

interface SeedIdea {
  key: string;
  by: string;
  anonymous?: boolean;
  /** Outside the campaign: the space's always-open box. */
  openBox?: boolean;
  daysAgo: number;
  title: string;
  description: string;
  tags: string[];
  /** Demo people (by sub) who voted, and how many colleagues besides. */
  voters: string[];
  colleagues: number;
  /** The stewards' decisions, oldest first. */
  history?: { to: IdeaStatus; by: string; daysAgo: number; reason?: string; into?: string }[];
}

const IDEAS: SeedIdea[] = [
  {
    key: 'attente-atelier',
    by: 'elodie.petit',
    daysAgo: 19,
    title: 'Afficher le temps d’attente de l’atelier sur un écran à l’accueil',
    description:
      'Le samedi, la moitié des questions à l’accueil sont « ma voiture sera prête quand ? ». Un écran qui affiche, pour chaque rendez-vous, l’étape en cours (**réception, en atelier, contrôle, prête**) et l’heure prévue éviterait des allers-retours au comptoir.\n\nLes informations existent déjà dans le logiciel d’atelier.',
    tags: ['accueil', 'atelier'],
    voters: ['claire.martin', 'thomas.moreau', 'sophie.dubois', 'julien.bernard', 'nadia.benali'],
    colleagues: 12,
    history: [
      { to: 'under_review', by: 'karim.haddad', daysAgo: 12 },
      {
        to: 'planned',
        by: 'claire.martin',
        daysAgo: 3,
        reason: 'Retenue ! Un premier écran sera testé au **magasin de Lyon Part-Dieu** en janvier, avec l’équipe d’Élodie. L’équipe SI regarde comment lire les étapes dans le logiciel d’atelier.',
      },
    ],
  },
  {
    key: 'caisse-rapide',
    by: 'julien.bernard',
    anonymous: true,
    daysAgo: 16,
    title: 'Une caisse rapide pour les achats sans montage',
    description:
      'Les clients qui achètent un essuie-glace ou une ampoule attendent derrière ceux qui règlent une révision complète. Une caisse dédiée aux achats de moins de 5 articles, sans passage par l’atelier, réduirait l’attente aux heures de pointe.',
    tags: ['caisse'],
    voters: ['claire.martin', 'elodie.petit', 'thomas.moreau'],
    colleagues: 8,
    history: [{ to: 'under_review', by: 'karim.haddad', daysAgo: 5, reason: 'Nous comptons les passages en caisse de trois magasins pilotes sur deux samedis.' }],
  },
  {
    key: 'stock-voisins',
    by: 'thomas.moreau',
    daysAgo: 21,
    title: 'Voir le stock des magasins voisins depuis la caisse',
    description:
      'Quand une référence manque, on appelle les magasins voisins un par un. La caisse pourrait afficher le stock des trois magasins les plus proches et proposer une **réservation** avec retrait le lendemain.',
    tags: ['stock', 'caisse'],
    voters: ['claire.martin', 'elodie.petit', 'julien.bernard'],
    colleagues: 6,
    history: [
      { to: 'under_review', by: 'claire.martin', daysAgo: 15 },
      { to: 'planned', by: 'claire.martin', daysAgo: 9 },
      { to: 'in_progress', by: 'karim.haddad', daysAgo: 2, reason: 'Développement en cours côté SI, mise en service prévue avec la version de caisse de février.' },
    ],
  },
  {
    key: 'coin-attente',
    by: 'sophie.dubois',
    daysAgo: 6,
    title: 'Un vrai coin d’attente pendant l’entretien de la voiture',
    description: 'Quelques fauteuils, un café, le wifi et une prise pour recharger son téléphone : pour une vidange d’une heure, c’est ce qui fait revenir les clients.',
    tags: ['accueil'],
    voters: ['elodie.petit', 'nadia.benali'],
    colleagues: 4,
  },
  {
    key: 'casiers',
    by: 'julien.bernard',
    daysAgo: 4,
    title: 'Des casiers pour retirer ses commandes internet, même magasin fermé',
    description: 'Des casiers à code accessibles depuis le parking, remplis par l’équipe du soir : le client retire sa commande à 7 h en partant au travail.',
    tags: ['stock', 'accueil'],
    voters: ['thomas.moreau', 'sophie.dubois'],
    colleagues: 5,
  },
  {
    key: 'dimanche',
    by: 'nadia.benali',
    daysAgo: 14,
    title: 'Ouvrir le dimanche matin pendant l’hiver',
    description: 'Beaucoup de clients découvrent une batterie à plat ou un pneu crevé le week-end. Une ouverture le dimanche matin de novembre à février rendrait service.',
    tags: ['accueil'],
    voters: ['julien.bernard'],
    colleagues: 3,
    history: [
      {
        to: 'declined',
        by: 'claire.martin',
        daysAgo: 8,
        reason: 'Les horaires d’ouverture relèvent des accords d’entreprise négociés avec les partenaires sociaux : ils sortent du cadre de cette campagne. Nous avons transmis l’idée à la DRH pour la prochaine négociation annuelle.',
      },
    ],
  },
  {
    key: 'scan-reception',
    by: 'thomas.moreau',
    daysAgo: 20,
    title: 'Scanner les livraisons à la réception avec les terminaux du rayon',
    description: 'Les terminaux des rayons savent lire les codes-barres des colis. Les utiliser à la réception éviterait la double saisie du bon de livraison.',
    tags: ['stock'],
    voters: ['elodie.petit', 'claire.martin'],
    colleagues: 4,
    history: [
      { to: 'planned', by: 'karim.haddad', daysAgo: 17 },
      { to: 'in_progress', by: 'karim.haddad', daysAgo: 13 },
      { to: 'done', by: 'claire.martin', daysAgo: 1, reason: 'C’est en place dans tous les magasins depuis la mise à jour de lundi. Merci Thomas !' },
    ],
  },
  {
    key: 'ou-en-est-ma-voiture',
    by: 'nadia.benali',
    daysAgo: 11,
    title: 'Un écran pour savoir où en est ma voiture',
    description: 'Comme dans les restaurants rapides : un écran avec les numéros de rendez-vous et l’avancement de chaque voiture.',
    tags: ['accueil', 'atelier'],
    voters: ['sophie.dubois'],
    colleagues: 2,
    history: [{ to: 'merged', by: 'claire.martin', daysAgo: 10, into: 'attente-atelier', reason: 'Même idée que celle d’Élodie : vos votes y ont été reportés, la discussion continue là-bas.' }],
  },
  {
    key: 'formation-garantie',
    by: 'elodie.petit',
    anonymous: true,
    daysAgo: 9,
    title: 'Former l’accueil aux questions de garantie',
    description: 'Les clients posent souvent des questions sur la garantie des pneus et des batteries, et l’accueil doit aller chercher un technicien. Une fiche et une heure de formation suffiraient.',
    tags: ['accueil', 'formation'],
    voters: ['sophie.dubois', 'thomas.moreau'],
    colleagues: 3,
  },
  {
    key: 'paiement-plusieurs-fois',
    by: 'karim.haddad',
    daysAgo: 2,
    title: 'Payer les gros entretiens en plusieurs fois sans frais',
    description: 'Un remplacement d’embrayage, c’est souvent plus de 800 €. Proposer le paiement en trois fois **en caisse**, pas seulement sur le site.',
    tags: ['caisse'],
    voters: ['nadia.benali'],
    colleagues: 2,
  },
  {
    key: 'covoiturage',
    by: 'claire.martin',
    openBox: true,
    daysAgo: 25,
    title: 'Un service de covoiturage entre collègues du siège',
    description: 'Une page de l’intranet où proposer et trouver un trajet domicile-siège, par commune.',
    tags: ['siège'],
    voters: ['julien.bernard', 'sophie.dubois'],
    colleagues: 7,
  },
  // Ideas from the field, in the always-open box: colleagues from the stores and the warehouse (so
  // the pulse has five people or more proposing new ideas over its four weeks, and shows them).
  {
    key: 'etiquettes-rayon',
    by: 'colleague-3',
    openBox: true,
    daysAgo: 8,
    title: 'Des étiquettes de rayon qui se changent depuis la caisse',
    description: 'Chaque changement de prix, c’est une tournée des rayons avec l’imprimante. Des étiquettes électroniques dans les rayons pneus et batteries éviteraient les écarts entre l’étiquette et la caisse.',
    tags: ['magasin', 'prix'],
    voters: ['thomas.moreau'],
    colleagues: 0,
  },
  {
    key: 'quai-reservation',
    by: 'colleague-8',
    openBox: true,
    daysAgo: 10,
    title: 'Réserver son créneau de quai à l’entrepôt',
    description: 'Les transporteurs arrivent tous le lundi à 7 h. Un créneau réservé la veille (sur le portail transporteurs) étalerait les déchargements sur la matinée.',
    tags: ['logistique'],
    voters: ['julien.bernard'],
    colleagues: 0,
  },
  {
    key: 'pret-vehicule',
    by: 'colleague-14',
    openBox: true,
    daysAgo: 13,
    title: 'Un véhicule de prêt réservable en ligne pendant les réparations',
    description: 'Les clients appellent le magasin pour savoir s’il reste une voiture de prêt. Les rendre réservables avec le rendez-vous d’atelier libérerait le téléphone.',
    tags: ['atelier', 'accueil'],
    voters: ['elodie.petit', 'nadia.benali'],
    colleagues: 0,
  },
  {
    key: 'tutos-video',
    by: 'colleague-21',
    openBox: true,
    daysAgo: 16,
    title: 'Des tutos vidéo de deux minutes pour les nouveaux en caisse',
    description: 'Ouverture de caisse, avoir, retour produit : filmés une fois par un caissier expérimenté, et consultables sur la tablette du poste.',
    tags: ['formation', 'caisse'],
    voters: ['sophie.dubois'],
    colleagues: 0,
  },
  {
    key: 'palettes-retour',
    by: 'colleague-27',
    openBox: true,
    daysAgo: 19,
    title: 'Renvoyer les palettes vides avec la navette du mardi',
    description: 'Les palettes vides s’entassent derrière les magasins. La navette repart à vide vers l’entrepôt le mardi : elle pourrait les reprendre.',
    tags: ['logistique', 'environnement'],
    voters: [],
    colleagues: 0,
  },
  {
    key: 'badge-unique',
    by: 'colleague-33',
    openBox: true,
    daysAgo: 23,
    title: 'Un seul badge pour la caisse, la réserve et la pointeuse',
    description: 'Trois badges et deux codes par personne aujourd’hui. Un seul badge, avec les droits de chacun, et on ne cherche plus celui de la réserve.',
    tags: ['magasin'],
    voters: ['karim.haddad'],
    colleagues: 0,
  },
  {
    key: 'tasses',
    by: 'sophie.dubois',
    anonymous: true,
    openBox: true,
    daysAgo: 40,
    title: 'Des tasses plutôt que des gobelets en salle de pause',
    description: 'Près de 300 gobelets jetés chaque jour au siège.',
    tags: ['siège', 'environnement'],
    voters: ['claire.martin', 'nadia.benali'],
    colleagues: 9,
    history: [{ to: 'done', by: 'karim.haddad', daysAgo: 30, reason: 'Des tasses aux couleurs du Groupe sont arrivées dans toutes les salles de pause.' }],
  },
];

const DISCUSSION: { on: string; by: string; hoursAgo: number; body: string; replyTo?: number }[] = [
  { on: 'attente-atelier', by: 'thomas.moreau', hoursAgo: 400, body: 'Bonne idée. Il faudrait aussi prévenir le client **par SMS** quand la voiture est prête : il n’a pas toujours envie d’attendre devant l’écran.' },
  { on: 'attente-atelier', by: 'elodie.petit', hoursAgo: 396, replyTo: 0, body: 'Oui ! Le logiciel d’atelier envoie déjà un SMS en fin d’intervention, mais il part souvent trop tard. À revoir avec le même projet.' },
  { on: 'attente-atelier', by: 'julien.bernard', hoursAgo: 70, body: 'Côté SI : les étapes sont bien dans le logiciel d’atelier, on peut les lire toutes les minutes. L’écran peut être un simple navigateur en plein écran.' },
  { on: 'attente-atelier', by: 'claire.martin', hoursAgo: 60, body: 'Merci à tous, l’idée passe en « Planifiée » : test à Lyon Part-Dieu en janvier.' },
];

/** The campaign's deadline: the 15th of December, as the intranet's home page says, when it is a few weeks ahead; else three weeks from now. */
function campaignDeadline(now: number): Date {
  const year = new Date(now).getUTCFullYear();
  const december15 = Date.UTC(year, 11, 15, 22, 59); // 23:59 in Paris
  const ahead = december15 - now;
  return ahead >= 7 * DAY && ahead <= 60 * DAY ? new Date(december15) : new Date(Math.ceil((now + 21 * DAY) / DAY) * DAY - 60_000);
}

export async function seedDemoIdeas(sql: Pool): Promise<boolean> {
  return sql.begin(async (tx) => {
    const db = tx as unknown as Db;
    await db`select pg_advisory_xact_lock(4242, 3)`;
    const [state] = await db<{ used: boolean }[]>`select exists (select 1 from ideas) or exists (select 1 from idea_campaigns) as used`;
    if (state!.used) return false;
    const people = await db<{ id: string; externalId: string }[]>`select id, external_id from people where external_id is not null`;
    const idOf = new Map(people.map((p) => [p.externalId, p.id]));
    if (!idOf.has('claire.martin')) return false; // not the demo's people
    const person = (sub: string) => idOf.get(sub)!;
    const colleagues = people.filter((p) => p.externalId.startsWith('colleague-')).map((p) => p.id);
    const [space] = await db<{ id: string; lang: 'fr' | 'en' }[]>`select id, lang from spaces where is_default`;
    const spaceId = space!.id;
    const now = Date.now();
    const ago = (days: number) => new Date(now - days * DAY);

    await db`
      insert into idea_policies (space_id, stewards_see_authors, note, version, updated_by)
      values (${spaceId}, false,
              ${'Une idée anonyme reste anonyme pour tout le monde, animateurs compris. Elle est modérée comme les commentaires : restons courtois.'},
              2, ${person('claire.martin')})`;
    const description =
      'Accueil, atelier, caisse, réserve : **vous êtes les mieux placés** pour savoir ce qui ferait gagner du temps à nos clients et à nos équipes. Proposez vos idées, votez pour celles de vos collègues : les plus soutenues seront présentées au Comité de direction en janvier.';
    const [campaign] = await db<{ id: string }[]>`
      insert into idea_campaigns (space_id, slug, title, question, description, tree, closes_at, created_by, created_at)
      values (${spaceId}, ${DEMO_CAMPAIGN}, 'Magasin de demain', 'Comment rendre nos magasins plus simples pour nos clients et nos équipes ?',
              ${description}, ${markdownColumn(db, description)}, ${campaignDeadline(now)}, ${person('claire.martin')}, ${ago(24)})
      returning id`;

    const ideaIds = new Map<string, string>();
    let colleagueCursor = 0;
    for (const idea of IDEAS) {
      const id = randomUUID();
      ideaIds.set(idea.key, id);
      const createdAt = ago(idea.daysAgo);
      const [subject] = await db<{ id: string }[]>`
        insert into subjects (space_id, key, mode, title, url, created_at)
        values (${spaceId}, ${ideaSubjectKey(id)}, 'discussion', ${idea.title}, '/demo/idees.html', ${createdAt})
        returning id`;
      await db`
        insert into ideas (id, space_id, campaign_id, subject_id, author_id, anonymous, author_visible_to_stewards,
                           title, description, tree, tags, lang, created_at)
        values (${id}, ${spaceId}, ${idea.openBox ? null : campaign!.id}, ${subject!.id}, ${person(idea.by)}, ${idea.anonymous === true}, false,
                ${idea.title}, ${idea.description}, ${markdownColumn(db, idea.description)}, ${idea.tags}::text[], ${space!.lang}, ${createdAt})`;
      // Votes come in all along the idea's life (up to its merge, for a duplicate), so that the most
      // supported ideas also trend.
      const voters = [...idea.voters.map(person), ...Array.from({ length: idea.colleagues }, () => colleagues[colleagueCursor++ % colleagues.length]!)];
      const votingDays = idea.daysAgo - (idea.history?.find((change) => change.to === 'merged')?.daysAgo ?? 0) - 0.2;
      for (const [i, voter] of voters.entries()) {
        if (voter === person(idea.by)) continue;
        const votedAt = new Date(createdAt.getTime() + 3_600_000 + ((i * 0.37) % 1) * votingDays * DAY);
        await db`insert into idea_votes (idea_id, person_id, created_at) values (${id}, ${voter}, ${votedAt}) on conflict do nothing`;
      }
    }

    // The stewards' decisions, in the order they were taken (merges move the duplicate's votes).
    const decisions = IDEAS.flatMap((idea) => (idea.history ?? []).map((change) => ({ idea, change }))).sort((a, b) => b.change.daysAgo - a.change.daysAgo);
    const status = new Map<string, IdeaStatus>();
    for (const { idea, change } of decisions) {
      const id = ideaIds.get(idea.key)!;
      const into = change.into ? ideaIds.get(change.into)! : null;
      const reason = change.reason ?? null;
      const reasonTree = reason ? markdownColumn(db, reason) : null;
      const at = ago(change.daysAgo);
      if (into) {
        await db`
          insert into idea_votes (idea_id, person_id, created_at)
          select ${into}, person_id, created_at from idea_votes where idea_id = ${id} on conflict do nothing`;
      }
      await db`
        insert into idea_status_changes (idea_id, space_id, from_status, to_status, reason, reason_tree, merged_into, changed_by, created_at)
        values (${id}, ${spaceId}, ${status.get(idea.key) ?? 'new'}, ${change.to}, ${reason}, ${reasonTree}, ${into}, ${person(change.by)}, ${at})`;
      await db`
        update ideas set status = ${change.to}, status_reason = ${reason}, status_reason_tree = ${reasonTree}, status_changed_at = ${at}, merged_into = ${into}
         where id = ${id}`;
      status.set(idea.key, change.to);
    }
    await db`update ideas i set vote_count = (select count(*) from idea_votes v where v.idea_id = i.id) where i.space_id = ${spaceId}`;

    const written: string[] = [];
    for (const comment of DISCUSSION) {
      const [subject] = await db<{ id: string }[]>`select subject_id as id from ideas where id = ${ideaIds.get(comment.on)!}`;
      const parent = comment.replyTo === undefined ? null : written[comment.replyTo]!;
      const [row] = await db<{ id: string }[]>`
        insert into comments (subject_id, space_id, parent_id, root_id, depth, author_id, body, tree, created_at)
        values (${subject!.id}, ${spaceId}, ${parent}, ${parent}, ${parent ? 1 : 0}, ${person(comment.by)}, ${comment.body},
                ${markdownColumn(db, comment.body)}, ${new Date(now - comment.hoursAgo * 3_600_000)})
        returning id`;
      if (!parent) await db`update comments set root_id = id where id = ${row!.id}`;
      written.push(row!.id);
    }
    return true;
  });
}

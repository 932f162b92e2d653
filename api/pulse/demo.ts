import { markdownColumn } from '../db/markdown.ts';
import type { Db, Pool } from '../db/database.ts';

/**
 * Several weeks of believable activity in the demo intranet's default space, for the 'Tableau de
 * bord' page's pulse: a couple of hundred colleagues who read without writing (as on any intranet,
 * most people only read), daily reader counts (busy on weekdays, a handful on weekends — so some days
 * show as "not enough people"), comments and answers from colleagues spread over the weeks,
 * questions answered sooner or later than the space's 48-hour promise (and one still waiting), votes
 * on the ideas, and three demo people who chose to appear among the most active contributors.
 *
 * For the demo seed to call once the demo people, colleagues and ideas exist (after seedDemo and
 * seedDemoIdeas). Does nothing if the people are missing or the space already has reading counts.
 * Deterministic: the same figures on every fresh demo.
 */
export const DEMO_PULSE_WEEKS = 10;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

// Colleagues who read and never write: the audience a share of contributors is taken of.
const SILENT_READERS = 150;
const FIRST = ['Adèle', 'Baptiste', 'Camille', 'Damien', 'Estelle', 'Félix', 'Gaëlle', 'Hugo', 'Inès', 'Jules', 'Lina', 'Marius', 'Noémie', 'Oscar', 'Prune'];
const LAST = ['Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garcia', 'Dupuis', 'Rolland', 'Lucas', 'Brunet'];

const REMARKS = [
  'Merci pour l’info, c’est très clair.',
  'Est-ce que cela concerne aussi les magasins franchisés ?',
  'Bonne nouvelle pour les équipes du samedi.',
  'On a testé en magasin la semaine dernière : ça marche bien.',
  'Je relaie auprès de mon équipe.',
  'Une date pour le déploiement dans le Nord ?',
  'Très bonne initiative, bravo à toute l’équipe.',
  'Le lien vers la procédure ne fonctionne plus chez moi.',
  'Pensez à mettre à jour le guide d’accueil des nouveaux.',
  'Qui est l’interlocuteur côté logistique ?',
  'Retour d’expérience : prévoir une heure de formation, pas plus.',
  'Merci, on attendait ça depuis longtemps !',
];

const QUESTIONS = [
  'Comment déclarer une note de frais pour un déplacement à l’étranger ?',
  'Quel code TVA utiliser pour une facture de sous-traitance du BTP ?',
  'Où trouver le modèle de bon de commande à jour ?',
  'Peut-on payer un fournisseur par carte d’achat au-delà de 1 500 € ?',
  'Qui valide les avoirs fournisseurs quand le responsable est absent ?',
  'Comment rattacher une facture à une commande déjà clôturée ?',
  'Les acomptes fournisseurs se saisissent-ils comme des factures ?',
  'Quel délai pour contester une facture reçue en double ?',
];

const ANSWERS = [
  'Dans le portail, onglet « Frais », puis choisissez le pays : la devise est convertie automatiquement.',
  'C’est de l’autoliquidation : code `AL20`, comme pour l’intracommunautaire.',
  'Le modèle est dans la GED, dossier Achats > Modèles ; la version de novembre est la bonne.',
  'Non, au-delà il faut une commande validée dans l’outil achats.',
  'Son suppléant désigné dans l’annuaire, sinon le contrôle de gestion.',
  'Demandez la réouverture au service achats, puis rattachez-la normalement.',
  'Oui, avec le type de pièce « Acompte » pour qu’il soit déduit ensuite.',
  'Trente jours à réception ; au-delà, passez par votre acheteur.',
];

/** A small deterministic generator (mulberry32), so that the demo looks the same every time. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function seedDemoPulse(sql: Pool, options: { weeks?: number; now?: Date } = {}): Promise<boolean> {
  const weeks = options.weeks ?? DEMO_PULSE_WEEKS;
  const now = options.now ?? new Date();
  return sql.begin(async (tx) => {
    const db = tx as unknown as Db;
    await db`select pg_advisory_xact_lock(4242, 5)`;
    const [space] = await db<{ id: string }[]>`select id from spaces where is_default`;
    if (!space) return false;
    const [seeded] = await db<{ any: boolean }[]>`select exists (select 1 from reading_days where space_id = ${space.id}) as any`;
    if (seeded!.any) return false;
    const demo = await db<{ id: string; externalId: string }[]>`
      select id, external_id from people where external_id in ('karim.haddad', 'sophie.dubois', 'elodie.petit', 'thomas.moreau', 'julien.bernard', 'nadia.benali', 'claire.martin')`;
    const colleagues = await db<{ id: string }[]>`select id from people where external_id like 'colleague-%' order by external_id`;
    if (demo.length < 5 || colleagues.length < 20) return false;
    const bySub = new Map(demo.map((p) => [p.externalId, p.id]));
    const people = [...demo.map((p) => p.id), ...colleagues.map((c) => c.id)];
    const rand = random(20261123);
    const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
    const days = weeks * 7;
    const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);

    for (let i = 0; i < SILENT_READERS; i++) {
      await db`insert into people (external_id, name, dept, lang)
               values (${`demo-reader-${i}`}, ${`${FIRST[i % FIRST.length]} ${LAST[(i * 3 + Math.floor(i / FIRST.length)) % LAST.length]}`},
                       ${`Magasin n° ${100 + (i % 40)}`}, 'fr')
               on conflict (external_id) do nothing`;
    }

    // Reading: weekdays busy and growing over the weeks, weekends quiet (some under five: withheld).
    for (let ago = days - 1; ago >= 0; ago--) {
      const day = new Date(today.getTime() - ago * DAY_MS);
      const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
      const growth = 1 + (days - ago) / days; // from ×1 to ×2 over the period
      const readers = weekend ? Math.floor(rand() * 8) : Math.round((28 + rand() * 16) * growth);
      const isoDay = day.toISOString().slice(0, 10);
      await db`insert into reading_days (space_id, day, readers) values (${space.id}, ${isoDay}, ${readers})`;
      await db`insert into reading_days (space_id, day, readers) values (null, ${isoDay}, ${readers + Math.floor(rand() * 6)})
               on conflict (space_id, day) do update set readers = reading_days.readers + excluded.readers`;
    }

    const subjects = await db<{ id: string; key: string; mode: 'discussion' | 'qa' }[]>`
      select id, key, mode from subjects where space_id = ${space.id} and key not like 'ruche:%' order by key`;
    const discussions = subjects.filter((s) => s.mode === 'discussion');
    let qa = subjects.find((s) => s.mode === 'qa');
    if (!qa) {
      [qa] = await db<{ id: string; key: string; mode: 'qa' }[]>`
        insert into subjects (space_id, key, mode, title) values (${space.id}, 'demo-questions-comptabilite', 'qa', 'Questions de comptabilité')
        returning id, key, mode`;
    }
    if (discussions.length === 0) return false;

    const comment = async (subjectId: string, authorId: string, body: string, at: Date, parent: { id: string; isQuestion: boolean } | null, isQuestion = false) => {
      const [row] = await db<{ id: string }[]>`
        insert into comments (subject_id, space_id, parent_id, root_id, depth, author_id, body, tree, is_question, created_at)
        values (${subjectId}, ${space.id}, ${parent?.id ?? null}, ${parent?.id ?? null}, ${parent ? 1 : 0}, ${authorId}, ${body},
                ${markdownColumn(db, body)}, ${isQuestion}, ${at})
        returning id`;
      if (!parent) await db`update comments set root_id = id where id = ${row!.id}`;
      return row!.id;
    };
    const at = (ago: number) => {
      const day = today.getTime() - ago * DAY_MS;
      return new Date(Math.min(now.getTime() - HOUR_MS, day + (8 + rand() * 10) * HOUR_MS));
    };

    // Each week: a few threads with replies from 6 to 12 different people.
    for (let week = weeks - 1; week >= 0; week--) {
      const writers = 6 + Math.floor(rand() * 7);
      for (let i = 0; i < writers; i++) {
        const ago = week * 7 + Math.floor(rand() * 5) + 1;
        const subject = pick(discussions);
        const root = await comment(subject.id, pick(people), pick(REMARKS), at(ago), null);
        if (rand() < 0.6) await comment(subject.id, pick(people), pick(REMARKS), at(Math.max(0, ago - 1)), { id: root, isQuestion: false });
      }
    }

    // Questions: most answered within the 48-hour promise, some later, one still waiting.
    const experts = ['karim.haddad', 'sophie.dubois', 'julien.bernard', 'nadia.benali', 'thomas.moreau', 'elodie.petit'].map((s) => bySub.get(s)!).filter(Boolean);
    const questionCount = weeks * 2;
    for (let q = 0; q < questionCount; q++) {
      const ago = Math.floor(((questionCount - q) / questionCount) * (days - 3)) + 1;
      const asker = colleagues[(q * 7) % colleagues.length]!.id;
      const askedAt = at(ago);
      const id = await comment(qa!.id, asker, QUESTIONS[q % QUESTIONS.length]!, askedAt, null, true);
      if (q === questionCount - 1) continue; // waiting
      const delayHours = rand() < 0.8 ? 1 + rand() * 26 : 50 + rand() * 60;
      const answeredAt = new Date(Math.min(now.getTime() - 60_000, askedAt.getTime() + delayHours * HOUR_MS));
      const answerer = experts[q % experts.length]!;
      const answer = await comment(qa!.id, answerer, ANSWERS[q % ANSWERS.length]!, answeredAt, { id, isQuestion: true });
      await db`update comments set answered_at = ${answeredAt}, accepted_answer_id = ${rand() < 0.5 ? answer : null} where id = ${id}`;
    }

    // Votes on the published ideas of the space, spread over the weeks, from colleagues and from some
    // of those who otherwise only read (a vote is the lightest way to take part).
    const voterPool = [
      ...colleagues,
      ...(await db<{ id: string }[]>`select id from people where external_id like 'demo-reader-%' order by external_id limit 60`),
    ];
    const ideas = await db<{ id: string; createdAt: Date }[]>`
      select id, created_at from ideas where space_id = ${space.id} and moderation = 'published' and status <> 'merged'`;
    for (const idea of ideas) {
      const voters = Math.floor(rand() * 10);
      for (let v = 0; v < voters; v++) {
        const when = new Date(Math.max(idea.createdAt.getTime() + HOUR_MS, today.getTime() - Math.floor(rand() * days) * DAY_MS + 10 * HOUR_MS));
        if (when > now) continue;
        await db`insert into idea_votes (idea_id, person_id, created_at) values (${idea.id}, ${pick(voterPool).id}, ${when}) on conflict do nothing`;
      }
      await db`update ideas set vote_count = (select count(*) from idea_votes where idea_id = ${idea.id}) where id = ${idea.id}`;
    }

    // Three colleagues chose to appear among the most active contributors.
    for (const sub of ['karim.haddad', 'sophie.dubois', 'elodie.petit']) {
      const id = bySub.get(sub);
      if (id) await db`insert into privacy_settings (person_id, show_in_top_contributors) values (${id}, true) on conflict (person_id) do nothing`;
    }
    return true;
  });
}

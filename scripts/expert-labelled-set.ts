/**
 * The labelled set the expert finder's ranking is measured on: synthetic colleagues, spaces and
 * posts in eight topics (six in French, with accents, two in English), where who knows what is known
 * because it was decided before the posts were written.
 *
 * Each topic has five experts, each showing it differently — the way real experts do:
 *   - the go-to person: answers often, mostly accepted, liked; declares the skill, endorsed;
 *   - the quiet one: answers well, accepted, but declares nothing;
 *   - the declared one: declares the skill, endorsed by several colleagues, answered once;
 *   - the former expert: accepted answers, but one to two years old;
 *   - the idea person: signed ideas on the topic that colleagues voted for, and a few comments.
 * And noise that a naive ranking would fall for: people who ask about the topic (often, in its
 * words), people who chat about it, generalists who answer everything vaguely, people who want to
 * learn it, anonymous ideas on it (never evidence), and an expert whose answers are all in a closed
 * space the searcher cannot read.
 *
 * Precision alone would reward a ranking that ignores age (the former expert is one of the five:
 * without ageing, precision at 5 even rises), so the set also says who must rank above whom
 * (`orderChecks`): the go-to person above the former expert, both found (the former is known by
 * evidence only); and of two twins who gave the same answer, unliked, the one who answered a month
 * ago above the one who did two years ago (only age tells them apart).
 *
 * `node --import tsx scripts/expert-labelled-set.ts` writes test/fixtures/expert-labelled-set.json
 * (deterministic: same seed, same file), which test/api/experts-quality.test.ts checks against this
 * generator and measures; measureRankingQuality (bench/ranking-quality.ts) builds it in memory.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export interface LabelledSet {
  seed: number;
  /** Who searches: an ordinary employee, member of no closed space. */
  searcher: string;
  spaces: { slug: string; name: string; lang: 'fr' | 'en'; visibility: 'open' | 'closed'; members: string[] }[];
  people: { sub: string; name: string; dept: string }[];
  /** What each person is in the story, e.g. "expert:tva:go-to", "asker", "closed-expert:tva" (for reading results). */
  roles: Record<string, string>;
  declarations: { sub: string; kind: 'skill' | 'ask_me' | 'mentor' | 'learn'; skill: string }[];
  endorsements: { endorser: string; endorsee: string; skill: string }[];
  posts: LabelledPost[];
  queries: { text: string; topic: string; relevant: string[] }[];
  /** For each query: both found, `above` with a higher score than `below`. */
  orderChecks: { query: string; above: string; below: string; why: string }[];
}

export interface LabelledPost {
  ref: string;
  space: string;
  subject: string;
  author: string;
  kind: 'question' | 'answer' | 'comment' | 'idea';
  /** For an answer: the question's ref. */
  parent?: string;
  /** For an idea. */
  title?: string;
  body: string;
  accepted?: boolean;
  /** Likes (comments) or votes (ideas). */
  appreciation: number;
  ageDays: number;
  anonymous?: boolean;
}

interface Topic {
  key: string;
  lang: 'fr' | 'en';
  space: string;
  skill: string;
  questions: string[];
  answers: string[];
  chatter: string[];
  ideas: [string, string][];
  queries: string[];
}

const TOPICS: Topic[] = [
  {
    key: 'tva',
    lang: 'fr',
    space: 'compta',
    skill: 'TVA intracommunautaire',
    questions: [
      'Un fournisseur allemand nous facture sans TVA : est-ce normal ?',
      'Où déclarer la TVA intracommunautaire sur la CA3 ?',
      'Comment vérifier le numéro de TVA intracommunautaire d’un client espagnol ?',
      'Faut-il appliquer l’autoliquidation pour une prestation de service belge ?',
      'Une facture italienne sans mention d’autoliquidation, que faire ?',
      'La TVA intracommunautaire s’applique-t-elle aux acomptes ?',
      'Quelle mention portée sur nos factures pour une livraison intracommunautaire ?',
      'Déclaration d’échanges de biens et TVA intracommunautaire : quel lien ?',
    ],
    answers: [
      'Oui : c’est l’autoliquidation. La facture est hors taxe et nous déclarons la TVA due et déductible.',
      'Lignes 17 et 20 de la CA3 pour les acquisitions intracommunautaires, le montant hors taxe.',
      'Le site VIES de la Commission vérifie le numéro de TVA en quelques secondes ; gardez la capture.',
      'Pour une prestation B2B, la règle générale s’applique : autoliquidation par le preneur.',
      'Demandez une facture rectificative avec la mention « autoliquidation », sinon la déduction est fragile.',
      'Pour une livraison, la mention est « exonération de TVA, article 262 ter I du CGI ».',
    ],
    chatter: ['La TVA intracommunautaire, je n’y comprends rien, heureusement que la compta est là !', 'Encore une réunion sur la TVA et les factures étrangères…'],
    ideas: [
      ['Un guide de la TVA intracommunautaire pour les magasins', 'Une fiche simple sur l’autoliquidation et les factures de fournisseurs européens, pour éviter les erreurs de saisie.'],
      ['Contrôle automatique des numéros de TVA', 'Vérifier les numéros de TVA intracommunautaire des clients dans le logiciel de facturation, via VIES.'],
    ],
    queries: ['TVA intracommunautaire', 'autoliquidation facture fournisseur allemand'],
  },
  {
    key: 'excel',
    lang: 'fr',
    space: 'compta',
    skill: 'Excel',
    questions: [
      'Comment faire un tableau croisé dynamique sur les ventes par magasin ?',
      'Ma RECHERCHEV renvoie #N/A alors que la valeur existe, pourquoi ?',
      'Peut-on actualiser automatiquement un tableau croisé dynamique Excel ?',
      'Comment figer la première ligne dans Excel ?',
      'Une macro Excel pour fusionner les fichiers des magasins ?',
      'Quelle formule Excel pour compter les valeurs distinctes ?',
      'Le fichier Excel du budget est très lent, que faire ?',
    ],
    answers: [
      'Insertion > Tableau croisé dynamique, puis glissez Magasin en lignes et Ventes en valeurs.',
      'Souvent des espaces en trop : entourez la valeur cherchée de SUPPRESPACE dans la RECHERCHEV.',
      'Mettez la source sous forme de tableau, puis cochez « actualiser à l’ouverture » dans les options.',
      'Affichage > Figer les volets > Figer la ligne supérieure.',
      'Power Query fait mieux qu’une macro : Données > Obtenir des données > À partir d’un dossier.',
      'Avec Excel 365 : =NBVAL(UNIQUE(A2:A500)). Sinon un tableau croisé avec le nombre distinct.',
      'Les formules volatiles ralentissent le classeur : remplacez DECALER par INDEX et passez en calcul manuel.',
    ],
    chatter: ['Excel a encore planté pendant la clôture, quelle journée.', 'Qui a cassé le tableau croisé du reporting ? Plus rien ne marche.'],
    ideas: [
      ['Formation Excel pour les chefs de rayon', 'Des ateliers courts sur les tableaux croisés dynamiques et les formules utiles au suivi des ventes.'],
      ['Modèles Excel partagés', 'Une bibliothèque de modèles Excel validés (budget, inventaire) pour ne plus repartir de zéro.'],
    ],
    queries: ['tableau croisé dynamique', 'MS Excel'],
  },
  {
    key: 'paie',
    lang: 'fr',
    space: 'rh',
    skill: 'Paie',
    questions: [
      'Comment lire la ligne « indemnité de congés payés » sur mon bulletin de paie ?',
      'Les congés payés non pris en mai sont-ils perdus ?',
      'Pourquoi mon salaire net a baissé ce mois-ci sur le bulletin de paie ?',
      'Peut-on demander un acompte sur salaire en milieu de mois ?',
      'Comment sont calculés les congés payés pendant un arrêt maladie ?',
      'Les RTT apparaissent-ils sur le bulletin de paie ?',
      'Quand la prime de fin d’année est-elle versée sur la paie ?',
    ],
    answers: [
      'C’est la règle du dixième ou du maintien de salaire, la plus favorable est retenue.',
      'Non, le report est possible jusqu’au 31 décembre avec l’accord de votre responsable.',
      'La régularisation de mutuelle et le taux de prélèvement à la source expliquent souvent l’écart.',
      'Oui, jusqu’à la moitié du salaire du mois, demande à envoyer au service paie avant le 15.',
      'Depuis 2024 l’arrêt maladie ouvre des droits à congés payés, deux jours par mois.',
      'Oui, le compteur de RTT figure en bas du bulletin, avec les soldes de congés.',
      'Elle est versée avec la paie de novembre, au prorata du temps de présence.',
    ],
    chatter: ['Vivement les congés payés, cette année a été longue !', 'Le bulletin de paie dématérialisé, c’est pratique, mais je n’y comprends toujours rien.'],
    ideas: [
      ['Simulateur de congés payés', 'Un simulateur sur l’intranet pour savoir combien de congés payés on aura acquis à une date donnée.'],
      ['Bulletin de paie expliqué', 'Une page qui explique chaque ligne du bulletin de paie, avec des exemples.'],
    ],
    queries: ['congés payés', 'bulletin de paie'],
  },
  {
    key: 'caces',
    lang: 'fr',
    space: 'logistique',
    skill: 'Chariot élévateur',
    questions: [
      'Qui peut renouveler le CACES chariot élévateur des caristes de l’entrepôt ?',
      'Un intérimaire sans CACES peut-il conduire un chariot élévateur ?',
      'Quelle vérification avant la prise de poste sur un chariot élévateur ?',
      'Le chariot élévateur numéro 3 bipe en continu, danger ?',
      'Combien de temps dure la formation CACES R489 ?',
      'Peut-on transporter une palette de plus d’une tonne avec le petit chariot ?',
    ],
    answers: [
      'Le renouvellement se fait tous les cinq ans avec un organisme certifié ; je tiens le planning des caristes.',
      'Non, jamais : sans CACES et autorisation de conduite, pas de conduite, même pour déplacer une palette.',
      'Freins, klaxon, fourches, niveau de batterie : la check-list est affichée à côté des bornes de charge.',
      'C’est l’alarme de surcharge ou de batterie faible : arrêtez-le et prévenez le responsable maintenance.',
      'Trois jours pour un débutant en R489 catégorie 3, deux jours pour un recyclage.',
      'Regardez l’abaque de charge sur le mât : au-delà de la capacité, c’est le renversement assuré.',
    ],
    chatter: ['Les chariots élévateurs neufs sont arrivés, ils sont superbes !', 'Attention ce matin, un chariot a failli renverser les cartons de l’allée 4.'],
    ideas: [
      ['Capteurs anti-collision sur les chariots', 'Équiper les chariots élévateurs de capteurs qui ralentissent près des piétons dans l’entrepôt.'],
      ['Tableau des CACES à jour', 'Un tableau partagé des CACES et autorisations de conduite de chaque cariste, avec alertes de renouvellement.'],
    ],
    queries: ['CACES chariot élévateur', 'securite chariot elevateur entrepot'],
  },
  {
    key: 'rgpd',
    lang: 'fr',
    space: 'juridique',
    skill: 'RGPD',
    questions: [
      'Peut-on garder les CV des candidats non retenus, au regard du RGPD ?',
      'Faut-il le consentement des clients pour la carte de fidélité ?',
      'Qui tient le registre des traitements de données personnelles ?',
      'Un client demande la suppression de ses données personnelles, comment faire ?',
      'Les caméras du magasin sont-elles soumises au RGPD ?',
      'Peut-on envoyer la liste des salariés à un prestataire de mutuelle ?',
    ],
    answers: [
      'Deux ans maximum après le dernier contact, et en informant le candidat ; au-delà, on supprime.',
      'La base légale est le contrat pour la carte elle-même, le consentement pour la prospection commerciale.',
      'Le délégué à la protection des données tient le registre ; chaque service lui déclare ses traitements.',
      'Répondez sous un mois, supprimez dans tous les outils, et gardez une trace de la demande.',
      'Oui : affichage obligatoire, durée de conservation limitée à trente jours, registre à jour.',
      'Oui si un contrat de sous-traitance encadre le transfert et que seules les données utiles partent.',
    ],
    chatter: ['Encore une formation RGPD obligatoire, la troisième cette année !', 'Le RGPD, c’est surtout beaucoup de cases à cocher, non ?'],
    ideas: [
      ['Un kit RGPD pour les magasins', 'Des affiches et une fiche pratique sur les données personnelles des clients en magasin.'],
      ['Purge automatique des données', 'Supprimer automatiquement les données personnelles des anciens clients après trois ans d’inactivité.'],
    ],
    queries: ['RGPD', 'données personnelles consentement client'],
  },
  {
    key: 'merch',
    lang: 'fr',
    space: 'magasins',
    skill: 'Merchandising',
    questions: [
      'Comment implanter la tête de gondole pour l’opération hiver ?',
      'Quel planogramme pour le rayon peinture après la rénovation ?',
      'Faut-il changer la vitrine chaque semaine en période de soldes ?',
      'Comment mettre en valeur les produits à forte marge dans l’allée centrale ?',
      'Le planogramme du siège ne rentre pas dans notre rayon, que faire ?',
      'Quelle hauteur pour les produits d’appel en linéaire ?',
    ],
    answers: [
      'Produit d’appel en haut, compléments à hauteur des yeux, promotion visible depuis l’allée.',
      'Le planogramme peinture se fait par famille de couleurs, les teintes claires à hauteur des yeux.',
      'Toutes les deux semaines suffit, avec une accroche prix bien lisible depuis la rue.',
      'Placez-les à hauteur des yeux et en bout d’allée, jamais au ras du sol.',
      'Adaptez par blocs : gardez l’ordre des familles et réduisez le nombre de facings.',
      'À hauteur des mains, entre 1 m et 1,60 m : c’est là que se prennent les décisions d’achat.',
    ],
    chatter: ['La nouvelle vitrine de Lyon est magnifique, bravo l’équipe !', 'Qui a les clés du local de merchandising ?'],
    ideas: [
      ['Concours de vitrines entre magasins', 'Un concours de vitrines et de têtes de gondole, avec photos partagées sur l’intranet.'],
      ['Planogrammes en réalité augmentée', 'Voir le planogramme du rayon sur une tablette avant l’implantation.'],
    ],
    queries: ['merchandising vitrine tête de gondole', 'planogramme rayon'],
  },
  {
    key: 'expenses',
    lang: 'en',
    space: 'uk',
    skill: 'Expense reports',
    questions: [
      'How do I claim mileage on my expense report for store visits?',
      'Is a photo of the receipt enough for the expense report?',
      'What is the per diem for a two-day trip to Birmingham?',
      'My expense report was rejected without a reason, who can help?',
      'Can I expense a client dinner over the usual limit?',
      'When are expense reports reimbursed?',
    ],
    answers: [
      'Use the mileage line: 45p per mile for the first 10,000 miles, with the start and end postcodes.',
      'Yes, a readable photo is enough, as long as the amount, the date and the VAT show.',
      'It is £35 a day for meals, hotels are booked through the travel desk.',
      'Rejections usually mean a missing receipt; the finance shared mailbox answers within two days.',
      'Yes, with your manager’s approval attached and the names of the guests.',
      'Approved claims are paid with the next payroll run, on the 25th.',
    ],
    chatter: ['Expense reports on a Friday afternoon, my favourite thing.', 'The new expenses app looks nicer at least.'],
    ideas: [
      ['Scan receipts at the till', 'Let us scan receipts straight into the expense report app at the till, no more paper.'],
      ['Mileage from the calendar', 'Fill the mileage of an expense report from the store visits in our calendar.'],
    ],
    queries: ['expense reports', 'mileage reimbursement'],
  },
  {
    key: 'postgres',
    lang: 'en',
    space: 'it',
    skill: 'PostgreSQL',
    questions: [
      'The stock query on PostgreSQL takes ten seconds, how do I find why?',
      'Which index should we add for the orders search?',
      'Autovacuum never seems to finish on the sales table, is that bad?',
      'How do we set up a read replica of the PostgreSQL database?',
      'Is it safe to add a column to a big PostgreSQL table during opening hours?',
      'Why does the query planner ignore my index?',
    ],
    answers: [
      'Run EXPLAIN ANALYZE on it: look for sequential scans on large tables and for bad row estimates.',
      'A btree index on (store_id, created_at) covers the search and its order by.',
      'Lower the autovacuum scale factor on that table; long transactions also block the cleanup.',
      'Streaming replication: a base backup with pg_basebackup, then a standby pointing at the primary.',
      'Adding a nullable column without default is instant; a default on old versions rewrites the table.',
      'Stale statistics or a function on the column: ANALYZE the table, or index the expression.',
    ],
    chatter: ['PostgreSQL upgrade this weekend, fingers crossed.', 'The database was slow again during the sales, the dashboards timed out.'],
    ideas: [
      ['Slow query dashboard', 'A dashboard of the slowest PostgreSQL queries from pg_stat_statements, reviewed each week.'],
      ['Replica for reporting', 'Send the reporting queries to a PostgreSQL read replica so the tills never wait.'],
    ],
    queries: ['PostgreSQL index', 'slow database query plan'],
  },
];

const FIRST = ['Anne', 'Bruno', 'Chloé', 'David', 'Fatima', 'Gilles', 'Hélène', 'Ibrahim', 'Julie', 'Kévin', 'Laure', 'Mathieu', 'Nathalie', 'Olivier', 'Pauline', 'Quentin', 'Rachid', 'Sandrine', 'Théo', 'Valérie', 'William', 'Yasmine', 'Zoé', 'Alain', 'Béatrice', 'Cédric', 'Delphine', 'Éric', 'Florence', 'Guillaume', 'Isabelle', 'Jérôme', 'Karine', 'Ludovic', 'Manon', 'Nicolas', 'Océane', 'Patrick', 'Romain', 'Sylvie'];
const LAST = ['Roux', 'Fontaine', 'Garnier', 'Chevalier', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Lemoine', 'Faure', 'André', 'Gauthier', 'Perrin', 'Robin', 'Clément', 'Morin', 'Henry', 'Roussel', 'Mathieu', 'Lambert'];
const GENERIC_ANSWERS = {
  fr: ['Je crois que c’est expliqué dans le guide sur l’intranet.', 'Il faudrait demander au service concerné, ils sauront.', 'Bonne question, je me la posais aussi.'],
  en: ['I think it is in the guide on the intranet.', 'Best to ask the team in charge, they will know.', 'Good question, I was wondering too.'],
};

/** A small deterministic random generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
  };
}

function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export function buildLabelledSet(seed = 2011): LabelledSet {
  const rnd = random(seed);
  const people: LabelledSet['people'] = [];
  const used = new Set<string>();
  const person = (dept: string) => {
    let name: string;
    do name = `${rnd.pick(FIRST)} ${rnd.pick(LAST)}`;
    while (used.has(name));
    used.add(name);
    const sub = `p${String(people.length + 1).padStart(3, '0')}`;
    people.push({ sub, name, dept });
    return sub;
  };

  const roles: Record<string, string> = {};
  const cast = (role: string, sub: string) => ((roles[sub] = role), sub);
  const searcher = cast('searcher', person('Siège'));
  const spaces: LabelledSet['spaces'] = [
    { slug: 'compta', name: 'Comptabilité', lang: 'fr', visibility: 'open', members: [] },
    { slug: 'rh', name: 'Ressources humaines', lang: 'fr', visibility: 'open', members: [] },
    { slug: 'logistique', name: 'Logistique', lang: 'fr', visibility: 'open', members: [] },
    { slug: 'juridique', name: 'Juridique', lang: 'fr', visibility: 'open', members: [] },
    { slug: 'magasins', name: 'Magasins', lang: 'fr', visibility: 'open', members: [] },
    { slug: 'uk', name: 'Hexagone UK', lang: 'en', visibility: 'open', members: [] },
    { slug: 'it', name: 'IT', lang: 'en', visibility: 'open', members: [] },
    { slug: 'codir', name: 'Comité de direction', lang: 'fr', visibility: 'closed', members: [] },
  ];
  const codir = spaces.find((s) => s.slug === 'codir')!;
  const directors = [cast('director', person('Direction')), cast('director', person('Direction'))];
  codir.members.push(...directors);

  // Noise shared by all topics: people who ask, chat, and answer everything vaguely.
  const askers = Array.from({ length: 16 }, () => cast('asker', person('Magasins')));
  const chatters = Array.from({ length: 8 }, () => cast('chatter', person('Magasins')));
  const generalists = Array.from({ length: 4 }, () => cast('generalist', person('Support')));

  const declarations: LabelledSet['declarations'] = [];
  const endorsements: LabelledSet['endorsements'] = [];
  const posts: LabelledPost[] = [];
  const queries: LabelledSet['queries'] = [];
  const orderChecks: LabelledSet['orderChecks'] = [];
  let refs = 0;
  const post = (p: Omit<LabelledPost, 'ref'>) => {
    const full = { ref: `d${++refs}`, ...p };
    posts.push(full);
    return full;
  };
  const endorse = (endorsee: string, skill: string, count: number) => {
    const pool = people.filter((p) => p.sub !== endorsee && p.sub !== searcher);
    const chosen = new Set<string>();
    while (chosen.size < count) chosen.add(rnd.pick(pool).sub);
    for (const endorser of chosen) endorsements.push({ endorser, endorsee, skill });
  };

  for (const topic of TOPICS) {
    const dept = spaces.find((s) => s.slug === topic.space)!.name;
    const [goTo, quiet, declared, former, ideaPerson] = ['go-to', 'quiet', 'declared', 'former', 'ideas'].map((kind) => cast(`expert:${topic.key}:${kind}`, person(dept)));
    const learner = cast(`learner:${topic.key}`, person(dept));
    const anonymousAuthor = cast(`anonymous-author:${topic.key}`, person(dept));
    const closedExpert = cast(`closed-expert:${topic.key}`, person('Direction'));
    codir.members.push(closedExpert);

    declarations.push({ sub: goTo!, kind: 'skill', skill: topic.skill }, { sub: goTo!, kind: 'mentor', skill: topic.skill });
    declarations.push({ sub: declared!, kind: 'skill', skill: topic.skill }, { sub: declared!, kind: 'ask_me', skill: topic.skill });
    declarations.push({ sub: learner, kind: 'learn', skill: topic.skill });
    endorse(goTo!, topic.skill, rnd.int(2, 4));
    endorse(declared!, topic.skill, rnd.int(3, 6));

    // Questions, asked by the noise (and by experts of other topics), each on its own subject.
    const questions = topic.questions.map((text, i) =>
      post({ space: topic.space, subject: `${topic.key}/q${i}`, author: rnd.pick(askers), kind: 'question', body: text, appreciation: rnd.int(0, 3), ageDays: rnd.int(5, 300) }),
    );
    const answerTo = (q: LabelledPost, author: string, accepted: boolean, ageDays = Math.max(0, q.ageDays - rnd.int(0, 3)), body = rnd.pick(topic.answers)) =>
      post({ space: q.space, subject: q.subject, author, kind: 'answer', parent: q.ref, body, accepted, appreciation: accepted ? rnd.int(2, 8) : rnd.int(0, 2), ageDays });
    const order = shuffle(questions, rnd.next);
    order.slice(0, 4).forEach((q, i) => answerTo(q, goTo!, i < 3));
    order.slice(3, 6).forEach((q, i) => answerTo(q, quiet!, i < 2));
    answerTo(order[6] ?? order[0]!, declared!, false);
    // The former expert: accepted answers to questions of one to two years ago.
    for (let i = 0; i < 2; i++) {
      const age = rnd.int(400, 700);
      const old = post({ space: topic.space, subject: `${topic.key}/old${i}`, author: rnd.pick(askers), kind: 'question', body: rnd.pick(topic.questions), appreciation: 1, ageDays: age });
      answerTo(old, former!, true, age - 1);
    }
    // Generalists answer vaguely, and are never accepted.
    for (const q of order.slice(0, 3)) answerTo(q, rnd.pick(generalists), false, undefined, rnd.pick(GENERIC_ANSWERS[topic.lang]));
    // Askers come back with follow-ups that repeat the topic's words.
    const followUp = topic.lang === 'fr' ? `Merci ! Et pour ${topic.queries[0]} en général ?` : `Thanks! And for ${topic.queries[0]} in general?`;
    for (const q of order.slice(0, 3)) post({ space: q.space, subject: q.subject, author: q.author, kind: 'comment', parent: q.ref, body: followUp, appreciation: 0, ageDays: q.ageDays });
    // The idea person: signed ideas, voted for, and comments.
    for (const [title, description] of topic.ideas) {
      post({ space: topic.space, subject: `${topic.key}/idea-${refs}`, author: ideaPerson!, kind: 'idea', title, body: description, appreciation: rnd.int(4, 15), ageDays: rnd.int(10, 200) });
    }
    for (let i = 0; i < 2; i++) post({ space: topic.space, subject: `${topic.key}/talk${i}`, author: ideaPerson!, kind: 'comment', body: rnd.pick(topic.answers), appreciation: rnd.int(1, 4), ageDays: rnd.int(10, 200) });
    // Chatter that uses the words without knowing more.
    for (const text of topic.chatter) post({ space: topic.space, subject: `${topic.key}/chat`, author: rnd.pick(chatters), kind: 'comment', body: text, appreciation: rnd.int(0, 5), ageDays: rnd.int(1, 100) });
    // Anonymous ideas, squarely on the topic: never evidence.
    for (const [title, description] of topic.ideas) {
      post({ space: topic.space, subject: `${topic.key}/anon-${refs}`, author: anonymousAuthor, kind: 'idea', title: `${title} (bis)`, body: `${description} ${topic.queries.join(', ')}.`, appreciation: rnd.int(10, 30), ageDays: rnd.int(5, 60), anonymous: true });
    }
    // An expert whose answers are all in the closed space the searcher cannot read.
    for (let i = 0; i < 3; i++) {
      const q = post({ space: 'codir', subject: `${topic.key}/codir${i}`, author: rnd.pick(directors), kind: 'question', body: topic.questions[i]!, appreciation: 0, ageDays: rnd.int(5, 100) });
      answerTo(q, closedExpert, true, undefined, topic.answers[i]);
    }

    for (const text of topic.queries) {
      queries.push({ text, topic: topic.key, relevant: [goTo!, quiet!, declared!, former!, ideaPerson!] });
      orderChecks.push({ query: text, above: goTo!, below: former!, why: 'the go-to person above the former expert' });
    }
  }

  // Twins, after the rest so that the draws above stay as they were: the same answer, unliked, to the
  // same question, a month ago and two years ago. Only age tells them apart.
  for (const topic of TOPICS) {
    const dept = spaces.find((s) => s.slug === topic.space)!.name;
    const [recent, old] = ['recent', 'old'].map((age) => cast(`twin-${age}:${topic.key}`, person(dept)));
    [recent!, old!].forEach((twin, i) => {
      const ageDays = i === 0 ? 30 : 730;
      const q = post({ space: topic.space, subject: `${topic.key}/twin${i}`, author: askers[i]!, kind: 'question', body: topic.lang === 'fr' ? 'Une question pour vous :' : 'A question for you:', appreciation: 0, ageDays });
      post({ space: topic.space, subject: q.subject, author: twin, kind: 'answer', parent: q.ref, body: `${topic.queries[0]} : ${topic.answers[0]}`, appreciation: 0, ageDays });
    });
    for (const query of queries.filter((q) => q.topic === topic.key)) {
      orderChecks.push({ query: query.text, above: recent!, below: old!, why: 'a recent answer above the same answer two years old' });
    }
  }

  return { seed, searcher, spaces, people, roles, declarations, endorsements, posts, queries, orderChecks };
}

export const FIXTURE = new URL('../test/fixtures/expert-labelled-set.json', import.meta.url);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const set = buildLabelledSet();
  writeFileSync(FIXTURE, `${JSON.stringify(set, null, 1)}\n`);
  console.log(
    `Wrote ${FIXTURE.pathname}: ${set.people.length} people, ${set.posts.length} posts, ${set.queries.length} queries ` +
      `(${set.queries.map((q) => q.text).join(' · ')}).`,
  );
}

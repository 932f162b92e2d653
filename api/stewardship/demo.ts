import { markdownColumn } from '../db/markdown.ts';
import type { Db, Pool } from '../db/database.ts';
import { ARTICLE } from '../demo/seed.ts';
import { notifyAuthor } from '../notifications/store.ts';

/**
 * The demo's moderation, so that a steward who opens the 'Modération' tab of the 'Tableau de bord'
 * finds what a real space has: a word list, a comment it held, a comment and an idea reported with
 * their reasons, and in the log an earlier decision (a comment hidden, its author told why).
 * Runs once, after the other demo seeds, in the default space.
 */
const NEWS_KEY = 'actu-2026-10-challenge-securite';
const NEWS_TITLE = 'Challenge sécurité inter-magasins : Arras et Quimper sur le podium';
const WORDS = ['incompétents', 'arnaque'];
const HELD = 'Encore une réforme décidée par des incompétents : personne ne nous a demandé notre avis en magasin.';
const ADVERT = 'Je revends deux places pour le match de samedi au stade, 40 € les deux. Écrivez-moi en privé !';
const HIDDEN = 'Le responsable du rayon outillage de Lille ne sait pas compter, il suffit de voir ses inventaires.';

export async function seedDemoModeration(sql: Pool): Promise<boolean> {
  return sql.begin(async (tx) => {
    const db = tx as unknown as Db;
    await db`select pg_advisory_xact_lock(4242, 6)`;
    const [space] = await db<{ id: string }[]>`select id from spaces where is_default`;
    if (!space) return false;
    const [seeded] = await db<{ any: boolean }[]>`
      select exists (select 1 from space_moderation where space_id = ${space.id})
          or exists (select 1 from moderation_actions where space_id = ${space.id}) as any`;
    if (seeded!.any) return false;
    const people = await db<{ id: string; externalId: string }[]>`
      select id, external_id from people where external_id in ('claire.martin', 'thomas.moreau', 'elodie.petit', 'colleague-3', 'colleague-11', 'colleague-17', 'colleague-24')`;
    const id = (sub: string) => people.find((p) => p.externalId === sub)?.id;
    const [article] = await db<{ id: string }[]>`select id from subjects where space_id = ${space.id} and key = ${ARTICLE}`;
    // The advert goes under a news item of the home page, not on the article a first visit opens.
    const [news] = await db<{ id: string }[]>`
      update subjects set title = coalesce(title, ${NEWS_TITLE}) where space_id = ${space.id} and key = ${NEWS_KEY} returning id`;
    const steward = id('claire.martin');
    const [idea] = await db<{ id: string }[]>`
      select id from ideas where space_id = ${space.id} and moderation = 'published' and status = 'new' and not anonymous
         and author_id is distinct from ${steward ?? null} order by created_at limit 1`;
    if (!article || !news || !steward || people.length < 7) return false;

    await db`insert into space_moderation (space_id, premoderation, words, updated_by)
             values (${space.id}, 'guests', ${WORDS}::text[], ${steward})`;
    await db`insert into moderation_actions (space_id, target_kind, action, details, actor_id, created_at)
             values (${space.id}, 'settings', 'settings', ${db.json({ premoderation: { from: 'off', to: 'guests' }, words: { added: WORDS, removed: [] } } as never)},
                     ${steward}, now() - interval '9 days')`;

    const comment = async (
      subjectId: string,
      authorSub: string,
      body: string,
      hoursAgo: number,
      moderation: { status: 'published' | 'pending' | 'hidden'; word?: string; reason?: string },
    ) => {
      const [row] = await db<{ id: string }[]>`
        insert into comments (subject_id, space_id, depth, author_id, body, tree, created_at, status, held_for, held_word, moderation_reason, moderated_at)
        values (${subjectId}, ${space.id}, 0, ${id(authorSub)!}, ${body}, ${markdownColumn(db, body)}, now() - make_interval(hours => ${hoursAgo}),
                ${moderation.status}, ${moderation.word ? 'word' : null}, ${moderation.word ?? null}, ${moderation.reason ?? null},
                ${moderation.reason ? new Date(Date.now() - (hoursAgo - 2) * 3_600_000) : null})
        returning id`;
      await db`update comments set root_id = id where id = ${row!.id}`;
      return row!.id;
    };

    // Held by the word list: waits for a steward.
    await comment(article.id, 'colleague-3', HELD, 3, { status: 'pending', word: 'incompétents' });

    // Reported twice, still published.
    const advert = await comment(news.id, 'colleague-11', ADVERT, 30, { status: 'published' });
    await db`insert into comment_reports (comment_id, reporter_id, reason, created_at) values
             (${advert}, ${id('elodie.petit')!}, 'Hors sujet : ce n’est pas l’endroit pour des petites annonces.', now() - interval '20 hours'),
             (${advert}, ${id('colleague-17')!}, 'Petite annonce', now() - interval '8 hours')`;

    // Hidden last week: the report resolved, the action in the log, the author told why.
    const reason = 'Un collègue nommé et mis en cause : parlez-en avec lui ou avec votre responsable.';
    const hidden = await comment(article.id, 'colleague-24', HIDDEN, 7 * 24 + 5, { status: 'hidden', reason });
    await db`insert into comment_reports (comment_id, reporter_id, reason, created_at, resolved_at, resolved_by, resolution)
             values (${hidden}, ${id('thomas.moreau')!}, 'Attaque personnelle contre un collègue', now() - interval '7 days 4 hours',
                     now() - interval '7 days 3 hours', ${steward}, 'hidden')`;
    await db`insert into moderation_actions (space_id, target_kind, target_id, action, reason, actor_id, created_at)
             values (${space.id}, 'comment', ${hidden}, 'hide', ${reason}, ${steward}, now() - interval '7 days 3 hours')`;
    await notifyAuthor(db, { personId: id('colleague-24')!, kind: 'post_hidden', spaceId: space.id, target: { kind: 'comment', id: hidden }, reason });

    // An idea reported as naming a store's team.
    if (idea) {
      await db`insert into idea_reports (idea_id, reporter_id, reason, created_at)
               values (${idea.id}, ${id('thomas.moreau')!}, 'À vérifier : ressemble beaucoup à une idée déjà à l’étude.', now() - interval '2 days')`;
    }
    return true;
  });
}

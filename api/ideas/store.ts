import type { MarkdownTree } from '../../shared/markdown/tree.ts';
import { markdownColumn } from '../db/markdown.ts';
import { setCountedMark, type CountedMark } from '../db/marks.ts';
import type { Db } from '../db/database.ts';
import { followByWriting } from '../notifications/follows-store.ts';
import type {
  Idea,
  IdeaCampaign,
  IdeaDetail,
  IdeaPolicy,
  IdeaRef,
  IdeaSort,
  IdeaStatus,
  IdeaStatusChange,
} from './schemas.ts';
import type { Hold } from '../moderation/settings-store.ts';

/** Ideas discuss on this subject key, in the idea's space. */
export const ideaSubjectKey = (id: string) => `ruche:idea:${id}`;

/**
 * Trending: each vote of the last 30 days counts 0.5^(age / 7 days) (a vote loses half its weight
 * every week), and the submission itself counts as one vote cast on the day it was submitted, so that
 * a new idea gets its chance before anyone has voted. Ties: more votes first.
 */
export const TRENDING_HALF_LIFE_DAYS = 7;
export const TRENDING_WINDOW_DAYS = 30;

// ---------------------------------------------------------------------------------------------------
// Who sees what: the one place where an idea becomes what a given person may read.

/** The person reading, and their rights in the idea's space. */
export interface IdeaViewer {
  personId: string | null;
  canWrite: boolean;
  canSteward: boolean;
}

export const PUBLIC_VIEWER: IdeaViewer = { personId: null, canWrite: false, canSteward: false };

export interface IdeaRow {
  id: string;
  spaceId: string;
  campaignId: string | null;
  subjectId: string;
  subjectKey: string;
  authorId: string | null;
  authorName: string | null;
  authorDept: string | null;
  authorTitle: string | null;
  anonymous: boolean;
  authorVisibleToStewards: boolean;
  title: string;
  description: string;
  tree: MarkdownTree;
  tags: string[];
  status: IdeaStatus;
  statusReason: string | null;
  statusReasonTree: MarkdownTree | null;
  statusChangedAt: Date | null;
  mergedInto: string | null;
  mergedTitle: string | null;
  mergedStatus: IdeaStatus | null;
  voteCount: number;
  createdAt: Date;
  editedAt: Date | null;
  campaignClosesAt: Date | null;
  commentCount: number;
  votedByMe: boolean;
  /** Whether it may be read at all: pending and hidden ideas are their author's and the stewards'. */
  moderation: 'published' | 'pending' | 'hidden';
  heldFor: 'premoderation' | 'word' | null;
  heldWord: string | null;
  moderationReason: string | null;
  moderatedAt: Date | null;
}

/**
 * Whether this viewer may know who wrote the idea: always for signed ideas; for anonymous ones, only
 * its author, and the space's stewards if the policy in force when it was submitted said so.
 */
/** Whether this viewer may read a pending or hidden idea: its author and the space's stewards. */
export function seesModeratedIdea(row: Pick<IdeaRow, 'authorId'>, viewer: IdeaViewer): boolean {
  return viewer.canSteward || (viewer.personId !== null && row.authorId === viewer.personId);
}

export function authorVisibleTo(row: Pick<IdeaRow, 'anonymous' | 'authorId' | 'authorVisibleToStewards'>, viewer: IdeaViewer): boolean {
  if (!row.anonymous) return true;
  if (viewer.personId !== null && row.authorId === viewer.personId) return true;
  return viewer.canSteward && row.authorVisibleToStewards;
}

const DAY_MS = 86_400_000;
/** The UTC day of a moment: what others learn of when an anonymous idea was written or edited. */
const toDay = (date: Date) => new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);

export const campaignOpen = (closesAt: Date | null, now = new Date()) => closesAt === null || closesAt > now;

/**
 * The API's view of an idea for one viewer. For someone who may not know its author, an anonymous
 * idea carries no author, and its times are the day only: an exact minute could be matched with
 * the author's other activity (a comment, a like, a login) and give them away.
 */
export function ideaView(row: IdeaRow, viewer: IdeaViewer): Idea {
  const known = authorVisibleTo(row, viewer);
  const mine = viewer.personId !== null && row.authorId === viewer.personId;
  const hideTimes = !known;
  const open = campaignOpen(row.campaignClosesAt);
  return {
    id: row.id,
    spaceId: row.spaceId,
    campaignId: row.campaignId,
    subjectKey: row.subjectKey,
    title: row.title,
    description: row.description,
    tree: row.tree,
    tags: row.tags,
    status: row.status,
    statusReason: row.statusReason,
    statusReasonTree: row.statusReasonTree,
    statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
    mergedInto: row.mergedInto ? { id: row.mergedInto, title: row.mergedTitle!, status: row.mergedStatus! } : null,
    author:
      known && row.authorId
        ? { id: row.authorId, name: row.authorName!, dept: row.authorDept, title: row.authorTitle }
        : null,
    anonymous: row.anonymous,
    mine,
    createdAt: (hideTimes ? toDay(row.createdAt) : row.createdAt).toISOString(),
    createdAtPrecision: hideTimes ? 'day' : 'exact',
    editedAt: row.editedAt ? (hideTimes ? toDay(row.editedAt) : row.editedAt).toISOString() : null,
    voteCount: row.voteCount,
    votedByMe: row.votedByMe,
    commentCount: row.commentCount,
    canEdit:
      row.status !== 'merged' &&
      (viewer.canSteward || (mine && viewer.canWrite && row.status === 'new' && open)),
    ...(row.moderation !== 'published' && seesModeratedIdea(row, viewer)
      ? {
          moderation: {
            state: row.moderation,
            heldFor: row.moderation === 'pending' ? row.heldFor : null,
            word: row.moderation === 'pending' && viewer.canSteward ? row.heldWord : null,
            reason: row.moderation === 'hidden' ? row.moderationReason : null,
            at: row.moderatedAt?.toISOString() ?? null,
          },
        }
      : {}),
  };
}

// ---------------------------------------------------------------------------------------------------
// Reading ideas

const IDEA_COLUMNS = `
  i.id, i.space_id, i.campaign_id, i.subject_id, s.key as subject_key,
  i.author_id, p.name as author_name, p.dept as author_dept, p.title as author_title,
  i.anonymous, i.author_visible_to_stewards, i.title, i.description, i.tree, i.tags,
  i.status, i.status_reason, i.status_reason_tree, i.status_changed_at,
  i.merged_into, o.title as merged_title, o.status as merged_status,
  i.vote_count, i.created_at, i.edited_at, c.closes_at as campaign_closes_at,
  i.moderation, i.held_for, i.held_word, i.moderation_reason, i.moderated_at,
  (select count(*) from comments cm where cm.subject_id = i.subject_id and cm.status = 'published')::int as comment_count,
  exists (select 1 from idea_votes v where v.idea_id = i.id and v.person_id = $1) as voted_by_me`;

const IDEA_FROM = `
  from ideas i
  join subjects s on s.id = i.subject_id
  left join people p on p.id = i.author_id
  left join ideas o on o.id = i.merged_into
  left join idea_campaigns c on c.id = i.campaign_id`;

/** With `lock`, only after the access was checked on an unlocked read (ideaInContext does both). */
export async function loadIdea(db: Db, id: string, viewerId: string | null, options: { lock?: boolean } = {}): Promise<IdeaRow | null> {
  // Locking first and reading after keeps the lock on the idea's row alone.
  if (options.lock) await db`select id from ideas where id = ${id} for update`;
  const [row] = await db.unsafe<IdeaRow[]>(`select ${IDEA_COLUMNS} ${IDEA_FROM} where i.id = $2`, [viewerId, id]);
  return row ?? null;
}

export interface IdeaFilter {
  spaceId: string;
  /** A campaign's id, null for the always-open box, 'all' for every idea of the space. */
  campaign: string | null | 'all';
  statuses?: IdeaStatus[] | undefined;
  tag?: string | undefined;
  q?: string | undefined;
  authorId?: string | undefined;
  /** Pending and hidden ideas are listed for their author and the stewards only; counts are of published ideas. */
  viewer?: { personId: string | null; canSteward: boolean } | undefined;
}

/**
 * The where clause of a filter, with its parameters numbered from `first`. Only published ideas,
 * unless `listed`: then also the pending and hidden ones the filter's viewer may read.
 */
function filterSql(filter: IdeaFilter, first: number, options: { statuses: boolean; listed?: boolean }) {
  const params: unknown[] = [filter.spaceId];
  const where = [`i.space_id = $${first}`];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${first + params.length - 1}`));
  };
  if (filter.campaign === null) where.push('i.campaign_id is null');
  else if (filter.campaign !== 'all') add((n) => `i.campaign_id = ${n}`, filter.campaign);
  if (options.statuses) {
    if (filter.statuses?.length) add((n) => `i.status = any(${n}::text[])`, filter.statuses);
    else where.push(`i.status <> 'merged'`);
  }
  if (filter.tag) add((n) => `i.tags @> array[${n}::text]`, filter.tag);
  if (filter.authorId) add((n) => `i.author_id = ${n}`, filter.authorId);
  if (filter.q) add(matches, searchQueryText(filter.q, false) ?? '');
  if (options.listed && filter.viewer?.canSteward) {
    // every idea of the space
  } else if (options.listed && filter.viewer?.personId) {
    add((n) => `(i.moderation = 'published' or i.author_id = ${n}::uuid)`, filter.viewer.personId);
  } else {
    where.push(`i.moderation = 'published'`);
  }
  return { where: where.join(' and '), params };
}

// The day of submission, in UTC: the finest grain at which ideas are put in order of time (see
// ideaView: ordering by the exact moment would place an anonymous idea between two signed ones and
// so tell within minutes when it was written). Within a day, the most voted first, then the random id.
const DAY = `date_trunc('day', i.created_at, 'UTC')`;
const TRENDING = `(
  power(0.5::float8, extract(epoch from now() - ${DAY})::float8 / ${TRENDING_HALF_LIFE_DAYS * 86_400})
  + coalesce((select sum(power(0.5::float8, extract(epoch from now() - v.created_at)::float8 / ${TRENDING_HALF_LIFE_DAYS * 86_400}))
                from idea_votes v
               where v.idea_id = i.id and v.created_at > now() - interval '${TRENDING_WINDOW_DAYS} days'), 0))`;

const ORDER: Record<IdeaSort, string> = {
  newest: `${DAY} desc, i.vote_count desc, i.id`,
  top: `i.vote_count desc, ${DAY} desc, i.id`,
  trending: `${TRENDING} desc, i.vote_count desc, ${DAY} desc, i.id`,
};

export async function listIdeas(
  db: Db,
  filter: IdeaFilter,
  options: { viewerId: string | null; sort: IdeaSort; offset: number; limit: number },
): Promise<{ rows: IdeaRow[]; more: boolean }> {
  const { where, params } = filterSql(filter, 2, { statuses: true, listed: true });
  const rows = await db.unsafe<IdeaRow[]>(
    `select ${IDEA_COLUMNS} ${IDEA_FROM}
      where ${where}
      order by ${ORDER[options.sort]}
      limit ${options.limit + 1} offset ${options.offset}`,
    [options.viewerId, ...params] as never[],
  );
  return { rows: rows.slice(0, options.limit), more: rows.length > options.limit };
}

export async function countIdeas(db: Db, filter: IdeaFilter): Promise<{ total: number; statusCounts: Partial<Record<IdeaStatus, number>> }> {
  const { where, params } = filterSql(filter, 1, { statuses: false });
  const rows = await db.unsafe<{ status: IdeaStatus; count: number }[]>(
    `select i.status, count(*)::int as count from ideas i where ${where} group by i.status`,
    params as never[],
  );
  const statusCounts: Partial<Record<IdeaStatus, number>> = {};
  for (const row of rows) statusCounts[row.status] = row.count;
  const wanted = filter.statuses?.length ? filter.statuses : rows.map((r) => r.status).filter((s) => s !== 'merged');
  const total = wanted.reduce((sum, status) => sum + (statusCounts[status] ?? 0), 0);
  return { total, statusCounts };
}

/**
 * An idea matches a query in its own language (the space's when it was written): French ideas are
 * stemmed as French, English ones as English, both with accents ignored. Written so that each half
 * can use the GIN index.
 */
const matches = (n: string) =>
  `((i.lang = 'fr' and i.search @@ to_tsquery('ruche_fr', ${n})) or (i.lang = 'en' and i.search @@ to_tsquery('ruche_en', ${n})))`;
const rank = (n: string) =>
  `ts_rank_cd(i.search, case when i.lang = 'en' then to_tsquery('ruche_en', ${n}) else to_tsquery('ruche_fr', ${n}) end)`;

// Words PostgreSQL's French stop list lacks ("les"), or that stop being stop words once unaccent has
// turned them into another word ("à" → "a", "été" → "ete"): left out of queries, where they would
// match nearly every idea.
const EXTRA_STOP_WORDS = new Set(['les', 'a', 'à', 'été', 'même', 'ça', 'cette', 'cet', 'tout', 'tous', 'toute', 'toutes', 'très', 'plus', 'sans', 'chez']);

/**
 * A tsquery (as text for to_tsquery) from what a person typed: its words, any of which may match
 * (ranking puts ideas matching more of them first), the last one also as a prefix while it is being
 * typed. Only letters and digits reach the query, so nothing typed can be tsquery syntax.
 */
export function searchQueryText(text: string, prefixLast: boolean): string | null {
  const typed = text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  const words = typed.filter((word) => !EXTRA_STOP_WORDS.has(word.toLocaleLowerCase('fr'))).slice(0, 12);
  if (words.length === 0) return null;
  const stillTyping = prefixLast && /[\p{L}\p{N}]$/u.test(text);
  return words
    .map((word, i) => (stillTyping && i === words.length - 1 && word === typed[typed.length - 1] && word.length >= 3 ? `${word}:*` : word))
    .join(' | ');
}

/** Ideas like the title being typed, best match first; merged duplicates are left out. */
export async function similarIdeas(db: Db, spaceId: string, text: string, viewerId: string | null, max: number) {
  const query = searchQueryText(text, true);
  if (!query) return [];
  return db.unsafe<(IdeaRef & { campaignId: string | null; subjectKey: string; voteCount: number; votedByMe: boolean })[]>(
    `select i.id, i.title, i.status, i.campaign_id, s.key as subject_key, i.vote_count,
            exists (select 1 from idea_votes v where v.idea_id = i.id and v.person_id = $3) as voted_by_me
       from ideas i join subjects s on s.id = i.subject_id
      where i.space_id = $1 and i.status <> 'merged' and i.moderation = 'published' and ${matches('$2')}
      order by ${rank('$2')} desc, i.vote_count desc, i.id
      limit $4`,
    [spaceId, query, viewerId, max] as never[],
  );
}

export async function ideaTags(db: Db, spaceId: string, campaign: string | null | 'all') {
  const { where, params } = filterSql({ spaceId, campaign }, 1, { statuses: true });
  return db.unsafe<{ tag: string; count: number }[]>(
    `select t.tag, count(*)::int as count from ideas i, unnest(i.tags) as t(tag)
      where ${where} group by t.tag order by count(*) desc, t.tag limit 100`,
    params as never[],
  );
}

// ---------------------------------------------------------------------------------------------------
// History

interface ChangeRow {
  id: string;
  fromStatus: IdeaStatus;
  toStatus: IdeaStatus;
  reason: string | null;
  reasonTree: MarkdownTree | null;
  mergedInto: string | null;
  mergedTitle: string | null;
  mergedStatus: IdeaStatus | null;
  byId: string | null;
  byName: string | null;
  byDept: string | null;
  byTitle: string | null;
  createdAt: Date;
}

export const CHANGE_COLUMNS = `
  sc.id::text as id, sc.from_status, sc.to_status, sc.reason, sc.reason_tree, sc.merged_into,
  mo.title as merged_title, mo.status as merged_status,
  b.id as by_id, b.name as by_name, b.dept as by_dept, b.title as by_title, sc.created_at`;
export const CHANGE_JOINS = `
  left join ideas mo on mo.id = sc.merged_into
  left join people b on b.id = sc.changed_by`;

/** A status decision, signed by the steward who took it. */
export function changeView(row: ChangeRow): IdeaStatusChange {
  return {
    id: row.id,
    from: row.fromStatus,
    to: row.toStatus,
    reason: row.reason,
    reasonTree: row.reasonTree,
    mergedInto: row.mergedInto ? { id: row.mergedInto, title: row.mergedTitle!, status: row.mergedStatus! } : null,
    by: row.byId ? { id: row.byId, name: row.byName!, dept: row.byDept, title: row.byTitle } : null,
    at: row.createdAt.toISOString(),
  };
}

export async function loadHistory(db: Db, ideaId: string): Promise<IdeaStatusChange[]> {
  const rows = await db.unsafe<ChangeRow[]>(
    `select ${CHANGE_COLUMNS} from idea_status_changes sc ${CHANGE_JOINS} where sc.idea_id = $1 order by sc.id`,
    [ideaId],
  );
  return rows.map(changeView);
}

export async function loadDetail(db: Db, row: IdeaRow, viewer: IdeaViewer): Promise<IdeaDetail> {
  // The duplicates merged into it that this viewer may read (a hidden one is its author's and the stewards').
  const mergedFrom = await db<IdeaRef[]>`
    select id, title, status from ideas
     where merged_into = ${row.id}
       and (moderation = 'published' or ${viewer.canSteward} or author_id = ${viewer.personId}::uuid)
     order by id`;
  const detail: IdeaDetail = { ...ideaView(row, viewer), history: await loadHistory(db, row.id), mergedFrom: [...mergedFrom] };
  // Stewards may dismiss the reports on it (« Classer sans suite »): they learn whether there are any.
  if (viewer.canSteward) {
    const [open] = await db<{ count: number }[]>`select count(*)::int as count from idea_reports where idea_id = ${row.id} and resolved_at is null`;
    detail.openReports = open!.count;
  }
  return detail;
}

// ---------------------------------------------------------------------------------------------------
// Campaigns and policy

export interface CampaignRow {
  id: string;
  spaceId: string;
  slug: string;
  title: string;
  question: string;
  description: string;
  tree: MarkdownTree;
  closesAt: Date | null;
  createdAt: Date;
  ideaCount: number;
}

const CAMPAIGN_COLUMNS = `
  c.id, c.space_id, c.slug, c.title, c.question, c.description, c.tree, c.closes_at, c.created_at,
  (select count(*) from ideas i where i.campaign_id = c.id and i.status <> 'merged' and i.moderation = 'published')::int as idea_count`;

export function campaignView(row: CampaignRow): IdeaCampaign {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    question: row.question,
    description: row.description,
    tree: row.tree,
    closesAt: row.closesAt?.toISOString() ?? null,
    open: campaignOpen(row.closesAt),
    ideaCount: row.ideaCount,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A campaign of the space, by slug or id. */
export async function findCampaign(db: Db, spaceId: string, ref: string): Promise<CampaignRow | null> {
  const [row] = await db.unsafe<CampaignRow[]>(
    `select ${CAMPAIGN_COLUMNS} from idea_campaigns c where c.space_id = $1 and (c.slug = $2 or c.id::text = $2)`,
    [spaceId, ref],
  );
  return row ?? null;
}

export async function loadCampaignById(db: Db, id: string): Promise<CampaignRow | null> {
  const [row] = await db.unsafe<CampaignRow[]>(`select ${CAMPAIGN_COLUMNS} from idea_campaigns c where c.id = $1`, [id]);
  return row ?? null;
}

export async function listCampaigns(db: Db, spaceId: string): Promise<CampaignRow[]> {
  return db.unsafe<CampaignRow[]>(
    `select ${CAMPAIGN_COLUMNS} from idea_campaigns c where c.space_id = $1
      order by (c.closes_at is null or c.closes_at > now()) desc, c.closes_at asc nulls last, c.created_at desc, c.id`,
    [spaceId],
  );
}

/** The space's anonymity policy; the defaults (stewards do not see authors) until stewards set one. */
export async function loadPolicy(db: Db, spaceId: string): Promise<IdeaPolicy> {
  const [row] = await db<IdeaPolicy[]>`
    select stewards_see_authors, note, version from idea_policies where space_id = ${spaceId}`;
  return row ?? { stewardsSeeAuthors: false, note: '', version: 1 };
}

/** A steward hid (or refused) the idea, saying why, or let it be seen (restored, approved). */
export async function setIdeaModeration(db: Db, id: string, moderation: 'hidden' | 'published', reason: string | null): Promise<void> {
  if (moderation === 'hidden') {
    await db`update ideas set moderation = 'hidden', moderation_reason = ${reason}, moderated_at = now() where id = ${id}`;
  } else {
    await db`update ideas set moderation = 'published', moderation_reason = null, moderated_at = now() where id = ${id}`;
  }
}

/** Locks the space's anonymity policy while an anonymous idea is written under it (a steward changing it waits). */
export async function sharePolicyLock(db: Db, spaceId: string): Promise<void> {
  await db`select 1 from idea_policies where space_id = ${spaceId} for share`;
}

// ---------------------------------------------------------------------------------------------------
// Writing ideas

export interface NewIdea {
  id: string;
  spaceId: string;
  campaignId: string | null;
  subjectId: string;
  authorId: string;
  anonymous: boolean;
  authorVisibleToStewards: boolean;
  title: string;
  description: string;
  tags: string[];
  lang: string;
  /** Set when the space's rules hold the idea for a steward. */
  hold: Hold | null;
}

export async function insertIdea(db: Db, idea: NewIdea): Promise<void> {
  const { hold } = idea;
  await db`
    insert into ideas (id, space_id, campaign_id, subject_id, author_id, anonymous, author_visible_to_stewards,
                       title, description, tree, tags, lang, moderation, held_for, held_word)
    values (${idea.id}, ${idea.spaceId}, ${idea.campaignId}, ${idea.subjectId}, ${idea.authorId}, ${idea.anonymous}, ${idea.authorVisibleToStewards},
            ${idea.title}, ${idea.description}, ${markdownColumn(db, idea.description)},
            ${idea.tags}::text[], ${idea.lang}, ${hold ? 'pending' : 'published'},
            ${hold?.heldFor ?? null}, ${hold?.word ?? null})`;
  if (idea.authorId) await followByWriting(db, idea.authorId, { idea: idea.id });
}

/** Who proposed the idea (anonymously too) and who voted for it: the people its news concerns. */
export async function ideaAudience(db: Db, ideaId: string): Promise<string[]> {
  const rows = await db<{ personId: string }[]>`
    select author_id as person_id from ideas where id = ${ideaId} and author_id is not null
    union select person_id from idea_votes where idea_id = ${ideaId}`;
  return rows.map((row) => row.personId);
}

/** An edit of the idea's words (marked edited) or its signature (an anonymous idea signed by its author). */
export async function updateIdea(
  db: Db,
  id: string,
  edit: { title?: string | undefined; description?: string | undefined; tags?: string[] | undefined; signed?: boolean },
): Promise<void> {
  const changes: Record<string, unknown> = {};
  if (edit.title !== undefined) changes.title = edit.title;
  if (edit.description !== undefined) {
    changes.description = edit.description;
    changes.tree = markdownColumn(db, edit.description);
  }
  if (edit.signed) changes.anonymous = false;
  if (edit.tags !== undefined) await db`update ideas set tags = ${edit.tags}::text[] where id = ${id}`;
  if (Object.keys(changes).length) await db`update ideas set ${db(changes)} where id = ${id}`;
  if (edit.title !== undefined || edit.description !== undefined || edit.tags !== undefined) {
    await db`update ideas set edited_at = now() where id = ${id}`;
  }
}

/** Sends an idea back to the stewards (`pending`), for the reason the space's rules gave. */
export async function holdIdea(db: Db, id: string, hold: Hold): Promise<void> {
  await db`update ideas set moderation = 'pending', held_for = ${hold.heldFor}, held_word = ${hold.word} where id = ${id}`;
}

const ideaVotes: CountedMark = { marks: 'idea_votes', markedColumn: 'idea_id', things: 'ideas', countColumn: 'vote_count' };

/**
 * Adds or withdraws a person's vote and returns the idea's count, or null when nothing changed
 * (voted twice, withdrawn twice). The caller holds the idea's row lock.
 */
export const setIdeaVoted = (db: Db, ideaId: string, personId: string, vote: boolean): Promise<number | null> =>
  setCountedMark(db, ideaVotes, ideaId, personId, vote);

/** The idea's new status, and the line of its history that says who decided it and why. */
export async function recordStatusChange(
  db: Db,
  row: Pick<IdeaRow, 'id' | 'spaceId' | 'status'>,
  change: { to: IdeaStatus; reason: string | null; mergedInto?: string | undefined },
  changedBy: string,
): Promise<void> {
  const reasonTree = change.reason ? markdownColumn(db, change.reason) : null;
  await db`
    update ideas set status = ${change.to}, status_reason = ${change.reason}, status_reason_tree = ${reasonTree},
                     status_changed_at = now(), merged_into = ${change.mergedInto ?? null}
     where id = ${row.id}`;
  await db`
    insert into idea_status_changes (idea_id, space_id, from_status, to_status, reason, reason_tree, merged_into, changed_by)
    values (${row.id}, ${row.spaceId}, ${row.status}, ${change.to}, ${change.reason}, ${reasonTree},
            ${change.mergedInto ?? null}, ${changedBy})`;
}

/** Locks both ideas of a merge, always in the same order, so that two merges cannot wait on each other. */
export async function lockIdeaPair(db: Db, oneId: string, otherId: string): Promise<void> {
  await db`select id from ideas where id in (${oneId}, ${otherId}) order by id for update`;
}

/**
 * The duplicate's voters become voters of the original (someone who voted for both counts once), and
 * ideas merged into the duplicate before now point to the original. The caller records the status change.
 */
export async function carryMergedIdea(db: Db, duplicateId: string, originalId: string): Promise<void> {
  await db`
    insert into idea_votes (idea_id, person_id, created_at)
    select ${originalId}, person_id, created_at from idea_votes where idea_id = ${duplicateId}
    on conflict (idea_id, person_id) do nothing`;
  await db`update ideas set vote_count = (select count(*) from idea_votes where idea_id = ${originalId}) where id = ${originalId}`;
  await db`update ideas set merged_into = ${originalId} where merged_into = ${duplicateId}`;
}

/** Starts a campaign; null when the space already has one with this slug. */
export async function insertCampaign(
  db: Db,
  campaign: { spaceId: string; slug: string; title: string; question: string; description: string; closesAt: Date | string | null; createdBy: string },
): Promise<string | null> {
  const [created] = await db<{ id: string }[]>`
    insert into idea_campaigns (space_id, slug, title, question, description, tree, closes_at, created_by)
    values (${campaign.spaceId}, ${campaign.slug}, ${campaign.title}, ${campaign.question}, ${campaign.description},
            ${markdownColumn(db, campaign.description)}, ${campaign.closesAt}, ${campaign.createdBy})
    on conflict (space_id, slug) do nothing
    returning id`;
  return created?.id ?? null;
}

/** Changes a campaign's words or deadline (null: none). */
export async function updateCampaign(
  db: Db,
  id: string,
  edit: { title?: string | undefined; question?: string | undefined; description?: string | undefined; closesAt?: Date | string | null | undefined },
): Promise<void> {
  const changes: Record<string, unknown> = {};
  if (edit.title !== undefined) changes.title = edit.title;
  if (edit.question !== undefined) changes.question = edit.question;
  if (edit.description !== undefined) {
    changes.description = edit.description;
    changes.tree = markdownColumn(db, edit.description);
  }
  if (edit.closesAt !== undefined) changes.closes_at = edit.closesAt;
  await db`update idea_campaigns set ${db(changes)}, updated_at = now() where id = ${id}`;
}

/** Sets the space's anonymity policy; the defaults are version 1, so the first policy set is version 2. */
export async function savePolicy(db: Db, spaceId: string, policy: { stewardsSeeAuthors: boolean; note?: string | undefined }, stewardId: string): Promise<IdeaPolicy> {
  const [saved] = await db<IdeaPolicy[]>`
    insert into idea_policies (space_id, stewards_see_authors, note, version, updated_by)
    values (${spaceId}, ${policy.stewardsSeeAuthors}, ${policy.note ?? ''}, 2, ${stewardId})
    on conflict (space_id) do update
      set stewards_see_authors = excluded.stewards_see_authors,
          note = coalesce(${policy.note ?? null}, idea_policies.note),
          -- a new version only when what authors are shown changes
          version = idea_policies.version + case
            when (idea_policies.stewards_see_authors, idea_policies.note)
                 is distinct from (excluded.stewards_see_authors, coalesce(${policy.note ?? null}, idea_policies.note))
            then 1 else 0 end,
          updated_by = excluded.updated_by,
          updated_at = now()
    returning stewards_see_authors, note, version`;
  return saved!;
}

import type { Db } from '../db/database.ts';
import { matchWord } from './words.ts';

/**
 * A space's moderation settings, and the one decision made from them when something is written:
 * is it published at once, or does it wait for a steward (and why)? Comments (insertComment) and
 * ideas (POST /api/ideas) both ask `holdFor`.
 */
export type Premoderation = 'off' | 'guests' | 'everyone';

export interface ModerationSettings {
  premoderation: Premoderation;
  words: string[];
  keepPostsOnErasure: boolean;
  updatedAt: Date | null;
}

export const DEFAULT_SETTINGS: ModerationSettings = { premoderation: 'off', words: [], keepPostsOnErasure: false, updatedAt: null };

export async function loadModerationSettings(db: Db, spaceId: string): Promise<ModerationSettings> {
  const [row] = await db<ModerationSettings[]>`
    select premoderation, words, keep_posts_on_erasure, updated_at from space_moderation where space_id = ${spaceId}`;
  return row ?? DEFAULT_SETTINGS;
}

/** Why a post waits: the space pre-moderates (its author's) posts, or it contains a listed word. */
export type Hold = { heldFor: 'premoderation'; word: null } | { heldFor: 'word'; word: string };

/**
 * Whether a new post waits for a steward. The space's stewards (and admins) are never held — but for
 * their anonymous ideas: an anonymous post is held by the same rules whoever wrote it, or one that
 * skipped the queue would tell that its author is a steward. For the same reason, under `guests`,
 * anonymous ideas are all held: otherwise a held anonymous idea would tell that its author is a guest.
 */
export async function holdFor(
  db: Db,
  post: { spaceId: string; authorId: string; text: string; anonymous?: boolean },
): Promise<Hold | null> {
  const [row] = await db<{ premoderation: Premoderation; words: string[]; isGuest: boolean; steward: boolean }[]>`
    select coalesce(sm.premoderation, 'off') as premoderation, coalesce(sm.words, '{}') as words, p.is_guest,
           p.is_admin or exists (select 1 from memberships m where m.space_id = ${post.spaceId} and m.person_id = p.id
                                   and m.role = 'steward' and m.status = 'active') as steward
      from people p left join space_moderation sm on sm.space_id = ${post.spaceId}
     where p.id = ${post.authorId}`;
  if (!row || (row.steward && !post.anonymous)) return null;
  if (row.premoderation === 'everyone') return { heldFor: 'premoderation', word: null };
  if (row.premoderation === 'guests' && (row.isGuest || post.anonymous)) return { heldFor: 'premoderation', word: null };
  const word = matchWord(post.text, row.words);
  return word ? { heldFor: 'word', word } : null;
}

/** Locks the space's settings row (when it exists) until the transaction ends: one steward's change at a time. */
export async function lockModerationSettings(db: Db, spaceId: string): Promise<void> {
  await db`select space_id from space_moderation where space_id = ${spaceId} for update`;
}

/** Writes the space's settings; returns when they took effect. */
export async function saveModerationSettings(
  db: Db,
  spaceId: string,
  settings: Pick<ModerationSettings, 'premoderation' | 'words' | 'keepPostsOnErasure'>,
  stewardId: string,
): Promise<Date> {
  const [saved] = await db<{ updatedAt: Date }[]>`
    insert into space_moderation (space_id, premoderation, words, keep_posts_on_erasure, updated_by, updated_at)
    values (${spaceId}, ${settings.premoderation}, ${settings.words}::text[], ${settings.keepPostsOnErasure}, ${stewardId}, now())
    on conflict (space_id) do update set premoderation = excluded.premoderation, words = excluded.words,
      keep_posts_on_erasure = excluded.keep_posts_on_erasure, updated_by = excluded.updated_by, updated_at = excluded.updated_at
    returning updated_at`;
  return saved!.updatedAt;
}

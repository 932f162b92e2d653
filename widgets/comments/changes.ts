import type { Comment, CommentPage, LiveEvent, Thread } from '../../shared/api-types.ts';
import { older } from '../shared/live.ts';
import { childrenOf, type ThreadStore } from './store.ts';

/**
 * Changes that reach the threads after they were read: one's own writes and live events. Each is
 * applied by comment id, so applying one twice (an event replayed after a reconnect, or the echo of
 * one's own post) changes nothing. Loaded with the live connection and with the composer.
 */

type Placement = {
  newestFirst: boolean;
  atEnd: boolean;
  own?: boolean;
  /** Whether this reader sees a hidden or pending comment's words (its author, the stewards). */
  insider?: (comment: Comment) => boolean;
  /** A comment this reader may read was hidden, and why is not known here: read the threads again. */
  stale?: () => void;
};

/**
 * What placing a change needs of <ruche-comments> (and of the halves that write, which pass their
 * host on): how its threads are sorted and paged, who reads them, and how to read them again.
 */
export interface PlacementHost {
  readonly page: Pick<CommentPage, 'viewer'> | null;
  readonly sort: 'newest' | 'oldest';
  readonly nextCursor: string | null;
  load(more: boolean): Promise<void>;
}

/** Where changes go in `host`'s threads as it shows them; `own`: this reader's own write. */
export function placementIn(host: PlacementHost, own = false): Placement {
  const viewer = host.page?.viewer;
  return {
    newestFirst: host.sort !== 'oldest',
    atEnd: host.nextCursor === null,
    own,
    insider: (c) => !!viewer?.id && (viewer.canSteward || c.author?.id === viewer.id),
    // Why one's own comment was hidden is in the threads as this person reads them.
    stale: () => void Promise.resolve().then(() => host.load(false)),
  };
}

/**
 * A hidden or pending comment as everyone else gets it (on live streams too): no author, no words,
 * no `moderation`.
 */
const placeholder = (c: Comment) => (c.status === 'hidden' || c.status === 'pending') && !c.moderation;

/**
 * A live event (`id`: its event id). Each carries its comment as it is when the event is sent (for
 * `comment.accepted`, the question). Event ids follow the order transactions start in, not the order
 * they commit in: they say nothing about which of two states of a comment is newer, nor whether a
 * comment was already there when the threads were read. So:
 * - a comment shown changes only for a higher `version` than the one shown (what this person just
 *   did, shown at once, keeps the version it was done to: the server's state at that version is older);
 * - a new comment is taken (once, by id) whatever its event id, except one replayed from before the
 *   read (the server goes a few seconds back) that belongs where no thread is loaded: a page not read
 *   yet, which the read counted already;
 * - a change to a comment not shown is not a new comment.
 * Returns whether anything changed.
 */
export function applyEvent(store: ThreadStore, event: LiveEvent, id: string | null, placement: Placement): boolean {
  // Other features speak on the same subjects (an idea's status, on the idea's discussion): not comments.
  if (!('comment' in event)) return false;
  const c = event.comment;
  const found = store.find(c.id);
  if (found) return c.version > found.comment.version && applyComment(store, c, placement);
  if (event.type !== 'comment.created') return false;
  const last = store.threads[store.threads.length - 1];
  const loadedHere = c.parentId ? !!store.find(c.parentId) : placement.atEnd || (placement.newestFirst && !!last && c.createdAt > last.createdAt);
  if (id && store.since && older(id, store.since) === id && !loadedHere) return false;
  return applyComment(store, c, placement);
}

/**
 * A new or changed comment. New top-level comments go first when sorted newest first; sorted
 * oldest first they go last, but only once the last page is shown (`atEnd`), or when `own`.
 * Returns whether anything changed.
 */
export function applyComment(store: ThreadStore, incoming: Comment, options: Placement): boolean {
  const found = store.find(incoming.id);
  if (found) {
    const mine = found.comment;
    if (placeholder(incoming) && mine.status !== 'deleted' && options.insider?.(mine)) {
      // Its author and the stewards keep reading it, with why it was hidden (asked again if unknown).
      if (mine.moderation?.state !== 'hidden') options.stale?.();
      mine.moderation = mine.moderation?.state === 'hidden' ? mine.moderation : { state: 'hidden', heldFor: null, word: null, reason: null, at: null };
      mine.status = 'hidden';
    } else {
      // Live events always say likedByMe: false; what this person did is known here.
      Object.assign(mine, incoming, { likedByMe: mine.likedByMe });
      if (!incoming.moderation || incoming.status === 'deleted') delete mine.moderation;
    }
    count(store, incoming.id, incoming.status === 'published');
    prune(store);
    return true;
  }
  // Someone else's hidden or pending comment is not news; one's own pending post (or a steward's view) is.
  if (incoming.status !== 'published' && !incoming.moderation) return false;
  const fresh = !store.counted.has(incoming.id);
  count(store, incoming.id, incoming.status === 'published');
  if (incoming.parentId === null) {
    const thread: Thread = { ...incoming, replies: [] };
    if (options.newestFirst) store.threads.unshift(thread);
    else if (options.atEnd || options.own) store.threads.push(thread);
    return true;
  }
  const parent = store.find(incoming.parentId);
  if (!parent) return fresh; // its thread is on a page not loaded: only the count moves
  parent.thread.replies.push(incoming);
  parent.thread.replies.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return true;
}

export function setAccepted(store: ThreadStore, questionId: string, acceptedAnswerId: string | null): boolean {
  const found = store.find(questionId);
  if (!found || found.comment.acceptedAnswerId === acceptedAnswerId) return false;
  found.comment.acceptedAnswerId = acceptedAnswerId;
  return true;
}

function count(store: ThreadStore, id: string, published: boolean): void {
  if (published && !store.counted.has(id)) {
    store.counted.add(id);
    store.count++;
  } else if (!published && store.counted.delete(id)) store.count = Math.max(0, store.count - 1);
}

/**
 * A deleted or hidden comment keeps its place only while a published reply hangs below it (as on the
 * server); its author and the stewards keep theirs (`moderation`).
 */
function prune(store: ThreadStore): void {
  store.threads = store.threads.filter((thread) => {
    const children = childrenOf(thread);
    const keep = new Map<string, boolean>();
    const worth = (c: Comment): boolean => {
      let known = keep.get(c.id);
      if (known === undefined) keep.set(c.id, (known = c.status === 'published' || !!c.moderation || (children.get(c.id) ?? []).some(worth)));
      return known;
    };
    thread.replies = thread.replies.filter(worth);
    return worth(thread);
  });
}

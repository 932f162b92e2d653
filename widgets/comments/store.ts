import type { Comment, Thread } from '../../shared/api-types.ts';

/**
 * The threads a <ruche-comments> shows, and the changes that reach it (its own writes, live events,
 * further pages). Every change is applied by comment id, so applying one twice (an event replayed
 * after a reconnect, or the echo of one's own post) changes nothing.
 */
export class ThreadStore {
  threads: Thread[] = [];
  /** Published comments on the subject, replies included. */
  count = 0;
  /** Every comment id counted in `count`: a replayed event must not count twice. */
  private counted = new Set<string>();

  reset(threads: Thread[], count: number): void {
    this.threads = [];
    this.count = count;
    this.counted.clear();
    this.append(threads);
  }

  /** A further page: threads not already shown (a live one may have arrived meanwhile). */
  append(threads: Thread[]): void {
    for (const thread of threads) {
      if (this.find(thread.id)) continue;
      this.threads.push(thread);
      for (const c of [thread, ...thread.replies]) if (c.status === 'published') this.counted.add(c.id);
    }
  }

  find(id: string): { thread: Thread; comment: Comment } | null {
    for (const thread of this.threads) {
      if (thread.id === id) return { thread, comment: thread };
      const reply = thread.replies.find((r) => r.id === id);
      if (reply) return { thread, comment: reply };
    }
    return null;
  }

  /**
   * A new or changed comment. New top-level comments go first when sorted newest first; sorted
   * oldest first they go last, but only once the last page is shown (`atEnd`), or when `own`.
   * Returns whether anything changed.
   */
  apply(incoming: Comment, options: { newestFirst: boolean; atEnd: boolean; own?: boolean }): boolean {
    const found = this.find(incoming.id);
    if (found) {
      // Live events always say likedByMe: false; what this person did is known here.
      Object.assign(found.comment, incoming, { likedByMe: found.comment.likedByMe });
      if (incoming.status === 'published') this.countIn(incoming.id);
      else this.countOut(incoming.id);
      this.prune();
      return true;
    }
    if (incoming.status !== 'published') return false;
    const fresh = !this.counted.has(incoming.id);
    this.countIn(incoming.id);
    if (incoming.parentId === null) {
      const thread: Thread = { ...incoming, replies: [] };
      if (options.newestFirst) this.threads.unshift(thread);
      else if (options.atEnd || options.own) this.threads.push(thread);
      return true;
    }
    const parent = this.find(incoming.parentId);
    if (!parent) return fresh; // its thread is on a page not loaded: only the count moves
    parent.thread.replies.push(incoming);
    parent.thread.replies.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return true;
  }

  setAccepted(questionId: string, acceptedAnswerId: string | null): boolean {
    const found = this.find(questionId);
    if (!found || found.comment.acceptedAnswerId === acceptedAnswerId) return false;
    found.comment.acceptedAnswerId = acceptedAnswerId;
    return true;
  }

  private countIn(id: string) {
    if (!this.counted.has(id)) {
      this.counted.add(id);
      this.count++;
    }
  }

  private countOut(id: string) {
    if (this.counted.delete(id)) this.count = Math.max(0, this.count - 1);
  }

  /** A deleted or hidden comment keeps its place only while a published reply hangs below it (as on the server). */
  private prune(): void {
    this.threads = this.threads.filter((thread) => {
      const children = childrenOf(thread);
      const keep = new Map<string, boolean>();
      const worth = (c: Comment): boolean => {
        let known = keep.get(c.id);
        if (known === undefined) keep.set(c.id, (known = c.status === 'published' || (children.get(c.id) ?? []).some(worth)));
        return known;
      };
      thread.replies = thread.replies.filter(worth);
      return worth(thread);
    });
  }
}

/** Replies by the comment they answer (oldest first, as the API sends them). */
export function childrenOf(thread: Thread): Map<string, Comment[]> {
  const children = new Map<string, Comment[]>();
  for (const reply of thread.replies) {
    const list = children.get(reply.parentId!);
    if (list) list.push(reply);
    else children.set(reply.parentId!, [reply]);
  }
  return children;
}

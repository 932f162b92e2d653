import type { Comment, Thread } from '../../shared/api-types.ts';

/**
 * The threads a <ruche-comments> shows, as read page by page. The changes that reach it later (its
 * own writes, live events) are applied by changes.ts, which loads with them.
 */
export class ThreadStore {
  threads: Thread[] = [];
  /** Published comments on the subject, replies included. */
  count = 0;
  /** Every comment id counted in `count`: a replayed event must not count twice. */
  readonly counted = new Set<string>();
  /** The live event the threads were read at. */
  since: string | null = null;

  reset(threads: Thread[], count: number, since: string | null = null): void {
    this.threads = [];
    this.count = count;
    this.counted.clear();
    this.since = since;
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

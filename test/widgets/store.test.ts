import type { Comment, Thread } from '../../shared/api-types.ts';
import { applyComment } from '../../widgets/comments/changes.ts';
import { ThreadStore } from '../../widgets/comments/store.ts';
import { equal } from './support/helpers.ts';

let n = 0;
function comment(fields: Partial<Comment> = {}): Comment {
  n++;
  return {
    id: `id-${n}`, subjectId: 's', parentId: null, author: { id: 'p', name: 'P', dept: null, title: null }, body: 'x', tree: [],
    status: 'published', createdAt: new Date(Date.now() + n).toISOString(), editedAt: null, likeCount: 0, likedByMe: false,
    isQuestion: false, acceptedAnswerId: null, answeredAt: null, ...fields,
  };
}

describe('the comments store and the changes applied to it', () => {
  const newest = { newestFirst: true, atEnd: true };

  it('applies a replayed event once', () => {
    const store = new ThreadStore();
    store.reset([], 0);
    const c = comment();
    applyComment(store, c, newest);
    applyComment(store, { ...c }, newest);
    equal(store.threads.length, 1);
    equal(store.count, 1);
  });

  it('keeps what this person liked when a live event says otherwise', () => {
    const store = new ThreadStore();
    const c = comment({ likedByMe: true, likeCount: 3 });
    store.reset([{ ...c, replies: [] }], 1);
    applyComment(store, { ...c, likeCount: 4, likedByMe: false }, newest);
    equal(store.threads[0]!.likedByMe, true);
    equal(store.threads[0]!.likeCount, 4);
  });

  it('keeps a deleted comment as a placeholder only while replies hang below it', () => {
    const store = new ThreadStore();
    const root = comment();
    const reply = comment({ parentId: root.id });
    store.reset([{ ...root, replies: [reply] } as Thread], 2);
    applyComment(store, { ...root, status: 'deleted', author: null }, newest);
    equal(store.threads.length, 1, 'placeholder kept');
    equal(store.count, 1);
    applyComment(store, { ...reply, status: 'deleted', author: null }, newest);
    equal(store.threads.length, 0, 'nothing left');
    equal(store.count, 0);
  });

  it('counts a reply whose thread is on another page, once', () => {
    const store = new ThreadStore();
    store.reset([], 4);
    const orphan = comment({ parentId: 'not-loaded' });
    applyComment(store, orphan, newest);
    applyComment(store, orphan, newest);
    equal(store.count, 5);
  });
});

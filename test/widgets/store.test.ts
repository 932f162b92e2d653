import type { Comment, Thread } from '../../shared/api-types.ts';
import { applyComment, applyEvent } from '../../widgets/comments/changes.ts';
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

  it('applies live events in order: what the threads were read at, or an older replay, changes nothing', () => {
    const store = new ThreadStore();
    const c = comment({ body: 'edited', editedAt: new Date().toISOString() });
    store.reset([{ ...c, replies: [] }], 1, '10');
    const created = { type: 'comment.created' as const, subject: 's', comment: { ...c, body: 'first', editedAt: null } };
    equal(applyEvent(store, created, '9', newest), false, 'replayed from before the read');
    equal(store.threads[0]!.body, 'edited');
    const deleted = { type: 'comment.deleted' as const, subject: 's', comment: { ...c, status: 'deleted' as const, author: null, body: '' } };
    equal(applyEvent(store, deleted, '12', newest), true);
    equal(store.threads.length, 0, 'deleted');
    equal(applyEvent(store, { ...created, comment: { ...c } }, '11', newest), false, 'not brought back by an older event');
    equal(store.threads.length, 0);
    equal(store.count, 0);
    const other = comment();
    equal(applyEvent(store, { type: 'comment.updated', subject: 's', comment: other }, '13', newest), false, 'an edit of a comment not shown');
    equal(store.count, 0, 'is not a new comment');
    equal(applyEvent(store, { type: 'comment.created', subject: 's', comment: other }, '14', newest), true);
    equal(applyEvent(store, { type: 'comment.created', subject: 's', comment: other }, '14', newest), false, 'the same event twice');
    equal(store.count, 1);
  });
});

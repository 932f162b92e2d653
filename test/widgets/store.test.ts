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
    isQuestion: false, acceptedAnswerId: null, answeredAt: null, version: 1, ...fields,
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

  it('takes a comment committed late, whatever its event id, and tells an older state of a comment by its version', () => {
    const store = new ThreadStore();
    const seen = comment({ body: 'edited', editedAt: new Date().toISOString(), version: 3 });
    store.reset([{ ...seen, replies: [] }], 1, '10');
    const event = (type: 'comment.created' | 'comment.updated' | 'comment.deleted', c: Comment) => ({ type, subject: 's', comment: c });
    // Its transaction took event id 9 before the read (at 10), and committed after it: it is news.
    const late = comment({ version: 1 });
    equal(applyEvent(store, event('comment.created', late), '9', newest), true, 'a comment committed late is taken');
    equal(applyEvent(store, event('comment.created', { ...late }), '9', newest), false, 'again: nothing more');
    equal(store.threads.length, 2);
    equal(store.count, 2, 'counted once');
    const reply = comment({ parentId: seen.id });
    equal(applyEvent(store, event('comment.created', reply), '8', newest), true, 'a late reply under a thread shown');
    equal(store.count, 3);
    // An older state of a comment shown changes nothing, whatever the event ids; a newer one does.
    equal(applyEvent(store, event('comment.updated', { ...seen, body: 'first', editedAt: null, version: 2 }), '12', newest), false, 'an older state');
    equal(store.find(seen.id)!.comment.body, 'edited');
    equal(applyEvent(store, event('comment.updated', { ...seen, body: 'last', version: 4 }), '7', newest), true, 'a newer state, with a lower event id');
    equal(store.find(seen.id)!.comment.body, 'last');
    // What this person just did is shown at once, at the version it was done to: the server's state
    // of that version (a replay sent before the change) is older, and changes nothing.
    applyComment(store, { ...store.find(seen.id)!.comment, status: 'hidden', moderation: { state: 'hidden', heldFor: null, word: null, reason: 'Hors charte', at: null } }, newest);
    equal(applyEvent(store, event('comment.created', { ...seen, body: 'last', version: 4 }), '11', newest), false, 'the same version, from before');
    equal(store.find(seen.id)!.comment.moderation?.reason, 'Hors charte');
    // The server sends each comment as it is when the event goes out: a replayed creation of a
    // deleted comment says it is deleted, and it is not taken.
    const gone = comment({ status: 'deleted', author: null, body: '' });
    equal(applyEvent(store, event('comment.created', gone), '13', newest), false);
    const other = comment();
    equal(applyEvent(store, event('comment.updated', other), '14', newest), false, 'an edit of a comment not shown');
    equal(store.count, 2, 'is not a new comment (the hidden one counts no more)');
  });

  it('leaves a replayed comment of a page not loaded to that page, and does not count it again', () => {
    const store = new ThreadStore();
    const [older, shown] = [comment(), comment()];
    store.reset([{ ...shown, replies: [] }], 7, '20');
    const more = { newestFirst: true, atEnd: false };
    const event = (c: Comment) => ({ type: 'comment.created' as const, subject: 's', comment: c });
    equal(applyEvent(store, event(older), '15', more), false, 'an older thread, replayed from before the read');
    equal(applyEvent(store, event(comment({ parentId: 'not-loaded' })), '16', more), false, 'a reply in a thread not loaded');
    equal(store.count, 7, 'the read counted them already');
    equal(applyEvent(store, event(comment({ parentId: 'not-loaded' })), '21', more), true, 'after the read: counted');
    equal(store.count, 8);
  });

  it('resets the accepted answer from the question a comment.accepted carries', () => {
    const store = new ThreadStore();
    const question = comment({ isQuestion: true, version: 5 });
    const answer = comment({ parentId: question.id });
    store.reset([{ ...question, acceptedAnswerId: answer.id, replies: [answer] }], 2, '29');
    const accepted = { type: 'comment.accepted' as const, subject: 's', questionId: question.id, acceptedAnswerId: null };
    equal(applyEvent(store, { ...accepted, comment: { ...question, acceptedAnswerId: null, version: 4 } }, '31', newest), false, 'an older state of the question');
    equal(store.threads[0]!.acceptedAnswerId, answer.id);
    equal(applyEvent(store, { ...accepted, comment: { ...question, acceptedAnswerId: null, version: 6 } }, '30', newest), true);
    equal(store.threads[0]!.acceptedAnswerId, null, 'no accepted answer any more');
    equal(store.threads[0]!.replies.length, 1, 'the replies stay');
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Pool } from '../../api/db/database.ts';
import { migrate } from '../../api/db/migrate.ts';
import { rekeySubjects, tablesReferencingSubjects } from '../../api/subjects/rekey.ts';
import { subjectKey } from '../../shared/subject.ts';
import { createTestApi, type TestApi } from '../support/api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * Migration 012 re-keys the subjects written under the former rules (parameters in their order,
 * escapes as sent) and merges the threads of one page, losing no comment, like, idea link, live
 * event or reading count. The database is filled at schema 011, as a server running the former
 * version left it, then migrated as a start would.
 */
const PAGE = 'http://intra.example.com/actu/portail';
const SORTED = `${PAGE}?a=1&b=2`;
const TILDE = 'http://intra.example.com/~dupont/cv';
// Valid under the former rules; its escapes make it longer than a key may be under the new ones.
const TOO_LONG_ONCE_ESCAPED = `http://intra.example.com/${'|'.repeat(170)}`;

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 9, minutes));

let db: TestDatabase;
let api: TestApi;
let sql: Pool;
const ids = {} as Record<
  'general' | 'rh' | 'alice' | 'bob' | 'reversed' | 'sorted' | 'tracked' | 'question' | 'answer' | 'remark' | 'escaped' | 'decoded' | 'idea' | 'otherSpace' | 'explicit' | 'tooLong',
  string
>;

async function person(externalId: string) {
  const [row] = await sql<{ id: string }[]>`insert into people (external_id, name) values (${externalId}, ${externalId}) returning id`;
  return row!.id;
}

async function subject(space: string, key: string, created: Date, details: { mode?: string; title?: string } = {}) {
  const [row] = await sql<{ id: string }[]>`
    insert into subjects (space_id, key, mode, title, created_at)
    values (${space}, ${key}, ${details.mode ?? null}, ${details.title ?? null}, ${created}) returning id`;
  return row!.id;
}

async function comment(space: string, subjectId: string, author: string, body: string, created: Date, parent?: string) {
  const id = randomUUID();
  await sql`
    insert into comments (id, subject_id, space_id, parent_id, root_id, depth, author_id, body, tree, created_at)
    values (${id}, ${subjectId}, ${space}, ${parent ?? null}, ${parent ?? id}, ${parent ? 1 : 0}, ${author}, ${body},
            ${sql.json([{ type: 'paragraph', children: [{ type: 'text', value: body }] }] as never)}, ${created})`;
  await sql`insert into events (space_id, subject_id, type, payload, created_at)
            select ${space}, ${subjectId}, 'comment.created', jsonb_build_object('subject', key, 'comment', jsonb_build_object('id', ${id}::text)), ${created}
              from subjects where id = ${subjectId}`;
  return id;
}

async function like(subjectId: string, personId: string, created: Date) {
  await sql`insert into likes (subject_id, person_id, created_at) values (${subjectId}, ${personId}, ${created})`;
}

async function counts() {
  const [row] = await sql`
    select (select count(*) from comments)::int as comments, (select count(*) from comment_likes)::int as comment_likes,
           (select count(*) from events)::int as events, (select count(*) from ideas)::int as ideas,
           (select string_agg(readers::text, ',' order by day) from reading_days)::text as readers`;
  return row!;
}

before(async () => {
  db = await createTestDatabase();
  sql = db.database.sql;
  await migrate(sql, { upTo: 11 });
  const [general] = await sql<{ id: string }[]>`select id from spaces where slug = 'general'`;
  const [rh] = await sql<{ id: string }[]>`insert into spaces (slug, name, visibility, lang) values ('rh', 'RH', 'open', 'fr') returning id`;
  const g = general!.id;
  ids.general = g;
  ids.rh = rh!.id;
  const alice = (ids.alice = await person('alice'));
  const bob = (ids.bob = await person('bob'));

  // One page, three threads: parameters in two orders, and a session id in the path.
  ids.reversed = await subject(g, `${PAGE}?b=2&a=1`, at(0), { mode: 'qa' });
  ids.sorted = await subject(g, SORTED, at(1), { mode: 'discussion', title: 'Le nouveau portail' });
  ids.tracked = await subject(g, `${PAGE};jsessionid=ABC?a=1&b=2`, at(2));
  // The first question on the page came on the reversed link: that thread decided the mode.
  ids.question = await comment(g, ids.reversed, alice, 'Où trouver le formulaire ?', at(10));
  ids.answer = await comment(g, ids.reversed, bob, 'Dans la rubrique RH.', at(11), ids.question);
  ids.remark = await comment(g, ids.sorted, bob, 'Bravo pour le portail.', at(12));
  await sql`insert into comment_likes (comment_id, person_id) values (${ids.answer}, ${alice})`;
  await sql`update comments set accepted_answer_id = ${ids.answer}, answered_at = ${at(11)} where id = ${ids.question}`;
  await like(ids.reversed, alice, at(20));
  await like(ids.sorted, alice, at(15));
  await like(ids.sorted, bob, at(21));
  await like(ids.tracked, bob, at(22));

  // %7E and ~: the older subject has no comment; an idea's page points at the other.
  ids.escaped = await subject(g, 'http://intra.example.com/%7Edupont/cv', at(3), { title: 'CV de J. Dupont' });
  ids.decoded = await subject(g, TILDE, at(4));
  const [idea] = await sql<{ id: string }[]>`
    insert into ideas (space_id, subject_id, title, description, tree, lang)
    values (${g}, ${ids.decoded}, 'Un annuaire des CV', 'Pour trouver qui sait quoi.', '[]'::jsonb, 'fr') returning id`;
  ids.idea = idea!.id;

  // The same page in another space is another discussion; an explicit key is left as it was.
  ids.otherSpace = await subject(ids.rh, `${PAGE}?b=2&a=1`, at(5));
  await comment(ids.rh, ids.otherSpace, alice, 'Côté RH, rien à signaler.', at(13));
  ids.explicit = await subject(g, 'actu-2026-11-portail', at(6));
  ids.tooLong = await subject(g, TOO_LONG_ONCE_ESCAPED, at(7));
  await sql`insert into reading_days (space_id, day, readers) values (${g}, '2026-01-05', 7), (null, '2026-01-05', 9)`;
});
after(() => (api ? api.close() : db.dispose()));

describe('migration 012: subject keys', () => {
  let before: Awaited<ReturnType<typeof counts>>;

  test('a migration that fails midway changes nothing and is not recorded', async () => {
    before = await counts();
    const subjectsBefore = await sql`select id, key from subjects order by id`;
    await sql`create function refuse_subject_deletes() returns trigger language plpgsql as $$ begin raise exception 'disk full (simulated)'; end $$`;
    await sql`create trigger refuse_subject_deletes before delete on subjects for each row execute function refuse_subject_deletes()`;
    try {
      await assert.rejects(migrate(sql), /disk full/);
    } finally {
      await sql`drop trigger refuse_subject_deletes on subjects`;
      await sql`drop function refuse_subject_deletes()`;
    }
    assert.deepEqual(await sql`select id, key from subjects order by id`, subjectsBefore);
    assert.deepEqual(await counts(), before);
    assert.equal((await sql`select 1 from ruche_migrations where version = 12`).length, 0);
  });

  test('the threads of one page become one, keyed as the widgets now key it', async () => {
    api = await createTestApi({}, { database: db });
    const page = await sql<{ id: string; key: string; mode: string; title: string | null; createdAt: Date }[]>`
      select id, key, mode, title, created_at from subjects where space_id = ${ids.general} and key like ${`${PAGE}%`}`;
    assert.equal(page.length, 1, JSON.stringify(page));
    const kept = page[0]!;
    assert.equal(kept.key, SORTED);
    assert.equal(kept.key, subjectKey(`${PAGE}?b=2&a=1`), 'the key the shared function gives');
    assert.equal(kept.id, ids.reversed, 'the subject whose first question came first is kept');
    assert.equal(kept.mode, 'qa', 'and so is the mode that question decided');
    assert.equal(kept.title, 'Le nouveau portail', 'a title only the merged subject had is kept');
    assert.deepEqual(kept.createdAt, at(0));
    const gone = await sql`select 1 from subjects where id in (${ids.sorted}, ${ids.tracked})`;
    assert.equal(gone.length, 0);
  });

  test('no comment, like, idea link, event or reading count is lost', async () => {
    assert.deepEqual(await counts(), before);
    const comments = await sql<{ id: string }[]>`select id from comments where subject_id = ${ids.reversed} order by created_at`;
    assert.deepEqual(comments.map((c) => c.id), [ids.question, ids.answer, ids.remark]);
    const [question] = await sql`select accepted_answer_id from comments where id = ${ids.question}`;
    assert.equal(question!.acceptedAnswerId, ids.answer);
    const likes = await sql<{ personId: string; createdAt: Date }[]>`select person_id, created_at from likes where subject_id = ${ids.reversed} order by created_at`;
    assert.deepEqual(
      likes.map((l) => [l.personId, l.createdAt]),
      [[ids.alice, at(15)], [ids.bob, at(21)]],
      'one like per person, their first',
    );
    const [idea] = await sql`select s.key from ideas i join subjects s on s.id = i.subject_id where i.id = ${ids.idea}`;
    assert.equal(idea!.key, TILDE, 'the idea points at the merged page');
    const [cv] = await sql`select id, title from subjects where key = ${TILDE}`;
    assert.equal(cv!.id, ids.escaped, 'no comment on either: the older one is kept');
    assert.equal(cv!.title, 'CV de J. Dupont');
  });

  test('live events follow their thread and carry its new key', async () => {
    const events = await sql<{ subjectId: string; subject: string }[]>`
      select subject_id, payload->>'subject' as subject from events where space_id = ${ids.general}`;
    assert.equal(events.length, 3);
    for (const event of events) assert.deepEqual([event.subjectId, event.subject], [ids.reversed, SORTED]);
  });

  test('another space keeps its own discussion; an explicit key and a key too long once escaped stay as they were', async () => {
    const [other] = await sql`select id, key from subjects where space_id = ${ids.rh}`;
    assert.deepEqual([other!.id, other!.key], [ids.otherSpace, SORTED]);
    const [event] = await sql`select payload->>'subject' as subject from events where space_id = ${ids.rh}`;
    assert.equal(event!.subject, SORTED);
    const [explicit] = await sql`select key from subjects where id = ${ids.explicit}`;
    assert.equal(explicit!.key, 'actu-2026-11-portail');
    const [long] = await sql`select key from subjects where id = ${ids.tooLong}`;
    assert.equal(long!.key, TOO_LONG_ONCE_ESCAPED);
  });

  test('every way of writing the page opens the merged thread through the API', async () => {
    for (const written of [`${PAGE}?b=2&a=1`, `${PAGE}?a=1&b=2#commentaires`, `${PAGE}?utm_source=lettre&b=2&a=%31`]) {
      const page = await api.get(`/api/comments?subject=${encodeURIComponent(written)}`, { as: 'alice' });
      assert.equal(page.status, 200, JSON.stringify(page.body));
      assert.equal(page.body.subject.id, ids.reversed, written);
      assert.equal(page.body.subject.commentCount, 3);
      assert.equal(page.body.threads.length, 2);
      const likes = await api.get(`/api/likes?s=${encodeURIComponent(written)}`, { as: 'bob' });
      assert.deepEqual(Object.values(likes.body.likes), [{ count: 2, liked: true }]);
    }
  });

  test('re-keying again with the same rules changes nothing', async () => {
    const snapshot = await sql`select id, key, mode, title from subjects order by id`;
    assert.deepEqual(await sql.begin((tx) => rekeySubjects(tx, subjectKey)), { rekeyed: 0, merged: 0 });
    assert.deepEqual(await sql`select id, key, mode, title from subjects order by id`, snapshot);
  });

  test('the merge leaves no index of its own behind', async () => {
    assert.equal((await sql`select 1 from pg_indexes where indexname like 'ruche_rekey_%'`).length, 0);
  });

  test('every table that points at subjects is one the merge knows how to move', async () => {
    // A new one with a unique constraint on its subject needs the care likes get (api/subjects/rekey.ts).
    const tables = (await tablesReferencingSubjects(sql)).map(({ table, column }) => `${table}.${column}`);
    assert.deepEqual(tables, ['comments.subject_id', 'events.subject_id', 'ideas.subject_id', 'likes.subject_id']);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Pool } from '../../api/db/database.ts';
import { migrate } from '../../api/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
  await migrate(db.database.sql);
});
after(() => db.dispose());

/**
 * Foreign keys of the schema's tables that no valid index serves: one whose leading columns are the
 * key's columns (in any order). A partial index serves a one-column key when it leaves out only the
 * rows where the column is null, which the key's lookups never ask for.
 */
async function unindexedForeignKeys(sql: Pool, schema: string): Promise<string[]> {
  const rows = await sql<{ key: string }[]>`
    select format('%s.%s (%s)', t.relname, k.conname,
                  (select string_agg(a.attname, ', ' order by c.n) from unnest(k.conkey) with ordinality as c (attnum, n)
                     join pg_attribute a on a.attrelid = k.conrelid and a.attnum = c.attnum)) as key
      from pg_constraint k
      join pg_class t on t.oid = k.conrelid
      join pg_namespace ns on ns.oid = t.relnamespace
     where k.contype = 'f' and ns.nspname = ${schema}
       and not exists (
         select 1 from pg_index i
          where i.indrelid = k.conrelid and i.indisvalid
            and (i.indkey::int2[])[0:cardinality(k.conkey) - 1] @> k.conkey
            and (i.indkey::int2[])[0:cardinality(k.conkey) - 1] <@ k.conkey
            and (i.indpred is null
                 or (cardinality(k.conkey) = 1
                     and pg_get_expr(i.indpred, i.indrelid) =
                         format('(%s IS NOT NULL)', quote_ident((select attname from pg_attribute
                                                                   where attrelid = k.conrelid and attnum = k.conkey[1]))))))
     order by 1`;
  return rows.map((r) => r.key);
}

describe('indexes', () => {
  test('every foreign key has an index that leads with its columns', async () => {
    assert.deepEqual(await unindexedForeignKeys(db.database.sql, db.database.schema), []);
  });

  test('a foreign key without one is reported, and an index on other rows does not count', async () => {
    const sql = db.database.sql;
    await sql`create table index_check_replies (id int primary key, comment_id uuid references comments (id), about uuid references comments (id))`;
    try {
      // Leading with another column, or partial on rows other than "the key is set": neither serves the key.
      await sql`create index index_check_replies_id_comment on index_check_replies (id, comment_id)`;
      await sql`create index index_check_replies_about_some on index_check_replies (about) where id > 0`;
      const reported = async () => (await unindexedForeignKeys(sql, db.database.schema)).filter((key) => key.startsWith('index_check_replies.'));
      assert.deepEqual(await reported(), [
        'index_check_replies.index_check_replies_about_fkey (about)',
        'index_check_replies.index_check_replies_comment_id_fkey (comment_id)',
      ]);
      await sql`create index index_check_replies_comment on index_check_replies (comment_id, id)`;
      await sql`create index index_check_replies_about on index_check_replies (about) where about is not null`;
      assert.deepEqual(await reported(), []);
    } finally {
      await sql`drop table index_check_replies`;
    }
  });
});

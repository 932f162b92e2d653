import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { sqlSites, tablesWritten } from '../support/sql-in-source.ts';
import { TABLE_OWNERS } from './architecture.owners.ts';

/**
 * The API's layers, read from its source: route handlers parse, check access, call a store and shape
 * the answer — they hold no SQL; and each table is written by its owning module only
 * (./architecture.owners.ts), so a feature that changes another's table goes through that feature.
 */
const root = new URL('../../', import.meta.url).pathname;
const apiFiles = readdirSync(join(root, 'api'), { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
  .map((entry) => relative(root, join(entry.parentPath, entry.name)))
  .sort();
const sitesOf = (file: string) => sqlSites(readFileSync(join(root, file), 'utf8'));

/**
 * Writes that still sit outside their table's module (demo seeds, erasure and retention, re-keying):
 * counted per file and table. The list may only shrink: a new write there fails, and so does a
 * count left higher than what remains (lower it when you move a statement home).
 */
const NOT_YET_HOME: Record<string, Record<string, number>> = {
  'api/demo/seed-ideas.ts': { comments: 2, idea_campaigns: 1, idea_policies: 1, idea_status_changes: 1, idea_votes: 2, ideas: 3, subjects: 1 },
  'api/demo/seed.ts': { comment_likes: 1, comments: 5, likes: 1, memberships: 2, people: 1, spaces: 2, subjects: 1 },
  'api/directory/import.ts': { profile_tags: 2 },
  'api/experts/demo.ts': { endorsements: 1, profile_tags: 1, profiles: 1 },
  'api/privacy/erasure-store.ts': { comments: 2, ideas: 1, people: 1, subjects: 1 },
  'api/privacy/retention.ts': { comment_reports: 1, expert_notifications: 1, idea_reports: 1, moderation_actions: 1, notifications: 1 },
  'api/pulse/demo.ts': { comments: 3, idea_votes: 1, ideas: 1, people: 1, privacy_settings: 1, reading_days: 2, subjects: 1 },
  'api/server.ts': { events: 1, idempotency_keys: 1 },
  'api/stewardship/demo.ts': { comment_reports: 2, comments: 2, idea_reports: 1, moderation_actions: 2, space_moderation: 1, subjects: 1 },
  'api/subjects/rekey.ts': { events: 1, likes: 2, subjects: 4 },
};

describe('API layers', () => {
  test('the scanner finds SQL in a tagged template and in .unsafe(), not in html`` nor in comments', () => {
    const sites = sqlSites(
      [
        '// await db`update comments set body = 1`',
        "const a = html`<p>${x}</p>`;",
        'const rows = await c.var.db<{ id: string }[]>`select id from spaces where id = ${id}`;',
        "await tx.unsafe<Row[]>(`delete from likes where subject_id = $1`, [id]);",
        "const s = 'db`select 1`';",
      ].join('\n'),
    );
    assert.deepEqual(
      sites.map((s) => [s.line, s.tag, s.text]),
      [
        [3, 'c.var.db', 'select id from spaces where id = $'],
        [4, '.unsafe', 'delete from likes where subject_id = $1'],
      ],
    );
    assert.deepEqual(tablesWritten('insert into likes (a) values ($) on conflict do update set a = 1'), ['likes']);
    assert.deepEqual(tablesWritten('select id from ideas where id = $ for update'), []);
  });

  test('route handlers hold no SQL: they call their feature’s store', () => {
    // A routes file by its name, or any module that builds a router of its own (SCIM's, say).
    const buildsRoutes = (file: string) => /(^|[/-])routes\.ts$/.test(file) || /\bnew (OpenAPI)?Hono\b|= router\(\)/.test(readFileSync(join(root, file), 'utf8'));
    const routeFiles = apiFiles.filter(buildsRoutes);
    assert.ok(routeFiles.length >= 10, `found the routes files (${routeFiles.length})`);
    const found = routeFiles.flatMap((file) => sitesOf(file).map((site) => `${file}:${site.line} ${site.tag} ${site.text.slice(0, 60)}`));
    assert.deepEqual(found, [], 'SQL in a routes file: move it into the feature’s store.ts (or <aggregate>-store.ts)');
  });

  test('each table is written by its owning module only', () => {
    const owners = TABLE_OWNERS as Record<string, readonly string[]>;
    const elsewhere: Record<string, Record<string, number>> = {};
    const unowned: string[] = [];
    for (const file of apiFiles) {
      for (const site of sitesOf(file)) {
        for (const table of tablesWritten(site.text)) {
          const home = owners[table];
          if (!home) unowned.push(`${file}:${site.line} writes ${table}`);
          else if (!home.includes(file)) (elsewhere[file] ??= {})[table] = (elsewhere[file]![table] ?? 0) + 1;
        }
      }
    }
    assert.deepEqual(unowned, [], 'a table without a home: add it to test/api/architecture.owners.ts');
    const problems: string[] = [];
    for (const [file, tables] of Object.entries(elsewhere)) {
      for (const [table, count] of Object.entries(tables)) {
        const allowed = NOT_YET_HOME[file]?.[table] ?? 0;
        if (count > allowed) problems.push(`${file} writes ${table} (${count}×): call ${owners[table]!.join(' or ')} instead`);
      }
    }
    for (const [file, tables] of Object.entries(NOT_YET_HOME)) {
      for (const [table, allowed] of Object.entries(tables)) {
        const count = elsewhere[file]?.[table] ?? 0;
        if (count < allowed) problems.push(`${file} now writes ${table} ${count}× (listed: ${allowed}): lower NOT_YET_HOME`);
      }
    }
    assert.deepEqual(problems, []);
  });
});

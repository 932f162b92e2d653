import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { IDEA_STATUSES } from '../../api/ideas/schemas.ts';
import { SLUG } from '../../api/http/validation.ts';
import { IDEA_STATUSES as SHOWN_STATUSES } from '../../widgets/shared/idea-statuses.ts';

/**
 * Rules written once in code but also, necessarily, in the database's checks (a migration is never
 * rewritten): these say the copies agree, so a change to one cannot leave the other behind.
 */
const migration = (name: string) => readFileSync(join(import.meta.dirname, '../../api/db/migrations', name), 'utf8');

describe('rules written once', () => {
  test('the ideas table accepts exactly the statuses of api/ideas/schemas.ts, and the widgets show them all', () => {
    const check = /status text not null default 'new'\s+check \(status in \(([^)]*)\)\)/.exec(migration('003_ideas.sql'));
    assert.deepEqual(check?.[1]?.split(',').map((s) => s.trim().replace(/'/g, '')), [...IDEA_STATUSES]);
    assert.deepEqual([...SHOWN_STATUSES].sort(), [...IDEA_STATUSES].sort());
  });

  test('spaces and campaigns check the one slug rule of api/http/validation.ts', () => {
    assert.ok(migration('001_foundation.sql').includes(`slug ~ '${SLUG.source}'`));
    assert.ok(migration('003_ideas.sql').includes(`slug ~ '${SLUG.source}'`));
  });
});

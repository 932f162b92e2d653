import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Pulse } from '../../shared/api-types.ts';
import { seedDemo } from '../../api/demo/seed.ts';
import { seedDemoIdeas } from '../../api/demo/seed-ideas.ts';
import { DEMO_PULSE_WEEKS, seedDemoPulse } from '../../api/pulse/demo.ts';
import { createTestApi, type TestApi } from '../support/api.ts';

/** The demo intranet's 'Tableau de bord': several weeks of activity in the default space, as its pulse shows them. */
let api: TestApi;
before(async () => {
  api = await createTestApi();
});
after(() => api.close());

const claire = { sub: 'claire.martin', name: 'Claire Martin', admin: true };
const elodie = { sub: 'elodie.petit', name: 'Élodie Petit' };

describe('demo seed: the pulse', () => {
  test('does nothing before the demo people exist, then seeds once', async () => {
    const sql = api.db.database.sql;
    assert.equal(await seedDemoPulse(sql), false, 'no demo people yet');
    assert.equal(await seedDemo(sql), true);
    assert.equal(await seedDemoIdeas(sql), true);
    assert.equal(await seedDemoPulse(sql), true);
    assert.equal(await seedDemoPulse(sql), false, 'a second start does not seed again');
    const [days] = await sql<{ count: number }[]>`
      select count(*)::int as count from reading_days r join spaces s on s.id = r.space_id and s.is_default`;
    assert.equal(days!.count, DEMO_PULSE_WEEKS * 7);
  });

  test('the space’s pulse over a month: figures shown, weekends too quiet to show, answers within the promise', async () => {
    const { status, body } = await api.get<Pulse>('/api/pulse?period=4w&weeks=10', { as: elodie });
    assert.equal(status, 200, JSON.stringify(body));
    const p = body;
    assert.ok(p.readers.daysShown >= 16 && p.readers.daysShown < 28, `${p.readers.daysShown} days shown`);
    assert.ok(p.readers.perDay.some((d) => d.readers.withheld), 'some quiet days are withheld');
    assert.ok(p.readers.averagePerDay.value! >= 15);
    assert.ok(p.contributors.count.value! >= 10, JSON.stringify(p.contributors));
    assert.ok(p.ratio.value! > 0 && p.ratio.value! <= 1);
    assert.ok(p.answers.medianHours.value! > 0 && p.answers.medianHours.value! < 48, JSON.stringify(p.answers));
    assert.ok(p.answers.withinPromiseShare.value! >= 0.5 && p.answers.withinPromiseShare.value! < 1);
    assert.equal(p.answers.promiseHours, 48);
    assert.equal(p.trend.length, 10);
    assert.ok(p.trend.filter((t) => t.contributors.withheld === null).length >= 8, JSON.stringify(p.trend));
    assert.ok(p.trend.filter((t) => t.readersPerDay.withheld === null).length >= 9);
    const listed = p.topContributors.value!.map((t) => t.person.name);
    assert.ok(listed.length >= 1 && listed.every((name) => ['Karim Haddad', 'Sophie Dubois', 'Élodie Petit'].includes(name)), listed.join());
  });

  test('the whole site, for an admin', async () => {
    const { status, body } = await api.get<Pulse>('/api/pulse?site=true&period=12w', { as: claire });
    assert.equal(status, 200, JSON.stringify(body));
    assert.ok(body.readers.peakDay.value! >= body.readers.averagePerDay.value!);
    assert.ok(body.ideas.byStatus.value && Object.keys(body.ideas.byStatus.value).length >= 3, JSON.stringify(body.ideas));
  });
});

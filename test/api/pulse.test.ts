import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Context } from 'hono';
import type { Pulse, PulseFigure } from '../../shared/api-types.ts';
import type { AppEnv } from '../../api/context.ts';
import { forgetPastDays, recordReading, utcDay } from '../../api/pulse/reading.ts';
import { createTestApi, type RequestOptions, type TestApi } from '../support/api.ts';

/**
 * The engagement pulse: reading recorded as daily distinct counts without keeping who read,
 * contributors read from published content, answer times, ideas by status, a weekly trend, and the
 * five-people rule on every figure.
 */
type Person = NonNullable<RequestOptions['as']>;

let api: TestApi;
const steward = { sub: 'stella', name: 'Stella Animatrice' };
const people = Array.from({ length: 9 }, (_, i) => ({ sub: `p${i}`, name: `Personne ${i}` }));
const admin = { sub: 'root', name: 'Ada Admin', admin: true };
const ids = new Map<string, string>();

const DAY = 86_400_000;
const today = utcDay();
const daysAgo = (n: number) => utcDay(new Date(Date.parse(`${today}T12:00:00Z`) - n * DAY));
const at = (n: number, hour = 10) => new Date(Date.parse(`${daysAgo(n)}T00:00:00Z`) + hour * 3_600_000);

before(async () => {
  api = await createTestApi();
  for (const p of [steward, ...people, admin]) ids.set(p.sub, (await api.get('/api/me', { as: p })).body.id);
  await api.post('/api/spaces', { slug: 'pulse', name: 'Pulse', visibility: 'open', answerPromiseHours: 24 }, { as: steward });
  await api.post('/api/spaces', { slug: 'petit', name: 'Petit', visibility: 'open' }, { as: steward });
  await api.post('/api/spaces', { slug: 'cercle', name: 'Cercle', visibility: 'closed' }, { as: steward });
});
after(() => api.close());

const sql = () => api.db.database.sql;
const spaceId = async (slug: string) => (await sql()<{ id: string }[]>`select id from spaces where slug = ${slug}`)[0]!.id;

async function pulse(query: string, as: Person = people[0]!) {
  const answer = await api.get<Pulse>(`/api/pulse?${query}`, { as });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

/** Every figure in an answer: an object with exactly `value` and `withheld`. */
function figures(node: unknown, found: PulseFigure<unknown>[] = []): PulseFigure<unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => figures(n, found));
  else if (node && typeof node === 'object') {
    if ('withheld' in node) found.push(node as PulseFigure<unknown>);
    else Object.values(node).forEach((n) => figures(n, found));
  }
  return found;
}

async function comment(as: Person, space: string, body: string, extra: Record<string, unknown> = {}) {
  const answer = await api.post('/api/comments', { space, subject: `${space}-page`, body, ...extra }, { as });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body as { id: string; status: string };
}

describe('reading is counted, not logged', () => {
  test('each signed-in reader counts once a day per space and for the site, wherever they read', async () => {
    const space = await spaceId('pulse');
    for (const p of people.slice(0, 6)) {
      assert.equal((await api.get(`/api/comments?space=pulse&subject=pulse-page`, { as: p })).status, 200);
    }
    await api.get(`/api/comments?space=pulse&subject=another-page`, { as: people[0] });
    await api.get(`/api/ideas?space=pulse`, { as: people[1] });
    await api.get(`/api/comments?space=petit&subject=petit-page`, { as: people[0] });
    const [row] = await sql()<{ readers: number }[]>`select readers from reading_days where space_id = ${space} and day = ${today}`;
    assert.equal(row!.readers, 6);
    const [site] = await sql()<{ readers: number }[]>`select readers from reading_days where space_id is null and day = ${today}`;
    assert.equal(site!.readers, 6, 'p0 read two spaces: one reader for the site');
  });

  test('nothing stored says who read: no person id, no sub, only keyed marks of today', async () => {
    const tables = await sql()`select (select json_agg(m) from reading_marks m) as marks, (select json_agg(d) from reading_days d) as days,
                                      (select json_agg(k.day) from reading_keys k) as keys`;
    const text = JSON.stringify(tables[0]);
    for (const [sub, id] of ids) {
      assert.ok(!text.includes(id), `reading tables hold ${sub}'s id`);
    }
    const days = await sql()<{ day: string }[]>`select distinct to_char(day, 'YYYY-MM-DD') as day from reading_marks`;
    assert.deepEqual(days.map((d) => d.day), [today]);
    const [columns] = await sql()<{ names: string[] }[]>`
      select array_agg(column_name::text order by column_name) as names from information_schema.columns
       where table_schema = current_schema() and table_name in ('reading_marks', 'reading_days', 'reading_keys')`;
    assert.ok(!columns!.names.some((n) => /person|author|sub/.test(n)), columns!.names.join());
  });

});

describe('the pulse of a space', () => {
  before(async () => {
    const space = await spaceId('pulse');
    await sql()`delete from reading_days where space_id = ${space}`;
    for (let n = 13; n >= 0; n--) {
      const readers = n === 7 ? 3 : n >= 8 ? 10 : 20;
      await sql()`insert into reading_days (space_id, day, readers) values (${space}, ${daysAgo(n)}, ${readers})`;
    }
    // Six people comment (two of them days ago); a pending and a hidden comment count for nothing.
    for (const [i, p] of people.slice(0, 6).entries()) {
      const c = await comment(p, 'pulse', `Commentaire ${i}`);
      if (i < 2) await sql()`update comments set created_at = ${at(3)} where id = ${c.id}`;
    }
    await api.request('PUT', '/api/moderation/settings', { as: steward, body: { space: 'pulse', words: ['interdit'] } });
    const pending = await comment(people[6]!, 'pulse', 'Un mot interdit.');
    assert.equal(pending.status, 'pending');
    const hidden = await comment(people[7]!, 'pulse', 'Bientôt masqué.');
    await api.post(`/api/moderation/comments/${hidden.id}/hide`, { reason: 'test' }, { as: steward });

    // Six questions from six people; five answered by five others, one waiting past the promise.
    const delays = [1, 2, 3, 4, 30];
    for (let q = 0; q < 6; q++) {
      const asker = people[q]!;
      const question = await api.post('/api/comments', { space: 'pulse', subject: 'pulse-qa', mode: 'qa', body: `Question ${q} ?` }, { as: asker });
      await sql()`update comments set created_at = ${at(5)} where id = ${question.body.id}`;
      if (q < 5) {
        const answerer = people[(q + 1) % 6]!;
        const answer = await api.post('/api/comments', { space: 'pulse', subject: 'pulse-qa', parentId: question.body.id, body: 'Réponse.' }, { as: answerer });
        await sql()`update comments set created_at = ${at(5, 10 + delays[q]!)} where id = ${answer.body.id}`;
        await sql()`update comments set answered_at = ${at(5, 10 + delays[q]!)} where id = ${question.body.id}`;
      }
    }

    // Five ideas from five people (one anonymous), with votes.
    const { version } = (await api.get('/api/ideas/policy?space=pulse', { as: people[0] })).body;
    const statuses = ['new', 'new', 'planned', 'done', 'declined'];
    for (let i = 0; i < 5; i++) {
      const idea = await api.post(
        '/api/ideas',
        { space: 'pulse', title: `Idée ${i}`, description: 'Texte.', ...(i === 4 ? { anonymous: true, policyVersion: version } : {}) },
        { as: people[i + 2]! },
      );
      assert.equal(idea.status, 201, JSON.stringify(idea.body));
      if (statuses[i] !== 'new') {
        await api.post(`/api/ideas/${idea.body.id}/status`, { status: statuses[i], reason: 'Décision.' }, { as: steward });
      }
      await api.request('PUT', `/api/ideas/${idea.body.id}/vote`, { as: people[8]! });
    }
    // Two people chose to be listed among the most active contributors.
    for (const p of [people[0]!, people[6]!]) {
      assert.equal((await api.request('PUT', '/api/me/privacy', { as: p, body: { showInTopContributors: true } })).status, 200);
    }
  });

  test('readers per day, with days under five withheld and left out of the average', async () => {
    const p = await pulse(`space=pulse&from=${daysAgo(13)}&to=${today}`);
    assert.deepEqual(p.scope, { kind: 'space', space: { slug: 'pulse', name: 'Pulse' } });
    assert.equal(p.period.days, 14);
    assert.equal(p.minimumPeople, 5);
    assert.equal(p.readers.perDay.length, 14);
    const withheldDay = p.readers.perDay.find((d) => d.day === daysAgo(7))!;
    assert.deepEqual(withheldDay.readers, { value: null, withheld: 'fewer_than_5' });
    assert.deepEqual(p.readers.perDay.find((d) => d.day === daysAgo(1))!.readers, { value: 20, withheld: null });
    assert.equal(p.readers.daysShown, 13);
    // 6 days of 10, 7 days of 20 (today included): 200 / 13
    assert.equal(p.readers.averagePerDay.value, Math.round((60 + 140) / 13 * 10) / 10);
    assert.equal(p.readers.peakDay.value, 20);
  });

  test('contributors: who posted, answered, proposed or voted — published content only', async () => {
    const p = await pulse(`space=pulse&from=${daysAgo(13)}&to=${today}`);
    // p0–p5 commented and asked (p1–p5 answered), p2–p6 proposed (p6 too), p8 voted; p7's hidden comment and p6's pending one do not count.
    assert.deepEqual(p.contributors.count, { value: 8, withheld: null });
    assert.equal(p.contributors.byKind.posted.value, 6);
    assert.equal(p.contributors.byKind.answered.value, 5);
    assert.equal(p.contributors.byKind.proposed.value, 5);
    assert.deepEqual(p.contributors.byKind.voted, { value: null, withheld: 'fewer_than_5' }, 'one voter');
    assert.ok(p.ratio.value! > 0 && p.ratio.value! <= 1);
    assert.equal(p.audience.withheld, null);
    assert.ok(p.contributors.shareOfAudience.value! > 0 && p.contributors.shareOfAudience.value! <= 1);
  });

  test('time to first answer and the share answered within the promise', async () => {
    const { answers } = await pulse(`space=pulse&from=${daysAgo(13)}&to=${today}`);
    assert.equal(answers.promiseHours, 24);
    assert.deepEqual(answers.questions, { value: 6, withheld: null });
    assert.deepEqual(answers.answered, { value: 5, withheld: null });
    assert.deepEqual(answers.medianHours, { value: 3, withheld: null });
    assert.equal(answers.p90Hours.value, 19.6); // 4 + 0.6 × (30 − 4)
    assert.deepEqual(answers.withinPromiseShare, { value: 0.67, withheld: null }); // 4 of 6
  });

  test('ideas by status, and the trend over weeks', async () => {
    const p = await pulse(`space=pulse&from=${daysAgo(13)}&to=${today}&weeks=3`);
    assert.deepEqual(p.ideas.total, { value: 5, withheld: null });
    assert.deepEqual(p.ideas.byStatus.value, { new: 2, planned: 1, done: 1, declined: 1 });
    assert.equal(p.trend.length, 3);
    const weeks = p.trend.map((t) => t.weekStart);
    assert.deepEqual(weeks, [...weeks].sort());
    for (const w of weeks) assert.equal(new Date(`${w}T00:00:00Z`).getUTCDay(), 1, 'weeks start on Monday');
    const last = p.trend[2]!;
    assert.equal(last.contributors.withheld, null);
  });

  test('most active contributors: only those who opted in, with what they wrote (never anonymous ideas nor votes)', async () => {
    const p = await pulse(`space=pulse&from=${daysAgo(13)}&to=${today}`);
    const listed = p.topContributors.value!;
    assert.deepEqual(listed.map((t) => t.person.name), ['Personne 0'], 'p6 opted in but only wrote a pending comment and an anonymous idea');
    assert.deepEqual({ ...listed[0], person: undefined }, { person: undefined, posts: 2, answers: 0, ideas: 0, total: 2 });
  });

  test('with fewer than five people, every figure is withheld', async () => {
    for (const p of people.slice(0, 4)) {
      await comment(p, 'petit', 'Petit espace.');
      await api.get('/api/comments?space=petit&subject=petit-page', { as: p });
    }
    const p = await pulse('space=petit&period=7d');
    assert.equal(p.readers.daysShown, 0);
    for (const key of ['count', 'shareOfAudience'] as const) assert.equal(p.contributors[key].withheld, 'fewer_than_5', key);
    assert.equal(p.ratio.withheld, 'fewer_than_5');
    assert.equal(p.readers.averagePerDay.withheld, 'fewer_than_5');
    assert.equal(p.topContributors.withheld, 'fewer_than_5');
    assert.equal(p.ideas.byStatus.withheld, 'fewer_than_5');
    assert.ok(p.trend.every((t) => t.contributors.withheld && t.readersPerDay.withheld && t.ratio.withheld));
    for (const f of figures(p)) {
      if (f.withheld) assert.equal(f.value, null);
      if (typeof f.value === 'number' && f !== p.audience) assert.fail(`a figure is shown: ${JSON.stringify(f)}`);
    }
  });

  test('every figure passes the rule: shown, or null and withheld; no small count of people is ever shown', async () => {
    const p = await pulse(`space=pulse&from=${daysAgo(13)}&to=${today}&weeks=4`);
    const all = figures(p);
    assert.ok(all.length > 30);
    for (const f of all) {
      assert.deepEqual(Object.keys(f).sort(), ['value', 'withheld']);
      if (f.withheld) assert.equal(f.value, null);
      else assert.notEqual(f.value, null);
    }
    const counts = [p.audience, p.contributors.count, ...Object.values(p.contributors.byKind), ...p.readers.perDay.map((d) => d.readers), ...p.trend.map((t) => t.contributors)];
    for (const f of counts) if (f.value !== null) assert.ok(f.value >= 5, JSON.stringify(f));
  });

  test('the pulse names nobody but those who opted in', async () => {
    const p = await pulse(`space=pulse&from=${daysAgo(13)}&to=${today}`);
    const text = JSON.stringify({ ...p, topContributors: null });
    for (const [sub, id] of ids) {
      assert.ok(!text.includes(id), `the pulse holds ${sub}'s id`);
      assert.ok(!text.includes(`"${sub}"`));
    }
    assert.ok(!text.includes('Personne'));
  });
});

describe('who may read a pulse', () => {
  test('readers of the space; the whole site for admins only', async () => {
    assert.equal((await api.get('/api/pulse?space=pulse')).status, 401);
    const closed = await api.get('/api/pulse?space=cercle', { as: people[0] });
    assert.equal(closed.status, 403);
    assert.equal(closed.body.error.code, 'space_closed');
    assert.equal((await api.get('/api/pulse?space=cercle', { as: steward })).status, 200);
    assert.equal((await api.get('/api/pulse?space=pulse', { as: { sub: 'g', name: 'Guest', guest: true } })).status, 404);
    const site = await api.get('/api/pulse?site=true', { as: people[0] });
    assert.equal(site.status, 403);
    assert.equal(site.body.error.code, 'admin_only');
    const forAdmin = await pulse('site=true&period=7d', admin);
    assert.deepEqual(forAdmin.scope, { kind: 'site' });
    assert.equal(forAdmin.answers.promiseHours, null);
    assert.equal(forAdmin.period.days, 7);
  });

  test('bad periods are refused with the API’s error', async () => {
    const tomorrow = utcDay(new Date(Date.now() + DAY));
    const cases = [
      'space=pulse&period=1y',
      'space=pulse&period=7d&from=2026-01-01',
      `space=pulse&from=${today}&to=${daysAgo(1)}`,
      `space=pulse&from=${today}&to=${tomorrow}`,
      `space=pulse&to=${today}`,
      'space=pulse&from=2020-01-01',
      'space=pulse&from=2026-02-30',
      'space=pulse&weeks=0',
      'space=pulse&weeks=53',
      'space=pulse&site=true',
      'space=pulse&who=p1',
    ];
    for (const query of cases) {
      const answer = await api.get(`/api/pulse?${query}`, { as: admin });
      assert.equal(answer.status, 400, `${query}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, 'invalid_request', query);
    }
  });
});

describe('days end', () => {
  test('when the day is over its marks and its key are deleted; the counts stay', async () => {
    const space = await spaceId('cercle');
    const yesterday = daysAgo(1);
    await sql()`insert into reading_keys (day, key) values (${yesterday}, '\\x00'::bytea) on conflict do nothing`;
    await sql()`insert into reading_marks (space_id, day, mark) values (${space}, ${yesterday}, '\\x01'::bytea)`;
    await sql()`insert into reading_days (space_id, day, readers) values (${space}, ${yesterday}, 1)`;
    // The first reading of a new day forgets the days before, as the hourly job does.
    const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + DAY);
    const fakeContext = { var: { person: { id: ids.get('p7')! }, deps: { database: api.db.database } } } as unknown as Context<AppEnv>;
    await recordReading(fakeContext, space, tomorrow);
    const marks = await sql()<{ day: string }[]>`select distinct to_char(day, 'YYYY-MM-DD') as day from reading_marks`;
    assert.deepEqual(marks.map((m) => m.day), [utcDay(tomorrow)]);
    const keys = await sql()<{ day: string }[]>`select to_char(day, 'YYYY-MM-DD') as day from reading_keys`;
    assert.deepEqual(keys.map((k) => k.day), [utcDay(tomorrow)]);
    const counts = await sql()<{ day: string; readers: number }[]>`
      select to_char(day, 'YYYY-MM-DD') as day, readers from reading_days where space_id = ${space} order by day`;
    assert.deepEqual(counts.map((c) => [c.day, c.readers]), [[yesterday, 1], [utcDay(tomorrow), 1]]);
    await forgetPastDays(sql(), utcDay(tomorrow));
  });
});

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Context } from 'hono';
import type { Pulse, PulseFigure } from '../../shared/api-types.ts';
import type { AppEnv } from '../../api/context.ts';
import { forgetPastDays, readingSecret, recordReading, utcDay } from '../../api/readings/store.ts';
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
const dayAfter = (day: string, n: number) => utcDay(new Date(Date.parse(`${day}T12:00:00Z`) + n * DAY));
/** The Monday of the week under way: periods end the day before. */
const thisWeek = dayAfter(today, -((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7));
/** n days before the end of the last whole week (0: its Sunday). */
const daysAgo = (n: number) => dayAfter(thisWeek, -1 - n);
const at = (n: number, hour = 10) => new Date(Date.parse(`${daysAgo(n)}T00:00:00Z`) + hour * 3_600_000);
const backdate = (table: 'comments' | 'ideas', id: string, n: number, hour = 10) => sql().unsafe(`update ${table} set created_at = $1 where id = $2`, [at(n, hour), id]);

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
    const tables = await sql()`select (select json_agg(m) from reading_marks m) as marks, (select json_agg(d) from reading_days d) as days`;
    const text = JSON.stringify(tables[0]);
    for (const [sub, id] of ids) {
      assert.ok(!text.includes(id), `reading tables hold ${sub}'s id`);
    }
    const days = await sql()<{ day: string }[]>`select distinct to_char(day, 'YYYY-MM-DD') as day from reading_marks`;
    assert.deepEqual(days.map((d) => d.day), [today]);
    const [columns] = await sql()<{ names: string[] }[]>`
      select array_agg(column_name::text order by column_name) as names from information_schema.columns
       where table_schema = current_schema() and table_name in ('reading_marks', 'reading_days')`;
    assert.ok(!columns!.names.some((n) => /person|author|sub/.test(n)), columns!.names.join());
  });

  test('the day’s key is not in the database: the marks cannot be tested with what it holds', async () => {
    const [tables] = await sql()<{ names: string[] }[]>`
      select array_agg(table_name::text) as names from information_schema.tables where table_schema = current_schema() and table_name like 'reading%'`;
    assert.deepEqual(tables!.names.sort(), ['reading_days', 'reading_marks']);
    // The marks are keyed with the day's key, which comes from the secret outside the database.
    const space = await spaceId('pulse');
    const key = createHmac('sha256', readingSecret(api.config)).update(`reading:${today}`).digest();
    const mark = createHmac('sha256', key).update(`${space}:${ids.get('p0')!}`).digest();
    const [found] = await sql()<{ n: number }[]>`select count(*)::int as n from reading_marks where space_id = ${space} and mark = ${mark}`;
    assert.equal(found!.n, 1, 'with the secret, p0’s mark of today is found…');
    const other = createHmac('sha256', createHmac('sha256', 'another secret').update(`reading:${today}`).digest()).update(`${space}:${ids.get('p0')!}`).digest();
    const [none] = await sql()<{ n: number }[]>`select count(*)::int as n from reading_marks where mark = ${other}`;
    assert.equal(none!.n, 0, '…without it, not');
  });

  test('the secret is RUCHE_READING_SECRET when set, else one written once to the data folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ruche-reading-'));
    try {
      const first = readingSecret({ readingSecret: undefined, dataDir: folder });
      assert.equal(first.length, 64);
      assert.equal(readFileSync(join(folder, 'reading-secret'), 'utf8'), first.toString());
      assert.deepEqual(readingSecret({ readingSecret: undefined, dataDir: folder }), first);
      assert.deepEqual(readdirSync(folder), ['reading-secret'], 'written whole under another name, then linked: nothing else left');
      assert.equal(readingSecret({ readingSecret: 'x'.repeat(32), dataDir: folder }).toString(), 'x'.repeat(32));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
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
      await backdate('comments', c.id, i < 2 ? 3 : 1);
    }
    await api.request('PUT', '/api/moderation/settings', { as: steward, body: { space: 'pulse', words: ['interdit'] } });
    const pending = await comment(people[6]!, 'pulse', 'Un mot interdit.');
    assert.equal(pending.status, 'pending');
    const hidden = await comment(people[7]!, 'pulse', 'Bientôt masqué.');
    await api.post(`/api/moderation/comments/${hidden.id}/hide`, { reason: 'test' }, { as: steward });
    for (const c of [pending, hidden]) await backdate('comments', c.id, 1);

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

    // Six ideas from six people (one anonymous), with votes.
    const { version } = (await api.get('/api/ideas/policy?space=pulse', { as: people[0] })).body;
    const statuses = ['new', 'new', 'new', 'new', 'new', 'declined'];
    for (let i = 0; i < 6; i++) {
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
      await backdate('ideas', idea.body.id, 2);
      await sql()`update idea_votes set created_at = ${at(2)} where idea_id = ${idea.body.id}`;
    }
    // Two people chose to be listed among the most active contributors.
    for (const p of [people[0]!, people[6]!]) {
      assert.equal((await api.request('PUT', '/api/me/privacy', { as: p, body: { showInTopContributors: true } })).status, 200);
    }
  });

  test('periods are whole weeks, up to the Sunday before the week under way', async () => {
    const p = await pulse('space=pulse');
    assert.equal(p.period.days, 28, 'four weeks by default');
    assert.equal(p.period.to, daysAgo(0));
    assert.equal(new Date(`${p.period.from}T12:00:00Z`).getUTCDay(), 1, 'from a Monday');
    assert.equal(new Date(`${p.period.to}T12:00:00Z`).getUTCDay(), 0, 'to a Sunday');
    assert.ok(p.period.to < today && p.readers.perDay.every((d) => d.day < thisWeek), 'nothing of the week under way');
    for (const [period, days] of [['12w', 84], ['26w', 182], ['52w', 364]] as const) {
      const longer = await pulse(`space=pulse&period=${period}`);
      assert.equal(longer.period.days, days);
      assert.equal(longer.period.to, p.period.to);
    }
  });

  test('readers per day, with days under five withheld and left out of the average', async () => {
    const p = await pulse(`space=pulse&period=4w`);
    assert.deepEqual(p.scope, { kind: 'space', space: { slug: 'pulse', name: 'Pulse' } });
    assert.equal(p.period.days, 28);
    assert.equal(p.minimumPeople, 5);
    assert.equal(p.readers.perDay.length, 28);
    const withheldDay = p.readers.perDay.find((d) => d.day === daysAgo(7))!;
    assert.deepEqual(withheldDay.readers, { value: null, withheld: 'fewer_than_5' });
    assert.deepEqual(p.readers.perDay.find((d) => d.day === daysAgo(1))!.readers, { value: 20, withheld: null });
    assert.equal(p.readers.daysShown, 13);
    // 6 days of 10, 7 days of 20 (the last week): 200 / 13
    assert.equal(p.readers.averagePerDay.value, Math.round((60 + 140) / 13 * 10) / 10);
    assert.equal(p.readers.peakDay.value, 20);
  });

  test('contributors: who posted, answered, proposed or voted — published content only', async () => {
    const p = await pulse('space=pulse');
    // p0–p5 commented and asked (p1–p5 answered), p2–p7 proposed, p8 voted; p7's hidden comment and p6's pending one do not count.
    assert.deepEqual(p.contributors.count, { value: 9, withheld: null });
    assert.equal(p.contributors.byKind.posted.value, 6);
    assert.equal(p.contributors.byKind.answered.value, 5);
    assert.equal(p.contributors.byKind.proposed.value, 6);
    assert.deepEqual(p.contributors.byKind.voted, { value: null, withheld: 'fewer_than_5' }, 'one voter');
    assert.ok(p.ratio.value! > 0 && p.ratio.value! <= 1);
    assert.equal(p.audience.withheld, null);
    assert.ok(p.contributors.shareOfAudience.value! > 0 && p.contributors.shareOfAudience.value! <= 1);
  });

  test('time to first answer and the share answered within the promise', async () => {
    const { answers } = await pulse('space=pulse');
    assert.equal(answers.promiseHours, 24);
    assert.deepEqual(answers.questions, { value: 6, withheld: null });
    assert.deepEqual(answers.answered, { value: 5, withheld: null });
    assert.deepEqual(answers.medianHours, { value: 3, withheld: null });
    assert.equal(answers.p90Hours.value, 19.6); // 4 + 0.6 × (30 − 4)
    assert.deepEqual(answers.withinPromiseShare, { value: 0.67, withheld: null }); // 4 of 6
  });

  test('ideas by status, each status over its own authors, and the trend over weeks', async () => {
    const p = await pulse(`space=pulse&weeks=3`);
    // Five authors of new ideas are shown; one declined idea is withheld, and so is the total, from which it would follow.
    assert.deepEqual(p.ideas.byStatus, { value: { new: 5, declined: null }, withheld: null });
    assert.deepEqual(p.ideas.total, { value: null, withheld: 'fewer_than_5' });
    assert.equal(p.trend.length, 3);
    const weeks = p.trend.map((t) => t.weekStart);
    assert.deepEqual(weeks, [...weeks].sort());
    for (const w of weeks) assert.equal(new Date(`${w}T00:00:00Z`).getUTCDay(), 1, 'weeks start on Monday');
    assert.equal(p.trend[2]!.weekStart, dayAfter(thisWeek, -7), 'the last week of the trend is the last whole week');
    assert.deepEqual(p.trend[2]!.contributors, { value: 9, withheld: null });
    assert.equal(p.trend[1]!.contributors.withheld, 'fewer_than_5');
  });

  test('most active contributors: only those who opted in, with what they wrote (never anonymous ideas nor votes)', async () => {
    const p = await pulse('space=pulse');
    const listed = p.topContributors.value!;
    assert.deepEqual(listed.map((t) => t.person.name), ['Personne 0'], 'p6 opted in but only wrote a pending comment and an anonymous idea');
    assert.deepEqual({ ...listed[0], person: undefined }, { person: undefined, posts: 2, answers: 0, ideas: 0, total: 2 });
  });

  test('with fewer than five people, every figure is withheld', async () => {
    for (const p of people.slice(0, 4)) {
      await backdate('comments', (await comment(p, 'petit', 'Petit espace.')).id, 1);
    }
    await sql()`insert into reading_days (space_id, day, readers) values (${await spaceId('petit')}, ${daysAgo(1)}, 4)`;
    const p = await pulse('space=petit');
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
    const p = await pulse(`space=pulse&weeks=4`);
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
    const p = await pulse('space=pulse');
    const text = JSON.stringify({ ...p, topContributors: null });
    for (const [sub, id] of ids) {
      assert.ok(!text.includes(id), `the pulse holds ${sub}'s id`);
      assert.ok(!text.includes(`"${sub}"`));
    }
    assert.ok(!text.includes('Personne'));
  });
});

describe('figures cannot be subtracted to speak of fewer than five people', () => {
  // Ten regulars take part in each of the last two weeks; one person (the target) only once, six weeks
  // ago: they voted, asked a question and proposed an idea. The last 12 weeks less the last 4 would be
  // the target alone.
  const regulars = Array.from({ length: 10 }, (_, i) => ({ sub: `r${i}`, name: `Régulier ${i}` }));
  const target = { sub: 'cible', name: 'La Cible' };
  const idea = async (as: Person, title: string, n: number) => {
    const created = await api.post('/api/ideas', { space: 'attaque', title, description: 'Texte.' }, { as });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await backdate('ideas', created.body.id, n);
    return created.body.id as string;
  };
  const question = async (asker: Person, answerer: Person, n: number) => {
    const q = await api.post('/api/comments', { space: 'attaque', subject: `qa-${asker.sub}-${n}`, mode: 'qa', body: 'Une question ?' }, { as: asker });
    const a = await api.post('/api/comments', { space: 'attaque', subject: `qa-${asker.sub}-${n}`, parentId: q.body.id, body: 'Réponse.' }, { as: answerer });
    await backdate('comments', q.body.id, n, 9);
    await backdate('comments', a.body.id, n, 11);
    await sql()`update comments set answered_at = ${at(n, 11)} where id = ${q.body.id}`;
  };

  before(async () => {
    await api.post('/api/spaces', { slug: 'attaque', name: 'Attaque', visibility: 'open', answerPromiseHours: 24 }, { as: steward });
    const space = await spaceId('attaque');
    for (let n = 0; n < 7 * 12; n++) await sql()`insert into reading_days (space_id, day, readers) values (${space}, ${daysAgo(n)}, 20)`;
    const ideas = [];
    for (const [i, r] of regulars.entries()) {
      for (const n of [1, 8]) await backdate('comments', (await comment(r, 'attaque', `Avis ${i}`)).id, n);
      if (i < 5) ideas.push(await idea(r, `Idée ${i}`, 2));
      if (i < 5) await question(r, regulars[i + 5]!, 3);
    }
    for (const r of regulars) {
      await api.request('PUT', `/api/ideas/${ideas[0]}/vote`, { as: r });
      await sql()`update idea_votes set created_at = ${at(2)} where idea_id = ${ideas[0]!} and person_id = ${(await api.get('/api/me', { as: r })).body.id}`;
    }
    const own = await idea(target, 'Idée de la cible', 40);
    await api.request('PUT', `/api/ideas/${own}/vote`, { as: target });
    await sql()`update idea_votes set created_at = ${at(40)} where idea_id = ${own}`;
    await question(target, regulars[0]!, 40);
  });

  test('free dates are refused: two periods cannot differ by a day', async () => {
    const answer = await api.get(`/api/pulse?space=attaque&from=${daysAgo(40)}&to=${daysAgo(0)}`, { as: regulars[0] });
    assert.equal(answer.status, 400);
  });

  test('the last 12 weeks less the last 4 give no figure about the target', async () => {
    const four = await pulse('space=attaque&period=4w&weeks=12', regulars[0]);
    const twelve = await pulse('space=attaque&period=12w&weeks=12', regulars[0]);
    // The shorter period shows what the regulars did.
    assert.deepEqual(four.contributors.count, { value: 10, withheld: null });
    assert.deepEqual(four.contributors.byKind.voted, { value: 10, withheld: null });
    assert.deepEqual(four.answers.questions, { value: 5, withheld: null });
    assert.deepEqual(four.ideas.byStatus.value, { new: 5 });
    // Every count that would be one more over twelve weeks is withheld there.
    const differences = (a: PulseFigure<unknown>, b: PulseFigure<unknown>) =>
      typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : null;
    for (const [what, long, short] of [
      ['contributors', twelve.contributors.count, four.contributors.count],
      ['voters', twelve.contributors.byKind.voted, four.contributors.byKind.voted],
      ['proposers', twelve.contributors.byKind.proposed, four.contributors.byKind.proposed],
      ['posters', twelve.contributors.byKind.posted, four.contributors.byKind.posted],
      ['questions', twelve.answers.questions, four.answers.questions],
      ['answered', twelve.answers.answered, four.answers.answered],
      ['ideas', twelve.ideas.total, four.ideas.total],
    ] as const) {
      const d = differences(long, short);
      assert.ok(d === null || d === 0 || d >= 5, `${what}: ${JSON.stringify(long)} less ${JSON.stringify(short)}`);
    }
    assert.equal(twelve.contributors.count.withheld, 'fewer_than_5');
    assert.equal(twelve.contributors.byKind.voted.withheld, 'fewer_than_5');
    assert.equal(twelve.answers.medianHours.withheld, 'fewer_than_5', 'the target’s answer time would move the median');
    assert.deepEqual(twelve.ideas.byStatus.value, { new: null });
    // Participation is summed over weeks that pass the rule on their own: the target's week is not one.
    assert.equal(twelve.ratio.value, four.ratio.value);
    const targetWeek = twelve.trend.find((w) => w.weekStart <= daysAgo(40) && daysAgo(40) < dayAfter(w.weekStart, 7))!;
    assert.deepEqual(targetWeek.contributors, { value: null, withheld: 'fewer_than_5' });
    assert.deepEqual(targetWeek.ratio, { value: null, withheld: 'fewer_than_5' });
    // Readers per day are the same days in both: nothing to subtract.
    for (const day of four.readers.perDay) assert.deepEqual(twelve.readers.perDay.find((d) => d.day === day.day), day);
  });

  test('a period less one of its weeks gives no figure about fewer than five either', async () => {
    // A newcomer takes part in the last week only: the four weeks would count the regulars and them,
    // the week before the last the regulars alone.
    const newcomer = { sub: 'nouveau', name: 'Nouveau' };
    await backdate('comments', (await comment(newcomer, 'attaque', 'Bonjour.')).id, 0);
    const four = await pulse('space=attaque&period=4w', regulars[0]);
    const weeks = four.trend.slice(-4).map((w) => w.contributors.value);
    assert.deepEqual(weeks.slice(-2), [10, 11]);
    assert.deepEqual(four.contributors.count, { value: null, withheld: 'fewer_than_5' }, '11 less 10 would be the newcomer');
  });

  test('erased authors count together as one', async () => {
    await api.post('/api/spaces', { slug: 'efface', name: 'Effacé', visibility: 'open' }, { as: steward });
    for (let i = 0; i < 5; i++) {
      const created = await api.post('/api/ideas', { space: 'efface', title: `Idée ${i}`, description: 'Texte.' }, { as: regulars[i]! });
      await backdate('ideas', created.body.id, 1);
      await sql()`update ideas set author_id = null where id = ${created.body.id}`;
    }
    const p = await pulse('space=efface', regulars[0]);
    assert.deepEqual(p.ideas.total, { value: null, withheld: 'fewer_than_5' });
    assert.equal(p.ideas.byStatus.withheld, 'fewer_than_5');
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
    const forAdmin = await pulse('site=true&period=12w', admin);
    assert.deepEqual(forAdmin.scope, { kind: 'site' });
    assert.equal(forAdmin.answers.promiseHours, null);
    assert.equal(forAdmin.period.days, 84);
  });

  test('bad periods are refused with the API’s error: only whole weeks among those offered, no dates', async () => {
    const cases = [
      'space=pulse&period=1y',
      'space=pulse&period=7d',
      'space=pulse&period=5w',
      `space=pulse&from=${daysAgo(13)}&to=${daysAgo(0)}`,
      `space=pulse&period=4w&from=${daysAgo(27)}`,
      `space=pulse&to=${today}`,
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
  test('when the day is over its marks are deleted; the counts stay', async () => {
    const space = await spaceId('cercle');
    const yesterday = dayAfter(today, -1);
    await sql()`insert into reading_marks (space_id, day, mark) values (${space}, ${yesterday}, '\\x01'::bytea)`;
    await sql()`insert into reading_days (space_id, day, readers) values (${space}, ${yesterday}, 1)`;
    // The first reading of a new day forgets the days before, as the hourly job does.
    const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + DAY);
    const fakeContext = { var: { person: { id: ids.get('p7')! }, deps: { database: api.db.database, config: api.config } } } as unknown as Context<AppEnv>;
    await recordReading(fakeContext, space, tomorrow);
    const marks = await sql()<{ day: string }[]>`select distinct to_char(day, 'YYYY-MM-DD') as day from reading_marks`;
    assert.deepEqual(marks.map((m) => m.day), [utcDay(tomorrow)]);
    const counts = await sql()<{ day: string; readers: number }[]>`
      select to_char(day, 'YYYY-MM-DD') as day, readers from reading_days where space_id = ${space} order by day`;
    assert.deepEqual(counts.map((c) => [c.day, c.readers]), [[yesterday, 1], [utcDay(tomorrow), 1]]);
    await forgetPastDays(sql(), utcDay(tomorrow));
  });
});

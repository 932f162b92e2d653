import type { IdeaStatus, PersonCard } from '../../shared/api-types.ts';
import type { Db } from '../db/database.ts';
import { canReadSpaceSql, personReader } from '../experts/readable.ts';
import { personCard } from '../people/person.ts';
import { derived, figure, MIN_PEOPLE, shown, withheldFigure, type Figure } from './k-anonymity.ts';

/**
 * The engagement pulse of a space, or of the whole site: aggregates only, each passed through the
 * five-people rule (k-anonymity.ts).
 *
 * - readers: the daily counts of distinct signed-in readers (reading.ts), per day; their average and
 *   highest day over the days shown.
 * - contributors: distinct people who posted a comment, answered a question, proposed an idea or
 *   voted for one in the period — published content only, read from the content itself.
 * - ratio: contributor-days ÷ reader-days over the days shown: on the days people came, the share of
 *   them who also took part (readers are only known per day, so both sides are counted per day).
 * - answers: time to first answer on the questions asked in the period (median, 90th percentile), and
 *   the share answered within the space's promise — withheld unless both the askers and the people
 *   who answered are five or more (a median over one person's answers would be their own speed).
 * - ideas by status, for the ideas proposed in the period.
 * - trend: the same per week, over the last weeks.
 * - most active contributors: only people who opted in, and only when the period counts at least
 *   five contributors; anonymous ideas and votes never count toward a named person.
 */
export type Scope = { kind: 'space'; spaceId: string; promiseHours: number | null } | { kind: 'site' };

export interface Period {
  /** First and last day, inclusive, as YYYY-MM-DD (UTC days). */
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);
const addDays = (day: string, n: number) => new Date(dayStart(day).getTime() + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((dayStart(to).getTime() - dayStart(from).getTime()) / DAY_MS) + 1;
/** The Monday of a day's week. */
const weekOf = (day: string) => addDays(day, -((dayStart(day).getUTCDay() + 6) % 7));
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export interface DayFigure {
  day: string;
  readers: Figure;
}

export interface TrendPoint {
  weekStart: string;
  readersPerDay: Figure;
  contributors: Figure;
  ratio: Figure;
}

export interface TopContributor {
  person: PersonCard;
  posts: number;
  answers: number;
  ideas: number;
  total: number;
}

export interface PulseFigures {
  period: Period & { days: number };
  minimumPeople: number;
  audience: Figure;
  readers: { averagePerDay: Figure; peakDay: Figure; daysShown: number; perDay: DayFigure[] };
  contributors: {
    count: Figure;
    shareOfAudience: Figure;
    byKind: { posted: Figure; answered: Figure; proposed: Figure; voted: Figure };
  };
  ratio: Figure;
  answers: {
    promiseHours: number | null;
    questions: Figure;
    answered: Figure;
    medianHours: Figure;
    p90Hours: Figure;
    withinPromiseShare: Figure;
  };
  ideas: { total: Figure; byStatus: Figure<Partial<Record<IdeaStatus, number>>> };
  trend: TrendPoint[];
  topContributors: Figure<TopContributor[]>;
}

/**
 * Published contributions in a scope and a time range, one row per (person, UTC day, kind). $1: the
 * space (null: the whole site), $2 and $3: the range [start, end).
 */
const CONTRIBUTIONS = `
  contributions as (
    select c.author_id as person_id, to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD') as day,
           case when q.id is not null then 'answered' else 'posted' end as kind
      from comments c left join comments q on q.id = c.parent_id and q.is_question
     where c.status = 'published' and c.author_id is not null
       and ($1::uuid is null or c.space_id = $1::uuid) and c.created_at >= $2 and c.created_at < $3
    union all
    select i.author_id, to_char(i.created_at at time zone 'UTC', 'YYYY-MM-DD'), 'proposed'
      from ideas i
     where i.moderation = 'published' and i.author_id is not null
       and ($1::uuid is null or i.space_id = $1::uuid) and i.created_at >= $2 and i.created_at < $3
    union all
    select v.person_id, to_char(v.created_at at time zone 'UTC', 'YYYY-MM-DD'), 'voted'
      from idea_votes v join ideas i on i.id = v.idea_id
     where i.moderation = 'published'
       and ($1::uuid is null or i.space_id = $1::uuid) and v.created_at >= $2 and v.created_at < $3
  )`;

export async function computePulse(
  db: Db,
  scope: Scope,
  period: Period,
  options: { weeks: number; viewerIsGuest: boolean },
): Promise<PulseFigures> {
  const spaceId = scope.kind === 'space' ? scope.spaceId : null;
  const periodStart = dayStart(period.from);
  const periodEnd = dayStart(addDays(period.to, 1));
  const lastWeek = weekOf(period.to);
  const trendFrom = addDays(lastWeek, -7 * (options.weeks - 1));
  const rangeFrom = trendFrom < period.from ? trendFrom : period.from;

  // Readers per day, over the trend and the period together.
  const readerRows = await db<{ day: string; readers: number }[]>`
    select to_char(day, 'YYYY-MM-DD') as day, readers from reading_days
     where space_id is not distinct from ${spaceId}::uuid and day >= ${rangeFrom}::date and day <= ${period.to}::date`;
  const readersOn = new Map(readerRows.map((r) => [r.day, r.readers]));
  // Contributors per day, over the same range.
  const contributorDays = await db.unsafe<{ day: string; people: number }[]>(
    `with ${CONTRIBUTIONS} select day, count(distinct person_id)::int as people from contributions group by day`,
    [spaceId, dayStart(rangeFrom), periodEnd] as never[],
  );
  const contributorsOn = new Map(contributorDays.map((r) => [r.day, r.people]));

  /** Readers of each day of a range (no day after `period.to`), and the figures derived from the days shown. */
  const readingOver = (from: string, to: string) => {
    const perDay: DayFigure[] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) {
      const n = readersOn.get(day) ?? 0;
      perDay.push({ day, readers: figure(n, n) });
    }
    const days = perDay.filter((d) => shown(d.readers));
    const readerDays = days.reduce((sum, d) => sum + d.readers.value!, 0);
    const contributorDaysShown = days.reduce((sum, d) => sum + (contributorsOn.get(d.day) ?? 0), 0);
    return { perDay, days, readerDays, contributorDaysShown };
  };

  const reading = readingOver(period.from, period.to);
  const averagePerDay: Figure = reading.days.length ? { value: round(reading.readerDays / reading.days.length, 1), withheld: null } : withheldFigure();
  const peakDay: Figure = reading.days.length ? { value: Math.max(...reading.days.map((d) => d.readers.value!)), withheld: null } : withheldFigure();

  const [kinds] = await db.unsafe<{ total: number; posted: number; answered: number; proposed: number; voted: number }[]>(
    `with ${CONTRIBUTIONS}
     select count(distinct person_id)::int as total,
            count(distinct person_id) filter (where kind = 'posted')::int as posted,
            count(distinct person_id) filter (where kind = 'answered')::int as answered,
            count(distinct person_id) filter (where kind = 'proposed')::int as proposed,
            count(distinct person_id) filter (where kind = 'voted')::int as voted
       from contributions`,
    [spaceId, periodStart, periodEnd] as never[],
  );
  const contributors = figure(kinds!.total, kinds!.total);
  const audience = await audienceOf(db, scope);
  const ratioOf = (contributorsFigure: Figure, r: { readerDays: number; contributorDaysShown: number; days: unknown[] }) =>
    r.days.length === 0 ? withheldFigure<number>() : derived(() => round(Math.min(1, r.contributorDaysShown / r.readerDays), 2), contributorsFigure);

  // Trend: per week, readers per day over the days shown, distinct contributors, ratio.
  const weekly = await db.unsafe<{ week: string; people: number }[]>(
    `with ${CONTRIBUTIONS}
     select to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD') as week, count(distinct person_id)::int as people
       from contributions group by 1`,
    [spaceId, dayStart(trendFrom), periodEnd] as never[],
  );
  const weeklyPeople = new Map(weekly.map((w) => [w.week, w.people]));
  const trend: TrendPoint[] = [];
  for (let week = trendFrom; week <= lastWeek; week = addDays(week, 7)) {
    const end = addDays(week, 6) < period.to ? addDays(week, 6) : period.to;
    const r = readingOver(week, end);
    const people = weeklyPeople.get(week) ?? 0;
    const weekContributors = figure(people, people);
    trend.push({
      weekStart: week,
      readersPerDay: r.days.length ? { value: round(r.readerDays / r.days.length, 1), withheld: null } : withheldFigure(),
      contributors: weekContributors,
      ratio: ratioOf(weekContributors, r),
    });
  }

  return {
    period: { ...period, days: daysBetween(period.from, period.to) },
    minimumPeople: MIN_PEOPLE,
    audience,
    readers: { averagePerDay, peakDay, daysShown: reading.days.length, perDay: reading.perDay },
    contributors: {
      count: contributors,
      shareOfAudience: derived(() => round(Math.min(1, contributors.value! / audience.value!), 2), contributors, audience),
      byKind: {
        posted: figure(kinds!.posted, kinds!.posted),
        answered: figure(kinds!.answered, kinds!.answered),
        proposed: figure(kinds!.proposed, kinds!.proposed),
        voted: figure(kinds!.voted, kinds!.voted),
      },
    },
    ratio: ratioOf(contributors, reading),
    answers: await answersOf(db, scope, periodStart, periodEnd),
    ideas: await ideasOf(db, spaceId, periodStart, periodEnd),
    trend,
    topContributors: contributors.withheld
      ? withheldFigure()
      : { value: await topContributors(db, spaceId, periodStart, periodEnd, options.viewerIsGuest), withheld: null },
  };
}

/** People who may read the space today (for the site: everyone active). */
async function audienceOf(db: Db, scope: Scope): Promise<Figure> {
  const [row] =
    scope.kind === 'site'
      ? await db<{ count: number }[]>`select count(*)::int as count from people where active`
      : await db.unsafe<{ count: number }[]>(
          `select count(*)::int as count from people p join spaces s on s.id = $1::uuid
            where p.active and ${canReadSpaceSql('s', personReader('p'))}`,
          [scope.spaceId],
        );
  return figure(row!.count, row!.count);
}

async function answersOf(db: Db, scope: Scope, start: Date, end: Date): Promise<PulseFigures['answers']> {
  const spaceId = scope.kind === 'space' ? scope.spaceId : null;
  const [row] = await db<
    {
      asked: number;
      askers: number;
      answered: number;
      answerers: number;
      medianHours: number | null;
      p90Hours: number | null;
      due: number;
      dueAskers: number;
      inTime: number;
      dueAnswerers: number;
    }[]
  >`
    with questions as (
      select q.author_id as asker, q.created_at, q.answered_at,
             s.answer_promise_hours as promise,
             (select a.author_id from comments a
               where a.parent_id = q.id and a.status = 'published' and a.author_id is distinct from q.author_id
               order by a.created_at, a.id limit 1) as answerer
        from comments q join spaces s on s.id = q.space_id
       where q.is_question and q.status = 'published'
         and (${spaceId}::uuid is null or q.space_id = ${spaceId}::uuid)
         and q.created_at >= ${start} and q.created_at < ${end}
    ), timed as (
      select *, extract(epoch from answered_at - created_at) / 3600 as hours,
             promise is not null and (answered_at is not null or created_at + make_interval(hours => promise) <= now()) as due,
             promise is not null and answered_at <= created_at + make_interval(hours => promise) as in_time
        from questions
    )
    select count(*)::int as asked,
           count(distinct asker)::int as askers,
           count(*) filter (where answered_at is not null)::int as answered,
           count(distinct answerer) filter (where answered_at is not null)::int as answerers,
           percentile_cont(0.5) within group (order by hours) filter (where answered_at is not null) as median_hours,
           percentile_cont(0.9) within group (order by hours) filter (where answered_at is not null) as p90_hours,
           count(*) filter (where due)::int as due,
           count(distinct asker) filter (where due)::int as due_askers,
           count(*) filter (where in_time)::int as in_time,
           count(distinct answerer) filter (where due and answered_at is not null)::int as due_answerers
      from timed`;
  const r = row!;
  // Answer times speak of the people who answered as much as of those who asked: both must be five or more.
  const timesPeople = Math.min(r.askers, r.answerers);
  // The share speaks of the askers and of those who answered; when nobody answered, of the askers only.
  const sharePeople = r.dueAnswerers === 0 ? r.dueAskers : Math.min(r.dueAskers, r.dueAnswerers);
  return {
    promiseHours: scope.kind === 'space' ? scope.promiseHours : null,
    questions: figure(r.asked, r.askers),
    answered: figure(r.answered, r.askers),
    // Five answerers or more means five answered questions or more: the percentiles exist.
    medianHours: figure(round(Number(r.medianHours ?? 0), 1), timesPeople),
    p90Hours: figure(round(Number(r.p90Hours ?? 0), 1), timesPeople),
    withinPromiseShare: r.due === 0 ? withheldFigure() : figure(round(r.inTime / r.due, 2), sharePeople),
  };
}

async function ideasOf(db: Db, spaceId: string | null, start: Date, end: Date): Promise<PulseFigures['ideas']> {
  const rows = await db<{ status: IdeaStatus; count: number; people: number }[]>`
    select status, count(*)::int as count,
           (count(distinct author_id) + count(*) filter (where author_id is null))::int as people
      from ideas
     where moderation = 'published' and (${spaceId}::uuid is null or space_id = ${spaceId}::uuid)
       and created_at >= ${start} and created_at < ${end}
     group by status`;
  const [authors] = await db<{ people: number }[]>`
    select (count(distinct author_id) + count(*) filter (where author_id is null))::int as people
      from ideas
     where moderation = 'published' and (${spaceId}::uuid is null or space_id = ${spaceId}::uuid)
       and created_at >= ${start} and created_at < ${end}`;
  const people = authors!.people;
  const byStatus: Partial<Record<IdeaStatus, number>> = {};
  for (const row of rows) byStatus[row.status] = row.count;
  return {
    total: figure(rows.reduce((sum, r) => sum + r.count, 0), people),
    byStatus: figure(byStatus, people),
  };
}

/** The people who opted in, by what they wrote in the period: comments, answers, signed ideas. */
async function topContributors(db: Db, spaceId: string | null, start: Date, end: Date, viewerIsGuest: boolean): Promise<TopContributor[]> {
  const rows = await db<{ id: string; name: string; dept: string | null; title: string | null; posts: number; answers: number; ideas: number }[]>`
    with counted as (
      select c.author_id as person_id,
             count(*) filter (where q.id is null)::int as posts,
             count(*) filter (where q.id is not null)::int as answers,
             0 as ideas
        from comments c left join comments q on q.id = c.parent_id and q.is_question
       where c.status = 'published' and (${spaceId}::uuid is null or c.space_id = ${spaceId}::uuid)
         and c.created_at >= ${start} and c.created_at < ${end}
       group by c.author_id
      union all
      select i.author_id, 0, 0, count(*)::int
        from ideas i
       where i.moderation = 'published' and not i.anonymous and (${spaceId}::uuid is null or i.space_id = ${spaceId}::uuid)
         and i.created_at >= ${start} and i.created_at < ${end}
       group by i.author_id
    )
    select p.id, p.name, p.dept, p.title,
           sum(k.posts)::int as posts, sum(k.answers)::int as answers, sum(k.ideas)::int as ideas
      from counted k
      join people p on p.id = k.person_id and p.active
      join privacy_settings ps on ps.person_id = p.id and ps.show_in_top_contributors
      left join profiles pr on pr.person_id = p.id
     where not (${viewerIsGuest} and coalesce(pr.hide_from_guests, false))
     group by p.id
     order by sum(k.posts + k.answers + k.ideas) desc, p.name, p.id
     limit 10`;
  return rows.map((r) => ({ person: personCard(r), posts: r.posts, answers: r.answers, ideas: r.ideas, total: r.posts + r.answers + r.ideas }));
}

import type { Db } from '../db/database.ts';
import type { IdeaStatus } from '../ideas/schemas.ts';
import { personCard } from '../people/person.ts';
import { utcDay } from '../readings/store.ts';
import { canReadSpaceSql, personReader } from '../spaces/access-sql.ts';
import type { PersonCard } from '../spaces/schemas.ts';
import { derived, fewPeople, figure, MIN_PEOPLE, nestedFigure, shown, withheldFigure, type Figure } from './k-anonymity.ts';

/**
 * The engagement pulse of a space, or of the whole site: aggregates only, each passed through the
 * five-people rule (k-anonymity.ts).
 *
 * Periods are whole weeks (Monday to Sunday, UTC days): the last 4, 12, 26 or 52 weeks before the
 * week under way, which is never shown. Nothing else can be asked for, so no two periods differ by a
 * day, and a week's figures stop moving once it is over (a figure that grew during the day would
 * tell when each person came).
 *
 * - readers: the daily counts of distinct signed-in readers (reading.ts), per day, each withheld
 *   under five; their average and highest day over the days shown.
 * - contributors: distinct people who posted a comment, answered a question, proposed an idea or
 *   voted for one in the period — published content only, read from the content itself. Each count
 *   is withheld under five people, and also when it exceeds the same count over a shorter period
 *   offered (or, for all contributors, over one of the period's weeks, shown in the trend) by one
 *   to four people: the subtraction would count them.
 * - ratio: contributor-days ÷ reader-days, summed over the weeks whose days shown count five
 *   contributors or more (the same weeks the trend shows a ratio for): on the days people came, the
 *   share of them who also took part. Weeks are the unit: what two periods differ by is whole weeks
 *   that passed the rule on their own.
 * - answers: time to first answer on the questions asked in the period (median, 90th percentile),
 *   and the share answered within the space's promise — withheld unless both the askers and the
 *   people who answered are five or more, and unless the weeks a shorter period leaves out count
 *   no asker or answerer, or five of each at least.
 * - ideas by status, for the ideas proposed in the period: each status withheld unless its authors
 *   are five or more (erased authors counting together as one), by the same rule of differences.
 * - trend: readers per day, contributors and ratio per week, over the last weeks.
 * - most active contributors: only people who opted in, and only when the count of contributors
 *   is shown; anonymous ideas and votes never count toward a named person.
 */
export type Scope = { kind: 'space'; spaceId: string; promiseHours: number | null } | { kind: 'site' };

/** The periods offered, in whole weeks. */
export const PERIOD_WEEKS = [4, 12, 26, 52] as const;
export type PeriodWeeks = (typeof PERIOD_WEEKS)[number];

const DAY_MS = 86_400_000;
const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);
const addDays = (day: string, n: number) => new Date(dayStart(day).getTime() + n * DAY_MS).toISOString().slice(0, 10);
/** The Monday of a day's week. */
const weekOf = (day: string) => addDays(day, -((dayStart(day).getUTCDay() + 6) % 7));
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const daysFrom = (from: string, count: number) => Array.from({ length: count }, (_, i) => addDays(from, i));

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
  period: { from: string; to: string; days: number };
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
  /** Per status: its count, or null when withheld. */
  ideas: { total: Figure; byStatus: Figure<Partial<Record<IdeaStatus, number | null>>> };
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

const KINDS = ['posted', 'answered', 'proposed', 'voted'] as const;

/** A week of the pulse: the unit every figure over time is made of. */
interface Week {
  start: string;
  days: DayFigure[];
  /** Readers summed over the days shown. */
  readerDays: number;
  daysShown: number;
  /** Distinct contributors of the week. */
  people: number;
  /** Contributor-days on the days shown, and whether they count five people or more. */
  personDays: number;
  open: boolean;
}

export async function computePulse(
  db: Db,
  scope: Scope,
  options: { weeks: PeriodWeeks; trendWeeks: number; viewerIsGuest: boolean; today?: string },
): Promise<PulseFigures> {
  const spaceId = scope.kind === 'space' ? scope.spaceId : null;
  // The week under way is left out: the period ends on the Sunday before it.
  const end = weekOf(options.today ?? utcDay());
  const startOf = (weeks: number) => addDays(end, -7 * weeks);
  const from = startOf(options.weeks);
  const shorter = PERIOD_WEEKS.filter((w) => w < options.weeks);
  const rangeFrom = startOf(Math.max(options.weeks, options.trendWeeks));

  // Readers per day, over the trend and the period together; a day counts when five read.
  const readerRows = await db<{ day: string; readers: number }[]>`
    select to_char(day, 'YYYY-MM-DD') as day, readers from reading_days
     where space_id is not distinct from ${spaceId}::uuid and day >= ${rangeFrom}::date and day < ${end}::date`;
  const readersOn = new Map(readerRows.map((r) => [r.day, r.readers]));
  const shownDays = readerRows.filter((r) => r.readers >= MIN_PEOPLE).map((r) => r.day);

  // Contributors per week: in all, on the days shown, and contributor-days on the days shown.
  const weekRows = await db.unsafe<{ week: string; people: number; peopleShown: number; personDays: number }[]>(
    `with ${CONTRIBUTIONS}
     select to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD') as week,
            count(distinct person_id)::int as people,
            count(distinct person_id) filter (where day = any($4::text[]))::int as people_shown,
            count(distinct person_id::text || day) filter (where day = any($4::text[]))::int as person_days
       from contributions group by 1`,
    [spaceId, dayStart(rangeFrom), dayStart(end), shownDays] as never[],
  );
  const byWeek = new Map(weekRows.map((r) => [r.week, r]));
  const weekAt = (start: string): Week => {
    const days = daysFrom(start, 7).map((day) => {
      const n = readersOn.get(day) ?? 0;
      return { day, readers: figure(n, n) };
    });
    const seen = days.filter((d) => shown(d.readers));
    const row = byWeek.get(start);
    return {
      start,
      days,
      readerDays: seen.reduce((sum, d) => sum + d.readers.value!, 0),
      daysShown: seen.length,
      people: row?.people ?? 0,
      personDays: row?.personDays ?? 0,
      open: seen.length > 0 && (row?.peopleShown ?? 0) >= MIN_PEOPLE,
    };
  };
  const weeksFrom = (start: string) => Array.from({ length: Math.round((dayStart(end).getTime() - dayStart(start).getTime()) / (7 * DAY_MS)) }, (_, i) => weekAt(addDays(start, 7 * i)));
  const ratioOver = (weeks: Week[]): Figure => {
    const open = weeks.filter((w) => w.open);
    const readerDays = open.reduce((sum, w) => sum + w.readerDays, 0);
    return open.length ? { value: round(Math.min(1, open.reduce((sum, w) => sum + w.personDays, 0) / readerDays), 2), withheld: null } : withheldFigure();
  };
  const perDayAverage = (days: DayFigure[]): Figure => {
    const seen = days.filter((d) => shown(d.readers));
    return seen.length ? { value: round(seen.reduce((sum, d) => sum + d.readers.value!, 0) / seen.length, 1), withheld: null } : withheldFigure();
  };

  const period = weeksFrom(from);
  const perDay = period.flatMap((w) => w.days);
  const daysShown = perDay.filter((d) => shown(d.readers));

  // Distinct contributors over the period and over each shorter period offered, in all and by kind.
  const windows: number[] = [...shorter, options.weeks];
  const columns = windows.flatMap((_, i) => [
    `count(distinct person_id) filter (where day >= $${4 + i}::text)`,
    ...KINDS.map((kind) => `count(distinct person_id) filter (where day >= $${4 + i}::text and kind = '${kind}')`),
  ]);
  const [distinct] = await db.unsafe<{ counts: number[] }[]>(
    `with ${CONTRIBUTIONS} select array[${columns.join(', ')}]::int[] as counts from contributions`,
    [spaceId, dayStart(from), dayStart(end), ...windows.map(startOf)] as never[],
  );
  const countOf = (window: number, kind: number) => distinct!.counts[windows.indexOf(window) * (KINDS.length + 1) + kind]!;
  const nestedCount = (kind: number, others: number[]) => {
    const value = countOf(options.weeks, kind);
    return nestedFigure(value, value, [...shorter.map((w) => value - countOf(w, kind)), ...others.map((n) => value - n)]);
  };
  const contributors = nestedCount(0, period.map((w) => w.people));
  const audience = await audienceOf(db, scope);
  const byKind = Object.fromEntries(KINDS.map((kind, i) => [kind, nestedCount(i + 1, [])])) as PulseFigures['contributors']['byKind'];

  const trend = weeksFrom(startOf(options.trendWeeks)).map((w) => ({
    weekStart: w.start,
    readersPerDay: perDayAverage(w.days),
    contributors: figure(w.people, w.people),
    ratio: ratioOver([w]),
  }));

  const ranges = { from, end, shorter: shorter.map(startOf) };
  return {
    period: { from, to: addDays(end, -1), days: perDay.length },
    minimumPeople: MIN_PEOPLE,
    audience,
    readers: {
      averagePerDay: perDayAverage(perDay),
      peakDay: daysShown.length ? { value: Math.max(...daysShown.map((d) => d.readers.value!)), withheld: null } : withheldFigure(),
      daysShown: daysShown.length,
      perDay,
    },
    contributors: {
      count: contributors,
      shareOfAudience: derived(() => round(Math.min(1, contributors.value! / audience.value!), 2), contributors, audience),
      byKind,
    },
    ratio: ratioOver(period),
    answers: await answersOf(db, scope, ranges),
    ideas: await ideasOf(db, spaceId, ranges),
    trend,
    topContributors: shown(contributors)
      ? { value: await topContributors(db, spaceId, dayStart(from), dayStart(end), options.viewerIsGuest), withheld: null }
      : withheldFigure(),
  };
}

/** The period [from, end) and the starts of the shorter periods offered, which end with it. */
interface Ranges {
  from: string;
  end: string;
  shorter: string[];
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

/** Distinct people among keys, the erased (null) counting together as one. */
const peopleIn = (keys: (string | null)[]) => new Set(keys.map((k) => k ?? '')).size;

/** PostgreSQL's percentile_cont over sorted values. */
function percentile(sorted: number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const low = sorted[Math.floor(at)]!;
  return low + (sorted[Math.ceil(at)]! - low) * (at - Math.floor(at));
}

async function answersOf(db: Db, scope: Scope, ranges: Ranges): Promise<PulseFigures['answers']> {
  const spaceId = scope.kind === 'space' ? scope.spaceId : null;
  const questions = await db<{ day: string; asker: string | null; answerer: string | null; hours: number | null; due: boolean; inTime: boolean }[]>`
    with questions as (
      select q.author_id as asker, q.created_at, q.answered_at,
             s.answer_promise_hours as promise,
             (select a.author_id from comments a
               where a.parent_id = q.id and a.status = 'published' and a.author_id is distinct from q.author_id
               order by a.created_at, a.id limit 1) as answerer
        from comments q join spaces s on s.id = q.space_id
       where q.is_question and q.status = 'published'
         and (${spaceId}::uuid is null or q.space_id = ${spaceId}::uuid)
         and q.created_at >= ${dayStart(ranges.from)} and q.created_at < ${dayStart(ranges.end)}
    )
    select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day, asker,
           case when answered_at is not null then answerer end as answerer,
           (extract(epoch from answered_at - created_at) / 3600)::float8 as hours,
           coalesce(promise is not null and (answered_at is not null or created_at + make_interval(hours => promise) <= now()), false) as due,
           coalesce(promise is not null and answered_at <= created_at + make_interval(hours => promise), false) as in_time
      from questions`;
  const over = (from: string, end: string) => {
    const rows = questions.filter((q) => q.day >= from && q.day < end);
    const answered = rows.filter((q) => q.hours !== null);
    const due = rows.filter((q) => q.due);
    return {
      asked: rows.length,
      askers: peopleIn(rows.map((q) => q.asker)),
      answered,
      answerers: peopleIn(answered.map((q) => q.answerer)),
      due: due.length,
      dueAskers: peopleIn(due.map((q) => q.asker)),
      dueAnswerers: peopleIn(due.filter((q) => q.hours !== null).map((q) => q.answerer)),
      inTime: rows.filter((q) => q.inTime).length,
    };
  };
  const r = over(ranges.from, ranges.end);
  // The weeks a shorter period leaves out: their askers and answerers must be none, or five or more.
  const blocked = ranges.shorter.some((start) => {
    const left = over(ranges.from, start);
    return fewPeople(left.askers) || fewPeople(left.answerers);
  });
  const gate = (value: number, people: number): Figure => (blocked ? withheldFigure() : figure(value, people));
  // Answer times speak of the people who answered as much as of those who asked: both must be five or more.
  const timesPeople = Math.min(r.askers, r.answerers);
  // The share speaks of the askers and of those who answered; when nobody answered, of the askers only.
  const sharePeople = r.dueAnswerers === 0 ? r.dueAskers : Math.min(r.dueAskers, r.dueAnswerers);
  const hours = r.answered.map((q) => q.hours!).sort((a, b) => a - b);
  return {
    promiseHours: scope.kind === 'space' ? scope.promiseHours : null,
    questions: gate(r.asked, r.askers),
    answered: gate(r.answered.length, timesPeople),
    // Five answerers or more means five answered questions or more: the percentiles exist.
    medianHours: hours.length ? gate(round(percentile(hours, 0.5), 1), timesPeople) : withheldFigure(),
    p90Hours: hours.length ? gate(round(percentile(hours, 0.9), 1), timesPeople) : withheldFigure(),
    withinPromiseShare: r.due === 0 ? withheldFigure() : gate(round(r.inTime / r.due, 2), sharePeople),
  };
}

async function ideasOf(db: Db, spaceId: string | null, ranges: Ranges): Promise<PulseFigures['ideas']> {
  const ideas = await db<{ day: string; status: IdeaStatus; authorId: string | null }[]>`
    select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day, status, author_id
      from ideas
     where moderation = 'published' and (${spaceId}::uuid is null or space_id = ${spaceId}::uuid)
       and created_at >= ${dayStart(ranges.from)} and created_at < ${dayStart(ranges.end)}`;
  const authors = (from: string, end: string, statuses: (s: IdeaStatus) => boolean) =>
    peopleIn(ideas.filter((i) => i.day >= from && i.day < end && statuses(i.status)).map((i) => i.authorId));
  // Each status, and the total, over their own authors and the authors of the weeks a shorter period leaves out.
  const gated = (statuses: (s: IdeaStatus) => boolean) => {
    const count = ideas.filter((i) => statuses(i.status)).length;
    return nestedFigure(count, authors(ranges.from, ranges.end, statuses), ranges.shorter.map((start) => authors(ranges.from, start, statuses)));
  };
  const statuses = [...new Set(ideas.map((i) => i.status))];
  const byStatus: Partial<Record<IdeaStatus, number | null>> = {};
  for (const status of statuses) byStatus[status] = gated((s) => s === status).value;
  const withheld = statuses.filter((s) => byStatus[s] === null);
  // The total less the statuses shown is the statuses withheld: they too must be no one, or five people or more.
  const total = fewPeople(authors(ranges.from, ranges.end, (s) => withheld.includes(s))) ? withheldFigure<number>() : gated(() => true);
  const people = authors(ranges.from, ranges.end, () => true);
  return { total, byStatus: figure(byStatus, people) };
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

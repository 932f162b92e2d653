import { z } from '@hono/zod-openapi';
import { IDEA_STATUSES } from '../ideas/schemas.ts';
import { personCardSchema } from '../spaces/schemas.ts';
import { spaceSlugParam } from '../subjects/subjects.ts';
import type { PERIOD_WEEKS } from './store.ts';

/** The periods offered: the last 4, 12, 26 or 52 whole weeks, the week under way left out. */
export const PERIODS = { '4w': 4, '12w': 12, '26w': 26, '52w': 52 } as const satisfies Record<string, (typeof PERIOD_WEEKS)[number]>;

export const pulseQuery = z
  .strictObject({
    space: spaceSlugParam,
    site: z.enum(['true', 'false']).optional().openapi({ description: 'true: the whole site (admins only); not with space' }),
    period: z
      .enum(['4w', '12w', '26w', '52w'])
      .default('4w')
      .openapi({
        description:
          'The last 4, 12, 26 or 52 whole weeks (Monday to Sunday, UTC), ending the Sunday before the week under way. ' +
          'No other period can be asked for: two periods never differ by less than whole weeks.',
      }),
    weeks: z.coerce.number().int().min(1).max(52).default(12).openapi({ description: 'Weeks of trend, ending with the period’s last week' }),
  })
  .superRefine((query, ctx) => {
    if (query.site === 'true' && query.space) ctx.addIssue({ code: 'custom', path: ['site'], message: 'give either space or site=true, not both' });
  });

/** A figure of the pulse: its value, or null and why it is withheld. */
const figure = <T extends z.ZodType>(value: T) =>
  z.object({
    value: value.nullable(),
    withheld: z.literal('fewer_than_5').nullable().openapi({ description: 'fewer_than_5: computed over fewer than five people, so not shown' }),
  });
/** A figure, or null when it was computed over fewer than five people ("not enough people to show this"). */
export type PulseFigure<T = number> = z.output<ReturnType<typeof figure<z.ZodType<T>>>>;
const count = figure(z.number());

export const pulseSchema = z
  .object({
    scope: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('space'), space: z.object({ slug: z.string(), name: z.string() }) }),
      z.object({ kind: z.literal('site') }),
    ]),
    period: z
      .object({ from: z.string(), to: z.string(), days: z.number().int() })
      .openapi({ description: 'Whole weeks: from a Monday to the Sunday before the week under way (UTC days)' }),
    minimumPeople: z.number().int().openapi({ description: 'Figures over fewer people are withheld' }),
    audience: count.openapi({ description: 'People who may read the space today (site: every active person)' }),
    readers: z.object({
      averagePerDay: count.openapi({ description: 'Distinct readers per day, averaged over the days shown' }),
      peakDay: count,
      daysShown: z.number().int().openapi({ description: 'Days with at least five readers (the others are withheld)' }),
      perDay: z.array(z.object({ day: z.string(), readers: count })).openapi({ description: 'Every day of the period, oldest first' }),
    }),
    contributors: z.object({
      count: count.openapi({ description: 'Distinct people who posted, answered, proposed or voted in the period' }),
      shareOfAudience: count.openapi({ description: '0–1' }),
      byKind: z.object({ posted: count, answered: count, proposed: count, voted: count }),
    }),
    ratio: count.openapi({
      description: 'Contributor-days per reader-day (0–1) over the weeks whose days shown count five contributors or more: on the days people came, the share who took part',
    }),
    answers: z.object({
      promiseHours: z.number().int().nullable(),
      questions: count,
      answered: count,
      medianHours: count.openapi({ description: 'Time to first answer, median, in hours' }),
      p90Hours: count,
      withinPromiseShare: count.openapi({ description: '0–1, over the questions whose promise has run out or that were answered' }),
    }),
    ideas: z.object({
      total: count,
      byStatus: figure(z.partialRecord(z.enum(IDEA_STATUSES), z.number().int().nullable())).openapi({
        description: 'Per status, its count, or null when its authors are fewer than five (withheld)',
      }),
    }),
    trend: z
      .array(z.object({ weekStart: z.string(), readersPerDay: count, contributors: count, ratio: count }))
      .openapi({ description: 'The last `weeks` weeks (Monday starts), oldest first, ending with the period’s last week' }),
    topContributors: figure(
      z.array(z.object({ person: personCardSchema, posts: z.number().int(), answers: z.number().int(), ideas: z.number().int(), total: z.number().int() })),
    ).openapi({ description: 'Only people who opted in (PUT /api/me/privacy), only with five contributors or more; anonymous ideas and votes never count' }),
  })
  .openapi('Pulse');
export type Pulse = z.output<typeof pulseSchema>;

import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import * as pulseModule from '../../widgets/pulse/pulse.ts';
import type { RuchePulse } from '../../widgets/pulse/pulse.ts';
import { $, $$, api, assert, call, cleanup, equal, expectAccessible, expectAccessibleAfterEach, mount, token, uniqueSubject, waitFor } from './support/helpers.ts';

pulseModule.define(api);

/**
 * <ruche-pulse> against a real API: activity is made through the API as people would (reading a
 * discussion counts a reader for the day; posting makes a contributor), in a space of its own per
 * test, so figures are exact. The pulse shows whole weeks only: `lastWeek` moves a space's activity
 * of today a week back, into the last whole week, where it is the only day with readers.
 */
const WITHHELD = 'pas assez de personnes pour afficher ce chiffre';
const DESK = '/widgets/moderation/desk.ts';
const requested = (module: string) =>
  (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).some((entry) => new URL(entry.name).pathname === module);
const text = (element: Element | null) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A space of its own (carol, who creates it, is its steward). */
async function space(): Promise<string> {
  const slug = uniqueSubject('pouls');
  await call('POST', '/api/spaces', { as: 'carol', body: { slug, name: `Espace ${slug}`, visibility: 'open', lang: 'fr', answerPromiseHours: 24 } });
  return slug;
}

/** Each person reads a discussion of the space (one reader today) and writes in it (one contributor). */
async function activity(slug: string, people: string[], options: { write?: boolean } = {}): Promise<void> {
  const subject = `${slug}-discussion`;
  for (const person of people) {
    await call('GET', `/api/comments?space=${slug}&subject=${subject}`, { as: person });
    if (options.write !== false) await call('POST', '/api/comments', { as: person, body: { space: slug, subject, body: `Avis de ${person}` } });
  }
}

/** Today's activity of the space, moved into the last whole week (the day a week ago). */
const lastWeek = (slug: string) => executeServerCommand('ruche-last-week', { space: slug });
/** Where the day a week ago falls among the 28 days of the default period (the last four weeks). */
const aWeekAgo = 21 + ((new Date().getUTCDay() + 6) % 7);

const people = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);

/** The pulse as `as` sees it, once its figures are drawn. */
async function pulse(attributes: string, as: string, claims: { admin?: boolean } = {}): Promise<RuchePulse> {
  const container = mount(`<ruche-provider api="${api}" token="${await token(as, claims)}"><ruche-pulse ${attributes}></ruche-pulse></ruche-provider>`);
  const element = container.querySelector<RuchePulse>('ruche-pulse')!;
  await waitFor(() => element.data && element.figures && $(element, '.cards'), 'the figures', 10_000);
  await element.updateComplete;
  return element;
}

const card = (element: RuchePulse, label: string) => $$(element, '.card').find((c) => text(c.querySelector('h4')) === label)!;

describe('<ruche-pulse>', () => {
  afterEach(expectAccessibleAfterEach);
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  // First: the desk's code is not on this page yet (a steward's pulse, below, loads it).
  it('speaks English, explains what is measured when asked, and leaves the moderation desk to stewards', async () => {
    const slug = await space();
    const team = people(`${slug}-e`, 2);
    await activity(slug, team);
    const element = await pulse(`space="${slug}" lang="en"`, team[0]!);
    equal(text(card(element, 'Readers per day').querySelector('.sentence')), 'not enough people to show this');
    const more = $<HTMLButtonElement>(element, '.trust .more')!;
    equal(more.getAttribute('aria-expanded'), 'false');
    more.click();
    await waitFor(() => $(element, '#about dl'), 'the explanation');
    assert(/rule of five/i.test(text($(element, '#about'))), 'the five-people rule explained');
    await waitFor(() => element.viewer, 'who is looking');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert(!requested(DESK) && !$(element, '.tabs'), 'no moderation desk for a member, not even its code');
  });

  it('asks a visitor nobody signed in to sign in, without a request that could only be refused', async () => {
    const slug = await space();
    const container = mount(`<ruche-provider api="${api}"><ruche-pulse space="${slug}"></ruche-pulse></ruche-provider>`);
    const element = container.querySelector<RuchePulse>('ruche-pulse')!;
    await waitFor(() => $(element, '.notice'), 'the notice');
    assert(/Connectez-vous/.test(text($(element, '.notice'))), text($(element, '.notice')));
    const asked = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).some((entry) => entry.name.includes('/api/pulse?') && entry.name.includes(slug));
    assert(!asked, 'no request for the pulse');
  });

  it('draws the readers of each day, the weekly trend and the ideas from the activity of the space', async () => {
    const slug = await space();
    const team = people(`${slug}-p`, 6);
    await activity(slug, team);
    const idea = await call('POST', '/api/ideas', { as: team[0]!, body: { space: slug, title: 'Une idée', description: 'Détails.' } });
    await call('POST', `/api/ideas/${idea.id}/status`, { as: 'carol', body: { status: 'planned' } });
    await lastWeek(slug);
    const element = await pulse(`space="${slug}"`, team[0]!);
    const data = element.data!;

    equal(data.readers.perDay.length, 28, 'four whole weeks by default');
    equal(text(card(element, 'Lecteurs par jour').querySelector('.value')), '6', 'six readers a week ago, the only day shown');
    equal(text(card(element, 'Contributeurs').querySelector('.value')), '6', 'six contributors');
    assert(/ont participé/.test(text(card(element, 'Contributeurs').querySelector('.sentence'))), 'a sentence says what the figure means');
    assert(/^\d+ %$/.test(text(card(element, 'Participation').querySelector('.value')).replace(/\s/g, ' ')), 'participation as a percentage');

    // Readers per day: the area stops at the withheld days, which are hatched.
    const plot = $(element, '.plot.area')!;
    assert(plot.querySelector('path.line')!.getAttribute('d')!.startsWith('M'), 'the line of the days shown');
    const gaps = plot.querySelectorAll('rect.gap');
    equal(gaps.length, aWeekAgo === 27 ? 1 : 2, 'the days before and after are withheld runs');
    equal(gaps[0]!.getAttribute('width'), `${Math.round((aWeekAgo / 28) * 10000) / 100}%`, 'as wide as the days before, of 28');
    equal(plot.getAttribute('role'), 'img', 'the chart is an image…');
    assert(/27 jours masqués/.test(plot.getAttribute('aria-label')!), '…with its text alternative');
    equal(text($(element, '.chart .caption')), 'Jours affichés : 1 sur 28 ; les jours hachurés comptaient moins de 5 lecteurs.', 'and a caption');

    // The trend: twelve weeks, the last whole one shown, the others withheld.
    const minis = $$(element, '.mini');
    equal(minis.length, 3, 'readers, contributors, participation');
    equal(minis[1]!.querySelectorAll('rect.col').length, 1, 'one week with contributors');
    equal(minis[1]!.querySelectorAll('rect.gap').length, data.trend.length - 1, 'the other weeks withheld');
    equal(text(minis[1]!.querySelector('.last')), '6');

    // Ideas by status: one proposer is fewer than five people, so the chart says so.
    equal(text($(element, '#ideas')!.parentElement!.querySelector('.withheld')), WITHHELD, 'ideas by status withheld (one proposer)');
  });

  it('writes the scale of the daily chart beside it: no value over the line, the dates or another value', async () => {
    const slug = await space();
    const team = people(`${slug}-y`, 6);
    await activity(slug, team);
    await lastWeek(slug);
    // As narrow as the demo's dashboard column, and as a phone.
    for (const width of [528, 340]) {
      const element = await pulse(`space="${slug}" style="width: ${width}px"`, team[0]!);
      const plot = $(element, '.plot.area')!.getBoundingClientRect();
      const ticks = $$(element, '.plot.area text.tick').map((t) => ({ text: text(t), box: t.getBoundingClientRect() }));
      const dates = $$(element, '.plot.area + .axis span').map((d) => d.getBoundingClientRect());
      assert(/^0 \d+ \d+$/.test(ticks.map((t) => t.text).join(' ')), `the scale, 0, half and the top: ${ticks.map((t) => t.text)}`);
      const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      for (const [i, tick] of ticks.entries()) {
        assert(tick.box.right <= plot.left + 0.5, `${width} px: « ${tick.text} » ends at ${tick.box.right}, the plot starts at ${plot.left}`);
        assert(tick.box.left >= $(element, '.chart')!.getBoundingClientRect().left - 0.5, `${width} px: « ${tick.text} » within the chart`);
        assert(!dates.some((date) => overlap(tick.box, date)), `${width} px: « ${tick.text} » clear of the dates`);
        assert(!ticks.some((other, j) => j !== i && overlap(tick.box, other.box)), `${width} px: « ${tick.text} » clear of the other values`);
      }
      cleanup();
    }
  });

  it('says « pas assez de personnes pour afficher ce chiffre » wherever a figure counts fewer than five people', async () => {
    const slug = await space();
    const few = people(`${slug}-f`, 3);
    await activity(slug, few);
    const element = await pulse(`space="${slug}"`, few[0]!);
    for (const label of ['Lecteurs par jour', 'Contributeurs', 'Participation', 'Première réponse']) {
      const c = card(element, label);
      equal(text(c.querySelector('.value')), '—', `${label}: no number`);
      equal(text(c.querySelector('.sentence')), WITHHELD, `${label}: the sentence`);
    }
    equal($$(element, '.plot.area rect.gap').length, 1, 'every day hatched');
    equal($(element, '.plot.area path.line')!.getAttribute('d'), '', 'no line drawn');
    assert($$(element, '.withheld').filter((e) => text(e) === WITHHELD).length >= 7, 'the sentence in each place');
    assert(!$(element, '.people'), 'no one named');
  });

  it('shows its figures as tables and lets one choose the period, with the keyboard too', async () => {
    const slug = await space();
    const team = people(`${slug}-k`, 5);
    await activity(slug, team, { write: false });
    await lastWeek(slug);
    const element = await pulse(`space="${slug}"`, team[0]!);

    const details = $<HTMLDetailsElement>(element, '.chart details')!;
    assert(!details.querySelector('table'), 'the table is drawn when asked for');
    details.querySelector('summary')!.click();
    const table = await waitFor(() => details.querySelector('table'), 'the table');
    equal(table.querySelectorAll('tbody tr').length, 28, 'one row per day');
    equal(text(table.querySelectorAll('tbody tr')[aWeekAgo]!.querySelector('td')), '5', 'a week ago: five readers');
    equal(text(table.querySelector('tbody tr:first-child td')), 'masqué (moins de 5 personnes)');

    const twelve = $$<HTMLButtonElement>(element, '.seg button').find((b) => text(b) === '12 semaines')!;
    twelve.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => element.data?.period.days === 84, 'twelve weeks');
    await element.updateComplete;
    equal(twelve.getAttribute('aria-pressed'), 'true', 'the period chosen is pressed');
    equal($$(element, '.seg [aria-pressed="true"]').length, 1, 'and only it');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await waitFor(() => element.data?.period.days === 182, 'six months, the next button');
  });

  it('shows the whole intranet to administrators only, and the server refuses it to others', async () => {
    const slug = await space();
    await activity(slug, people(`${slug}-s`, 5));
    const member = await pulse(`space="${slug}"`, `${slug}-s-1`);
    await waitFor(() => member.viewer, 'who is looking');
    await member.updateComplete;
    assert(!$$(member, '.seg button').some((b) => text(b) === 'Tout l’intranet'), 'no whole-site choice for a member');
    const response = await fetch(new URL('api/pulse?site=true', api), { headers: { Authorization: `Bearer ${await token(`${slug}-s-1`)}` } });
    equal(response.status, 403, 'the server refuses a member the whole site');
    equal(((await response.json()) as { error: { code: string } }).error.code, 'admin_only');
    cleanup();

    const forced = await pulse(`space="${slug}" scope="site"`, `${slug}-s-2`);
    await waitFor(() => forced.data?.scope.kind === 'space' && $(forced, '.notice'), 'the space’s figures instead');
    assert(/Seuls les administrateurs/.test(text($(forced, '.notice'))), 'said so');
    cleanup();

    const admin = await pulse(`space="${slug}"`, 'root', { admin: true });
    const whole = await waitFor(() => $$<HTMLButtonElement>(admin, '.seg button').find((b) => text(b) === 'Tout l’intranet'), 'the whole-site choice');
    whole.click();
    await waitFor(() => admin.data?.scope.kind === 'site', 'the whole site');
    await admin.updateComplete;
    equal(text($(admin, 'h3')), 'La vie de l’intranet');
    assert(text($(admin, '.kicker')).includes('Tout l’intranet'), 'named in the kicker');
    assert(admin.data!.audience.value! >= 5, 'every active person of the intranet');
  });

  it('lists among the most active only the people who chose it, with a toggle bound to their privacy settings', async () => {
    const slug = await space();
    const team = people(`${slug}-t`, 5);
    await activity(slug, team);
    await lastWeek(slug);
    const me = team[2]!;
    const element = await pulse(`space="${slug}"`, me);
    equal(text($(element, '#top')!.parentElement!.querySelector('.sentence')), 'Personne n’a encore choisi d’apparaître ici.', 'nobody opted in');
    const toggle = await waitFor(() => $<HTMLInputElement>(element, '#opt-in'), 'the toggle');
    equal(toggle.checked, false, 'off unless chosen');
    toggle.click();
    await waitFor(() => $$(element, '.people li').length === 1, 'listed once chosen');
    assert(text($(element, '.people li')).includes(me), 'by name');
    equal((await call('GET', '/api/me/privacy', { as: me })).showInTopContributors, true, 'saved');
    $<HTMLInputElement>(element, '#opt-in')!.click();
    await waitFor(() => !$(element, '.people'), 'gone when unchosen');
    equal((await call('GET', '/api/me/privacy', { as: me })).showInTopContributors, false);
  });

  it('keeps the room a page keeps for it (620 px) while its figures load', async () => {
    const realFetch = window.fetch;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (new URL(String(input)).pathname === '/api/pulse') await released;
      return realFetch(input, init);
    };
    try {
      const container = mount(`<ruche-provider api="${api}" token="${await token('loading')}"><ruche-pulse></ruche-pulse></ruche-provider>`);
      const element = container.querySelector<RuchePulse>('ruche-pulse')!;
      await element.updateComplete;
      assert($(element, '.skeleton'), 'loading');
      equal(element.getBoundingClientRect().height, 620, 'the room kept');
      release();
      await waitFor(() => element.data && $(element, '.cards'), 'the figures');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('has no accessibility violation, light or dark, its tables open (axe-core)', async () => {
    const slug = await space();
    const team = people(`${slug}-a`, 6);
    await activity(slug, team);
    await lastWeek(slug);
    const element = await pulse(`space="${slug}"`, team[0]!);
    await waitFor(() => $(element, '#opt-in'), 'the toggle');
    $<HTMLDetailsElement>(element, '.chart details')!.open = true;
    await waitFor(() => $(element, '.chart table'), 'a table');
    await expectAccessible('the pulse');
  });
});

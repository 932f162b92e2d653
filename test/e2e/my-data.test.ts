/**
 * End-to-end: one's own data, as `npm start` serves it, in real Chromium. On the demo's expert
 * directory, Julien Bernard (chosen in the banner) downloads his data from "Mon profil" — the file
 * Chromium saves is read back — then erases his account through the dialog; the page says so and
 * goes on as for a visitor nobody signed in; the API, asked afterwards, no longer knows him.
 *
 *   node --import tsx --test --test-concurrency=1 test/e2e/my-data.test.ts
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startLikeNpmStart, type StartedRuche } from '../support/npm-start.ts';
import { launchChromium, text, until, Visitors } from './browser.ts';

let ruche: StartedRuche;
let browser: Browser;
let visitors: Visitors;

/** Asks the API as someone else would (a demo token of their own). */
async function apiAs<T>(sub: string, path: string): Promise<T> {
  const grant = (await (await fetch(`${ruche.url}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sub }) })).json()) as { token: string };
  const response = await fetch(`${ruche.url}${path}`, { headers: { Authorization: `Bearer ${grant.token}` } });
  assert.equal(response.status, 200, `${path}: ${response.status}`);
  return (await response.json()) as T;
}

async function openMyProfile(page: Page): Promise<void> {
  const finder = page.locator('ruche-expert-finder');
  await finder.getByRole('button', { name: 'Mon profil' }).click();
  await finder.locator('.my-data').waitFor();
}

describe('one’s own data, from one’s profile, in Chromium', { timeout: 10 * 60_000 }, () => {
  before(
    async () => {
      browser = await launchChromium();
      ruche = await startLikeNpmStart();
      visitors = new Visitors(browser, `${ruche.url}/demo/`);
    },
    { timeout: 180_000 },
  );

  afterEach(async () => {
    const problems = visitors?.takeProblems() ?? [];
    await visitors?.closePages();
    assert.deepEqual(problems.map((p) => `${p.who} on ${p.url}: ${p.kind}: ${p.text}`), [], 'no page error and no console error');
  });

  after(async () => {
    await visitors?.close();
    await browser?.close();
    await ruche?.stop();
  });

  test('Julien downloads his data: a JSON file with his name, his comments and his skills', { timeout: 90_000 }, async () => {
    const page = await (await visitors.get('Julien Bernard', 'julien.bernard')).open('annuaire.html');
    await openMyProfile(page);
    const saving = page.waitForEvent('download');
    await page.locator('ruche-expert-finder').getByRole('button', { name: 'Télécharger mes données' }).click();
    const download = await saving;
    assert.match(download.suggestedFilename(), /^ruche-mes-donnees-julien-bernard-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
      format: string;
      person: { name: string; externalId: string };
      comments: { body: string }[];
      settings: { skillsAndIntents: { skill: string }[] };
    };
    assert.equal(file.format, 'ruche-export/1');
    assert.deepEqual([file.person.name, file.person.externalId], ['Julien Bernard', 'julien.bernard']);
    assert.ok(file.comments.some((c) => c.body.startsWith('Côté SI')), 'his seeded comment is in it');
    assert.ok(file.settings.skillsAndIntents.length > 0, 'his skills too');
    await until('the widget to say it', async () => /Fichier téléchargé/.test(await text(page.locator('ruche-expert-finder .my-data'))));
  });

  test('Julien erases his account: the dialog says what goes and stays, the page signs out, the API no longer knows him', { timeout: 90_000 }, async () => {
    const oldId = (await apiAs<{ people: { person: { id: string } }[] }>('sophie.dubois', '/api/experts/people?externalId=julien.bernard')).people[0]!.person.id;
    const page = await (await visitors.get('Julien Bernard', 'julien.bernard')).open('annuaire.html');
    await openMyProfile(page);
    const finder = page.locator('ruche-expert-finder');
    await finder.getByRole('button', { name: 'Supprimer mon compte' }).click();
    const dialog = page.getByRole('dialog', { name: 'Supprimer votre compte Ruche ?' });
    await dialog.getByText('Ce qui reste').waitFor();
    assert.match(await text(dialog), /Votre profil : compétences.*Vos votes et vos « j’aime ».*Les réponses des autres gardent leur place/s);
    await dialog.getByRole('radio', { name: 'Les supprimer' }).check();
    await dialog.getByRole('checkbox', { name: 'Je comprends que c’est définitif' }).check();
    await dialog.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();

    await until('the farewell', async () => /Votre compte Ruche est supprimé/.test(await text(finder.locator('.farewell'))));
    assert.equal(await dialog.count(), 0, 'the dialog is closed');
    // The page goes on as for a visitor nobody signed in: the banner, and every widget.
    await until('the banner to say nobody', async () => (await page.locator('ruche-demo-picker select').inputValue()) === '');
    await until('the finder to invite one to choose who one is', async () => /choisissez/i.test(await text(finder.locator('p.notice:not(.farewell)'))));
    for (const card of await page.locator('ruche-person').all()) await card.locator('.card').first().waitFor();

    // The API no longer knows him: his card is gone, his seeded comment kept its place without him.
    const found = await apiAs<{ people: unknown[] }>('sophie.dubois', `/api/experts/people?id=${oldId}`);
    assert.equal(found.people.length, 0, 'his profile is gone');
    const article = await apiAs<{ threads: { body: string; author: unknown; status: string; replies: unknown[] }[] }>(
      'sophie.dubois',
      `/api/comments?subject=${encodeURIComponent('https://intranet.hexagone.example/actualites/2026/11/nouveau-portail-rh')}`,
    );
    assert.ok(!JSON.stringify(article).includes('Julien Bernard'), 'his name is nowhere in the discussion');
    assert.ok(!JSON.stringify(article).includes('Côté SI'), 'his words neither (he asked for his posts to go)');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ExpertProfile, ExpertSearch } from '../../shared/api-types.ts';
import { skillKey } from '../../api/experts/skills-store.ts';
import { createTestApi, ok, type RequestOptions, type TestApi } from '../support/api.ts';

type Person = Exclude<NonNullable<RequestOptions['as']>, string>;

let api: TestApi;
const karim = { sub: 'karim', name: 'Karim Haddad', dept: 'Comptabilité', title: 'Comptable fournisseurs' };
const elodie = { sub: 'elodie', name: 'Élodie Petit', dept: 'Magasin de Lyon', title: 'Responsable de rayon' };
const sophie = { sub: 'sophie', name: 'Sophie Dubois', dept: 'RH', title: 'Chargée de formation' };
const julien = { sub: 'julien', name: 'Julien Bernard', dept: 'SI', title: 'Chef de projet' };
const nadia = { sub: 'nadia', name: 'Nadia Benali', dept: 'Juridique', title: 'Juriste' };
const emma = { sub: 'emma', name: 'Emma Wilson', dept: 'Hexagone UK', title: 'Sales manager' };
const thomas = { sub: 'thomas', name: 'Thomas Moreau', dept: 'Logistique', title: 'Responsable d’entrepôt' };
const gus = { sub: 'gus', name: 'Gus Partenaire', guest: true };
const ada = { sub: 'ada', name: 'Ada Admin', admin: true };

const ids: Record<string, string> = {};
async function idOf(as: Person) {
  ids[as.sub] ??= (await api.get('/api/me', { as })).body.id as string;
  return ids[as.sub]!;
}


async function search(q: string, as: Person, extra = '') {
  return ok<ExpertSearch>(api.get(`/api/experts?q=${encodeURIComponent(q)}${extra}`, { as }));
}
const names = (result: ExpertSearch) => result.results.map((r) => r.profile.person.name);
const resultFor = (result: ExpertSearch, person: Person) => result.results.find((r) => r.profile.person.name === person.name);

/** A question in a Q&A subject, and replies to it; returns the ids. */
async function question(space: string, subject: string, asker: Person, text: string) {
  return (await ok(api.post('/api/comments', { space, subject, mode: 'qa', body: text }, { as: asker }), 201)).id as string;
}
async function answer(space: string, subject: string, questionId: string, by: Person, text: string) {
  return (await ok(api.post('/api/comments', { space, subject, parentId: questionId, body: text }, { as: by }), 201)).id as string;
}
const accept = (answerId: string, asker: Person) => ok(api.request('PUT', `/api/comments/${answerId}/accept`, { as: asker }));
const setProfile = (as: Person, body: Record<string, unknown>) => ok<ExpertProfile>(api.request('PATCH', '/api/experts/profile', { as, body }));

before(async () => {
  api = await createTestApi();
  await ok(api.post('/api/spaces', { slug: 'aide', name: 'Aide comptable', visibility: 'open', lang: 'fr', answerPromiseHours: 48 }, { as: karim }), 201);
  await ok(api.post('/api/spaces', { slug: 'uk-help', name: 'UK help desk', visibility: 'open', lang: 'en' }, { as: emma }), 201);
  await ok(api.post('/api/spaces', { slug: 'codir', name: 'Comité de direction', visibility: 'closed', lang: 'fr' }, { as: nadia }), 201);
  await ok(api.post('/api/spaces', { slug: 'carrossiers', name: 'Carrossiers agréés', visibility: 'open', lang: 'fr' }, { as: thomas }), 201);
  await ok(api.request('PUT', `/api/spaces/carrossiers/members/${await idOf(gus)}`, { as: thomas, body: { role: 'member' } }));
  for (const p of [karim, elodie, sophie, julien, nadia, emma, thomas, ada]) await idOf(p);
});
after(() => api.close());

describe('the shared vocabulary of skills', () => {
  test('case, accents, punctuation and spaces do not make a new skill', () => {
    assert.equal(skillKey('  Comptabilité   Fournisseurs '), 'comptabilite fournisseurs');
    assert.equal(skillKey('EXCEL'), 'excel');
    assert.equal(skillKey('Chariot-Élévateur'), 'chariot elevateur');
    assert.equal(skillKey('C++ / C#'), 'c++ c#');
    assert.equal(skillKey("L'autoliquidation"), 'l autoliquidation');
  });

  test('letters unaccent spells out are spelled out, in the key as in the database', async () => {
    assert.equal(skillKey('Œnologie'), 'oenologie');
    assert.equal(skillKey('Cæcum'), 'caecum');
    assert.equal(skillKey('STRASSE und Straße'), 'strasse und strasse');
    const samples = ['œuvre sociale', 'ex æquo', 'straße', 'øresund', 'łodz']; // keys: already without accents
    const [row] = await api.db.database.sql<{ folded: string[] }[]>`select array(select fold_skill_key(x) from unnest(${samples}::text[]) x) as folded`;
    assert.deepEqual(row!.folded, samples.map(skillKey), 'fold_skill_key (009) folds the stored keys as skillKey does');
  });

  test('the seeded vocabulary is written in its normalised form', async () => {
    const rows = await api.db.database.sql<{ name: string }[]>`select key as name from skills union all select alias from skill_synonyms`;
    assert.ok(rows.length >= 20);
    for (const { name } of rows) assert.equal(skillKey(name), name);
  });

  test('"Excel", "excel" and "MS Excel" are one skill, shown as the vocabulary writes it', async () => {
    const profile = await setProfile(sophie, { skills: ['excel', 'MS Excel', ' Excel ', 'Formation de formateurs'] });
    assert.deepEqual(profile.skills.map((s) => [s.key, s.label]), [
      ['excel', 'Excel'],
      ['formation de formateurs', 'Formation de formateurs'],
    ]);
    const again = await setProfile(julien, { skills: ['formation de FORMATEURS'] });
    assert.equal(again.skills[0]!.label, 'Formation de formateurs', 'the first spelling stays the label');
    const { count } = (await api.db.database.sql<{ count: number }[]>`select count(*)::int as count from skills where key like 'formation%'`)[0]!;
    assert.equal(count, 1);
  });

  test('suggestions complete a skill from its first letters, most declared first', async () => {
    const { skills } = await ok(api.get('/api/experts/skills?q=exc', { as: elodie }));
    assert.equal(skills[0].key, 'excel');
    assert.equal(skills[0].people, 1);
    const bySynonym = await ok(api.get(`/api/experts/skills?q=${encodeURIComponent('Microsoft Exc')}`, { as: elodie }));
    assert.equal(bySynonym.skills[0].key, 'excel', 'found by a synonym too');
  });
});

describe('profiles', () => {
  test('skills, intents and a chat link; offering to mentor a skill declares it', async () => {
    const profile = await setProfile(karim, {
      skills: ['Comptabilité fournisseurs', 'TVA intracommunautaire'],
      askMeAbout: ['Autoliquidation'],
      canMentor: ['Excel'],
      wantToLearn: ['SQL'],
      chatUrl: 'msteams:/l/chat/0/0?users=karim@hexagone.example',
    });
    assert.deepEqual(profile.skills.map((s) => s.label), ['Comptabilité fournisseurs', 'TVA intracommunautaire', 'Autoliquidation', 'Excel']);
    assert.deepEqual(profile.askMeAbout.map((s) => s.label), ['Autoliquidation']);
    assert.deepEqual(profile.canMentor.map((s) => s.key), ['excel']);
    assert.deepEqual(profile.wantToLearn.map((s) => s.key), ['sql']);
    assert.equal(profile.contact.chatUrl, 'msteams:/l/chat/0/0?users=karim@hexagone.example');
    assert.deepEqual(profile.settings, { hideInferred: false, hideFromGuests: false });
    assert.equal(profile.isMe, true);

    const seen = await ok<ExpertProfile>(api.get(`/api/experts/people/${ids.karim}`, { as: elodie }));
    assert.equal(seen.settings, null, 'settings are one’s own business');
    assert.equal(seen.isMe, false);
    assert.equal(seen.person.title, 'Comptable fournisseurs');
  });

  test('roles in spaces come with the profile, but only in spaces the viewer may read', async () => {
    const byElodie = await ok<ExpertProfile>(api.get(`/api/experts/people/${ids.nadia}`, { as: elodie }));
    assert.deepEqual(byElodie.roles, [], 'that Nadia stewards the closed Codir is not for everyone to know');
    const byAdmin = await ok<ExpertProfile>(api.get(`/api/experts/people/${ids.nadia}`, { as: ada }));
    assert.deepEqual(byAdmin.roles, [{ space: { slug: 'codir', name: 'Comité de direction' }, role: 'steward' }]);
    const karimSeen = await ok<ExpertProfile>(api.get(`/api/experts/people/${ids.karim}`, { as: elodie }));
    assert.deepEqual(karimSeen.roles, [{ space: { slug: 'aide', name: 'Aide comptable' }, role: 'steward' }]);
  });

  test('several cards at once, by Ruche id or by the intranet’s id', async () => {
    const { people } = await ok(api.get(`/api/experts/people?externalId=karim&externalId=nobody&id=${ids.sophie}`, { as: elodie }));
    assert.deepEqual(people.map((p: ExpertProfile) => p.person.name), ['Sophie Dubois', 'Karim Haddad']);
  });

  test('a chat link must be a link one can safely open', async () => {
    const bad = await api.request('PATCH', '/api/experts/profile', { as: karim, body: { chatUrl: 'javascript:alert(1)' } });
    assert.equal(bad.status, 400);
    const cleared = await setProfile(karim, { chatUrl: null });
    assert.equal(cleared.contact.chatUrl, null);
  });

  test('an unknown or deactivated person has no profile', async () => {
    assert.equal((await api.get('/api/experts/people/00000000-0000-4000-8000-000000000000', { as: elodie })).status, 404);
    const gone = { sub: 'gone', name: 'Parti Ailleurs' };
    const goneId = await idOf(gone);
    await setProfile(gone, { skills: ['Excel'] });
    await api.db.database.sql`update people set active = false where id = ${goneId}`;
    assert.equal((await api.get(`/api/experts/people/${goneId}`, { as: elodie })).status, 404);
    assert.ok(!names(await search('excel', elodie)).includes('Parti Ailleurs'));
  });
});

describe('endorsements', () => {
  const endorse = (as: Person, who: string, skill: string, method = 'PUT') =>
    api.request(method, `/api/experts/people/${ids[who]}/skills/${encodeURIComponent(skill)}/endorsement`, { as });

  test('a colleague endorses a declared skill once, by any of its names', async () => {
    assert.equal((await endorse(elodie, 'sophie', 'Excel')).body.endorsementCount, 1);
    const again = await endorse(elodie, 'sophie', 'ms excel');
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, { skill: { key: 'excel', label: 'Excel' }, endorsementCount: 1, endorsedByMe: true });
    for (const p of [julien, thomas, karim]) await endorse(p, 'sophie', 'excel');
    const profile = await ok<ExpertProfile>(api.get(`/api/experts/people/${ids.sophie}`, { as: elodie }));
    assert.deepEqual(profile.skills.find((s) => s.key === 'excel'), { key: 'excel', label: 'Excel', endorsementCount: 4, endorsedByMe: true });
  });

  test('not one’s own skills, and not a skill the person did not declare', async () => {
    const self = await endorse(sophie, 'sophie', 'excel');
    assert.equal(self.status, 403);
    assert.equal(self.body.error.code, 'cannot_endorse_self');
    const undeclared = await endorse(elodie, 'sophie', 'Paie');
    assert.equal(undeclared.status, 409);
    assert.equal(undeclared.body.error.code, 'skill_not_declared');
    const rows = await api.db.database.sql`select 1 from endorsements where endorser_id = endorsee_id`;
    assert.equal(rows.length, 0);
  });

  test('taking an endorsement back', async () => {
    await endorse(nadia, 'sophie', 'excel');
    const back = await endorse(nadia, 'sophie', 'excel', 'DELETE');
    assert.equal(back.body.endorsementCount, 4);
    assert.equal(back.body.endorsedByMe, false);
    assert.equal((await endorse(nadia, 'sophie', 'excel', 'DELETE')).status, 200, 'again: no change');
  });

  test('the finder says who is declared and endorsed', async () => {
    const result = await search('MS Excel', julien);
    const first = result.results[0]!;
    assert.equal(first.profile.person.name, 'Sophie Dubois');
    assert.deepEqual(
      first.reasons.filter((r) => r.kind === 'declared' || r.kind === 'endorsed'),
      [
        { kind: 'declared', skill: 'Excel', intents: ['skill'] },
        { kind: 'endorsed', skill: 'Excel', count: 4 },
      ],
    );
    const karimResult = resultFor(result, karim)!;
    assert.deepEqual(karimResult.reasons, [{ kind: 'declared', skill: 'Excel', intents: ['mentor', 'skill'] }]);
    assert.deepEqual(result.skills.map((s) => [s.key, s.strength]), [['excel', 1]]);
  });
});

describe('evidence: what people actually did', () => {
  const subject = 'https://intranet.example.com/aide/tva';

  before(async () => {
    // Karim answers three questions on intra-EU VAT, all accepted; Julien answers one, not accepted;
    // Thomas only chats about it; Élodie asks (asking is not knowing).
    for (const [i, text] of ['Une facture allemande sans TVA intracommunautaire, normal ?', 'Où déclarer la TVA intracommunautaire sur la CA3 ?', 'Numéro de TVA intracommunautaire d’un client espagnol ?'].entries()) {
      const q = await question('aide', `${subject}/${i}`, elodie, text);
      const a = await answer('aide', `${subject}/${i}`, q, karim, 'Oui : c’est l’autoliquidation, la facture est hors taxe et nous déclarons la TVA nous-mêmes.');
      await accept(a, elodie);
    }
    const q = await question('aide', `${subject}/julien`, elodie, 'La TVA intracommunautaire sur un achat en Belgique ?');
    await answer('aide', `${subject}/julien`, q, julien, 'Même principe qu’avec l’Allemagne, je crois.');
    await ok(api.post('/api/comments', { space: 'aide', subject: 'pause-cafe', body: 'La TVA intracommunautaire, je n’y comprends rien !' }, { as: thomas }), 201);
  });

  test('accepted answers rank first, with the reason and the posts that weigh most', async () => {
    const result = await search('TVA intracommunautaire', sophie);
    assert.equal(names(result)[0], 'Karim Haddad');
    const first = result.results[0]!;
    assert.deepEqual(first.reasons[0], { kind: 'accepted_answers', count: 3, topic: 'TVA intracommunautaire' });
    assert.ok(first.reasons.some((r) => r.kind === 'declared' && r.skill === 'TVA intracommunautaire'));
    assert.equal(first.evidence.length, 3);
    assert.equal(first.evidence[0]!.kind, 'accepted_answer');
    assert.match(first.evidence[0]!.excerpt, /autoliquidation/);
    assert.match(first.evidence[0]!.inReplyTo!, /TVA intracommunautaire/);
    assert.equal(first.evidence[0]!.space.slug, 'aide');
    assert.ok(first.breakdown.evidence > first.breakdown.declared);

    const order = names(result);
    assert.ok(order.indexOf('Julien Bernard') < order.indexOf('Thomas Moreau'), 'an answer weighs more than a comment');
    assert.ok(!order.includes('Élodie Petit'), 'asking questions does not make an expert');
    assert.deepEqual(resultFor(result, julien)!.reasons, [{ kind: 'answers', count: 1, topic: 'TVA intracommunautaire' }]);
  });

  test('accents, case and word forms do not matter', async () => {
    const a = names(await search('tva INTRACOMMUNAUTAIRE', sophie));
    const b = names(await search('TVA intracommunautaires', sophie));
    assert.deepEqual(a, b);
    assert.equal(a[0], 'Karim Haddad');
  });

  test('English spaces are searched in English, and a synonym bridges the languages', async () => {
    const q = await question('uk-help', 'uk/forklift', julien, 'Who can renew the forklift licences of the warehouse team?');
    const a = await answer('uk-help', 'uk/forklift', q, emma, 'I organised the forklifts training last year: the licences are renewed every five years.');
    await accept(a, julien);
    const result = await search('forklift training', sophie);
    assert.equal(names(result)[0], 'Emma Wilson', 'stemming: forklifts/forklift, organised');
    const vat = await search('VAT', sophie);
    assert.equal(names(vat)[0], 'Karim Haddad', '"VAT" finds the French posts about "TVA"');
  });

  test('likes add to a post’s weight', async () => {
    const q = await question('aide', 'aide/notes-de-frais', elodie, 'Faut-il garder les tickets de notes de frais ?');
    const plain = await answer('aide', 'aide/notes-de-frais', q, julien, 'Les tickets de notes de frais photographiés suffisent.');
    const liked = await answer('aide', 'aide/notes-de-frais', q, sophie, 'Les tickets de notes de frais photographiés suffisent.');
    for (const p of [karim, thomas, nadia, emma]) await ok(api.request('PUT', `/api/comments/${liked}/like`, { as: p }));
    void plain;
    const result = await search('notes de frais', elodie);
    assert.ok(resultFor(result, sophie)!.score > resultFor(result, julien)!.score);
    assert.deepEqual(resultFor(result, sophie)!.reasons.find((r) => r.kind === 'likes'), { kind: 'likes', count: 4 });
  });

  test('old activity weighs less (half-life of a year)', async () => {
    const q = await question('aide', 'aide/inventaire', elodie, 'Comment préparer l’inventaire tournant du magasin ?');
    const recent = await answer('aide', 'aide/inventaire', q, thomas, 'Inventaire tournant : une allée par semaine, le lundi.');
    const old = await answer('aide', 'aide/inventaire', q, nadia, 'Inventaire tournant : une allée par semaine, le lundi.');
    await api.db.database.sql`update comments set created_at = now() - interval '730 days' where id = ${old}`;
    void recent;
    const result = await search('inventaire tournant', elodie);
    const [fresh, aged] = [resultFor(result, thomas)!, resultFor(result, nadia)!];
    assert.ok(fresh.score > aged.score);
    // ln(1 + 3x) vs ln(1 + 3x/4): two half-lives make the credit a quarter.
    const credit = (score: number) => Math.expm1(score);
    assert.ok(Math.abs(credit(aged.breakdown.evidence) / credit(fresh.breakdown.evidence) - 0.25) < 0.01);
  });

  test('a search can be limited to one space’s evidence', async () => {
    const result = await search('TVA intracommunautaire', sophie, '&space=uk-help');
    assert.ok(result.results.every((r) => r.evidence.length === 0), 'no evidence from other spaces');
    assert.equal(names(result)[0], 'Karim Haddad', 'declared skills still count');
  });
});

describe('ideas as evidence', () => {
  test('signed ideas count with their votes; anonymous ideas never do, for anyone', async () => {
    const signed = await ok(api.post('/api/ideas', { space: 'aide', title: 'Dématérialiser les factures fournisseurs', description: 'Scanner les factures fournisseurs à réception pour la dématérialisation.' }, { as: nadia }), 201);
    for (const p of [karim, elodie, julien]) await ok(api.request('PUT', `/api/ideas/${signed.id}/vote`, { as: p }));
    const { version } = (await api.get('/api/ideas/policy?space=aide', { as: thomas })).body;
    await ok(api.post('/api/ideas', { space: 'aide', title: 'Coffre-fort numérique', description: 'Un coffre-fort numérique pour les bulletins de paie, avec archivage légal.', anonymous: true, policyVersion: version }, { as: thomas }), 201);

    const result = await search('dématérialisation des factures', elodie);
    assert.deepEqual(resultFor(result, nadia)!.reasons.find((r) => r.kind === 'ideas'), { kind: 'ideas', count: 1, votes: 3, topic: 'dématérialisation des factures' });
    assert.equal(resultFor(result, nadia)!.evidence[0]!.source, 'idea');

    for (const viewer of [elodie, ada, nadia, thomas]) {
      const found = await search('coffre-fort numérique bulletins de paie', viewer);
      assert.ok(!names(found).includes(thomas.name), `the anonymous author is not found by ${viewer.sub}`);
      const text = JSON.stringify(found);
      assert.ok(!text.includes(ids.thomas!) && !text.includes('Coffre-fort'), 'no trace of the anonymous idea');
    }
    const mine = await ok(api.get('/api/experts/profile/inferred', { as: thomas }));
    assert.equal(mine.neverCounted.anonymousIdeas, 1, 'the author is told it never counts');
    assert.ok(!JSON.stringify(mine.items).includes('Coffre-fort'));
  });
});

describe('privacy', () => {
  test('evidence from a closed space counts only for those who may read it', async () => {
    const q = await question('codir', 'codir/fusion', nadia, 'Quel calendrier pour la consolidation des comptes après la fusion ?');
    await ok(api.request('PUT', `/api/spaces/codir/members/${ids.julien}`, { as: nadia, body: { role: 'member' } }));
    const a = await answer('codir', 'codir/fusion', q, julien, 'Consolidation des comptes : clôture au 31 mars, puis trois semaines.');
    await accept(a, nadia);

    const forMember = await search('consolidation des comptes', nadia);
    assert.equal(names(forMember)[0], 'Julien Bernard');
    assert.equal(resultFor(forMember, julien)!.evidence[0]!.space.slug, 'codir');
    const forAdmin = await search('consolidation des comptes', ada);
    assert.equal(names(forAdmin)[0], 'Julien Bernard');
    const forOther = await search('consolidation des comptes', elodie);
    assert.deepEqual(forOther.results, [], 'nothing: a closed space’s content does not leak through the finder');
    assert.ok(!JSON.stringify(forOther).includes('fusion'));
  });

  test('hiding inferred expertise: ranked on what one declared only, and told what is hidden', async () => {
    await setProfile(karim, { hideInferred: true });
    const result = await search('TVA intracommunautaire', sophie);
    const hidden = resultFor(result, karim)!;
    assert.deepEqual(hidden.evidence, []);
    assert.ok(hidden.reasons.every((r) => r.kind === 'declared' || r.kind === 'endorsed'));
    assert.equal(hidden.breakdown.evidence, 0);

    const mine = await ok(api.get('/api/experts/profile/inferred', { as: karim }));
    assert.equal(mine.hidden, true);
    assert.equal(mine.totals.acceptedAnswers, 3);
    assert.equal(mine.items[0].kind, 'accepted_answer');
    assert.equal(mine.items[0].audience, 'employees');
    const tva = mine.bySkill.find((s: { skill: { key: string } }) => s.skill.key === 'tva intracommunautaire');
    assert.deepEqual(tva.reasons[0], { kind: 'accepted_answers', count: 3, topic: 'TVA intracommunautaire' }, 'one’s own view shows what is hidden from others');
    await setProfile(karim, { hideInferred: false });
    assert.equal(names(await search('TVA intracommunautaire', sophie))[0], 'Karim Haddad');
  });

  test('what Ruche infers about me says who may see each post', async () => {
    const mine = await ok(api.get('/api/experts/profile/inferred', { as: julien }));
    const codir = mine.items.find((i: { space: { slug: string } }) => i.space.slug === 'codir');
    assert.equal(codir.audience, 'members');
    assert.equal(codir.kind, 'accepted_answer');
    assert.equal(mine.halfLifeDays, 365);
    const elodieView = await ok(api.get('/api/experts/profile/inferred', { as: elodie }));
    assert.ok(elodieView.neverCounted.questions >= 4, 'her questions are listed as never counted');
  });

  test('hiding from guests: guests neither find nor see the profile; colleagues still do', async () => {
    await setProfile(thomas, { skills: ['Carrosserie', 'Chariot élévateur'] });
    await setProfile(julien, { skills: ['Carrosserie'] });
    assert.deepEqual(names(await search('carrosserie', gus)).sort(), ['Julien Bernard', 'Thomas Moreau']);
    await setProfile(thomas, { hideFromGuests: true });
    assert.deepEqual(names(await search('carrosserie', gus)), ['Julien Bernard']);
    assert.equal((await api.get(`/api/experts/people/${ids.thomas}`, { as: gus })).status, 404);
    const batch = await ok(api.get(`/api/experts/people?id=${ids.thomas}&id=${ids.julien}`, { as: gus }));
    assert.deepEqual(batch.people.map((p: ExpertProfile) => p.person.name), ['Julien Bernard']);
    assert.deepEqual(names(await search('carrosserie', elodie)).sort(), ['Julien Bernard', 'Thomas Moreau']);
    assert.equal((await api.get(`/api/experts/people/${ids.thomas}`, { as: elodie })).status, 200);
  });

  test('guests see evidence only from the spaces they were added to', async () => {
    const q = await question('carrossiers', 'carrossiers/peinture', thomas, 'Quelle cabine de peinture pour les véhicules utilitaires ?');
    await answer('carrossiers', 'carrossiers/peinture', q, julien, 'La cabine de peinture doit faire 7 mètres pour un utilitaire.');
    const forGuest = await search('cabine de peinture', gus);
    assert.deepEqual(names(forGuest), ['Julien Bernard']);
    const tva = await search('TVA intracommunautaire', gus);
    assert.ok(tva.results.every((r) => r.evidence.length === 0), 'the open help desk is not the guest’s');
    assert.ok(!JSON.stringify(tva).includes('hors taxe'));
    const roles = (await ok<ExpertProfile>(api.get(`/api/experts/people/${ids.thomas}`, { as: elodie }))).roles;
    assert.ok(roles.some((r) => r.space.slug === 'carrossiers' && r.role === 'steward'));
  });

  test('the finder is for signed-in colleagues only', async () => {
    for (const path of ['/api/experts?q=excel', `/api/experts/people/${ids.karim}`, '/api/experts/profile', '/api/experts/notifications']) {
      assert.equal((await api.get(path)).status, 401, path);
    }
  });
});

describe('evidence is what others made of one’s posts', () => {
  test('replies under one’s own question are no answers, even accepted: at most comments, on their own words', async () => {
    const subject = 'aide/creances';
    const q = await question('aide', subject, sophie, 'Comment calculer la provision pour créances douteuses ?');
    const thanks = await answer('aide', subject, q, sophie, 'Merci, c’est réglé.');
    await answer('aide', subject, q, sophie, 'Provision pour créances douteuses : j’ai trouvé, la moitié après six mois.');
    await answer('aide', subject, q, thomas, 'La provision pour créances douteuses dépend de l’ancienneté de la créance.');
    // Old data: an asker who accepted their own reply (the API refuses it now).
    await api.db.database.sql`update comments set accepted_answer_id = ${thanks} where id = ${q}`;

    const result = await search('provision pour créances douteuses', elodie);
    assert.deepEqual(resultFor(result, sophie)!.reasons, [{ kind: 'comments', count: 1, topic: 'provision pour créances douteuses' }]);
    assert.deepEqual(resultFor(result, sophie)!.evidence.map((e) => e.kind), ['comment']);
    assert.deepEqual(resultFor(result, thomas)!.reasons, [{ kind: 'answers', count: 1, topic: 'provision pour créances douteuses' }]);
    assert.ok(resultFor(result, thomas)!.score > resultFor(result, sophie)!.score);

    const mine = await ok(api.get('/api/experts/profile/inferred', { as: sophie }));
    const thanksItem = mine.items.find((i: { id: string }) => i.id === thanks);
    assert.equal(thanksItem.kind, 'comment', 'her own view says the same');
  });

  test('one’s own like or vote on one’s own post counts nothing', async () => {
    const post = await ok(api.post('/api/comments', { space: 'aide', subject: 'aide/palettes', body: 'Étiquetage des palettes : une étiquette par face, code en haut.' }, { as: julien }), 201);
    for (const p of [julien, karim, thomas]) await ok(api.request('PUT', `/api/comments/${post.id}/like`, { as: p }));
    const idea = await ok(api.post('/api/ideas', { space: 'aide', title: 'Recyclage des palettes en bois', description: 'Reprendre les palettes en bois abîmées pour le recyclage.' }, { as: nadia }), 201);
    for (const p of [nadia, karim]) await ok(api.request('PUT', `/api/ideas/${idea.id}/vote`, { as: p }));

    const labels = await search('étiquetage des palettes', elodie);
    assert.deepEqual(resultFor(labels, julien)!.reasons.find((r) => r.kind === 'likes'), { kind: 'likes', count: 2 });
    const ideas = await search('recyclage des palettes en bois', elodie);
    assert.equal((resultFor(ideas, nadia)!.reasons.find((r) => r.kind === 'ideas') as { votes: number }).votes, 1);
    const mine = await ok(api.get('/api/experts/profile/inferred', { as: julien }));
    assert.equal(mine.items.find((i: { id: string }) => i.id === post.id).appreciation, 2);
  });

  test('one’s own view scores a skill as others see it, against everyone’s best post', async () => {
    const lea = { sub: 'lea', name: 'Léa Martin' };
    await setProfile(lea, { skills: ['Gerbeur électrique'] });
    await ok(api.post('/api/comments', { space: 'aide', subject: 'aide/gerbeur', body: 'J’ai utilisé un gerbeur électrique une fois au dépôt de Lyon, pour décharger.' }, { as: lea }), 201);
    await ok(api.post('/api/comments', { space: 'aide', subject: 'aide/gerbeur', body: 'Gerbeur électrique : la batterie du gerbeur électrique, le contrôle du gerbeur électrique.' }, { as: nadia }), 201);
    const seen = resultFor(await search('Gerbeur électrique', elodie), lea)!;
    const mine = await ok(api.get('/api/experts/profile/inferred', { as: lea }));
    const own = mine.bySkill.find((s: { skill: { key: string } }) => s.skill.key === 'gerbeur electrique');
    assert.ok(seen.breakdown.evidence > 0);
    assert.ok(Math.abs(own.score - seen.score) < 0.002, `own view ${own.score}, others see ${seen.score}`);
  });
});

describe('curating the vocabulary (administrators)', () => {
  const curate = (path: string, body: Record<string, unknown>, as: Person = ada) => api.post(`/api/experts/skills/${path}`, body, { as });

  test('only administrators curate', async () => {
    const refused = await curate('aliases', { skill: 'Paie', alias: 'Bulletins de salaire' }, karim);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'admin_only');
    assert.equal((await curate('merge', { from: 'Word', into: 'Excel' }, karim)).status, 403);
  });

  test('an alias sends another way of writing a skill to it; again is a no-op', async () => {
    const added = await ok(curate('aliases', { skill: 'paie', alias: 'Bulletins de salaire' }));
    assert.equal(added.key, 'paie');
    assert.ok(added.aliases.includes('bulletins de salaire') && added.aliases.includes('payroll'));
    assert.deepEqual(await ok(curate('aliases', { skill: 'Payroll', alias: 'bulletins DE salaire' })), added);
    const profile = await setProfile(thomas, { wantToLearn: ['Bulletins de salaire'] });
    assert.deepEqual(profile.wantToLearn.map((s) => s.key), ['paie']);
  });

  test('an alias that already names another skill is refused, and says which', async () => {
    const taken = await curate('aliases', { skill: 'Paie', alias: 'VAT' });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, 'alias_taken');
    assert.deepEqual(taken.body.error.details.skill, { key: 'tva', label: 'TVA' });
    const skill = await curate('aliases', { skill: 'Word', alias: 'Excel' });
    assert.equal(skill.status, 409);
    assert.equal(skill.body.error.code, 'alias_is_a_skill');
    assert.equal((await curate('aliases', { skill: 'Nowhere skill', alias: 'x1' })).status, 404);
  });

  test('merging two skills moves declarations and endorsements without duplicates, once per endorser', async () => {
    const elodieId = await idOf(elodie);
    await setProfile(elodie, { skills: ['Tableur', 'Feuilles de calcul'] });
    await setProfile(nadia, { skills: ['Feuilles de calcul'], askMeAbout: ['Feuilles de calcul'] });
    const endorse = (as: Person, skill: string) => ok(api.request('PUT', `/api/experts/people/${elodieId}/skills/${encodeURIComponent(skill)}/endorsement`, { as }));
    await endorse(sophie, 'Tableur');
    await endorse(sophie, 'Feuilles de calcul');
    await endorse(julien, 'Feuilles de calcul');

    const merged = await ok(curate('merge', { from: 'Feuilles de calcul', into: 'tableur' }));
    assert.deepEqual([merged.key, merged.label, merged.people], ['tableur', 'Tableur', 2]);
    assert.ok(merged.aliases.includes('feuilles de calcul'), 'the merged name is an alias now');
    assert.deepEqual(await ok(curate('merge', { from: 'Feuilles de calcul', into: 'Tableur' })), merged, 'again is a no-op');

    const mine = await ok<ExpertProfile>(api.get(`/api/experts/people/${elodieId}`, { as: karim }));
    assert.deepEqual(mine.skills.map((s) => [s.key, s.endorsementCount]), [['tableur', 2]], 'one skill, endorsed by Sophie (once) and Julien');
    const theirs = await ok<ExpertProfile>(api.get(`/api/experts/people/${await idOf(nadia)}`, { as: karim }));
    assert.deepEqual([theirs.skills.map((s) => s.key), theirs.askMeAbout.map((s) => s.key)], [['tableur'], ['tableur']]);
    const [gone] = await api.db.database.sql`select count(*)::int as count from skills where key = 'feuilles de calcul'`;
    assert.equal(gone!.count, 0);
    assert.equal((await endorse(sophie, 'Feuilles de calcul')).endorsementCount, 2, 'the old name endorses the skill it became, still once');
    const found = names(await search('feuilles de calcul', karim));
    assert.ok(found.includes('Nadia Benali') && found.includes('Élodie Petit'), 'found by the old name, as declared on the skill');
    assert.equal((await curate('merge', { from: 'Tableur', into: 'Nowhere skill' })).status, 404);
  });
});

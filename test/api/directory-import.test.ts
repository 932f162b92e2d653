import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseCsv } from '../../api/directory/csv.ts';
import { formatImportReport, ImportError, importPeople } from '../../api/directory/import.ts';
import { createTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
before(async () => {
  api = await createTestApi();
});
after(() => api.close());

const sql = () => api.db.database.sql;

describe('reading CSV', () => {
  test('quoted fields hold separators, quotes and line breaks; CRLF, BOM and blank lines are fine', () => {
    const text = '\uFEFFid,name,title\r\nk1,"Haddad, Karim","Comptable ""senior""\r\nfournisseurs"\r\n\r\nk2,Élodie,\r\n';
    assert.deepEqual(parseCsv(text), [
      { line: 1, cells: ['id', 'name', 'title'] },
      { line: 2, cells: ['k1', 'Haddad, Karim', 'Comptable "senior"\r\nfournisseurs'] },
      { line: 5, cells: ['k2', 'Élodie', ''] },
    ]);
  });

  test('semicolons, as French spreadsheets write them, are recognised from the header', () => {
    assert.deepEqual(parseCsv('id;nom;compétences\nk1;Karim;"TVA; Excel"'), [
      { line: 1, cells: ['id', 'nom', 'compétences'] },
      { line: 2, cells: ['k1', 'Karim', 'TVA; Excel'] },
    ]);
  });

  test('an unclosed quote is an error that says where', () => {
    assert.throws(() => parseCsv('id,name\nk1,"Karim\nk2,Élodie'), /line 2: a quoted field is never closed/);
  });
});

describe('importing people', () => {
  const file = [
    'id,name,email,dept,title,skills,badge',
    'karim.haddad,Karim Haddad,karim@hexagone.example,Comptabilité,Comptable fournisseurs,"TVA intracommunautaire|MS Excel|Autoliquidation",123',
    'elodie.petit,"Petit, Élodie",,Magasin de Lyon,Responsable de rayon,,',
    'bad.email,Bad Email,not-an-email,,,,',
    ',Nameless,,,,,',
    'karim.haddad,Karim Again,,,,,',
    'too.many,Too,Many,cells,in,this,row,here',
    'odd.skill,Odd Skill,,,,"Excel|!!!",',
  ].join('\n');

  test('creates people with their skills, and reports what was refused and why', async () => {
    const report = await importPeople(sql(), file);
    assert.deepEqual(report.created.map((c) => c.id), ['karim.haddad', 'elodie.petit']);
    assert.deepEqual(report.rejected.map((r) => [r.line, r.id, r.reasons.join('; ')]), [
      [4, 'bad.email', 'email: must be an email address'],
      [5, null, 'id: must not be empty or blank'],
      [6, 'karim.haddad', 'the same id as line 2'],
      [7, 'too.many', '8 cells where the header has 7 (a separator inside an unquoted value?)'],
      [8, 'odd.skill', 'skills "!!!": must contain a letter or a digit'],
    ]);
    assert.deepEqual(report.ignoredColumns, ['badge']);
    const [karim] = await sql()`select id, name, email, dept, title, active, is_guest, is_admin from people where external_id = 'karim.haddad'`;
    assert.deepEqual({ ...karim, id: undefined }, {
      id: undefined, name: 'Karim Haddad', email: 'karim@hexagone.example', dept: 'Comptabilité', title: 'Comptable fournisseurs',
      active: true, isGuest: false, isAdmin: false,
    });
    const skills = await sql()`select s.label from profile_tags t join skills s on s.id = t.skill_id where t.person_id = ${karim!.id} order by t.position`;
    assert.deepEqual(skills.map((s) => s.label), ['TVA intracommunautaire', 'Excel', 'Autoliquidation'], '"MS Excel" is the vocabulary’s Excel');
    const [elodie] = await sql()`select name from people where external_id = 'elodie.petit'`;
    assert.equal(elodie!.name, 'Petit, Élodie');
    assert.equal((await sql()`select 1 from people where external_id in ('bad.email', 'odd.skill', 'too.many')`).length, 0);

    const printed = formatImportReport(report);
    assert.match(printed, /7 rows read\./);
    assert.match(printed, /2 created/);
    assert.match(printed, /5 rejected/);
    assert.match(printed, /line 4 \(bad\.email\): email: must be an email address/);
    assert.match(printed, /Columns ignored: badge/);
  });

  test('importing the same file again changes nothing', async () => {
    const before = await sql()`select external_id, name, email, dept, title, updated_at from people order by external_id`;
    const tagsBefore = await sql()`select person_id, skill_id, position, source from profile_tags order by person_id, skill_id`;
    const report = await importPeople(sql(), file);
    assert.deepEqual([report.created.length, report.updated.length, report.unchanged], [0, 0, 2]);
    assert.deepEqual(await sql()`select external_id, name, email, dept, title, updated_at from people order by external_id`, before);
    assert.deepEqual(await sql()`select person_id, skill_id, position, source from profile_tags order by person_id, skill_id`, tagsBefore);
  });

  test('updates what changed; an empty cell keeps what Ruche has', async () => {
    const report = await importPeople(sql(), 'id;nom;service;poste;compétences;actif\nkarim.haddad;Karim Haddad;;Chef comptable;TVA intracommunautaire|Paie;non\n');
    assert.deepEqual(report.updated, [{ line: 2, id: 'karim.haddad', changed: ['title', 'active', 'skills'] }]);
    const [karim] = await sql()`select id, dept, title, email, active from people where external_id = 'karim.haddad'`;
    assert.deepEqual([karim!.dept, karim!.title, karim!.email, karim!.active], ['Comptabilité', 'Chef comptable', 'karim@hexagone.example', false]);
    const skills = await sql()`select s.key from profile_tags t join skills s on s.id = t.skill_id where t.person_id = ${karim!.id} order by t.position`;
    assert.deepEqual(skills.map((s) => s.key), ['tva intracommunautaire', 'paie']);
  });

  test('a person who edited their skills keeps them; the import says so', async () => {
    const me = await api.get('/api/me', { as: { sub: 'elodie.petit', name: 'Élodie Petit' } });
    assert.equal(me.status, 200, 'the imported person signs in as themselves: one row');
    await api.request('PATCH', '/api/experts/profile', { as: { sub: 'elodie.petit', name: 'Élodie Petit' }, body: { skills: ['Merchandising'] } });
    const report = await importPeople(sql(), 'id,name,skills\nelodie.petit,Élodie Petit,Excel|Caisse\n');
    assert.deepEqual(report.skillsKept, [{ line: 2, id: 'elodie.petit' }]);
    const skills = await sql()`select s.key from profile_tags t join skills s on s.id = t.skill_id join people p on p.id = t.person_id where p.external_id = 'elodie.petit'`;
    assert.deepEqual(skills.map((s) => s.key), ['merchandising']);
  });

  test('ids are matched exactly, as at sign-in: another case is another person', async () => {
    const me = await api.get('/api/me', { as: { sub: 'Marc.Leroy', name: 'Marc Leroy' } });
    const report = await importPeople(sql(), 'id,name,title\nMarc.Leroy,Marc Leroy,Magasinier\nmarc.leroy,Marc Leroy bis,Cariste\n');
    assert.deepEqual(report.updated.map((u) => u.id), ['Marc.Leroy'], 'the one who signed in with that exact id');
    assert.deepEqual(report.created.map((c) => c.id), ['marc.leroy']);
    const [row] = await sql()`select title from people where id = ${me.body.id}`;
    assert.equal(row!.title, 'Magasinier');
  });

  test('a dry run reports and writes nothing', async () => {
    const before = await sql()`select count(*)::int as count from people`;
    const report = await importPeople(sql(), 'id,name\nnew.person,New Person\n', { dryRun: true });
    assert.equal(report.created.length, 1);
    assert.match(formatImportReport(report), /1 would be created/);
    assert.deepEqual(await sql()`select count(*)::int as count from people`, before);
  });

  test('a file without the id or name column is refused as a whole', async () => {
    await assert.rejects(importPeople(sql(), 'login_name,mail\nx,y\n'), (error: Error) => error instanceof ImportError && /lacks the columns id and name/.test(error.message));
    await assert.rejects(importPeople(sql(), ''), ImportError);
    await assert.rejects(importPeople(sql(), 'id,name\nk,"Karim'), /not valid CSV: line 2/);
  });
});

describe('the import command', () => {
  test('npm run import-people -- file.csv prints its report; the exit code says whether rows were refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ruche-import-'));
    try {
      const csv = join(dir, 'people.csv');
      writeFileSync(csv, 'id,name,skills\nanne.roux,Anne Roux,Excel\nbad,,\n');
      // On a fresh embedded database of its own (the command's default without DATABASE_URL).
      const env: NodeJS.ProcessEnv = { ...process.env, RUCHE_DATA: join(dir, 'data') };
      delete env.DATABASE_URL;
      const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-people.ts', ...args], { env, encoding: 'utf8', timeout: 120_000 });

      const first = run(csv);
      assert.equal(first.status, 1, first.stderr);
      assert.match(first.stdout, /1 created/);
      assert.match(first.stdout, /line 3 \(bad\): name: must not be empty/);
      const usage = run();
      assert.equal(usage.status, 2);
      assert.match(usage.stderr, /Usage: npm run import-people/);
      const missing = run(join(dir, 'nope.csv'));
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /Cannot read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { z } from '@hono/zod-openapi';
import type { Db, Pool } from '../db/database.ts';
import { resolveSkills, skillKey, skillLabel } from '../experts/skills-store.ts';
import { line } from '../http/validation.ts';
import { displayName, externalId } from '../people/identity-fields.ts';
import { CsvError, parseCsv } from './csv.ts';
import { createPerson, differs, findByExternalId, updatePerson, type DirectoryRecord } from './people-store.ts';

/**
 * Imports people from a directory export, so that profiles exist before anyone posts
 * (`npm run import-people -- people.csv`). Columns, in any order and with French or English names:
 *
 *   id (the intranet's id, the token's `sub`, matched exactly as sign-in and SCIM match it:
 *   "JDupont" is not "jdupont") and name are required;
 *   email, dept, title, skills (separated by | ; or ,), active and guest (yes/no) are optional.
 *
 * Idempotent: importing the same file twice changes nothing the second time. An empty cell means
 * "the directory does not say" and keeps what Ruche has. Skills from the directory are the
 * person's until they edit their skills themselves; from then on the import leaves them alone.
 * Valid rows are written in one transaction; each refused row is reported with its reasons.
 */
export interface ImportReport {
  dryRun: boolean;
  rows: number;
  created: { line: number; id: string }[];
  updated: { line: number; id: string; changed: string[] }[];
  unchanged: number;
  rejected: { line: number; id: string | null; reasons: string[] }[];
  /** People whose skills the import left alone because they edited them. */
  skillsKept: { line: number; id: string }[];
  /** Columns not understood (ignored). */
  ignoredColumns: string[];
}

export class ImportError extends Error {}

const COLUMNS = {
  id: ['id', 'sub', 'username', 'userid', 'externalid', 'login', 'identifiant', 'matricule'],
  name: ['name', 'displayname', 'fullname', 'nom', 'nomcomplet', 'prenomnom'],
  email: ['email', 'mail', 'emailaddress', 'courriel', 'adressemail'],
  dept: ['dept', 'department', 'departement', 'service', 'direction'],
  title: ['title', 'jobtitle', 'poste', 'fonction', 'intitule', 'intituledeposte'],
  skills: ['skills', 'competences', 'expertise', 'tags'],
  active: ['active', 'actif', 'enabled'],
  guest: ['guest', 'invite', 'external', 'externe'],
} as const;
type Column = keyof typeof COLUMNS;

const headerKey = (header: string) => skillKey(header).replace(/[^a-z0-9]/g, '');

const optionalText = (max: number) => z.string().transform((value) => value.trim()).pipe(z.union([z.literal('').transform(() => null), line(max)]));
const YES = ['true', '1', 'yes', 'y', 'oui', 'o'];
const NO = ['false', '0', 'no', 'n', 'non'];
/** yes/no in English or French; empty: the directory does not say. */
const yesNoCell = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .refine((value) => value === '' || YES.includes(value) || NO.includes(value), 'must be yes or no')
  .transform((value) => (value === '' ? undefined : YES.includes(value)));

const splitSkills = (cell: string) => cell.split(/[|;,]/).map((s) => s.trim()).filter(Boolean);

const rowSchema = z.object({
  id: externalId,
  name: line(200).transform(displayName).pipe(z.string().min(1, 'must not be blank')),
  email: z
    .string()
    .transform((value) => value.trim())
    .pipe(z.union([z.literal('').transform(() => null), z.email('must be an email address').max(320)])),
  dept: optionalText(200),
  title: optionalText(200),
  skills: z.string().transform(splitSkills).pipe(z.array(skillLabel).max(30, 'at most 30 skills')),
  active: yesNoCell,
  guest: yesNoCell,
});

class DryRun extends Error {}

export async function importPeople(sql: Pool, text: string, options: { dryRun?: boolean } = {}): Promise<ImportReport> {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new ImportError(`The file is not valid CSV: ${error.message}.`);
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw new ImportError('The file is empty: it needs a header line (id,name,email,dept,title,skills) and one line per person.');

  const positions = new Map<Column, number>();
  const ignoredColumns: string[] = [];
  header.cells.forEach((cell, index) => {
    const key = headerKey(cell);
    const column = (Object.keys(COLUMNS) as Column[]).find((c) => (COLUMNS[c] as readonly string[]).includes(key));
    if (column && !positions.has(column)) positions.set(column, index);
    else if (cell.trim()) ignoredColumns.push(cell.trim());
  });
  const missing = (['id', 'name'] as const).filter((c) => !positions.has(c));
  if (missing.length) {
    throw new ImportError(`The header line lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(' and ')} (found: ${header.cells.join(', ')}).`);
  }

  const report: ImportReport = {
    dryRun: options.dryRun === true,
    rows: rows.length,
    created: [],
    updated: [],
    unchanged: 0,
    rejected: [],
    skillsKept: [],
    ignoredColumns,
  };
  const seen = new Map<string, number>();
  const valid: { line: number; row: z.infer<typeof rowSchema> }[] = [];
  for (const record of rows) {
    const cell = (column: Column) => {
      const index = positions.get(column);
      return index === undefined ? '' : (record.cells[index] ?? '');
    };
    const rawId = cell('id').trim() || null;
    if (record.cells.length > header.cells.length) {
      report.rejected.push({ line: record.line, id: rawId, reasons: [`${record.cells.length} cells where the header has ${header.cells.length} (a separator inside an unquoted value?)`] });
      continue;
    }
    const parsed = rowSchema.safeParse(Object.fromEntries((Object.keys(COLUMNS) as Column[]).map((c) => [c, cell(c)])));
    if (!parsed.success) {
      const skills = splitSkills(cell('skills'));
      const reasons = parsed.error.issues.map((issue) => {
        const [column, index] = issue.path;
        return `${String(column ?? 'row')}${column === 'skills' && typeof index === 'number' ? ` "${skills[index]}"` : ''}: ${issue.message}`;
      });
      report.rejected.push({ line: record.line, id: rawId, reasons });
      continue;
    }
    const first = seen.get(parsed.data.id);
    if (first !== undefined) {
      report.rejected.push({ line: record.line, id: parsed.data.id, reasons: [`the same id as line ${first}`] });
      continue;
    }
    seen.set(parsed.data.id, record.line);
    valid.push({ line: record.line, row: parsed.data });
  }

  try {
    await sql.begin(async (tx) => {
      const db = tx as unknown as Db;
      for (const { line: at, row } of valid) await importRow(db, at, row, positions.has('skills'), report);
      if (options.dryRun) throw new DryRun();
    });
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
  }
  return report;
}

async function importRow(db: Db, at: number, row: z.infer<typeof rowSchema>, hasSkills: boolean, report: ImportReport) {
  const existing = await findByExternalId(db, row.id, { lock: true });
  const record: DirectoryRecord = {
    externalId: row.id,
    name: row.name,
    email: row.email ?? existing?.email ?? null,
    dept: row.dept ?? existing?.dept ?? null,
    title: row.title ?? existing?.title ?? null,
    active: row.active,
    isGuest: row.guest,
  };
  const changed: string[] = [];
  let personId: string;
  if (!existing) {
    const created = await createPerson(db, record);
    if (!created) throw new Error(`person ${row.id} appeared during the import`);
    personId = created.id;
  } else {
    personId = existing.id;
    if (differs(existing, record)) {
      for (const field of ['name', 'email', 'dept', 'title'] as const) if (existing[field] !== record[field]) changed.push(field);
      if (record.active !== undefined && existing.active !== record.active) changed.push('active');
      if (record.isGuest !== undefined && existing.isGuest !== record.isGuest) changed.push('guest');
      await updatePerson(db, personId, record);
    }
  }

  if (hasSkills && row.skills.length > 0) {
    const [profile] = await db<{ skillsEditedAt: Date | null }[]>`select skills_edited_at from profiles where person_id = ${personId}`;
    if (profile?.skillsEditedAt) {
      report.skillsKept.push({ line: at, id: row.id });
    } else {
      const skills = await resolveSkills(db, row.skills);
      // Only the directory's own skills are the import's to replace; what the person added stays.
      const own = await db<{ skillId: string }[]>`
        select skill_id from profile_tags where person_id = ${personId} and kind = 'skill' and source = 'self'`;
      const ownIds = new Set(own.map((o) => o.skillId));
      const wanted = skills.map((s) => s.id).filter((id) => !ownIds.has(id));
      const before = await db<{ skillId: string }[]>`
        select skill_id from profile_tags where person_id = ${personId} and kind = 'skill' and source = 'directory' order by position`;
      if (before.length !== wanted.length || before.some((b, i) => b.skillId !== wanted[i])) {
        await db`delete from profile_tags where person_id = ${personId} and kind = 'skill' and source = 'directory'`;
        await db`
          insert into profile_tags (person_id, kind, skill_id, position, source)
          select ${personId}, 'skill', id, 500 + ord, 'directory' from unnest(${wanted}::uuid[]) with ordinality as u (id, ord)`;
        changed.push('skills');
      }
    }
  }

  if (!existing) report.created.push({ line: at, id: row.id });
  else if (changed.length) report.updated.push({ line: at, id: row.id, changed });
  else report.unchanged++;
}

/** The report as the command prints it. */
export function formatImportReport(report: ImportReport): string {
  const would = report.dryRun ? 'would be ' : '';
  const out = [
    `${report.rows} row${report.rows === 1 ? '' : 's'} read${report.dryRun ? ' (dry run: nothing written)' : ''}.`,
    `  ${report.created.length} ${would}created`,
    `  ${report.updated.length} ${would}updated`,
    ...report.updated.map((u) => `    line ${u.line} (${u.id}): ${u.changed.join(', ')}`),
    `  ${report.unchanged} unchanged`,
    `  ${report.rejected.length} rejected`,
  ];
  if (report.rejected.length) {
    out.push('', 'Rejected rows (fix them and import the file again; the other rows are not affected):');
    for (const r of report.rejected) out.push(`  line ${r.line}${r.id ? ` (${r.id})` : ''}: ${r.reasons.join('; ')}`);
  }
  if (report.skillsKept.length) {
    out.push('', `Skills left as their owners edited them: ${report.skillsKept.map((k) => k.id).join(', ')}`);
  }
  if (report.ignoredColumns.length) out.push('', `Columns ignored: ${report.ignoredColumns.join(', ')}`);
  return out.join('\n');
}

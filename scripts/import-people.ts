/**
 * `npm run import-people -- people.csv [--dry-run]`: creates and updates people from a directory
 * export, so that the expert finder knows them before they post (see api/directory/import.ts for
 * the columns). Uses DATABASE_URL, or the embedded database in RUCHE_DATA (./.ruche-data) — which a
 * running `npm start` holds: stop it first, or use SCIM (/scim/v2) to push people to a live server.
 *
 * Exit code: 0 when every row was imported, 1 when some were rejected (the others were imported),
 * 2 when nothing could be done (no file, bad header, database busy).
 */
import { readFileSync } from 'node:fs';
import { openDatabase } from '../api/db/database.ts';
import { DataFolderBusyError } from '../api/db/data-lock.ts';
import { migrate } from '../api/db/migrate.ts';
import { formatImportReport, ImportError, importPeople } from '../api/directory/import.ts';

const USAGE = 'Usage: npm run import-people -- <people.csv> [--dry-run]\n' +
  'Columns: id,name[,email,dept,title,skills,active,guest] (French names work too; skills separated by | ; or ,).';

async function main(argv: string[]): Promise<number> {
  const dryRun = argv.includes('--dry-run');
  const files = argv.filter((arg) => !arg.startsWith('--'));
  const unknown = argv.filter((arg) => arg.startsWith('--') && arg !== '--dry-run');
  if (files.length !== 1 || unknown.length) {
    console.error(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(files[0]!, 'utf8');
  } catch (error) {
    console.error(`Cannot read ${files[0]}: ${(error as Error).message}`);
    return 2;
  }

  let database;
  try {
    database = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.RUCHE_DATA || './.ruche-data', poolSize: 1 });
  } catch (error) {
    if (error instanceof DataFolderBusyError) {
      console.error(`${error.message}\nStop the server first, or push people to it over SCIM.`);
      return 2;
    }
    throw error;
  }
  try {
    await migrate(database.sql);
    const report = await importPeople(database.sql, text, { dryRun });
    console.log(formatImportReport(report));
    return report.rejected.length ? 1 : 0;
  } catch (error) {
    if (error instanceof ImportError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}

process.exitCode = await main(process.argv.slice(2));

import { parseMarkdown } from '../../shared/markdown/parse.ts';
import type { Db } from './database.ts';

/**
 * What people write is stored twice: the source as written (to edit it again) and, in a jsonb column
 * beside it, the safe tree it parses to (what every reader renders). This is that column's value.
 */
export const markdownColumn = (db: Db, source: string) => db.json(parseMarkdown(source) as never);

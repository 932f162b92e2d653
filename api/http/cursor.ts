import { z } from '@hono/zod-openapi';
import { badRequest } from './errors.ts';

/**
 * Pagination cursors, one format for every listing: the page's position as JSON, base64url-encoded
 * so that it fits a query string and reads as opaque. A cursor coming back is checked against the
 * same schema, so a forged or stale one is a 400 rather than a query on whatever it decodes to.
 */
export interface CursorCodec<Position> {
  encode(position: Position): string;
  /** The position a cursor names; null when there is none (the first page); a 400 when it is not one we made. */
  decode(cursor: string | undefined): Position | null;
  /** Rows read one past the page size, cut to the page, with the cursor to the next page (null at the end). */
  page<Row>(rows: Row[], limit: number, positionAfter: (last: Row) => Position): { rows: Row[]; nextCursor: string | null };
}

export const invalidCursor = () => badRequest('invalid_request', 'The cursor is not one this API returned.');

export function cursorCodec<Schema extends z.ZodType>(schema: Schema): CursorCodec<z.output<Schema>> {
  const encode = (position: z.output<Schema>) => Buffer.from(JSON.stringify(position)).toString('base64url');
  return {
    encode,
    page(rows, limit, positionAfter) {
      const shown = rows.slice(0, limit);
      const last = shown[shown.length - 1];
      return { rows: shown, nextCursor: rows.length > limit && last ? encode(positionAfter(last)) : null };
    },
    decode(cursor) {
      if (!cursor) return null;
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(cursor, 'base64url').toString());
      } catch {
        throw invalidCursor();
      }
      const position = schema.safeParse(json);
      if (!position.success) throw invalidCursor();
      return position.data;
    },
  };
}

/** Keyset pages of rows keyed by a uuid: the last row shown (comments' threads, notifications). */
export const uuidKeyCursor = cursorCodec(z.strictObject({ last: z.uuid() }));

/** Keyset pages of rows keyed by a bigint serial, as text (the audit log, ideas' news). */
export const serialKeyCursor = cursorCodec(z.strictObject({ last: z.string().regex(/^\d{1,19}$/) }));

/** Pages of a listing whose order may move between requests (ideas by votes, members): the next row's position. */
export const offsetCursor = cursorCodec(z.strictObject({ offset: z.number().int().min(0).max(999_999_999) }));

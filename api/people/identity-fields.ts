import { z } from 'zod';

/**
 * The two things every door of identity brings about a person — a token's `sub`, the SSO proxy's
 * header, a SCIM userName, a CSV import's id, and the name with each — checked by the same rules.
 */
export const MAX_EXTERNAL_ID_LENGTH = 200;
/** Names longer than this are cut (between characters as people see them): they are shown on cards and by posts. */
export const MAX_NAME_LENGTH = 100;

const CONTROL_CHARACTER = /\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u;
const DIRECTION_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/;
const NOTHING_VISIBLE = /^[\p{White_Space}\p{Cf}]*$/u;

/**
 * Why a person's id cannot be used, or null. An identifier is not text to clean: one with control
 * characters, broken Unicode or direction overrides is refused rather than altered (altered, two ids
 * could become one person). Spaces around it are the one thing let go (SSO headers and CSV cells
 * bring them), so " jdupont" is jdupont wherever it comes from.
 */
export function externalIdProblem(raw: string): string | null {
  if (NOTHING_VISIBLE.test(raw)) return 'must not be empty or blank';
  if (CONTROL_CHARACTER.test(raw)) return 'must not contain control characters';
  if (LONE_SURROGATE.test(raw)) return 'must be well-formed Unicode';
  if (DIRECTION_OVERRIDE.test(raw)) return 'must not contain text-direction overrides';
  if (raw.trim().length > MAX_EXTERNAL_ID_LENGTH) return `must be at most ${MAX_EXTERNAL_ID_LENGTH} characters`;
  return null;
}

/** A person's id as a zod schema: checked as above, trimmed. */
export const externalId = z.string().transform((raw, ctx) => {
  const problem = externalIdProblem(raw);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return raw.trim();
});

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * A name as Ruche shows it: NFC, without control characters, broken Unicode or direction overrides,
 * runs of spaces made one, trimmed, at most MAX_NAME_LENGTH characters. Text, so cleaned rather
 * than refused; '' when nothing is left.
 */
export function displayName(raw: string): string {
  const cleaned = raw
    .replace(/[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]+/gu, ' ')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
  if (NOTHING_VISIBLE.test(cleaned)) return '';
  if (cleaned.length <= MAX_NAME_LENGTH) return cleaned;
  let cut = '';
  for (const { segment } of graphemes.segment(cleaned)) {
    if (cut.length + segment.length > MAX_NAME_LENGTH) break;
    cut += segment;
  }
  return cut.trimEnd();
}

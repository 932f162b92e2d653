import type { Context } from 'hono';
import { hideComment, loadComment, publishApproved, publishComment, restoreComment, settleQuestionOf, type CommentRow } from '../comments/store.ts';
import type { AppEnv } from '../context.ts';
import type { Db } from '../db/database.ts';
import { requirePerson } from '../identity/authenticate.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import { loadIdea, setIdeaModeration, type IdeaRow } from '../ideas/store.ts';
import { notifyAuthor, type InboxLive, type NotificationKind } from '../notifications/store.ts';
import { openReports, recordModerationAction, resolveReports, type ReportResolution } from '../moderation/store.ts';
import { assertCanSteward, loadSpaceAccess, type SpaceAccess } from '../spaces/access.ts';
import { subjectKeyOf } from '../subjects/subjects.ts';

/**
 * What stewards do to a post, the same for comments and ideas:
 *
 *   hide     published → hidden     a reason is required; open reports are resolved as `hidden`
 *   restore  hidden    → published  open reports are resolved as `restored`
 *   dismiss  published, reported    the reports are resolved as `dismissed`; the post stays
 *   approve  pending   → published  from then on like any post (counted, live, clocks running)
 *   reject   pending   → hidden     a reason is required
 *
 * Each action is written to the audit log (who, what, why, when) and, except dismiss, the author is
 * told what happened and why (never by whom). Only the space's stewards (and admins) may act: the
 * check is the first thing done after finding the post, so nothing else is learnt or changed.
 */
export type ModerationAction = 'hide' | 'restore' | 'dismiss' | 'approve' | 'reject';
export const MODERATION_ACTIONS = ['hide', 'restore', 'dismiss', 'approve', 'reject'] as const;

const REASON_REQUIRED: ReadonlySet<ModerationAction> = new Set(['hide', 'reject']);

const TOLD: Partial<Record<ModerationAction, NotificationKind>> = {
  hide: 'post_hidden',
  restore: 'post_restored',
  approve: 'post_approved',
  reject: 'post_rejected',
};

/** What each action needs the post to be in: comment statuses and idea moderation states alike. */
const FROM: Record<ModerationAction, 'published' | 'hidden' | 'pending'> = {
  hide: 'published',
  restore: 'hidden',
  dismiss: 'published',
  approve: 'pending',
  reject: 'pending',
};

export interface ActionResult {
  kind: 'comment' | 'idea';
  id: string;
  action: ModerationAction;
  state: 'published' | 'pending' | 'hidden';
  resolvedReports: number;
}

function invalidTransition(action: ModerationAction, state: string) {
  const hints: Record<ModerationAction, string> = {
    hide: 'Only a published post can be hidden (a pending one is rejected).',
    restore: 'Only a hidden post can be restored.',
    dismiss: 'Only the reports on a published post can be dismissed.',
    approve: 'Only a post waiting for a steward can be approved.',
    reject: 'Only a post waiting for a steward can be rejected (a published one is hidden).',
  };
  return conflict('invalid_transition', `${hints[action]} This one is ${state}.`, { state });
}

export function requireReason(action: ModerationAction, reason: string | undefined): string | null {
  const text = reason?.trim() || null;
  if (REASON_REQUIRED.has(action) && !text) {
    const message = `is required to ${action}: the author will read it`;
    throw badRequest('invalid_request', `The request body is not valid (reason: ${message}).`, [
      { path: 'reason', message, code: 'custom' },
    ]);
  }
  return text;
}

async function stewardAccess(c: Context<AppEnv>, spaceId: string): Promise<SpaceAccess> {
  const person = requirePerson(c);
  const access = await loadSpaceAccess(c.var.db, person, { id: spaceId }, c.var.deps.config.auth.anonymousRead);
  assertCanSteward(access, person);
  return access;
}

const RESOLUTION: Partial<Record<ModerationAction, ReportResolution>> = {
  hide: 'hidden',
  restore: 'restored',
  dismiss: 'dismissed',
};

/** A steward acts on a comment. */
export async function moderateComment(c: Context<AppEnv>, id: string, action: ModerationAction, reasonText: string | undefined): Promise<ActionResult> {
  const db = c.var.db;
  // Rights first, on an unlocked read: someone who may not act locks nothing; then the row, locked.
  const unlocked = await loadComment(db, id);
  if (!unlocked) throw notFound('This comment');
  await stewardAccess(c, unlocked.spaceId);
  const row = await loadComment(db, id, { lock: true });
  if (!row) throw notFound('This comment');
  const reason = requireReason(action, reasonText);
  const person = c.var.person!;
  if (row.status !== FROM[action]) throw invalidTransition(action, row.status);
  const reports = await openReports(db, 'comment', row.id);
  if (action === 'dismiss' && reports === 0) throw conflict('nothing_to_dismiss', 'This comment has no open report.', { state: row.status });

  const subjectKey = await subjectKeyOf(db, row.subjectId);
  const { bus } = c.var.deps;
  let state: ActionResult['state'] = row.status as ActionResult['state'];
  if (action === 'hide' || action === 'reject') {
    await hideComment(db, row.id, reason);
    state = 'hidden';
    // Others see its place, not its words (a pending comment was never on anyone's stream).
    if (action === 'hide') await publishComment(db, bus, c.var.afterCommit, 'comment.updated', row, subjectKey);
    // A hidden answer is no longer accepted, nor the one that answered its question.
    await settleQuestionOf(db, bus, c.var.afterCommit, row.id, subjectKey);
  } else if (action === 'restore') {
    await restoreComment(db, row.id);
    state = 'published';
    // `created`: a client that dropped the hidden comment takes it back as a new one.
    await publishComment(db, bus, c.var.afterCommit, 'comment.created', row, subjectKey);
    await settleQuestionOf(db, bus, c.var.afterCommit, row.id, subjectKey);
  } else if (action === 'approve') {
    await publishApproved(db, bus, c.var.afterCommit, row, subjectKey);
    state = 'published';
  }
  const resolution = RESOLUTION[action];
  const resolvedReports = resolution ? await resolveReports(db, 'comment', row.id, resolution, person.id) : 0;
  await recordModerationAction(db, { spaceId: row.spaceId, kind: 'comment', id: row.id, action, reason, actorId: person.id });
  await tell(db, { bus: c.var.deps.bus, afterCommit: c.var.afterCommit }, action, row, { kind: 'comment', id: row.id }, reason, person.id);
  return { kind: 'comment', id: row.id, action, state, resolvedReports };
}

/** A steward acts on an idea. Its workflow status (new, planned…) is left as it is. */
export async function moderateIdea(c: Context<AppEnv>, id: string, action: ModerationAction, reasonText: string | undefined): Promise<ActionResult> {
  const db = c.var.db;
  const unlocked = await loadIdea(db, id, null);
  if (!unlocked) throw notFound('This idea');
  await stewardAccess(c, unlocked.spaceId);
  const row = await loadIdea(db, id, null, { lock: true });
  if (!row) throw notFound('This idea');
  const reason = requireReason(action, reasonText);
  const person = c.var.person!;
  if (row.moderation !== FROM[action]) throw invalidTransition(action, row.moderation);
  const reports = await openReports(db, 'idea', row.id);
  if (action === 'dismiss' && reports === 0) throw conflict('nothing_to_dismiss', 'This idea has no open report.', { state: row.moderation });

  let state = row.moderation;
  if (action === 'hide' || action === 'reject') {
    await setIdeaModeration(db, row.id, 'hidden', reason);
    state = 'hidden';
  } else if (action === 'restore' || action === 'approve') {
    await setIdeaModeration(db, row.id, 'published', null);
    state = 'published';
  }
  const resolution = RESOLUTION[action];
  const resolvedReports = resolution ? await resolveReports(db, 'idea', row.id, resolution, person.id) : 0;
  await recordModerationAction(db, { spaceId: row.spaceId, kind: 'idea', id: row.id, action, reason, actorId: person.id });
  await tell(db, { bus: c.var.deps.bus, afterCommit: c.var.afterCommit }, action, row, { kind: 'idea', id: row.id }, reason, person.id);
  return { kind: 'idea', id: row.id, action, state, resolvedReports };
}

/** The author is told, unless the steward acted on their own post or the author erased their account. */
async function tell(
  db: Db,
  live: InboxLive,
  action: ModerationAction,
  row: CommentRow | IdeaRow,
  target: { kind: 'comment' | 'idea'; id: string },
  reason: string | null,
  actorId: string,
) {
  const kind = TOLD[action];
  if (!kind || !row.authorId || row.authorId === actorId) return;
  await notifyAuthor(db, { personId: row.authorId, kind, spaceId: row.spaceId, target, reason }, live);
}

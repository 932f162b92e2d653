import type { Db, Pool } from '../db/database.ts';
import { forgetPastDays, utcDay } from '../readings/store.ts';

/**
 * Retention: what Ruche keeps about activity, beyond the posts themselves, is deleted once it is
 * older than RUCHE_RETENTION_DAYS (default 400):
 *
 * - notifications (the inbox, from their latest event, and the experts' "someone asks you"),
 * - the stewards' audit log,
 * - reports once they were dealt with (open reports stay until a steward looks at them).
 *
 * Reading marks never outlive their day, whatever the setting: they are deleted as soon as the day
 * is over (their key was never stored). The daily reader counts are aggregates (no person in them)
 * and are kept, as are the posts themselves: those stay until their author deletes them or erases
 * their account (stewards hide, they do not delete). Live events (7 days) and idempotency keys
 * (1 day) have their own, shorter, housekeeping in server.ts.
 */
export interface Purged {
  notifications: number;
  expertNotifications: number;
  auditEntries: number;
  resolvedReports: number;
}

export async function purgeExpired(db: Db, retentionDays: number, now: Date = new Date()): Promise<Purged> {
  await forgetPastDays(db, utcDay(now));
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const notifications = await db`delete from notifications where updated_at < ${cutoff} returning 1`;
  const expertNotifications = await db`delete from expert_notifications where created_at < ${cutoff} returning 1`;
  const auditEntries = await db`delete from moderation_actions where created_at < ${cutoff} returning 1`;
  const commentReports = await db`delete from comment_reports where resolved_at < ${cutoff} returning 1`;
  const ideaReports = await db`delete from idea_reports where resolved_at < ${cutoff} returning 1`;
  return {
    notifications: notifications.length,
    expertNotifications: expertNotifications.length,
    auditEntries: auditEntries.length,
    resolvedReports: commentReports.length + ideaReports.length,
  };
}

/**
 * Runs the purge a minute after start, then every `everyMs` (hourly by default), each run in one
 * transaction. Returns a function that stops it.
 */
export function scheduleRetention(sql: Pool, retentionDays: number, everyMs = 3600_000, onError: (error: unknown) => void = () => {}): () => void {
  const run = () => {
    sql.begin((tx) => purgeExpired(tx as unknown as Db, retentionDays)).catch(onError);
  };
  const first = setTimeout(run, Math.min(60_000, everyMs));
  first.unref();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

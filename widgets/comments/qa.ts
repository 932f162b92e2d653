import type { Comment } from '../../shared/api-types.ts';

/**
 * Whether a question's answer-time promise was kept ("every question gets an answer within a known,
 * respected delay"): answered within the promise, answered late, or still waiting, and for how long.
 * The clock stops at `answeredAt`, the first answer by someone other than the asker.
 */
export type AnswerClock =
  | { state: 'kept' | 'late' | 'answered'; took: number }
  | { state: 'waiting' | 'overdue'; waited: number; left: number | null };

export function answerClock(question: Comment, promiseHours: number | null, now = Date.now()): AnswerClock {
  const asked = Date.parse(question.createdAt);
  const promise = promiseHours === null ? null : promiseHours * 3_600_000;
  if (question.answeredAt) {
    const took = Date.parse(question.answeredAt) - asked;
    return { state: promise === null ? 'answered' : took <= promise ? 'kept' : 'late', took };
  }
  const waited = Math.max(0, now - asked);
  if (promise === null) return { state: 'waiting', waited, left: null };
  return waited > promise ? { state: 'overdue', waited, left: 0 } : { state: 'waiting', waited, left: promise - waited };
}

import { css, html, nothing, svg, type CSSResultOrNative, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Comment } from '../../shared/api-types.ts';
import { plural, type Lang } from '../shared/i18n.ts';
import { check, icon } from './icons.ts';

/**
 * Q&A mode: its words and marks (questions, solved, the accepted answer), and the answer-time promise
 * ("every question gets an answer within a known, respected delay"): the space's promise above the
 * questions, and under each question whether it was kept. Loaded only where comments are in Q&A mode.
 */
export type AnswerClock =
  | { state: 'kept' | 'late' | 'answered'; took: number }
  | { state: 'waiting' | 'overdue'; waited: number; left: number | null };

/** The clock stops at `answeredAt`: the first answer by someone other than the asker. */
export function answerClock(question: Pick<Comment, 'createdAt' | 'answeredAt'>, promiseHours: number | null, now = Date.now()): AnswerClock {
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

const units = new Map<string, Intl.NumberFormat>();

/** A duration as people say it: "25 min", "48 h", "3 jours" / "25 min", "48 hr", "3 days". */
export function duration(ms: number, lang: Lang): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const [unit, value]: [string, number] =
    minutes < 60 ? ['minute', minutes] : minutes < 72 * 60 ? ['hour', Math.round(minutes / 60)] : ['day', Math.round(minutes / 1440)];
  let format = units.get(lang + unit);
  if (!format) units.set(lang + unit, (format = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: unit === 'day' ? 'long' : 'short' })));
  return format.format(value);
}

const messages = {
  fr: {
    questions: 'Questions',
    messages: ['# message', '# messages'],
    emptyQa: 'Aucune question pour l’instant. Posez la première !',
    askQuestion: 'Poser une question',
    publishQuestion: 'Publier la question',
    placeholderQa: 'Décrivez votre question : contexte, ce que vous avez essayé…',
    accepted: 'Réponse acceptée',
    solved: 'Résolue',
    promise: 'Réponse garantie sous #',
    kept: 'Répondu en # · dans le délai promis',
    late: 'Répondu en # · au-delà du délai promis',
    answered: 'Répondu en #',
    waiting: 'En attente de réponse depuis #',
    waitingPromise: 'En attente depuis # · réponse promise d’ici %',
    overdue: 'En attente depuis # · délai promis dépassé',
  },
  en: {
    questions: 'Questions',
    messages: ['# message', '# messages'],
    emptyQa: 'No questions yet. Ask the first one!',
    askQuestion: 'Ask a question',
    publishQuestion: 'Post the question',
    placeholderQa: 'Describe your question: context, what you tried…',
    accepted: 'Accepted answer',
    solved: 'Solved',
    promise: 'Answer guaranteed within #',
    kept: 'Answered in # · within the promise',
    late: 'Answered in # · later than promised',
    answered: 'Answered in #',
    waiting: 'Waiting for an answer for #',
    waitingPromise: 'Waiting for # · answer promised within %',
    overdue: 'Waiting for # · promised time exceeded',
  },
};

const clock = svg`<circle cx="12" cy="12" r="8.5"/><path d="M12 7.5V12l3 2"/>`;

const styles = css`
  .accepted {
    margin-left: -0.6em;
    padding: 0.6em;
    background: color-mix(in srgb, var(--_success) 7%, var(--_bg));
    box-shadow: inset 0 0 0 1px color-mix(in srgb, var(--_success) 35%, transparent);
  }
  .count {
    margin-left: 0.4em;
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 500;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    padding: 0 0.55em;
    border-radius: 999px;
    background: color-mix(in srgb, var(--_success) 12%, transparent);
    color: var(--_success);
    font-size: 0.78em;
    font-weight: 600;
  }
  .promise,
  .clock {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    padding: 0.1em 0.6em;
    border-radius: 999px;
    background: var(--_accent-soft);
    color: var(--_accent);
    font-size: 0.84em;
    font-weight: 600;
  }
  .clock {
    margin-top: 0.45em;
  }
  .kept,
  .answered {
    background: color-mix(in srgb, var(--_success) 12%, transparent);
    color: var(--_success);
  }
  .late {
    background: color-mix(in srgb, var(--_warning) 14%, transparent);
    color: var(--_warning);
  }
  .overdue {
    background: color-mix(in srgb, var(--_danger) 11%, transparent);
    color: var(--_danger);
  }
`;

/** What Q&A mode needs of <ruche-comments>: the language it speaks, and where its marks' styles go. */
export interface QaHost extends ReactiveControllerHost {
  readonly language: Lang;
  addStyles(styles: CSSResultOrNative): void;
}

/** Q&A mode's words, marks and clocks, which <ruche-comments> draws where they go. */
export class AnswerPromise implements ReactiveController {
  constructor(private readonly host: QaHost) {
    host.addController(this);
    host.addStyles(styles);
  }

  hostDisconnected(): void {
    // Nothing to stop: the clocks move on with the host's own ticker, which it stops.
  }

  private get lang(): Lang {
    return this.host.language;
  }

  get m() {
    return messages[this.lang];
  }

  /** "Questions 3 messages". */
  heading(count: number) {
    return html`${this.m.questions} <span class="count">${plural(count, this.lang, this.m.messages)}</span>`;
  }

  /** A question solved, an answer accepted. */
  badge(c: Comment, accepted: boolean) {
    const badge = (text: string) => html`<span class="badge ok">${icon(check, 12)}${text}</span>`;
    return html`${c.isQuestion && c.acceptedAnswerId ? badge(this.m.solved) : nothing} ${accepted ? badge(this.m.accepted) : nothing}`;
  }

  /** "Réponse garantie sous 48 h", when the space promises a time. */
  promise(hours: number | null) {
    return hours === null ? '' : html`<p class="promise">${icon(clock, 14)}${messages[this.lang].promise.replace('#', duration(hours * 3_600_000, this.lang))}</p>`;
  }

  /** Under a question: answered in time, late, or still waiting (and for how long). */
  clock(question: Comment, promiseHours: number | null) {
    const m = messages[this.lang];
    const say = (ms: number) => duration(ms, this.lang);
    const state = answerClock(question, promiseHours);
    const text =
      'took' in state
        ? m[state.state].replace('#', say(state.took))
        : (state.state === 'overdue' ? m.overdue : state.left !== null ? m.waitingPromise : m.waiting).replace('#', say(state.waited)).replace('%', say(state.left ?? 0));
    return html`<p class="clock ${state.state}">${icon(state.state === 'kept' || state.state === 'answered' ? check : clock, 14)}${text}</p>`;
  }
}

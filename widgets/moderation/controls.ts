import { css, html, nothing, type CSSResultOrNative } from 'lit';
import type { ModerationAction, ModerationActionResult } from '../../shared/api-types.ts';
import type { RucheContext } from '../shared/context.ts';
import { errorMessage, type Lang } from '../shared/i18n.ts';

/**
 * A steward's moves on one post, wherever it is shown: under a comment, on an idea, in the
 * moderation queue. Which moves a post allows follows its state (as the API does):
 *
 *   published → Masquer (a reason, which its author reads)
 *   hidden    → Rétablir
 *   pending   → Approuver, or Refuser (a reason)
 *   reported  → also « Classer sans suite » (a reason, kept in the stewards' log): the reports are
 *               closed, the post stays
 *
 * This code loads for the space's stewards only: nobody else downloads it. The server refuses the
 * same moves to anyone else (403 steward_only), whatever a page shows.
 */
export interface Target {
  kind: 'comment' | 'idea';
  id: string;
  status: 'published' | 'hidden' | 'pending' | 'deleted';
  /** Open reports: the post may be dismissed. */
  reported?: boolean;
}

/** Where the open reason form is kept: one inline form open at a time, like the host's own forms. */
export interface FormSlot {
  open: string | null;
}

export interface ControlsHost {
  readonly language: Lang;
  readonly context: RucheContext;
  requestUpdate(): void;
  addStyles(styles: CSSResultOrNative): void;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
}

const words = {
  fr: {
    hide: 'Masquer',
    restore: 'Rétablir',
    approve: 'Approuver',
    reject: 'Refuser',
    dismiss: 'Classer sans suite',
    dismissHint: 'Les signalements sont clos, le message reste publié.',
    reasonHide: 'Pourquoi le masquer ? Son auteur lira cette raison.',
    reasonReject: 'Pourquoi le refuser ? Son auteur lira cette raison.',
    reasonDismiss: 'Pourquoi classer sans suite ? Les animateurs liront cette raison dans le journal.',
    cancel: 'Annuler',
    stewards: 'Animation',
    done: {
      hide: 'Masqué. Son auteur en est informé, avec votre raison.',
      restore: 'Rétabli : chacun le voit de nouveau.',
      approve: 'Approuvé : il est publié pour tous.',
      reject: 'Refusé. Son auteur en est informé, avec votre raison.',
      dismiss: 'Signalements classés : le message reste publié.',
    },
  },
  en: {
    hide: 'Hide',
    restore: 'Restore',
    approve: 'Approve',
    reject: 'Refuse',
    dismiss: 'Dismiss the reports',
    dismissHint: 'The reports are closed, the post stays published.',
    reasonHide: 'Why hide it? Its author will read this reason.',
    reasonReject: 'Why refuse it? Its author will read this reason.',
    reasonDismiss: 'Why dismiss the reports? The stewards will read this reason in the log.',
    cancel: 'Cancel',
    stewards: 'Stewards',
    done: {
      hide: 'Hidden. Its author is told, with your reason.',
      restore: 'Restored: everyone sees it again.',
      approve: 'Approved: it is published for everyone.',
      reject: 'Refused. Its author is told, with your reason.',
      dismiss: 'Reports dismissed: the post stays published.',
    },
  },
};

const styles = css`
  .steward-moves {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.1em;
    margin-left: 0.3em;
    padding-left: 0.4em;
    border-left: 1px solid var(--_border);
  }
  .steward-moves .link.warn {
    color: var(--_warning);
  }
  .steward-moves .link.go {
    color: var(--_success);
  }
  .reason {
    margin: 0.6em 0 0.3em;
    padding: 0.6em 0.75em;
    border: 1px solid color-mix(in srgb, var(--_warning) 45%, var(--_border));
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_warning) 6%, var(--_bg));
  }
  .reason label {
    display: block;
    margin-bottom: 0.35em;
    font-size: 0.9em;
    font-weight: 600;
  }
  .reason textarea {
    display: block;
    width: 100%;
    min-height: 3.2em;
    padding: 0.4em 0.6em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_bg);
    resize: vertical;
    field-sizing: content;
  }
  .reason .row {
    display: flex;
    justify-content: flex-end;
    gap: 0.5em;
    margin-top: 0.5em;
  }
  .btn.warn-line {
    border-color: color-mix(in srgb, var(--_warning) 55%, var(--_border));
    color: var(--_warning);
  }
  .btn.go-line {
    border-color: var(--_success);
    background: var(--_success);
    color: var(--_on-accent);
  }
  .btn.warn {
    border-color: var(--_warning);
    background: var(--_warning);
    color: var(--_on-accent);
  }
`;

/** The moves that ask why first: hide and reject tell the author; a dismissal is kept in the log. */
type ReasonedMove = 'hide' | 'reject' | 'dismiss';
const asksWhy = (action: ModerationAction): action is ReasonedMove => action === 'hide' || action === 'reject' || action === 'dismiss';

export class ModerationControls {
  private readonly reasons = new Map<string, string>();
  private readonly busy = new Set<string>();
  private readonly failures = new Map<string, string>();
  /** The button that opened the reason form: it gets the focus back when the form closes. */
  private opener: HTMLElement | null = null;

  constructor(
    private readonly host: ControlsHost,
    private readonly slot: FormSlot,
    /** A move was made: the post is now `result.state` (`reason`: the one given). */
    private readonly done: (target: Target, result: ModerationActionResult, reason: string | null) => void,
  ) {
    host.addStyles(styles);
  }

  get w() {
    return words[this.host.language];
  }

  /** What a move did, said to the steward. */
  doneText(action: ModerationAction): string {
    return this.w.done[action];
  }

  private key(action: ModerationAction, target: Target) {
    return `${action}:${target.kind}:${target.id}`;
  }

  /** Makes a move; hide, reject and dismiss first ask why (the form), then send. */
  async act(action: ModerationAction, target: Target, opener?: HTMLElement): Promise<void> {
    const { host } = this;
    const key = this.key(action, target);
    const needsReason = asksWhy(action);
    if (needsReason && this.slot.open !== key) {
      this.slot.open = key;
      this.failures.delete(key);
      host.requestUpdate();
      await host.updateComplete;
      host.renderRoot.querySelector<HTMLTextAreaElement>(`[data-reason="${key}"] textarea`)?.focus();
      this.opener = opener ?? null;
      return;
    }
    const reason = needsReason ? (this.reasons.get(key) ?? '').trim() : null;
    if (needsReason && !reason) {
      host.renderRoot.querySelector<HTMLTextAreaElement>(`[data-reason="${key}"] textarea`)?.focus();
      return;
    }
    if (this.busy.has(key)) return;
    this.busy.add(key);
    this.failures.delete(key);
    host.requestUpdate();
    try {
      const result = await host.context.client.request('POST', '/api/moderation/:kind/:id/:action', {
        query: { kind: `${target.kind}s`, id: target.id, action },
        body: reason ? { reason } : {},
      });
      this.reasons.delete(key);
      if (this.slot.open === key) this.slot.open = null;
      this.done(target, result, reason);
    } catch (error) {
      this.failures.set(key, errorMessage(error, host.language));
    } finally {
      this.busy.delete(key);
      host.requestUpdate();
    }
  }

  private close(key: string): void {
    if (this.slot.open === key) this.slot.open = null;
    this.failures.delete(key);
    this.host.requestUpdate();
    if (this.opener?.isConnected) this.opener.focus();
  }

  /** The moves a post allows, as link-like buttons (`inline`: after a comment's own buttons). */
  buttons(target: Target, inline = true) {
    const w = this.w;
    const move = (action: ModerationAction, label: string, go = false) => {
      const tone = go ? 'go' : action === 'dismiss' ? '' : 'warn';
      const key = this.key(action, target);
      const asks = asksWhy(action);
      return html`<button
        class=${inline ? `link ${tone}` : `btn ${tone}-line`}
        data-move=${action}
        aria-expanded=${asks ? (this.slot.open === key ? 'true' : 'false') : nothing}
        ?disabled=${this.busy.has(key)}
        @click=${(event: Event) => this.act(action, target, event.currentTarget as HTMLElement)}
      >
        ${label}
      </button>`;
    };
    const moves =
      target.status === 'pending'
        ? [move('approve', w.approve, true), move('reject', w.reject)]
        : target.status === 'hidden'
          ? [move('restore', w.restore, true)]
          : target.status === 'published'
            ? [move('hide', w.hide), target.reported ? move('dismiss', w.dismiss, true) : nothing]
            : [];
    if (!moves.length) return nothing;
    return inline
      ? html`<span class="steward-moves" role="group" aria-label=${w.stewards}>${moves}</span>`
      : html`${moves}`;
  }

  /** The reason form of a hide, a refusal or a dismissal, under the post, when open; and what went wrong. */
  form(target: Target) {
    const w = this.w;
    const open = this.slot.open;
    const failure = [...this.failures].find(([key]) => key.endsWith(`:${target.kind}:${target.id}`))?.[1];
    const failed = failure ? html`<p class="alert" role="alert">${failure}</p>` : nothing;
    if (!open?.endsWith(`:${target.kind}:${target.id}`)) return failed;
    const action = open.split(':')[0] as ModerationAction;
    if (!asksWhy(action)) return failed;
    const [label, submitLabel, tone] = {
      hide: [w.reasonHide, w.hide, 'warn'],
      reject: [w.reasonReject, w.reject, 'warn'],
      dismiss: [w.reasonDismiss, w.dismiss, 'go-line'],
    }[action];
    const id = `reason-${target.kind}-${target.id}`;
    const submit = (event: Event) => {
      event.preventDefault();
      void this.act(action, target);
    };
    return html`<form class="reason" data-reason=${open} @submit=${submit}>
      <label for=${id}>${label}</label>
      <textarea
        id=${id}
        rows="2"
        maxlength="500"
        required
        .value=${this.reasons.get(open) ?? ''}
        @input=${(event: InputEvent) => this.reasons.set(open, (event.target as HTMLTextAreaElement).value)}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            this.close(open);
          } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
        }}
      ></textarea>
      <div class="row">
        <button type="button" class="btn" @click=${() => this.close(open)}>${w.cancel}</button>
        <button class="btn ${tone}" ?disabled=${this.busy.has(open)}>${submitLabel}</button>
      </div>
      ${failed}
    </form>`;
  }
}

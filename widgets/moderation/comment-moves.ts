import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Comment, ModerationActionResult } from '../../shared/api-types.ts';
import { applyComment, placementIn, type PlacementHost } from '../comments/changes.ts';
import type { ThreadStore } from '../comments/store.ts';
import { ModerationControls, type ControlsHost, type FormSlot, type Target } from './controls.ts';

/**
 * What the stewards' moves need of <ruche-comments>: its threads, where a move shows, and its one
 * open form (a reason form is one of them).
 */
export interface CommentMovesHost extends ReactiveControllerHost, ControlsHost, FormSlot, PlacementHost {
  readonly store: ThreadStore;
  announce(text: string): void;
  focusIn(selector: string): void;
}

/**
 * The stewards' moves under the comments of <ruche-comments>: loaded when the page read says the
 * person is a steward of the space (`viewer.canSteward`), never for anyone else. A move shows at once
 * where it was made; everyone else's widgets learn it from the live stream (a hidden comment becomes
 * a placeholder there; a restored or approved one appears).
 */
export class CommentMoves implements ReactiveController {
  private readonly controls: ModerationControls;

  constructor(private readonly host: CommentMovesHost) {
    host.addController(this);
    this.controls = new ModerationControls(host, host, (target, result, reason) => this.moved(target, result, reason));
  }

  hostDisconnected(): void {
    // Nothing to stop: a move being sent is made anyway, the steward asked for it.
  }

  /** The moves a comment allows, after its own buttons. */
  buttons(target: Target) {
    return this.controls.buttons(target);
  }

  /** The reason form of a move, under the comment, when open. */
  form(target: Target) {
    return this.controls.form(target);
  }

  /** A move was made: shown at once, and said to the steward, whose focus goes back to the comment. */
  private moved(target: Target, result: ModerationActionResult, reason: string | null): void {
    const { host } = this;
    const found = host.store.find(target.id);
    if (!found) return;
    const next: Comment = { ...found.comment, status: result.state };
    if (result.state === 'published') delete next.moderation;
    else next.moderation = { state: result.state, heldFor: null, word: null, reason, at: new Date().toISOString() };
    applyComment(host.store, next, placementIn(host));
    host.announce(this.controls.doneText(result.action));
    void host.updateComplete.then(() => host.focusIn(`#c-${target.id}`));
  }
}

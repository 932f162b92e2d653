import type { Comment } from '../../shared/api-types.ts';
import { applyComment, placementIn } from '../comments/changes.ts';
import type { RucheComments } from '../comments/comments.component.ts';
import { ModerationControls } from './controls.ts';

/**
 * The stewards' moves under the comments of <ruche-comments>: loaded when the page read says the
 * person is a steward of the space (`viewer.canSteward`), never for anyone else. A move shows at once
 * where it was made; everyone else's widgets learn it from the live stream (a hidden comment becomes
 * a placeholder there; a restored or approved one appears).
 */
export function load(host: RucheComments): void {
  const controls: ModerationControls = new ModerationControls(host, host, (target, result, reason) => {
    const found = host.store.find(target.id);
    if (!found) return;
    const next: Comment = { ...found.comment, status: result.state };
    if (result.state === 'published') delete next.moderation;
    else next.moderation = { state: result.state, heldFor: null, word: null, reason, at: new Date().toISOString() };
    applyComment(host.store, next, placementIn(host));
    host.announce(controls.doneText(result.action));
    void host.updateComplete.then(() => host.focusIn(`#c-${target.id}`));
  });
  host.moderating = controls;
  host.requestUpdate();
}

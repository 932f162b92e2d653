import type { Idea, IdeaDetail } from '../../shared/api-types.ts';
import { ModerationControls, type ControlsHost } from './controls.ts';

/** What the moves need of the idea box's participation: the idea in the list, and the status region. */
export interface IdeaMovesParticipation {
  find(id: string): Idea | undefined;
  announce(text: string): void;
}

/** What the moves need of <ruche-idea-box>, besides what every steward's controls need. */
export interface IdeaMovesHost extends ControlsHost {
  readonly participation: IdeaMovesParticipation | null;
}

/** The idea's view the moves are shown in: the idea, and how the idea read again replaces it. */
export interface MovedIdea {
  readonly idea: IdeaDetail | null;
  replace(idea: IdeaDetail): void;
}

/**
 * The stewards' moves on an idea, in its view of <ruche-idea-box>: loaded with the view for the
 * space's stewards only. After a move the idea is read again, as the server now has it.
 */
export function load(host: IdeaMovesHost, view: MovedIdea): ModerationControls {
  const controls: ModerationControls = new ModerationControls(host, { open: null }, async (target, result) => {
    view.replace(await host.context.client.get('/api/ideas/:id', { id: target.id }));
    if (!view.idea?.moderation) delete (host.participation!.find(target.id) ?? {}).moderation;
    host.participation!.announce(controls.doneText(result.action));
  });
  return controls;
}

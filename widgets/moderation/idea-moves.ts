import type { IdeaDetailView } from '../ideas/detail.ts';
import { ModerationControls } from './controls.ts';

/**
 * The stewards' moves on an idea, in its view of <ruche-idea-box>: loaded with the view for the
 * space's stewards only. After a move the idea is read again, as the server now has it.
 */
export function load(view: IdeaDetailView): ModerationControls {
  const { host } = view;
  const controls: ModerationControls = new ModerationControls(host, { open: null }, async (target, result) => {
    view.replace(await host.context.client.get('/api/ideas/:id', { id: target.id }));
    if (!view.idea?.moderation) delete (host.participation!.find(target.id) ?? {}).moderation;
    host.participation!.announce(controls.doneText(result.action));
  });
  return controls;
}

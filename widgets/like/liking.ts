import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LikeState } from '../../shared/api-types.ts';
import { ApiError } from '../shared/api.ts';
import type { RucheContext } from '../shared/context.ts';
import { errorMessage, type Lang } from '../shared/i18n.ts';

/** What liking needs of <ruche-like>: what is liked, and the button's state it moves. */
export interface LikingHost extends ReactiveControllerHost {
  readonly context: RucheContext;
  readonly language: Lang;
  readonly spaceSlug: string | undefined;
  readonly subjectKey: string;
  /** What the button shows. */
  state: LikeState | null;
  /** The last state the server gave. */
  confirmed: LikeState | null;
  notice: { text: string; error: boolean } | null;
  readonly people: { reload(): unknown; close(restoreFocus: boolean): void } | null;
}

/** What to tell someone who may not like yet (loaded with the first click: most never see it). */
const signIn = {
  fr: ['Connectez-vous à l’intranet pour aimer.', 'Choisissez d’abord qui vous êtes (« Vous êtes : » en haut de la page).'],
  en: ['Sign in to the intranet to like this.', 'First pick who you are (“You are:” at the top of the page).'],
};

/**
 * Liking and unliking, for <ruche-like>: shown at once (by the button), sent to the server (PUT or
 * DELETE, set semantics, so a retry changes nothing more), rolled back if refused. Loaded with the
 * first click: most visitors of a news list only read the counts.
 */
export class Liking implements ReactiveController {
  /** The liked state the person asked for, while the server has not confirmed it. */
  private wanted: boolean | null = null;

  constructor(private readonly host: LikingHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // Nothing to stop: a like being sent is sent anyway, the person asked for it.
  }

  /** The button has shown `liked` already; `before` is what it showed until then. */
  async toggle(before: LikeState, liked: boolean): Promise<void> {
    const { host } = this;
    const { client, identity } = host.context;
    if (!(await identity.token())) {
      const mode = await client.authMode();
      // In header mode the SSO proxy signs requests in; elsewhere no token means nobody.
      if (mode !== 'header') {
        host.state = before;
        return this.signIn(mode);
      }
    }
    const syncing = this.wanted !== null;
    this.wanted = liked;
    if (!syncing) await this.sync();
  }

  /** Sends the wanted state until the server has it: quick double clicks end where the person left them. */
  private async sync(): Promise<void> {
    const { host } = this;
    const { client } = host.context;
    const space = host.spaceSlug;
    const subject = host.subjectKey;
    try {
      while (this.wanted !== null && this.wanted !== host.confirmed?.liked) {
        host.confirmed = this.wanted
          ? await client.request('PUT', '/api/likes', { body: space ? { space, subject } : { subject } })
          : await client.request('DELETE', '/api/likes', { query: { space, subject } });
      }
      host.state = host.confirmed;
      host.people?.reload();
    } catch (error) {
      host.state = host.confirmed; // roll back
      if (error instanceof ApiError && error.status === 401) this.signIn(await client.authMode());
      else host.notice = { text: errorMessage(error, host.language), error: true };
    } finally {
      this.wanted = null;
    }
  }

  private signIn(mode: string | null): void {
    this.host.people?.close(false);
    this.host.notice = { text: signIn[this.host.language][mode === 'demo' ? 1 : 0]!, error: false };
  }
}

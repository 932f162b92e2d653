import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ExpertProfile } from '../../shared/api-types.ts';
import { ApiError } from '../shared/api.ts';
import type { RucheContext } from '../shared/context.ts';
import { errorMessage, type Lang } from '../shared/i18n.ts';
import { shownCards } from './card.ts';

type Skill = ExpertProfile['skills'][number];

/** What endorsing needs of <ruche-person>: whose card it is, and where to say a refusal. */
export interface EndorsingHost extends ReactiveControllerHost {
  readonly context: RucheContext;
  readonly language: Lang;
  /** The card's person (shown: one endorses only what one sees). */
  readonly profile: ExpertProfile | null | undefined;
  /** A refused endorsement, said on the card. */
  failure: string | null;
}

const refusals: Record<'fr' | 'en', Record<string, string>> = {
  fr: {
    cannot_endorse_self: 'On ne se recommande pas soi-même : ce sont vos collègues qui le font.',
    skill_not_declared: 'Cette personne ne déclare plus cette compétence.',
  },
  en: {
    cannot_endorse_self: 'One does not endorse oneself: your colleagues do.',
    skill_not_declared: 'This person no longer declares this skill.',
  },
};

/** The skills whose endorsement is being sent, whichever card sent it. */
const busy = new WeakSet<object>();

/**
 * Shows `count` endorsements (`byMe`: one of them mine) of the skill on every card of this person in
 * the page (a result and the same person in a side column): on the skill's chip, and in the reason
 * a search result gives ("recommandé·e par 3 collègues").
 */
function show(personId: string, skill: Skill, count: number, byMe: boolean): void {
  for (const card of shownCards) {
    if (card.profile?.person.id !== personId) continue;
    for (const s of card.profile.skills) if (s.key === skill.key) Object.assign(s, { endorsedByMe: byMe, endorsementCount: count });
    if (card.result) {
      card.result.reasons = card.result.reasons
        .map((r) => (r.kind === 'endorsed' && r.skill === skill.label ? { ...r, count } : r))
        .filter((r) => r.kind !== 'endorsed' || r.count > 0);
    }
    card.requestUpdate();
  }
}

/**
 * Endorsing a skill of the card's person, or taking the endorsement back (the button toggles; the
 * API keeps one endorsement per colleague and skill), for <ruche-person>. Shown at once on every
 * card of the person, then as the server counts it; rolled back if refused. Loaded with the first
 * click: most visitors of a card only read it.
 */
export class Endorsing implements ReactiveController {
  constructor(private readonly host: EndorsingHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // Nothing to stop: an endorsement being sent is sent anyway, the person asked for it.
  }

  async endorse(skill: Skill): Promise<void> {
    const { host } = this;
    if (busy.has(skill)) return;
    busy.add(skill);
    const before = { ...skill };
    const on = !skill.endorsedByMe;
    const personId = host.profile!.person.id;
    host.failure = null;
    show(personId, skill, skill.endorsementCount + (on ? 1 : -1), on);
    try {
      const state = await host.context.client.request(on ? 'PUT' : 'DELETE', '/api/experts/people/:id/skills/:skill/endorsement', {
        query: { id: personId, skill: skill.key },
      });
      show(personId, skill, state.endorsementCount, state.endorsedByMe);
    } catch (error) {
      show(personId, skill, before.endorsementCount, before.endorsedByMe);
      const lang = host.language;
      host.failure = (error instanceof ApiError && refusals[lang][error.code]) || errorMessage(error, lang);
    } finally {
      busy.delete(skill);
      host.requestUpdate();
    }
  }
}

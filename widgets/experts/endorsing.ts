import type { Endorsement, ExpertProfile } from '../../shared/api-types.ts';
import { ApiError } from '../shared/api.ts';
import { errorMessage } from '../shared/i18n.ts';
import { RuchePerson } from './person.component.ts';

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

const busy = new WeakSet<object>();

/**
 * Endorses a skill of the card's person, or takes the endorsement back (the button toggles; the API
 * keeps one endorsement per colleague and skill). Shown at once, rolled back if refused. Loaded with
 * the first click: most visitors of a card only read it.
 */
export async function endorse(host: RuchePerson, skill: ExpertProfile['skills'][number]): Promise<void> {
  if (busy.has(skill)) return;
  busy.add(skill);
  const before = { ...skill };
  const on = !skill.endorsedByMe;
  Object.assign(skill, { endorsedByMe: on, endorsementCount: skill.endorsementCount + (on ? 1 : -1) });
  host.failure = null;
  host.requestUpdate();
  try {
    const path = `/api/experts/people/${host.profile!.person.id}/skills/${encodeURIComponent(skill.key)}/endorsement`;
    const state = await host.ctx!.client.request<Endorsement>(on ? 'PUT' : 'DELETE', path);
    // Every card of this person in the page says so (a result and the same person in a side column).
    for (const card of RuchePerson.shown) {
      if (card.profile?.person.id !== host.profile!.person.id) continue;
      for (const s of card.profile.skills) if (s.key === skill.key) Object.assign(s, { endorsedByMe: state.endorsedByMe, endorsementCount: state.endorsementCount });
      card.requestUpdate();
    }
  } catch (error) {
    Object.assign(skill, before);
    const lang = host.language;
    host.failure = (error instanceof ApiError && refusals[lang][error.code]) || errorMessage(error, lang);
  } finally {
    busy.delete(skill);
    host.requestUpdate();
  }
}

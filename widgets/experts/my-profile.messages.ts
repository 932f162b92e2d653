import { Translations } from '../shared/i18n.ts';
import { fr } from './my-profile.messages.fr.ts';

export type { MyProfileMessages } from './my-profile.messages.fr.ts';
export const messages = new Translations(fr, () => import('./my-profile.messages.en.ts').then((m) => m.en));

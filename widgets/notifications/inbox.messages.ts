import { Translations } from '../shared/i18n.ts';
import { fr } from './inbox.messages.fr.ts';

export type { Messages } from './inbox.messages.fr.ts';
export const messages = new Translations(fr, () => import('./inbox.messages.en.ts').then((m) => m.en));

import { Translations } from '../shared/i18n.ts';
import { fr } from './writing.messages.fr.ts';

export type { WritingMessages } from './writing.messages.fr.ts';
export const messages = new Translations(fr, () => import('./writing.messages.en.ts').then((m) => m.en));

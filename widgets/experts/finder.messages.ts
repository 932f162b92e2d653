import { Translations } from '../shared/i18n.ts';
import { fr } from './finder.messages.fr.ts';

export type { Messages } from './finder.messages.fr.ts';
export const messages = new Translations(fr, () => import('./finder.messages.en.ts').then((m) => m.en));

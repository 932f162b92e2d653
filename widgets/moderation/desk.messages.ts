import { Translations } from '../shared/i18n.ts';
import { fr } from './desk.messages.fr.ts';

export type { DeskMessages } from './desk.messages.fr.ts';
export const messages = new Translations(fr, () => import('./desk.messages.en.ts').then((m) => m.en));

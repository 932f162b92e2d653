import { Translations } from '../shared/i18n.ts';
import { fr } from './detail.messages.fr.ts';

export type { DetailMessages } from './detail.messages.fr.ts';
export const messages = new Translations(fr, () => import('./detail.messages.en.ts').then((m) => m.en));

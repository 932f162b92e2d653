import { Translations } from '../shared/i18n.ts';
import { fr } from './messages.fr.ts';

export type { Messages } from './messages.fr.ts';
export const messages = new Translations(fr, () => import('./messages.en.ts').then((m) => m.en));

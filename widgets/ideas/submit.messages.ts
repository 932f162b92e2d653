import { Translations } from '../shared/i18n.ts';
import { fr } from './submit.messages.fr.ts';

export type { SubmitMessages } from './submit.messages.fr.ts';
export const messages = new Translations(fr, () => import('./submit.messages.en.ts').then((m) => m.en));

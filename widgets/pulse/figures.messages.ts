import { Translations } from '../shared/i18n.ts';
import { fr } from './figures.messages.fr.ts';

export type { FigureMessages } from './figures.messages.fr.ts';
export const messages = new Translations(fr, () => import('./figures.messages.en.ts').then((m) => m.en));

import { Translations } from '../shared/i18n.ts';

const fr = {
  like: 'J’aime',
  likers: 'Voir qui aime',
};

export type Messages = typeof fr;
export const messages = new Translations(fr, () => import('./messages.en.ts').then((m) => m.en));

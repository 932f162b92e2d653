import { Translations } from '../shared/i18n.ts';

const fr = {
  like: 'J’aime',
  likers: 'Voir qui aime',
  signIn: 'Connectez-vous à l’intranet pour aimer.',
  signInDemo: 'Choisissez d’abord qui vous êtes (« Vous êtes : » en haut de la page).',
};

export type Messages = typeof fr;
export const messages = new Translations(fr, () => import('./messages.en.ts').then((m) => m.en));

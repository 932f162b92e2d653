import { Translations } from '../shared/i18n.ts';

const fr = {
  youAre: 'Vous êtes :',
  anonymous: 'Visiteur anonyme',
  guest: 'partenaire',
  admin: 'admin',
  steward: 'animation',
  hint: 'Démo : choisissez la personne que vous incarnez',
};

export type Messages = typeof fr;
export const messages = new Translations(fr, () => import('./messages.en.ts').then((m) => m.en));

import { Translations } from '../shared/i18n.ts';

/** The words of <ruche-comments> for reading. `#` stands for a number; pairs are [one, other] plural forms. */
const fr = {
  comments: ['# commentaire', '# commentaires'],
  messages: ['# message', '# messages'],
  questions: 'Questions',
  sortLabel: 'Trier',
  newest: 'Plus récents',
  oldest: 'Plus anciens',
  loading: 'Chargement des commentaires…',
  retry: 'Réessayer',
  empty: 'Aucun commentaire pour l’instant. Lancez la discussion !',
  emptyQa: 'Aucune question pour l’instant. Posez la première !',
  more: 'Afficher la suite',
  signIn: 'Connectez-vous à l’intranet pour participer.',
  signInDemo: 'Pour écrire, choisissez d’abord qui vous êtes (« Vous êtes : » en haut de la page).',
  like: 'J’aime',
  edited: 'modifié',
  deleted: 'Ce commentaire a été supprimé.',
  hidden: 'Ce commentaire a été masqué par les animateurs.',
  pending: 'En attente de modération',
  formerMember: 'Ancien membre',
  inReplyTo: 'en réponse à #',
  accepted: 'Réponse acceptée',
  solved: 'Résolue',
};

export type Messages = typeof fr;
export const messages = new Translations(fr, () => import('./messages.en.ts').then((m) => m.en));

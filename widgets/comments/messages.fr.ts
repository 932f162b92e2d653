/**
 * The words of <ruche-comments> for reading, and of the new comment's box (the rest of writing's
 * words load with it). `#` stands for a number; pairs are [one, other] plural forms.
 */
export const fr = {
  comments: ['# commentaire', '# commentaires'],
  sortLabel: 'Trier',
  newest: 'Plus récents',
  oldest: 'Plus anciens',
  retry: 'Réessayer',
  empty: 'Aucun commentaire pour l’instant. Lancez la discussion !',
  more: 'Afficher la suite',
  signIn: 'Connectez-vous à l’intranet pour participer.',
  signInDemo: 'Pour écrire, choisissez d’abord qui vous êtes (« Vous êtes : » en haut de la page).',
  like: 'J’aime',
  edited: 'modifié',
  deleted: 'Ce commentaire a été supprimé.',
  hidden: 'Ce commentaire a été masqué par un animateur.',
  formerMember: 'Ancien membre',
  inReplyTo: 'en réponse à #',
  // Writing
  yourComment: 'Votre commentaire',
  publish: 'Publier',
  placeholder: 'Écrire un commentaire…',
  readOnly: 'Vous pouvez lire cette discussion, mais pas y écrire.',
};

export type Messages = typeof fr;

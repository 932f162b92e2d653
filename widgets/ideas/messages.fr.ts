/**
 * The words of <ruche-idea-box>'s list (status names included: every view shows them). `#` stands
 * for a number or a name; pairs are [one, other] plural forms.
 */
export const fr = {
  box: 'Boîte à idées',
  campaign: 'Campagne',
  alwaysOpen: 'Ouverte toute l’année : proposez, votez, suivez les idées.',
  until: 'jusqu’au #',
  closed: 'Campagne close le # : on ne peut plus proposer ni voter.',
  propose: 'Proposer une idée',
  sortLabel: 'Trier',
  trending: 'Tendances',
  top: 'Les plus votées',
  newest: 'Récentes',
  statusLabel: 'Statut',
  allStatuses: 'Tous les statuts',
  tagFilter: 'Filtrer : #',
  votes: ['# vote', '# votes'],
  comments: ['# commentaire', '# commentaires'],
  vote: 'Voter',
  anonymous: 'Anonyme',
  youAnonymous: 'vous (anonyme)',
  anonymousTag: 'anonyme',
  retry: 'Réessayer',
  empty: 'Aucune idée pour l’instant : une phrase suffit pour lancer la première !',
  emptyFilter: 'Aucune idée avec ce filtre.',
  more: 'Afficher la suite',
  // Seen by its author and the stewards only
  waiting: 'En attente de validation',
  hiddenIdea: 'Masquée par un animateur',
  status: {
    new: 'Nouvelle',
    under_review: 'À l’étude',
    planned: 'Planifiée',
    in_progress: 'En cours',
    done: 'Réalisée',
    declined: 'Refusée',
    merged: 'Fusionnée',
  },
};

export type Messages = typeof fr;

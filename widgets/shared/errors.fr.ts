/** What a failed request is told to a person, by status (see errorMessage in i18n.ts). */
export const errors = {
  0: 'Le service Ruche ne répond pas. Réessayez dans un instant.',
  401: 'Votre session a expiré : rechargez la page.',
  403: 'Vous n’avez pas le droit de faire cela ici.',
  404: 'Introuvable, ou vous n’y avez pas accès.',
  429: 'Trop d’actions d’un coup : réessayez dans # s.',
  other: 'Une erreur est survenue.',
};
export type ErrorTexts = typeof errors;

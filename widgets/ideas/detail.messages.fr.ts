/** The words of an idea's view, of the stewards' controls and of the news (loaded with detail.ts). */
export const fr = {
  proposedBy: 'Proposée par #',
  stewardsWord: 'Le mot des animateurs',
  mergedInto: 'Cette idée a été fusionnée avec une idée semblable : ses votes y ont été reportés, la discussion continue là-bas.',
  mergedFrom: 'Idées semblables fusionnées ici :',
  yourAnonymous: 'Vous avez proposé cette idée sans votre nom : vos collègues ne savent pas qu’elle vient de vous.',
  signedComments: 'Attention : vos commentaires, eux, sont signés de votre nom.',
  sign: 'Signer mon idée',
  signed: 'Votre nom apparaît maintenant sur l’idée.',
  history: 'Historique',
  created: 'Idée proposée',
  // What a step of its history did to the idea, as one says it (then « par # »); `#`: the idea merged into.
  became: {
    new: 'Remise parmi les nouvelles idées',
    under_review: 'Mise à l’étude',
    planned: 'Planifiée',
    in_progress: 'Mise en chantier',
    done: 'Réalisée',
    declined: 'Refusée',
    merged: 'Fusionnée avec « # »',
  },
  by: 'par #',
  // Moderation: what the author and the stewards read, and reporting
  waiting: 'En attente de validation par un animateur',
  hiddenBy: 'Masquée par un animateur',
  heldWord: 'mot surveillé\u00a0: «\u00a0#\u00a0»',
  onlyYou: 'Seuls vous et les animateurs la voyez.',
  onlyStewards: 'Seuls son auteur et les animateurs la voient.',
  report: 'Signaler cette idée aux animateurs',
  reportReason: 'Pourquoi la signaler ? Les animateurs liront votre raison, sans votre nom.',
  sendReport: 'Envoyer le signalement',
  cancel: 'Annuler',
  reported: 'Merci : les animateurs de l’espace vont examiner cette idée.',
  // Stewards
  steward: 'Décision des animateurs',
  newStatus: 'Statut',
  reason: 'Explication, visible par tous',
  reasonDeclined: 'Pourquoi cette idée est refusée (obligatoire, visible par tous)',
  save: 'Enregistrer la décision',
  saved: 'Décision enregistrée : les personnes qui suivent l’idée en seront informées.',
  needReason: 'Expliquez pourquoi l’idée est refusée : c’est ce que liront son auteur et ceux qui l’ont soutenue.',
  merge: 'C’est un doublon : fusionner avec une autre idée',
  mergeSearch: 'Titre de l’idée d’origine',
  mergeHint: 'Tapez quelques mots du titre, puis choisissez l’idée dans la liste.',
  mergeInto: 'Fusionner dans « # »',
  mergeFinal: 'La fusion est définitive : les votes sont reportés sur l’idée d’origine.',
  noMatch: 'Aucune idée ne correspond.',
  // News
  newsEmpty: 'Rien de nouveau. Proposez ou soutenez des idées : quand les animateurs décideront, vous le lirez ici.',
  reasons: { author: 'Votre idée', voter: 'Une idée que vous soutenez', merged: 'L’idée où la vôtre a été fusionnée' },
  newsUnread: 'nouveau',
  // Why the server refused a steward's move (by the API's error code)
  refusals: {
    idea_not_published: 'Cette idée attend un animateur ou a été masquée : approuvez-la ou rétablissez-la d’abord.',
    original_merged: 'L’idée choisie a elle-même été fusionnée : fusionnez dans celle où elle a été reportée.',
    merge_into_itself: 'Une idée ne peut pas être fusionnée avec elle-même.',
    campaign_closed: 'La campagne de l’idée d’origine est close : ses votes ne peuvent plus changer.',
    invalid_transition: 'Ce changement de statut n’est pas possible depuis le statut actuel.',
    idea_merged: 'Cette idée a déjà été fusionnée avec une autre.',
  } as Record<string, string>,
};

export type DetailMessages = typeof fr;

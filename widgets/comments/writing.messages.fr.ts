/** The words of <ruche-comments> for writing (loaded with writing.ts). */
export const fr = {
  replyTo: 'Répondre à #',
  publishAnswer: 'Publier la réponse',
  save: 'Enregistrer',
  placeholderReply: 'Votre réponse…',
  confirmDelete: 'Supprimer ce commentaire ?',
  reportReason: 'Pourquoi signaler ce commentaire aux animateurs ?',
  sendReport: 'Envoyer le signalement',
  reported: 'Merci : les animateurs de l’espace vont examiner ce commentaire.',
  posted: 'Votre message est publié.',
  held: 'Votre message attend la validation d’un animateur : il sera visible de tous une fois approuvé.',
  holds: 'Ici, un animateur valide chaque message avant sa publication…',
  cancel: 'Annuler',
  shortcut: 'Ctrl + Entrée pour publier',
  formatting: 'Mise en forme',
  formattingHelp: ['**gras**', '*italique*', '~~barré~~', '`code`', '> citation', '- liste', '[texte](https://…)'],
  reply: 'Répondre',
  edit: 'Modifier',
  delete: 'Supprimer',
  report: 'Signaler',
  accept: 'Accepter cette réponse',
  unaccept: 'Retirer l’acceptation',
  // The API's refusals, by error code.
  errors: {
    comment_gone: 'Ce commentaire a été supprimé ou masqué.',
    parent_gone: 'Le commentaire auquel vous répondez a été supprimé.',
    not_author: 'Seul son auteur peut faire cela.',
    not_asker: 'Seule la personne qui a posé la question peut accepter une réponse.',
    own_answer: 'La réponse de la personne qui demande ne peut pas être acceptée.',
    body_too_large: 'Ce texte est trop long.',
  } as Record<string, string>,
};

export type WritingMessages = typeof fr;

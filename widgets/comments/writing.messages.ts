import { Translations } from '../shared/i18n.ts';

/** The words of <ruche-comments> for writing (loaded with writing.ts). */
const fr = {
  yourComment: 'Votre commentaire',
  askQuestion: 'Poser une question',
  replyTo: 'Répondre à #',
  publish: 'Publier',
  publishQuestion: 'Publier la question',
  publishAnswer: 'Publier la réponse',
  save: 'Enregistrer',
  cancel: 'Annuler',
  shortcut: 'Ctrl + Entrée pour publier',
  placeholder: 'Partagez votre avis, une question, une précision…',
  placeholderQa: 'Décrivez votre question : contexte, ce que vous avez essayé…',
  placeholderReply: 'Votre réponse…',
  formatting: 'Mise en forme',
  formattingHelp: ['**gras**', '*italique*', '~~barré~~', '`code`', '> citation', '- liste', '[texte](https://…)'],
  readOnly: 'Vous pouvez lire cette discussion, mais pas y écrire.',
  reply: 'Répondre',
  edit: 'Modifier',
  delete: 'Supprimer',
  report: 'Signaler',
  confirmDelete: 'Supprimer définitivement ce commentaire ?',
  reportReason: 'Pourquoi signaler ce commentaire aux animateurs ?',
  sendReport: 'Envoyer le signalement',
  reported: 'Merci : les animateurs de l’espace vont examiner ce commentaire.',
  posted: 'Votre message est publié.',
  accept: 'Accepter cette réponse',
  unaccept: 'Retirer l’acceptation',
};

export type WritingMessages = typeof fr;
export const messages = new Translations(fr, () => import('./writing.messages.en.ts').then((m) => m.en));

/**
 * The words of <ruche-person>. `#` stands for a number, `%` and `&` for a name or a skill; pairs are
 * [one, other] plural forms. The finder has its own (finder.messages.ts), and what loads later
 * (endorsing, posts, reasons, the ask form, questions for experts, my profile) carries its own.
 */
export const fr = {
  steward: 'Animation',
  member: 'Membre',
  you: 'vous',
  endorse: 'Recommander % pour “&”',
  endorsed: ['# recommandation', '# recommandations'],
  askMe: 'Demandez-moi :',
  mentor: 'Peut accompagner :',
  learn: 'Veut apprendre :',
  write: 'Écrire',
  chat: 'Discuter',
  posts: ['Voir # contribution', 'Voir # contributions'],
  unknown: 'Personne introuvable dans l’annuaire.',
  hidden: 'Fiche visible des collègues connectés.',
};

export type Messages = typeof fr;

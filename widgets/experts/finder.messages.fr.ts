/** The words of the finder's first view. `#` stands for a number, `%` for a topic; pairs are [one, other] plural forms. */
export const fr = {
  title: 'Trouver un expert',
  topicTitle: 'Qui peut vous aider ?',
  topicIntro: 'Les collègues qui connaissent “%”',
  views: 'Annuaire',
  find: 'Rechercher',
  questions: 'Questions pour vous',
  unread: ['# nouvelle', '# nouvelles'],
  profile: 'Mon profil',
  label: 'Sujet ou compétence',
  placeholder: 'TVA, Excel, portail RH…',
  intro: 'Compétences déclarées, recommandations des collègues, réponses déjà données : trouvez qui sait.',
  tryThese: 'Par exemple :',
  results: ['# personne pour “%”', '# personnes pour “%”'],
  matched: 'Compétence :',
  none: 'Personne ne s’est encore fait connaître sur “%”.',
  retry: 'Réessayer',
  askTitle: 'Pas la réponse que vous cherchez ?',
  ask: 'Poser la question aux experts',
  signIn: 'Connectez-vous à l’intranet pour trouver qui sait quoi.',
  signInDemo: 'Choisissez d’abord qui vous êtes (« Vous êtes : » en haut de la page).',
};

export type Messages = typeof fr;

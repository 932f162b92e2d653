export const messages = {
  fr: {
    like: 'J’aime',
    likers: 'Voir qui aime',
    likersTitle: 'Ils aiment',
    count: ['# personne aime', '# personnes aiment'],
    nobody: 'Personne pour l’instant : soyez le premier !',
    others: ['et # autre personne', 'et # autres personnes'],
    loading: 'Chargement…',
    signIn: 'Connectez-vous à l’intranet pour aimer.',
    signInDemo: 'Choisissez d’abord qui vous êtes (« Vous êtes : » en haut de la page).',
  },
  en: {
    like: 'Like',
    likers: 'See who likes this',
    likersTitle: 'Liked by',
    count: ['# person likes this', '# people like this'],
    nobody: 'Nobody yet: be the first!',
    others: ['and # other person', 'and # other people'],
    loading: 'Loading…',
    signIn: 'Sign in to the intranet to like this.',
    signInDemo: 'First pick who you are (“You are:” at the top of the page).',
  },
};

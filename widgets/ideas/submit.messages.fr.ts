/** The words of the form that proposes an idea (loaded with submit.ts). */
export const fr = {
  heading: 'Proposer une idée',
  titleLabel: 'Votre idée, en une phrase',
  titlePlaceholder: 'Ex. : afficher le temps d’attente à l’accueil',
  similar: 'Des idées proches existent déjà. Si l’une d’elles est la vôtre, votez pour elle : elle pèsera plus lourd.',
  descriptionLabel: 'Quelques mots pour l’expliquer',
  descriptionHint: 'Quel problème, quelle solution ? Deux ou trois phrases suffisent, pas besoin d’un texte parfait.',
  tagsLabel: 'Thèmes (facultatif)',
  newTag: 'Autre thème…',
  anonymous: 'Proposer sans mon nom',
  policyTitle: 'Sans votre nom, dans cet espace :',
  hiddenFromColleagues: 'vos collègues ne verront ni votre nom, ni l’heure à laquelle vous avez proposé l’idée (seulement le jour) ;',
  stewardsSee: 'les animateurs de l’espace, eux, pourront voir que l’idée vient de vous ;',
  stewardsDontSee: 'les animateurs de l’espace ne le verront pas non plus ;',
  stillSigned: 'vos commentaires restent signés. Vous pourrez signer l’idée plus tard.',
  stewardsNote: 'Le mot des animateurs : « # »',
  closed: 'La campagne vient de se clore : elle ne prend plus de nouvelles idées.',
  policyChanged: 'La règle d’anonymat de cet espace vient de changer : relisez-la ci-dessus, puis publiez à nouveau.',
  submit: 'Publier mon idée',
  cancel: 'Annuler',
  published: 'Votre idée est publiée. Merci !',
  held: 'Merci ! Votre idée attend la validation d’un animateur : vos collègues la verront une fois approuvée.',
  needTitle: 'Donnez un titre à votre idée.',
  needDescription: 'Ajoutez une phrase ou deux pour l’expliquer.',
};

export type SubmitMessages = typeof fr;

export const fr = {
  youAre: 'Vous êtes :',
  anonymous: 'Visiteur anonyme',
  guest: 'partenaire',
  admin: 'admin',
  steward: 'animation',
  hint: 'Démo : choisissez la personne que vous incarnez',
};

export type Messages = typeof fr;

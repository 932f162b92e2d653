export const messages = {
  fr: {
    youAre: 'Vous êtes :',
    anonymous: 'Visiteur anonyme',
    staff: 'Collaborateurs',
    guests: 'Partenaires (invités)',
    guest: 'partenaire',
    admin: 'admin',
    failed: 'Impossible de changer de personne.',
    hint: 'Démo : choisissez la personne que vous incarnez',
  },
  en: {
    youAre: 'You are:',
    anonymous: 'Anonymous visitor',
    staff: 'Employees',
    guests: 'Partners (guests)',
    guest: 'partner',
    admin: 'admin',
    failed: 'Could not switch person.',
    hint: 'Demo: choose the person you act as',
  },
};

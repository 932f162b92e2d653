import type { Lang } from '../shared/settings.ts';

/** The panel's own words (the widgets bring theirs). */
const fr = {
  launcher: 'Ruche : commentaires et réactions sur cette page',
  title: 'Ruche',
  close: 'Fermer',
  tabs: { page: 'Cette page', experts: 'Experts', ideas: 'Idées' },
  youAre: 'Vous êtes :',
  nobody: '— choisir —',
  signedInAs: 'Connecté·e : ',
  signedOut: 'Connectez-vous à l’intranet pour participer.',
  noTokenUrl: 'Identité non configurée',
  unreachable: 'Le serveur Ruche ne répond pas.',
  settings: 'Réglages',
  guest: 'invité',
  admin: 'admin',
};

const en: typeof fr = {
  launcher: 'Ruche: comments and reactions on this page',
  title: 'Ruche',
  close: 'Close',
  tabs: { page: 'This page', experts: 'Experts', ideas: 'Ideas' },
  youAre: 'You are:',
  nobody: '— choose —',
  signedInAs: 'Signed in: ',
  signedOut: 'Sign in to the intranet to take part.',
  noTokenUrl: 'Identity not set up',
  unreachable: 'The Ruche server does not answer.',
  settings: 'Settings',
  guest: 'guest',
  admin: 'admin',
};

export type PanelMessages = typeof fr;
export const panelMessages = (lang: Lang): PanelMessages => (lang === 'en' ? en : fr);

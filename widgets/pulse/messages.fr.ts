/**
 * The words of <ruche-pulse>'s frame: title, periods, scope, states. The figures' words load with
 * them (figures.messages.ts), the moderation desk's with it.
 */
export const fr = {
  dashboard: 'Tableau de bord',
  title: 'La vie de l’espace',
  titleSite: 'La vie de l’intranet',
  wholeSite: 'Tout l’intranet',
  periodLabel: 'Période',
  periods: { '4w': '4 semaines', '12w': '12 semaines', '26w': '6 mois', '52w': '1 an' },
  scopeLabel: 'Portée',
  thisSpace: 'Cet espace',
  tabsLabel: 'Vues',
  activity: 'Activité',
  moderation: 'Modération',
  retry: 'Réessayer',
  signIn: 'Connectez-vous à l’intranet pour voir le tableau de bord de cet espace.',
  signInDemo: 'Choisissez d’abord qui vous êtes (« Vous êtes : » en haut de la page) pour voir le tableau de bord.',
  adminOnly: 'Seuls les administrateurs voient le tableau de bord de tout l’intranet : voici celui de l’espace.',
};

export type Messages = typeof fr;

import type { IdeaStatus, NotificationKind } from '../../shared/api-types.ts';

/**
 * The words of the list of notifications. In each sentence `%a` is who acted, `%t` what it is about
 * (a page, an idea, a skill), `%s` the space and `#` how many events it groups; [one, other] by the
 * language's plural rules. A sentence for an unnamed actor (a steward, an anonymous idea) has none.
 */
export const fr = {
  heading: 'Notifications',
  markAll: 'Tout marquer comme lu',
  markOne: 'Marquer comme lu',
  markOneOf: 'Marquer comme lu : %',
  read: 'Lue',
  more: 'Plus de notifications',
  loading: 'Chargement…',
  retry: 'Réessayer',
  empty: 'Rien de nouveau. Ce qui vous concerne — une réponse, une mention, une question pour vous — s’affichera ici.',
  signIn: 'Connectez-vous pour voir vos notifications.',
  unreachable: 'Vos notifications n’ont pas pu être lues : le serveur Ruche ne répond pas.',
  someone: 'Quelqu’un',
  thePage: 'une page',
  reason: 'Motif : %',
  due: 'Réponse promise %',
  kinds: {
    reply: ['%a a répondu sur « %t »', '# nouvelles réponses sur « %t »'],
    answer: ['%a a répondu à votre question sur « %t »', '# nouvelles réponses à votre question sur « %t »'],
    answer_accepted: ['%a a retenu une réponse sur « %t »', '# réponses retenues sur « %t »'],
    mention: ['%a vous a mentionné sur « %t »', '# mentions de vous sur « %t »'],
    new_thread: ['%a a lancé une discussion dans %s', '# nouvelles discussions dans %s'],
    question_routed: ['Une question pour vous, en expert, sur « %t »', '# questions pour vous, en expert'],
    question_reminder: ['Une question attend votre réponse sur « %t »', '# questions attendent votre réponse'],
    question_overdue: ['Une question a dépassé le délai promis sur « %t »', '# questions ont dépassé le délai promis'],
    idea_status: ['L’idée « %t » a changé de statut : %status', 'L’idée « %t » a changé de statut : %status'],
    idea_merged: ['L’idée « %t » a été fusionnée avec « %into »', 'L’idée « %t » a été fusionnée avec « %into »'],
    endorsement: ['%a vous recommande pour « %t »', '# recommandations pour « %t »'],
    post_hidden: ['Un animateur a masqué votre message sur « %t »', 'Un animateur a masqué votre message sur « %t »'],
    post_restored: ['Votre message sur « %t » est de nouveau visible', 'Votre message sur « %t » est de nouveau visible'],
    post_approved: ['Votre message sur « %t » a été publié', 'Votre message sur « %t » a été publié'],
    post_rejected: ['Votre message sur « %t » n’a pas été publié', 'Votre message sur « %t » n’a pas été publié'],
    post_edited: ['Un animateur a modifié votre message sur « %t »', 'Un animateur a modifié votre message sur « %t »'],
  } satisfies Record<NotificationKind, readonly [string, string]>,
  statuses: {
    new: 'nouvelle',
    under_review: 'à l’étude',
    planned: 'prévue',
    in_progress: 'en cours',
    done: 'réalisée',
    declined: 'non retenue',
    merged: 'fusionnée',
  } satisfies Record<IdeaStatus, string>,
};

export type Messages = typeof fr;

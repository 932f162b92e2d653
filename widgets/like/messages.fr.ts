export const fr = {
  like: 'J’aime',
  likers: 'Voir qui aime',
};

export type Messages = typeof fr;

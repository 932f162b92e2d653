import type { ErrorTexts } from './errors.fr.ts';

export const errors: ErrorTexts = {
  0: 'The Ruche service does not answer. Try again in a moment.',
  401: 'Your session has expired: reload the page.',
  403: 'You are not allowed to do this here.',
  404: 'Not found, or not yours to see.',
  429: 'Too many actions at once: try again in # s.',
  other: 'Something went wrong.',
};

import type { Lang } from '../../shared/api-types.ts';
import { ApiError } from './api.ts';

export type { Lang };

/** A language tag as written in a page (`fr-FR`, `en_GB`, `EN`) reduced to one we speak, or null. */
export function supportedLang(tag: string | null | undefined): Lang | null {
  const base = tag?.trim().toLowerCase().slice(0, 2);
  return base === 'fr' || base === 'en' ? base : null;
}

/** The nearest `lang` attribute around an element, crossing shadow roots (a widget inside a widget). */
function closestLang(element: Element): string | null {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang');
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return null;
}

/**
 * A widget's language: its own `lang` attribute, else its provider's, else the page's (the closest
 * `[lang]`, up to `<html lang>`), else French.
 */
export function resolveLang(element: Element, providerLang: string | null | undefined): Lang {
  return (
    supportedLang(element.getAttribute('lang')) ??
    supportedLang(providerLang) ??
    supportedLang(closestLang(element)) ??
    'fr'
  );
}

const formatters = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
  let value = formatters.get(key) as T | undefined;
  if (value === undefined) formatters.set(key, (value = make()));
  return value;
}

export const formatCount = (n: number, lang: Lang) => cached(`n${lang}`, () => new Intl.NumberFormat(lang)).format(n);

/**
 * Picks [one, other] for `n` by the language's plural rules ("0 commentaire" in French, "0 comments"
 * in English) and writes the number in place of '#'.
 */
export function plural(n: number, lang: Lang, forms: readonly string[]): string {
  const rule = cached(`p${lang}`, () => new Intl.PluralRules(lang)).select(n);
  return forms[rule === 'one' ? 0 : 1]!.replace('#', formatCount(n, lang));
}

export function absoluteDate(iso: string, lang: Lang): string {
  return cached(`d${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' })).format(new Date(iso));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/** "il y a 3 heures", "hier", "à l’instant" / "3 hours ago", "yesterday", "now". */
export function relativeDate(iso: string, lang: Lang, now = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const format = cached(`r${lang}`, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }));
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** A duration as people say it: "25 min", "48 h", "3 jours" / "25 min", "48 hr", "3 days". */
export function duration(ms: number, lang: Lang): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const [unit, value]: [string, number] =
    minutes < 60 ? ['minute', minutes] : minutes < 72 * 60 ? ['hour', Math.round(minutes / 60)] : ['day', Math.round(minutes / 1440)];
  return cached(`u${lang}${unit}`, () => new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: unit === 'day' ? 'long' : 'short' })).format(value);
}

const errorTexts = {
  fr: {
    0: 'Le service Ruche ne répond pas. Réessayez dans un instant.',
    400: 'Demande refusée',
    401: 'Votre session a expiré : rechargez la page.',
    403: 'Vous n’avez pas le droit de faire cela ici.',
    404: 'Ce contenu n’existe plus.',
    413: 'Ce texte est trop long.',
    429: 'Trop d’actions d’un coup : réessayez dans # s.',
    other: 'Une erreur est survenue. Réessayez dans un instant.',
  },
  en: {
    0: 'The Ruche service does not answer. Try again in a moment.',
    400: 'Request refused',
    401: 'Your session has expired: reload the page.',
    403: 'You are not allowed to do this here.',
    404: 'This no longer exists.',
    413: 'This text is too long.',
    429: 'Too many actions at once: try again in # s.',
    other: 'Something went wrong. Try again in a moment.',
  },
};

/** What to tell a person about a failed request, in their language (the API's own messages are English). */
export function errorMessage(error: unknown, lang: Lang): string {
  const texts = errorTexts[lang];
  if (!(error instanceof ApiError)) return texts.other;
  const status = error.status === 503 ? 0 : error.status;
  const text = texts[status as keyof typeof texts] ?? texts.other;
  return status === 400 ? `${text} (${error.message})` : text.replace('#', String(error.retryAfter ?? 10));
}

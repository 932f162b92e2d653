import type { Lang } from '../../shared/api-types.ts';
import { ApiError } from './api-error.ts';
import { errors as errorsFr } from './errors.fr.ts';

export type { Lang };

/** A language tag as written in a page (`fr-FR`, `en_GB`, `EN`) reduced to one we speak, or null. */
export function supportedLang(tag: string | null | undefined): Lang | null {
  const base = tag?.trim().toLowerCase().slice(0, 2);
  return base === 'fr' || base === 'en' ? base : null;
}

/** The closest element around `element` (itself included) matching `selector`, crossing shadow roots. */
export function closestAcross(element: Element, selector: string): Element | null {
  let node: Element | null = element;
  while (node) {
    const found = node.closest(selector);
    if (found) return found;
    node = (node.getRootNode() as Partial<ShadowRoot>).host ?? null;
  }
  return null;
}

/**
 * A widget's language: its own `lang` attribute, else its provider's, else the signed-in person's
 * (their token's `lang` claim or their profile's), else the page's (the closest `[lang]`, up to
 * `<html lang>`), else French. An English speaker reads English widgets on a French page.
 */
export function resolveLang(element: Element, providerLang: string | null | undefined, personLang?: Lang | null): Lang {
  return (
    supportedLang(element.getAttribute('lang')) ??
    supportedLang(providerLang) ??
    personLang ??
    supportedLang(closestAcross(element, '[lang]')?.getAttribute('lang')) ??
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


/**
 * A widget's words: French, the default, always at hand; English loaded when a widget speaks it
 * (widgets wait for it before their first render), so that French pages carry one language.
 */
export class Translations<T> {
  private english: T | null = null;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly french: T,
    private readonly loadEnglish: () => Promise<T>,
  ) {}

  in(lang: Lang): T {
    return lang === 'en' && this.english ? this.english : this.french;
  }

  /** What to wait for before speaking `lang`; null when nothing. */
  ready(lang: Lang): Promise<void> | null {
    if (lang !== 'en' || this.english) return null;
    return (this.loading ??= this.loadEnglish().then(
      (english) => void (this.english = english),
      () => void (this.loading = null), // French it is, this time
    ));
  }
}

export type { ErrorTexts } from './errors.fr.ts';
export const errorTexts = new Translations(errorsFr, () => import('./errors.en.ts').then((m) => m.errors));

/**
 * What to tell a person about a failed request, in their language: by the API's error code when the
 * widget knows it (`codes`, its own words, loaded with the code that meets them), else by status,
 * else in general terms. Never the API's own message: English, and meant for developers.
 */
export function errorMessage(error: unknown, lang: Lang, codes?: Record<string, string>): string {
  const texts: Record<string, string> = errorTexts.in(lang);
  if (!(error instanceof ApiError)) return texts.other!;
  return (codes?.[error.code] ?? texts[error.status === 503 ? 0 : error.status] ?? texts.other!).replace('#', String(error.retryAfter ?? 10));
}

/**
 * The stewards' word list: a post that contains one of its words (or phrases) waits for a steward.
 * Matching ignores case and accents ("Connard", "CONNÁRD" and "connard" are one word) and is
 * whole-word: "con" does not match "contrat". A phrase ("mot de passe") matches those words in a row.
 */

/** Lower case, accents removed, every run of what is not a letter or a digit a single space. */
export function foldWords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('fr')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The first listed word found in the text, as the stewards wrote it; null when none is. */
export function matchWord(text: string, words: readonly string[]): string | null {
  if (words.length === 0) return null;
  const haystack = ` ${foldWords(text)} `;
  for (const word of words) {
    const needle = foldWords(word);
    if (needle && haystack.includes(` ${needle} `)) return word;
  }
  return null;
}

/** A word list as stewards send it: trimmed, one entry per folded form, in the order given. */
export function cleanWordList(words: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of words) {
    const word = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
    const folded = foldWords(word);
    if (!folded || seen.has(folded)) continue;
    seen.add(folded);
    kept.push(word);
  }
  return kept;
}

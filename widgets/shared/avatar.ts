import { html } from 'lit';
import type { PersonCard } from '../../shared/api-types.ts';

/** "Élodie Petit" → "ÉP", "Marc" → "MA". */
export function initials(name: string): string {
  const words = name.trim().split(/[\s\-’']+/u).filter(Boolean);
  const first = [...(words[0] ?? '?')];
  const last = words.length > 1 ? [...words[words.length - 1]!] : first.slice(1);
  return `${first[0] ?? '?'}${last[0] ?? ''}`.toLocaleUpperCase();
}

/** A stable colour per person, from a small palette of classes (no inline style: a page's CSP may forbid it). */
function colour(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return `c${Math.abs(hash) % 8}`;
}

/** The person's initials in a coloured circle; decorative, the name is always written beside it. */
export const avatar = (person: PersonCard | null, size = '') =>
  html`<span class="avatar ${size} ${person ? colour(person.id) : 'anonymous'}" part="avatar" aria-hidden="true"
    >${person ? initials(person.name) : '?'}</span
  >`;

import type { Person } from '../people/person.ts';

/**
 * People recently seen, by what the intranet said of them, so that a busy page does not write the
 * people table on every call. Short-lived, and emptied by this process when someone is erased or
 * deactivated (other processes follow within CACHE_MS).
 */
export class IdentityCache {
  static readonly CACHE_MS = 15_000;
  private readonly entries = new Map<string, { person: Person; expires: number }>();

  get(key: string): Person | null {
    const cached = this.entries.get(key);
    return cached && cached.expires > Date.now() ? cached.person : null;
  }

  set(key: string, person: Person): void {
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { person, expires: Date.now() + IdentityCache.CACHE_MS });
  }

  forgetAll(): void {
    this.entries.clear();
  }
}

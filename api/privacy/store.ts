import type { Db } from '../db/database.ts';

/** A person's privacy choices (privacy_settings): the defaults until they change one. */
export interface PrivacyChoices {
  showInTopContributors: boolean;
}

export async function loadPrivacyChoices(db: Db, personId: string): Promise<PrivacyChoices> {
  const [row] = await db<{ showInTopContributors: boolean }[]>`
    select show_in_top_contributors from privacy_settings where person_id = ${personId}`;
  return { showInTopContributors: row?.showInTopContributors ?? false };
}

export async function savePrivacyChoices(db: Db, personId: string, choices: PrivacyChoices): Promise<void> {
  await db`
    insert into privacy_settings (person_id, show_in_top_contributors) values (${personId}, ${choices.showInTopContributors})
    on conflict (person_id) do update set show_in_top_contributors = excluded.show_in_top_contributors, updated_at = now()`;
}

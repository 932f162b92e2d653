/**
 * What a page is about, for the experts: its title without the site's name
 * ("Procédure de clôture mensuelle - Portail ERP" → "Procédure de clôture mensuelle").
 */
export function topicOf(title: string): string {
  return (title.split(/\s+[-|–—·:]\s+/)[0] ?? '').trim().slice(0, 120);
}

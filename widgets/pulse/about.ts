import { html } from 'lit';
import type { Lang } from '../shared/i18n.ts';

/**
 * What the pulse measures and what Ruche keeps, in a few plain sentences: the summary of
 * api/privacy/WHAT-WE-RECORD.md that a reader (or a works council) can check against it. Both
 * languages here, loaded when someone asks ("Ce qui est mesuré").
 */
const texts = {
  fr: {
    points: [
      ['Lecteurs', 'chaque jour, Ruche compte combien de personnes différentes, connectées, ont ouvert une discussion ou la boîte à idées de l’espace. Il ne garde pas qui a lu : les empreintes qui servent à ne compter chacun qu’une fois sont effacées à la fin de chaque journée ; seul le nombre reste.'],
      ['Contributeurs', 'les personnes qui ont écrit un commentaire, répondu à une question, proposé une idée ou voté, d’après les contributions publiées elles-mêmes. Les messages en attente de validation ou masqués ne comptent jamais.'],
      ['Participation', 'les jours où des personnes sont venues lire, la part d’entre elles qui ont aussi participé.'],
      ['Délais de réponse', 'le temps jusqu’à la première réponse d’un collègue, montré seulement si au moins cinq personnes ont posé des questions et cinq y ont répondu : il ne décrit jamais la rapidité d’une seule personne.'],
      ['La règle des cinq', 'tout chiffre calculé sur moins de cinq personnes est masqué. Les moyennes ne portent que sur les jours affichés, pour qu’un jour masqué ne puisse pas se déduire d’un total. Les périodes sont des semaines entières, la semaine en cours exclue ; un chiffre qui, retranché de celui d’une période plus courte ou d’une de ses semaines, parlerait de une à quatre personnes est masqué lui aussi.'],
      ['Les plus actifs', 'seules les personnes qui l’ont choisi sont nommées, et seulement quand la période compte au moins cinq contributeurs. Leurs votes et leurs idées anonymes ne comptent jamais.'],
      ['Qui voit quoi', 'le tableau de bord d’un espace est visible de ceux qui peuvent lire l’espace ; celui de tout l’intranet, des administrateurs seulement. Personne, administrateurs compris, ne peut en tirer un chiffre sur une personne.'],
    ],
    limits: 'Limite, dite simplement : ce sont des comptages. En notant les chiffres semaine après semaine, on peut voir de combien le nombre de contributeurs a changé d’une semaine à l’autre, pas qui est venu ou parti.',
  },
  en: {
    points: [
      ['Readers', 'each day, Ruche counts how many different signed-in people opened a discussion or the idea box of the space. It does not keep who read: the marks used to count each person once are deleted at the end of each day; only the number remains.'],
      ['Contributors', 'people who wrote a comment, answered a question, suggested an idea or voted, read from the published contributions themselves. Posts waiting for a steward or hidden by one never count.'],
      ['Participation', 'on the days people came to read, the share of them who also took part.'],
      ['Answer times', 'the time until a colleague’s first answer, shown only when at least five people asked and five answered: it never describes one person’s speed.'],
      ['The rule of five', 'any figure computed over fewer than five people is withheld. Averages cover the days shown only, so that a withheld day cannot be worked out from a total. Periods are whole weeks, the week under way left out; a figure that, less that of a shorter period or of one of its weeks, would speak of one to four people is withheld too.'],
      ['Most active', 'only people who chose it are named, and only when the period counts at least five contributors. Their votes and anonymous ideas never count.'],
      ['Who sees what', 'a space’s dashboard can be read by those who can read the space; the whole intranet’s by administrators only. Nobody, administrators included, can get a figure about one person from it.'],
    ],
    limits: 'A limit, said plainly: these are counts. Noting the figures week after week shows by how much the number of contributors changed from one week to the next, not who came or left.',
  },
};

export const about = (lang: Lang) => {
  const t = texts[lang];
  return html`<dl>${t.points.map(([term, text]) => html`<dt>${term}</dt><dd>${text}</dd>`)}</dl>
    <p>${t.limits}</p>`;
};

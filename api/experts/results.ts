import { excerpt } from '../../shared/markdown/excerpt.ts';
import { plainText } from '../../shared/markdown/parse.ts';
import type { MarkdownTree } from '../../shared/markdown/tree.ts';
import type { Db } from '../db/database.ts';
import { loadProfiles, type ProfileView, type Viewer } from './profiles-store.ts';
import type { EvidenceKind, RankedExpert, Reason } from './ranking.ts';

export interface EvidenceView {
  source: 'comment' | 'idea';
  id: string;
  kind: EvidenceKind;
  excerpt: string;
  inReplyTo: string | null;
  createdAt: string;
  subject: { key: string; title: string | null; url: string | null };
  space: { slug: string; name: string };
}

export interface ExpertResult {
  profile: ProfileView;
  score: number;
  breakdown: RankedExpert['breakdown'];
  reasons: Reason[];
  evidence: EvidenceView[];
}

/**
 * Ranked ids made into what the finder shows: each person's profile card and the posts that weigh
 * most. The posts were chosen among those the viewer may read (rankExperts), so they can be shown.
 */
export async function expertResults(db: Db, viewer: Viewer, ranked: RankedExpert[]): Promise<ExpertResult[]> {
  const profiles = await loadProfiles(db, viewer, { ids: ranked.map((r) => r.personId) });
  const byId = new Map(profiles.map((p) => [p.person.id, p]));
  const commentIds = ranked.flatMap((r) => r.evidence.filter((e) => e.source === 'comment').map((e) => e.id));
  const ideaIds = ranked.flatMap((r) => r.evidence.filter((e) => e.source === 'idea').map((e) => e.id));

  const details = new Map<string, Omit<EvidenceView, 'source' | 'kind'>>();
  if (commentIds.length) {
    const rows = await db<
      {
        id: string;
        tree: MarkdownTree;
        questionTree: MarkdownTree | null;
        createdAt: Date;
        key: string;
        title: string | null;
        url: string | null;
        slug: string;
        name: string;
      }[]
    >`
      select c.id, c.tree, qn.tree as question_tree, c.created_at, sb.key, sb.title, sb.url, s.slug, s.name
        from comments c
        join subjects sb on sb.id = c.subject_id
        join spaces s on s.id = c.space_id
        left join comments qn on qn.id = c.parent_id and qn.is_question and qn.status = 'published'
       where c.id = any(${commentIds}::uuid[]) and c.status = 'published'`;
    for (const row of rows) {
      details.set(row.id, {
        id: row.id,
        excerpt: excerpt(plainText(row.tree)),
        inReplyTo: row.questionTree ? excerpt(plainText(row.questionTree), 120) : null,
        createdAt: row.createdAt.toISOString(),
        subject: { key: row.key, title: row.title, url: row.url },
        space: { slug: row.slug, name: row.name },
      });
    }
  }
  if (ideaIds.length) {
    const rows = await db<
      { id: string; title: string; createdAt: Date; key: string; subjectTitle: string | null; url: string | null; slug: string; name: string }[]
    >`
      select i.id, i.title, i.created_at, sb.key, sb.title as subject_title, sb.url, s.slug, s.name
        from ideas i join subjects sb on sb.id = i.subject_id join spaces s on s.id = i.space_id
       where i.id = any(${ideaIds}::uuid[]) and not i.anonymous and i.moderation = 'published'`;
    for (const row of rows) {
      details.set(row.id, {
        id: row.id,
        excerpt: excerpt(row.title),
        inReplyTo: null,
        createdAt: row.createdAt.toISOString(),
        subject: { key: row.key, title: row.subjectTitle ?? row.title, url: row.url },
        space: { slug: row.slug, name: row.name },
      });
    }
  }

  return ranked.flatMap((r) => {
    const profile = byId.get(r.personId);
    if (!profile) return [];
    const evidence = r.evidence.flatMap((e) => {
      const detail = details.get(e.id);
      return detail ? [{ source: e.source, kind: e.kind, ...detail }] : [];
    });
    return [{ profile, score: r.score, breakdown: r.breakdown, reasons: r.reasons, evidence }];
  });
}

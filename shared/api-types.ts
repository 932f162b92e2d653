/**
 * The shapes the HTTP API answers with, as the widgets and the extension see them. Types only: the
 * widgets import them with `import type`, so nothing here reaches the bundle. The API's zod schemas
 * (api/<feature>/schemas.ts) describe the same shapes for validation and the OpenAPI document.
 */
import type { MarkdownTree } from './markdown/tree.ts';

export type Lang = 'fr' | 'en';

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export interface PersonCard {
  id: string;
  name: string;
  dept: string | null;
  title: string | null;
}

export interface Me extends PersonCard {
  email: string | null;
  lang: Lang | null;
  isAdmin: boolean;
  isGuest: boolean;
}

export interface SpaceSummary {
  id: string;
  slug: string;
  name: string;
  visibility: 'open' | 'closed' | 'secret';
  lang: Lang;
  /** Questions in this space are answered within so many hours (null: no promise). */
  answerPromiseHours: number | null;
}

/** What the person asking may do where the list was read (computed on the server, enforced there too). */
export interface Viewer {
  /** null when anonymous. */
  id: string | null;
  canWrite: boolean;
  canSteward: boolean;
}

export type CommentStatus = 'published' | 'deleted' | 'hidden' | 'pending';

export interface Comment {
  id: string;
  subjectId: string;
  /** null for a top-level comment (in Q&A mode: a question). */
  parentId: string | null;
  /** null when the comment was deleted or its author erased their account. */
  author: PersonCard | null;
  /** The text as written (markdown subset); '' when deleted. Shown only through `tree`. */
  body: string;
  /** The text parsed on the server; render with widgets/shared/markdown.ts, never as HTML. */
  tree: MarkdownTree;
  status: CommentStatus;
  createdAt: string;
  editedAt: string | null;
  likeCount: number;
  likedByMe: boolean;
  /** Q&A: this top-level comment is a question. */
  isQuestion: boolean;
  /** Q&A, on a question: the accepted answer's id. */
  acceptedAnswerId: string | null;
  /** Q&A, on a question: when someone other than the asker first answered. */
  answeredAt: string | null;
}

/** A top-level comment with its replies (oldest first, any depth, each with its parentId). */
export interface Thread extends Comment {
  replies: Comment[];
}

export interface Subject {
  /** null when nobody has written on this subject yet. */
  id: string | null;
  key: string;
  mode: 'discussion' | 'qa';
  /** Published comments, replies included. */
  commentCount: number;
}

/** GET /api/comments?space=&subject=&sort=newest|oldest&cursor=&limit= */
export interface CommentPage {
  space: SpaceSummary;
  subject: Subject;
  viewer: Viewer;
  threads: Thread[];
  /** Pass as `cursor` for the next page of top-level comments; null at the end. */
  nextCursor: string | null;
}

/** POST /api/comments */
export interface NewComment {
  space?: string;
  subject: string;
  parentId?: string;
  body: string;
  /** Set when the first comment creates the subject; 'qa' makes top-level comments questions. */
  mode?: 'discussion' | 'qa';
  /** The page's title and address, for listings and notifications. */
  title?: string;
  url?: string;
}

export interface LikeState {
  count: number;
  liked: boolean;
}

/** GET /api/likes?space=&s=key1&s=key2… (up to 200 subjects, one request for a whole page) */
export interface LikeBatch {
  likes: Record<string, LikeState>;
}

/** GET /api/likes/people?space=&subject=&limit= */
export interface LikePeople {
  count: number;
  people: PersonCard[];
}

/**
 * Live events, as Server-Sent Events from GET /api/events?space=&s=key…
 * Each has an `id:` (send it back as Last-Event-ID to catch up after a reconnect) and its JSON `data:`.
 * Events may arrive twice after a reconnect: apply them idempotently (by comment id).
 */
export type LiveEvent =
  | { type: 'comment.created' | 'comment.updated' | 'comment.deleted'; subject: string; comment: Comment }
  | { type: 'comment.accepted'; subject: string; questionId: string; acceptedAnswerId: string | null }
  | { type: 'like.changed'; subject: string; count: number };

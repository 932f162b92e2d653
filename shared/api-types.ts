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
  /** Moves with every change to the comment: of two states of one comment, the higher is the newer. */
  version: number;
  /** Q&A: this top-level comment is a question. */
  isQuestion: boolean;
  /** Q&A, on a question: the accepted answer's id. */
  acceptedAnswerId: string | null;
  /** Q&A, on a question: when someone other than the asker first answered. */
  answeredAt: string | null;
  /** Only for its author and the stewards, on a pending or hidden comment (see Stewardship below). */
  moderation?: ModerationState;
}

/** A top-level comment with its replies (oldest first, any depth, each with its parentId). */
export interface Thread extends Comment {
  replies: Comment[];
}

export interface Subject {
  /** null when nobody has written on this subject yet. */
  id: string | null;
  key: string;
  /** Decided by the subject's first top-level comment (its `mode`); null until then. */
  mode: 'discussion' | 'qa' | null;
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
  /**
   * Send as Last-Event-ID when first opening /api/events, so nothing written meanwhile is missed: the
   * space's newest event when the page was read ('0': none yet).
   */
  lastEventId: string;
}

/** POST /api/comments */
export interface NewComment {
  space?: string;
  subject: string;
  parentId?: string;
  body: string;
  /**
   * On a top-level comment: decides the subject's mode while it has no top-level comment yet
   * (default 'discussion'); 'qa' makes top-level comments questions. Ignored on replies.
   */
  mode?: 'discussion' | 'qa';
  /** The page's title and address, for listings and notifications. */
  title?: string;
  url?: string;
}

export interface LikeState {
  count: number;
  liked: boolean;
}

/**
 * GET /api/likes?space=&s=key1&s=key2… (up to 200 subjects), or POST /api/likes/query with a
 * LikeQuery (up to 1000): one request for a whole page.
 */
export interface LikeBatch {
  likes: Record<string, LikeState>;
}

/** POST /api/likes/query: the like counts of many subjects (a read, for lists too long for a URL). */
export interface LikeQuery {
  space?: string;
  subjects: string[];
}

/** GET /api/likes/people?space=&subject=&limit= */
export interface LikePeople {
  count: number;
  people: PersonCard[];
}

/**
 * Live events, as Server-Sent Events from GET /api/events?space=&s=key…
 * Each has an `id:` (send it back as Last-Event-ID to catch up after a reconnect) and its JSON `data:`.
 * Events may arrive twice, and out of order, after a reconnect: apply them idempotently (by comment
 * id), keeping the higher `version` of a comment. A comment is as it is when the event is sent, as
 * everyone may read it (hidden or deleted since: a placeholder). `comment.accepted` carries the
 * question. `reset` (SSE `event: reset`, one per subject) says what was missed cannot be replayed
 * (too long ago, or too much): read the subject again.
 */
export type LiveEvent =
  | { type: 'comment.created' | 'comment.updated' | 'comment.deleted'; subject: string; comment: Comment }
  | { type: 'comment.accepted'; subject: string; questionId: string; acceptedAnswerId: string | null; comment: Comment }
  | { type: 'like.changed'; subject: string; count: number }
  | { type: 'reset'; subject: string };

// ---------------------------------------------------------------------------------------------------
// Ideas (api/ideas): campaigns, ideas, votes, the stewards' decisions, anonymity, news, webhooks.

/** `merged` is set only by a merge (POST /api/ideas/{id}/merge), never by a status change. */
export type IdeaStatus = 'new' | 'under_review' | 'planned' | 'in_progress' | 'done' | 'declined' | 'merged';

export type IdeaSort = 'trending' | 'top' | 'newest';

/** A space's anonymity policy, shown to authors before they submit an anonymous idea. */
export interface IdeaPolicy {
  /** Stewards of the space see who wrote the anonymous ideas submitted while this is true. */
  stewardsSeeAuthors: boolean;
  /** The stewards' own words about the policy ('' when none). */
  note: string;
  /** Send it back as `policyVersion` with an anonymous idea: a policy changed meanwhile is a 409. */
  version: number;
}

export interface IdeaCampaign {
  id: string;
  slug: string;
  title: string;
  question: string;
  description: string;
  tree: MarkdownTree;
  /** After this, submissions, votes and edits are refused (409 campaign_closed); null: no deadline. */
  closesAt: string | null;
  open: boolean;
  /** Ideas in the campaign, merged duplicates excepted. */
  ideaCount: number;
  createdAt: string;
}

/** The few words listings and notifications show about another idea (an original, a duplicate). */
export interface IdeaRef {
  id: string;
  title: string;
  status: IdeaStatus;
}

export interface Idea {
  id: string;
  spaceId: string;
  /** null: the space's always-open box. */
  campaignId: string | null;
  /** The idea's discussion: `<ruche-comments subject="…">` in the same space. */
  subjectKey: string;
  title: string;
  /** As written (markdown subset); render `tree`, never this as HTML. */
  description: string;
  tree: MarkdownTree;
  tags: string[];
  status: IdeaStatus;
  /** The stewards' latest word on the status (always there for declined). */
  statusReason: string | null;
  statusReasonTree: MarkdownTree | null;
  statusChangedAt: string | null;
  /** For a merged duplicate: the original, where votes and discussion continue. */
  mergedInto: IdeaRef | null;
  /**
   * null when the idea is anonymous to this viewer. Only its author and, if the space's policy
   * said so when it was submitted, the stewards, see who wrote an anonymous idea.
   */
  author: PersonCard | null;
  anonymous: boolean;
  /** The viewer wrote it (also when anonymous). */
  mine: boolean;
  /** For anonymous ideas seen by others, the day (UTC midnight) rather than the moment. */
  createdAt: string;
  createdAtPrecision: 'exact' | 'day';
  editedAt: string | null;
  voteCount: number;
  votedByMe: boolean;
  /** Published comments on `subjectKey`. */
  commentCount: number;
  /** The viewer may change title, description and tags (author while new and open; stewards). */
  canEdit: boolean;
  /** Only for its author and the stewards, on a pending or hidden idea (see Stewardship below). */
  moderation?: ModerationState;
}

export interface IdeaStatusChange {
  id: string;
  from: IdeaStatus;
  to: IdeaStatus;
  reason: string | null;
  reasonTree: MarkdownTree | null;
  mergedInto: IdeaRef | null;
  /** The steward who decided. */
  by: PersonCard | null;
  at: string;
}

/** GET /api/ideas/{id}: the idea with its history (oldest first) and the duplicates merged into it. */
export interface IdeaDetail extends Idea {
  history: IdeaStatusChange[];
  mergedFrom: IdeaRef[];
  /** Stewards only: reports on the idea not dealt with yet (they may dismiss them). */
  openReports?: number;
}

export interface IdeaViewer extends Viewer {
  /** May submit here now (writes in the space, campaign open). */
  canSubmit: boolean;
  /** May vote here now (writes in the space, campaign open). */
  canVote: boolean;
}

/** GET /api/ideas?space=&campaign=&sort=&status=&tag=&q=&mine=&cursor=&limit= */
export interface IdeaPage {
  space: SpaceSummary;
  /** null for the always-open box (and for campaign=all). */
  campaign: IdeaCampaign | null;
  viewer: IdeaViewer;
  policy: IdeaPolicy;
  ideas: Idea[];
  /** Ideas matching the filters (all pages). */
  total: number;
  /** Ideas per status in this box, whatever the status filter (for filter tabs). */
  statusCounts: Partial<Record<IdeaStatus, number>>;
  nextCursor: string | null;
}

/** POST /api/ideas */
export interface NewIdea {
  space?: string;
  /** A campaign's slug or id; omitted: the always-open box. */
  campaign?: string;
  title: string;
  description: string;
  tags?: string[];
  anonymous?: boolean;
  /** Required with anonymous: true — the `version` of the policy shown to the author. */
  policyVersion?: number;
}

/** GET /api/ideas/similar?space=&q= (while a title is typed; merged duplicates left out) */
export interface SimilarIdeas {
  ideas: (IdeaRef & { campaignId: string | null; subjectKey: string; voteCount: number; votedByMe: boolean })[];
}

export interface IdeaVoteState {
  voteCount: number;
  votedByMe: boolean;
}

/** GET /api/ideas/news: status changes on ideas the person wrote or voted for, newest first. */
export interface IdeaNewsItem {
  id: string;
  idea: IdeaRef & { spaceSlug: string; campaignId: string | null; subjectKey: string };
  /** Why it is news for this person: they wrote it, voted for it, or wrote a duplicate merged into it. */
  reason: 'author' | 'voter' | 'merged';
  change: IdeaStatusChange;
  /** Later than what the person last marked as seen (PUT /api/ideas/news/seen). */
  unread: boolean;
}

export interface IdeaNews {
  items: IdeaNewsItem[];
  unreadCount: number;
  seenAt: string | null;
  nextCursor: string | null;
}

export interface IdeaWebhook {
  id: string;
  url: string;
  /** The last four characters of the secret, to recognise it. */
  secretHint: string;
  active: boolean;
  createdAt: string;
  lastDelivery: { status: 'pending' | 'delivered' | 'failed'; at: string } | null;
}

/**
 * POSTed to a webhook on each status change (merges included), with headers `X-Ruche-Event`,
 * `X-Ruche-Delivery`, `X-Ruche-Timestamp` and `X-Ruche-Signature: sha256=<hex>`, the HMAC-SHA256
 * with the webhook's secret of `<timestamp>.<body>`.
 */
export interface IdeaWebhookPayload {
  event: 'idea.status';
  space: { slug: string; name: string };
  idea: IdeaRef & { campaign: { slug: string; title: string } | null; voteCount: number; subjectKey: string; author: { name: string } | null };
  change: { from: IdeaStatus; to: IdeaStatus; reason: string | null; mergedInto: IdeaRef | null; by: { name: string } | null; at: string };
}

/** Live event on an idea's subject key (`ruche:idea:<id>`): its status changed. */
export interface IdeaLiveEvent {
  type: 'idea.status';
  subject: string;
  ideaId: string;
  status: IdeaStatus;
  statusReason: string | null;
  statusReasonTree: MarkdownTree | null;
  mergedInto: IdeaRef | null;
  voteCount: number;
  change: IdeaStatusChange;
}

// ---------------------------------------------------------------------------------------------------
// Experts (api/experts): profiles, the shared vocabulary of skills, endorsements, the finder with its
// reasons, what Ruche infers about me, asking the experts and their notifications.

export interface SkillRef {
  /** Normalised: lower case, no accents, punctuation collapsed ("tva intracommunautaire"). */
  key: string;
  /** As shown ("TVA intracommunautaire"). */
  label: string;
}

/** How a person declared a skill: they have it, one may ask them about it, they can mentor it. */
export type SkillIntent = 'skill' | 'ask_me' | 'mentor';

/** GET /api/experts/people/{id}, GET /api/experts/people?id=…&externalId=…, GET /api/experts/profile */
export interface ExpertProfile {
  person: PersonCard;
  /** Roles in the spaces the viewer may read, stewards first: show them above the job title. */
  roles: { space: { slug: string; name: string }; role: 'steward' | 'member' }[];
  /** Render chatUrl as a link only through the widgets' safe link helper (https:, msteams:, sip:, …). */
  contact: { email: string | null; chatUrl: string | null };
  skills: (SkillRef & { endorsementCount: number; endorsedByMe: boolean })[];
  askMeAbout: SkillRef[];
  canMentor: SkillRef[];
  wantToLearn: SkillRef[];
  isMe: boolean;
  /** Only on one's own profile. */
  settings: { hideInferred: boolean; hideFromGuests: boolean } | null;
}

/** PATCH /api/experts/profile: each list given replaces that list (a mentored or ask-me skill is declared too). */
export interface UpdateExpertProfile {
  skills?: string[];
  askMeAbout?: string[];
  canMentor?: string[];
  wantToLearn?: string[];
  chatUrl?: string | null;
  hideInferred?: boolean;
  hideFromGuests?: boolean;
}

/** PUT/DELETE /api/experts/people/{id}/skills/{skill}/endorsement */
export interface Endorsement {
  skill: SkillRef;
  endorsementCount: number;
  endorsedByMe: boolean;
}

/**
 * Why someone is ranked, for the widget to phrase ("3 accepted answers on 'TVA intracommunautaire'",
 * "endorsed by 4"). `topic` is the query as typed; `skill` a vocabulary label.
 */
export type ExpertReason =
  | { kind: 'accepted_answers' | 'answers' | 'comments'; count: number; topic: string }
  | { kind: 'ideas'; count: number; votes: number; topic: string }
  | { kind: 'likes'; count: number }
  | { kind: 'declared'; skill: string; intents: SkillIntent[] }
  | { kind: 'endorsed'; skill: string; count: number };

export type EvidenceKind = 'accepted_answer' | 'answer' | 'idea' | 'comment';

/** A post that weighs in someone's ranking; always one the searcher may read. */
export interface ExpertEvidence {
  source: 'comment' | 'idea';
  id: string;
  kind: EvidenceKind;
  excerpt: string;
  /** For an answer: the first words of its question. */
  inReplyTo: string | null;
  createdAt: string;
  /** Link to `subject.url` when there is one; otherwise open `<ruche-comments subject=key>` in the space. */
  subject: { key: string; title: string | null; url: string | null };
  space: { slug: string; name: string };
}

export interface ExpertResult {
  profile: ExpertProfile;
  score: number;
  /** The three parts of the score (see api/experts/ranking.ts). */
  breakdown: { declared: number; endorsements: number; evidence: number };
  /** Strongest first. */
  reasons: ExpertReason[];
  /** Up to 3 posts, weightiest first. */
  evidence: ExpertEvidence[];
}

/** GET /api/experts?q=&space=&limit= */
export interface ExpertSearch {
  query: string;
  /** Vocabulary skills the query matched (1: the skill itself or a synonym). */
  skills: (SkillRef & { strength: number })[];
  results: ExpertResult[];
}

/** GET /api/experts/skills?q=&limit= (autocompletion) */
export interface SkillSuggestions {
  skills: (SkillRef & { people: number })[];
}

/** GET /api/experts/profile/inferred: what Ruche infers about me (only ever shown to me). */
export interface InferredExpertise {
  /** I hide it: neither shown to others nor used to rank me. */
  hidden: boolean;
  halfLifeDays: number;
  totals: { acceptedAnswers: number; answers: number; comments: number; ideas: number; likes: number; votes: number };
  items: {
    source: 'comment' | 'idea';
    id: string;
    kind: EvidenceKind;
    /** Kind × appreciation × age, before relevance to any query. */
    weight: number;
    excerpt: string;
    /** Likes (comments) or votes (ideas). */
    appreciation: number;
    createdAt: string;
    space: { slug: string; name: string; visibility: 'open' | 'closed' | 'secret' };
    /** Who may be shown it as evidence. */
    audience: 'employees' | 'members';
    subject: { key: string; title: string | null; url: string | null };
  }[];
  /** What the finder says about me when someone searches each skill I declared. */
  bySkill: { skill: SkillRef; score: number; reasons: ExpertReason[] }[];
  /** Never evidence: my questions, my anonymous ideas. */
  neverCounted: { questions: number; anonymousIdeas: number };
}

/** POST /api/experts/questions */
export interface AskExperts {
  topic: string;
  question: string;
  space?: string;
  /** The Q&A thread to ask in; by default `ruche:experts:<topic>` in the space. */
  subject?: string;
  title?: string;
  url?: string;
  /** How many experts to tell, 1 to 5 (3 by default). */
  experts?: number;
}

export interface AskedExperts {
  question: Comment;
  subject: { key: string; space: string };
  notified: PersonCard[];
  /** When the space's promise runs out: then the next experts and the stewards are told. */
  dueAt: string | null;
}

/** GET /api/experts/notifications?cursor=&limit=&unread=true */
export interface ExpertNotification {
  id: string;
  /** expert: among the top experts; next_expert: the next ones, once overdue; steward: once overdue. */
  reason: 'expert' | 'next_expert' | 'steward';
  rank: number | null;
  createdAt: string;
  readAt: string | null;
  question: {
    id: string;
    excerpt: string;
    topic: string | null;
    askedAt: string;
    dueAt: string | null;
    answered: boolean;
    acceptedAnswerId: string | null;
    askedBy: PersonCard | null;
    subject: { key: string; title: string | null; url: string | null };
    space: { slug: string; name: string };
  };
}

export interface ExpertNotifications {
  items: ExpertNotification[];
  unreadCount: number;
  nextCursor: string | null;
}

// ---------------------------------------------------------------------------------------------------
// Stewardship (api/stewardship): the moderation queue, steward actions with their audit log,
// pre-moderation and the word list, reports on ideas, notifications about one's own posts.

/**
 * On a pending or hidden comment or idea, for its author and the space's stewards only. Others get
 * a hidden comment as a placeholder (status 'hidden', no author, no text: "masqué par un animateur")
 * and never see pending posts nor hidden ideas at all.
 */
export interface ModerationState {
  state: 'pending' | 'hidden';
  /** pending: why it waits — the space pre-moderates, or it contains a listed word. */
  heldFor: 'premoderation' | 'word' | null;
  /** pending, for stewards only (null for the author): the listed word found. */
  word: string | null;
  /** hidden: the steward's reason (hiding and rejecting require one). */
  reason: string | null;
  /** When a steward last acted on it. */
  at: string | null;
}

export type Premoderation = 'off' | 'guests' | 'everyone';

/** GET /api/moderation/settings?space= (everyone who reads the space) · PUT the same (stewards). */
export interface ModerationSettings {
  space: { slug: string; name: string };
  premoderation: Premoderation;
  /** This person's new posts here would wait for a steward: the composer can say so beforehand. */
  holdsMyPosts: boolean;
  keepPostsOnErasure: boolean;
  /** Stewards only; null for everyone else. */
  words: string[] | null;
  canSteward: boolean;
  updatedAt: string | null;
}

/** PUT /api/moderation/settings — any of the three; `words` replaces the whole list. */
export interface SetModerationSettings {
  space?: string;
  premoderation?: Premoderation;
  words?: string[];
  keepPostsOnErasure?: boolean;
}

/** GET /api/moderation?space=&limit= (stewards): pending and reported posts, oldest first. */
export interface ModerationQueue {
  space: { slug: string; name: string };
  counts: { pending: number; reported: number; total: number };
  items: ModerationQueueItem[];
}

export interface ModerationQueueItem {
  kind: 'comment' | 'idea';
  id: string;
  /** pending: waits for approve/reject; reported: published (or hidden) with open reports. */
  state: 'pending' | 'reported';
  status: 'published' | 'pending' | 'hidden';
  /** The oldest open report, or when a pending post was written: the queue's order. */
  since: string;
  heldFor: 'premoderation' | 'word' | null;
  word: string | null;
  /** Reporters are never named. */
  reports: { count: number; reasons: { reason: string; at: string }[] };
  /** null for an anonymous idea (unless the space's policy let stewards see it) or an erased author. */
  author: PersonCard | null;
  anonymous: boolean;
  createdAt: string;
  createdAtPrecision: 'exact' | 'day';
  /** An idea's title; null for a comment. */
  title: string | null;
  body: string;
  tree: MarkdownTree;
  /** Where it was written: a page (comments) or the idea's discussion subject. */
  subject: { key: string; title: string | null; url: string | null };
  parentId: string | null;
  isQuestion: boolean;
}

export type ModerationAction = 'hide' | 'restore' | 'dismiss' | 'approve' | 'reject';

/**
 * POST /api/moderation/{comments|ideas}/{id}/{action} with `{ reason? }` (stewards; 403 steward_only
 * for anyone else). hide and reject need a reason; a move the post's state does not allow is 409
 * invalid_transition; dismiss without open reports is 409 nothing_to_dismiss.
 */
export interface ModerationActionResult {
  kind: 'comment' | 'idea';
  id: string;
  action: ModerationAction;
  state: 'published' | 'pending' | 'hidden';
  resolvedReports: number;
}

/** GET /api/moderation/log?space=&cursor=&limit= (stewards), newest first. */
export interface ModerationLog {
  space: { slug: string; name: string };
  entries: {
    id: string;
    /** edit: a steward changed the words of someone else's idea (details: { fields }). */
    action: ModerationAction | 'settings' | 'edit';
    target: { kind: 'comment' | 'idea'; id: string } | null;
    reason: string | null;
    /** settings: what changed, e.g. { premoderation: { from, to }, words: { added, removed } }. */
    details: unknown;
    by: PersonCard | null;
    at: string;
  }[];
  nextCursor: string | null;
}

/** GET /api/notifications?cursor=&limit=&unread=true — what stewards did to my posts (never who). */
export interface RucheNotification {
  id: string;
  kind: 'post_hidden' | 'post_restored' | 'post_approved' | 'post_rejected' | 'post_edited';
  reason: string | null;
  createdAt: string;
  readAt: string | null;
  space: { slug: string; name: string };
  target:
    | { kind: 'comment'; id: string; excerpt: string; subject: { key: string; title: string | null; url: string | null } }
    | { kind: 'idea'; id: string; title: string; subjectKey: string };
}

export interface RucheNotifications {
  items: RucheNotification[];
  unreadCount: number;
  nextCursor: string | null;
}

// ---------------------------------------------------------------------------------------------------
// Pulse (api/pulse): engagement figures, aggregates only.

/** A figure, or null when it was computed over fewer than five people ("not enough people to show this"). */
export interface PulseFigure<T = number> {
  value: T | null;
  withheld: 'fewer_than_5' | null;
}

/**
 * GET /api/pulse?space=&period=7d|30d|90d|365d (or from=YYYY-MM-DD&to=YYYY-MM-DD)&weeks=12, for whoever
 * may read the space; GET /api/pulse?site=true for admins. Days are UTC days.
 */
export interface Pulse {
  scope: { kind: 'space'; space: { slug: string; name: string } } | { kind: 'site' };
  /** Whole weeks: from a Monday to the Sunday before the week under way. */
  period: { from: string; to: string; days: number };
  /** 5: figures over fewer people are withheld. */
  minimumPeople: number;
  /** People who may read the space today (site: every active person). */
  audience: PulseFigure;
  readers: {
    /** Distinct readers per day, over the days shown (days under five readers are withheld, not averaged). */
    averagePerDay: PulseFigure;
    peakDay: PulseFigure;
    daysShown: number;
    /** Every day of the period, oldest first. */
    perDay: { day: string; readers: PulseFigure }[];
  };
  contributors: {
    /** Distinct people who posted, answered, proposed or voted in the period. */
    count: PulseFigure;
    /** count ÷ audience, 0–1. */
    shareOfAudience: PulseFigure;
    byKind: { posted: PulseFigure; answered: PulseFigure; proposed: PulseFigure; voted: PulseFigure };
  };
  /** Contributor-days ÷ reader-days over the days shown, 0–1: on the days people came, the share who took part. */
  ratio: PulseFigure;
  answers: {
    promiseHours: number | null;
    questions: PulseFigure;
    answered: PulseFigure;
    /** Time to first answer, hours. */
    medianHours: PulseFigure;
    p90Hours: PulseFigure;
    /** 0–1, over the questions answered or past their promise. */
    withinPromiseShare: PulseFigure;
  };
  /** Per status: its count, or null when its authors are fewer than five (and then the total may be withheld too). */
  ideas: { total: PulseFigure; byStatus: PulseFigure<Partial<Record<IdeaStatus, number | null>>> };
  /** The last `weeks` weeks (Monday starts), oldest first, ending with the period's last week. */
  trend: { weekStart: string; readersPerDay: PulseFigure; contributors: PulseFigure; ratio: PulseFigure }[];
  /** Only people who opted in (PrivacySettings), only with five contributors or more. */
  topContributors: PulseFigure<{ person: PersonCard; posts: number; answers: number; ideas: number; total: number }[]>;
}

// ---------------------------------------------------------------------------------------------------
// Privacy (api/privacy): one's own data.

/** GET /api/me/privacy · PUT /api/me/privacy */
export interface PrivacySettings {
  /** Listed among the pulse's most active contributors. Off unless the person turns it on. */
  showInTopContributors: boolean;
}

/** GET /api/me/erasure: what erasing one's account would do. */
export interface ErasurePreview {
  posts: { comments: number; ideas: number; anonymousIdeas: number };
  /** One's ideas that stay without an author whatever is chosen: anonymous ones, and those others voted for, discussed or merged into. */
  ideasThatStay: { id: string; title: string; space: { slug: string; name: string }; why: 'anonymous' | 'others_took_part' }[];
  /** Spaces where one's posts stay even if deletion is asked. */
  spacesKeepingPosts: { slug: string; name: string; comments: number; ideas: number }[];
  /** Spaces that would be left without a steward: erasing is refused until another is named. */
  lastStewardOf: { slug: string; name: string }[];
  canErase: boolean;
}

/** DELETE /api/me with this body. */
export interface EraseAccount {
  posts: 'keep_as_former_colleague' | 'delete_posts';
  /** With delete_posts where a space keeps posts: refuse (409 posts_must_stay, the default) or keep those. */
  whereDeletionForbidden?: 'refuse' | 'keep';
  confirm: true;
}

export interface ErasureResult {
  erased: true;
  posts: 'keep_as_former_colleague' | 'delete_posts';
  comments: { deleted: number; kept: number };
  ideas: { deleted: number; kept: number };
  keptBySpace: { slug: string; name: string }[];
}

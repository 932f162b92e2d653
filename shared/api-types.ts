/**
 * The shapes the HTTP API answers with (and the bodies the widgets send), as the widgets and the
 * extension see them. Each is derived from the API's zod schema next to which it is exported
 * (api/<feature>/schemas.ts: `z.output` for answers, `z.input` for bodies), so a shape is written
 * once; what a field means is said there, in the schema's description, which the OpenAPI document
 * carries too. Types only, re-exported with `export type`: importing them brings no zod code into the
 * bundles (test/api/api-shapes.test.ts keeps it so).
 */
export type { ApiErrorBody } from '../api/http/openapi.ts';
export type { Lang } from '../api/http/validation.ts';
export type { Me } from '../api/identity/schemas.ts';
export type { PersonCard, SpaceSummary, Viewer } from '../api/spaces/schemas.ts';
export type { Comment, CommentPage, CommentStatus, LikeState, LiveEvent, NewComment, Subject, Thread } from '../api/comments/schemas.ts';
export type { LikeBatch, LikePeople, LikeQuery } from '../api/likes/schemas.ts';
export type {
  Idea,
  IdeaCampaign,
  IdeaDetail,
  IdeaLiveEvent,
  IdeaNews,
  IdeaNewsItem,
  IdeaPage,
  IdeaPolicy,
  IdeaRef,
  IdeaSort,
  IdeaStatus,
  IdeaStatusChange,
  IdeaViewer,
  IdeaVoteState,
  IdeaWebhook,
  IdeaWebhookPayload,
  NewIdea,
  SimilarIdeas,
} from '../api/ideas/schemas.ts';
export type {
  AskedExperts,
  AskExperts,
  Endorsement,
  EvidenceKind,
  ExpertEvidence,
  ExpertNotification,
  ExpertNotifications,
  ExpertProfile,
  ExpertReason,
  ExpertResult,
  ExpertSearch,
  InferredExpertise,
  SkillIntent,
  SkillRef,
  SkillSuggestions,
  UpdateExpertProfile,
} from '../api/experts/schemas.ts';
export type { ModerationState } from '../api/moderation/schemas.ts';
export type {
  ModerationAction,
  ModerationActionResult,
  ModerationLog,
  ModerationQueue,
  ModerationQueueItem,
  ModerationSettings,
  Premoderation,
  SetModerationSettings,
} from '../api/stewardship/schemas.ts';
export type { FollowState, NotificationKind, RucheNotification, RucheNotifications } from '../api/notifications/schemas.ts';
export type { Pulse, PulseFigure } from '../api/pulse/schemas.ts';
export type { EraseAccount, ErasurePreview, ErasureResult, PrivacySettings } from '../api/privacy/schemas.ts';

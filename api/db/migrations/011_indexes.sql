-- Indexes that were forgotten. Every foreign key gets an index that leads with its columns: deleting
-- or erasing the row it points to (a subject, a comment, a person) looks up the rows that point to it,
-- once per deleted row, and without an index each lookup reads the whole table
-- (test/api/indexes.test.ts fails on a foreign key without one). A reference that most rows leave
-- empty is indexed only where it is set: the lookups of a foreign key never ask for null.

-- Comments, the largest table. By subject: the subject's published count on every page of a thread and
-- on every idea of a list. By parent, in the order replies are written: a question's first answer (the
-- pulse's answer times), and the replies a deleted comment takes with it.
create index comments_subject_status_idx on comments (subject_id, status);
create index comments_parent_idx on comments (parent_id, created_at, id) where parent_id is not null;
create index comments_accepted_answer_idx on comments (accepted_answer_id) where accepted_answer_id is not null;
-- The questions of a space over a period (the pulse's answer times), a few in a hundred comments.
create index comments_questions_idx on comments (space_id, created_at) where is_question;

create index comment_likes_person_idx on comment_likes (person_id);
create index comment_reports_reporter_idx on comment_reports (reporter_id);
create index comment_reports_resolved_by_idx on comment_reports (resolved_by) where resolved_by is not null;
create index likes_person_idx on likes (person_id);

create index ideas_subject_idx on ideas (subject_id);
create index ideas_campaign_idx on ideas (campaign_id) where campaign_id is not null;
create index idea_campaigns_created_by_idx on idea_campaigns (created_by);
create index idea_policies_updated_by_idx on idea_policies (updated_by);
create index idea_reports_reporter_idx on idea_reports (reporter_id);
create index idea_reports_resolved_by_idx on idea_reports (resolved_by) where resolved_by is not null;
create index idea_status_changes_space_idx on idea_status_changes (space_id);
create index idea_status_changes_changed_by_idx on idea_status_changes (changed_by);
create index idea_status_changes_merged_into_idx on idea_status_changes (merged_into) where merged_into is not null;
create index idea_webhooks_created_by_idx on idea_webhooks (created_by);
create index idea_news_seen_spaces_space_idx on idea_news_seen_spaces (space_id);

create index endorsements_skill_idx on endorsements (skill_id);
create index expert_questions_space_idx on expert_questions (space_id);
create index expert_questions_asked_by_idx on expert_questions (asked_by);
create index expert_notifications_question_idx on expert_notifications (question_id);

create index spaces_created_by_idx on spaces (created_by);
create index memberships_added_by_idx on memberships (added_by);
create index space_moderation_updated_by_idx on space_moderation (updated_by);
create index moderation_actions_actor_idx on moderation_actions (actor_id);
create index notifications_space_idx on notifications (space_id);

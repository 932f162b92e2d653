-- Subjects (what a widget attaches to), comments with Q&A, likes, reports, and the event log that
-- live updates are read from (and caught up on after a reconnect).

create table subjects (
  id uuid primary key default gen_random_uuid(),
  space_id uuid not null references spaces (id) on delete cascade,
  -- a normalised page URL or an explicit key (shared/subject.ts)
  key text not null check (length(key) between 1 and 500),
  mode text not null default 'discussion' check (mode in ('discussion', 'qa')),
  title text,
  url text,
  created_at timestamptz not null default now(),
  unique (space_id, key)
);

create table comments (
  id uuid primary key default gen_random_uuid(),
  subject_id uuid not null references subjects (id) on delete cascade,
  space_id uuid not null references spaces (id) on delete cascade,
  parent_id uuid references comments (id) on delete cascade,
  -- the top-level comment of the thread (itself for a top-level comment): pages load whole threads
  root_id uuid references comments (id) on delete cascade,
  depth int not null default 0 check (depth between 0 and 50),
  author_id uuid references people (id) on delete set null,
  body text not null,
  -- the body parsed into the safe markdown tree (shared/markdown), kept so reads need not parse
  tree jsonb not null,
  status text not null default 'published' check (status in ('published', 'deleted', 'hidden', 'pending')),
  is_question boolean not null default false,
  accepted_answer_id uuid references comments (id) on delete set null,
  -- on a question: when someone other than the asker first answered (for the answer-time promise)
  answered_at timestamptz,
  like_count int not null default 0 check (like_count >= 0),
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  deleted_at timestamptz
);
create index comments_subject_roots_idx on comments (subject_id, created_at, id) where parent_id is null;
create index comments_root_idx on comments (root_id, created_at);
create index comments_author_idx on comments (author_id);

create table comment_likes (
  comment_id uuid not null references comments (id) on delete cascade,
  person_id uuid not null references people (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (comment_id, person_id)
);

create table comment_reports (
  id uuid primary key default gen_random_uuid(),
  comment_id uuid not null references comments (id) on delete cascade,
  reporter_id uuid references people (id) on delete set null,
  reason text not null,
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid references people (id) on delete set null,
  resolution text check (resolution in ('hidden', 'dismissed', 'restored')),
  unique (comment_id, reporter_id)
);
create index comment_reports_open_idx on comment_reports (comment_id) where resolved_at is null;

create table likes (
  subject_id uuid not null references subjects (id) on delete cascade,
  person_id uuid not null references people (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (subject_id, person_id)
);

-- Live events: written in the transaction of the change they describe; NOTIFY only rings the bell.
create table events (
  id bigint generated always as identity primary key,
  space_id uuid not null references spaces (id) on delete cascade,
  subject_id uuid references subjects (id) on delete cascade,
  type text not null,
  payload jsonb not null,
  created_at timestamptz not null default now()
);
create index events_subject_idx on events (subject_id, id);
create index events_created_idx on events (created_at);

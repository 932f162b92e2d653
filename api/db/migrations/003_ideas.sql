-- The idea box: campaigns, ideas, votes, the stewards' decisions and their history, the anonymity
-- policy of each space, what each person last saw of the news on their ideas, and webhooks.

-- Full-text search that tolerates accents ("idee" finds "idée"): French and English configurations
-- with unaccent mapped before the stemmer. Created where the schema's tables are (the first schema of
-- the search path). Should a server lack the unaccent dictionary or a language's stemmer, the
-- configuration is still created (from `simple`, or without unaccent) so that search degrades
-- instead of failing.
do $$
declare
  lang text;
  config text;
  stemmer text;
  has_unaccent boolean := exists (
    select 1 from pg_ts_dict d join pg_namespace n on n.oid = d.dictnamespace
     where d.dictname = 'unaccent' and n.nspname = 'public');
begin
  foreach lang in array array['french', 'english'] loop
    config := case lang when 'french' then 'ruche_fr' else 'ruche_en' end;
    stemmer := lang || '_stem';
    if not exists (select 1 from pg_ts_dict where dictname = stemmer) then stemmer := 'simple'; end if;
    if exists (select 1 from pg_ts_config where cfgname = lang) then
      execute format('create text search configuration %I (copy = %I)', config, lang);
    else
      execute format('create text search configuration %I (copy = simple)', config);
    end if;
    if has_unaccent then
      execute format('alter text search configuration %I alter mapping for hword, hword_part, word with public.unaccent, %I',
                     config, stemmer);
    end if;
  end loop;
end $$;

-- Per space: whether stewards see the authors of anonymous ideas. Shown to authors before they submit;
-- `version` lets the server check that the author saw the policy in force. No row: the defaults.
create table idea_policies (
  space_id uuid primary key references spaces (id) on delete cascade,
  stewards_see_authors boolean not null default false,
  -- the stewards' own words about the policy, shown with it
  note text not null default '',
  version int not null default 1,
  updated_by uuid references people (id) on delete set null,
  updated_at timestamptz not null default now()
);

-- A campaign asks a question for a while ("Refonte des concepts de distribution"). Ideas without a
-- campaign belong to the space's always-open box.
create table idea_campaigns (
  id uuid primary key default gen_random_uuid(),
  space_id uuid not null references spaces (id) on delete cascade,
  slug text not null check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$' and slug <> 'all'),
  title text not null,
  question text not null,
  description text not null default '',
  tree jsonb not null default '[]'::jsonb,
  -- after this, nobody submits, votes or edits in the campaign; null: open until further notice
  closes_at timestamptz,
  created_by uuid references people (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (space_id, slug)
);

create table ideas (
  -- random (v4), never time-ordered: an id must say nothing about when an anonymous idea was written
  id uuid primary key default gen_random_uuid(),
  space_id uuid not null references spaces (id) on delete cascade,
  campaign_id uuid references idea_campaigns (id) on delete restrict,
  -- the idea's discussion: subject `ruche:idea:<id>` in the idea's space
  subject_id uuid not null references subjects (id) on delete cascade,
  -- always the real author (for "my ideas", editing, news); shown according to `anonymous`
  author_id uuid references people (id) on delete set null,
  anonymous boolean not null default false,
  -- for an anonymous idea: whether the space's policy let stewards see its author when it was
  -- submitted. A later change of policy never exposes an idea submitted under the former one.
  author_visible_to_stewards boolean not null default false,
  title text not null,
  description text not null,
  -- the description parsed into the safe markdown tree (shared/markdown)
  tree jsonb not null,
  tags text[] not null default '{}',
  -- the space's language when the idea was written: chooses the text-search configuration
  lang text not null check (lang in ('fr', 'en')),
  status text not null default 'new'
    check (status in ('new', 'under_review', 'planned', 'in_progress', 'done', 'declined', 'merged')),
  -- the stewards' latest word on the status (required for declined), shown to everyone
  status_reason text,
  status_reason_tree jsonb,
  status_changed_at timestamptz,
  merged_into uuid references ideas (id) on delete set null,
  check (merged_into is null or status = 'merged'),
  vote_count int not null default 0 check (vote_count >= 0),
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  search tsvector generated always as (
    setweight(to_tsvector(case when lang = 'en' then 'ruche_en'::regconfig else 'ruche_fr'::regconfig end, title), 'A') ||
    setweight(to_tsvector(case when lang = 'en' then 'ruche_en'::regconfig else 'ruche_fr'::regconfig end, description), 'B')
  ) stored
);
create index ideas_space_campaign_idx on ideas (space_id, campaign_id, created_at desc);
create index ideas_search_idx on ideas using gin (search);
create index ideas_tags_idx on ideas using gin (tags);
create index ideas_author_idx on ideas (author_id);
create index ideas_merged_into_idx on ideas (merged_into) where merged_into is not null;

-- One vote per person and idea (the key), so concurrent votes cannot double.
create table idea_votes (
  idea_id uuid not null references ideas (id) on delete cascade,
  person_id uuid not null references people (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (idea_id, person_id)
);
create index idea_votes_person_idx on idea_votes (person_id, created_at);
create index idea_votes_recent_idx on idea_votes (idea_id, created_at);

-- Every status decision, kept and shown on the idea.
create table idea_status_changes (
  id bigint generated always as identity primary key,
  idea_id uuid not null references ideas (id) on delete cascade,
  space_id uuid not null references spaces (id) on delete cascade,
  from_status text not null,
  to_status text not null,
  reason text,
  reason_tree jsonb,
  merged_into uuid references ideas (id) on delete set null,
  changed_by uuid references people (id) on delete set null,
  created_at timestamptz not null default now()
);
create index idea_status_changes_idea_idx on idea_status_changes (idea_id, id);

-- "News on your ideas": what each person last marked as seen.
create table idea_news_seen (
  person_id uuid primary key references people (id) on delete cascade,
  seen_at timestamptz not null
);

-- Status changes POSTed to another system, signed with the webhook's secret (HMAC-SHA256).
create table idea_webhooks (
  id uuid primary key default gen_random_uuid(),
  space_id uuid not null references spaces (id) on delete cascade,
  url text not null check (url ~* '^https?://'),
  secret text not null,
  active boolean not null default true,
  created_by uuid references people (id) on delete set null,
  created_at timestamptz not null default now()
);
create index idea_webhooks_space_idx on idea_webhooks (space_id);

-- Each delivery, written in the transaction of the change (so it exists exactly when the change
-- does) and updated as it is attempted after the commit: failures stay visible to stewards.
create table idea_webhook_deliveries (
  id bigint generated always as identity primary key,
  webhook_id uuid not null references idea_webhooks (id) on delete cascade,
  event text not null,
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts int not null default 0,
  last_status_code int,
  last_error text,
  created_at timestamptz not null default now(),
  last_attempt_at timestamptz
);
create index idea_webhook_deliveries_webhook_idx on idea_webhook_deliveries (webhook_id, id desc);

-- The expert finder: a shared vocabulary of skills, what people declare about themselves (skills and
-- intents), endorsements, privacy settings, questions asked to experts and the notifications they
-- send; the directory's SCIM bookkeeping; full-text indexes for the evidence read from comments.

-- French and English text-search configurations with unaccent (003_ideas.sql creates them; this
-- guard only matters where that migration did not, e.g. a database that skipped the idea box).
-- There is no `create text search configuration if not exists`, hence the DO block.
do $$
declare
  lang text;
  config text;
  stemmer text;
begin
  foreach lang in array array['french', 'english'] loop
    config := case lang when 'french' then 'ruche_fr' else 'ruche_en' end;
    if exists (select 1 from pg_ts_config c join pg_namespace n on n.oid = c.cfgnamespace
                where c.cfgname = config and n.nspname = current_schema()) then
      continue;
    end if;
    stemmer := lang || '_stem';
    if not exists (select 1 from pg_ts_dict where dictname = stemmer) then stemmer := 'simple'; end if;
    if exists (select 1 from pg_ts_config where cfgname = lang) then
      execute format('create text search configuration %I (copy = %I)', config, lang);
    else
      execute format('create text search configuration %I (copy = simple)', config);
    end if;
    if exists (select 1 from pg_ts_dict d join pg_namespace n on n.oid = d.dictnamespace
                where d.dictname = 'unaccent' and n.nspname = 'public') then
      execute format('alter text search configuration %I alter mapping for hword, hword_part, word with public.unaccent, %I',
                     config, stemmer);
    end if;
  end loop;
end $$;

-- The vocabulary. `key` is the normalised form (api/experts/skills.ts: lower case, no accents,
-- punctuation and runs of spaces collapsed), so "Excel", "excel " and "EXCEL" are one skill;
-- `label` is how it is shown (as first written, or as curated below).
create table skills (
  id uuid primary key default gen_random_uuid(),
  key text not null unique check (length(key) between 1 and 60),
  label text not null check (length(label) between 1 and 60),
  created_at timestamptz not null default now()
);

-- Other ways of writing a skill ("ms excel" for "excel", "vat" for "tva"): normalised too. A
-- synonym also widens searches, which makes it a bridge between the French and English spaces.
create table skill_synonyms (
  alias text primary key check (length(alias) between 1 and 60),
  skill_id uuid not null references skills (id) on delete cascade
);
create index skill_synonyms_skill_idx on skill_synonyms (skill_id);

-- What a person says about themselves: skills, and intents about a skill (ask me about it, I can
-- mentor it, I want to learn it). `source` tells what the person typed from what the directory
-- import brought; once a person edits their skills, the import leaves them alone (profiles).
create table profile_tags (
  person_id uuid not null references people (id) on delete cascade,
  kind text not null check (kind in ('skill', 'ask_me', 'mentor', 'learn')),
  skill_id uuid not null references skills (id) on delete cascade,
  source text not null default 'self' check (source in ('self', 'directory')),
  position int not null default 0,
  created_at timestamptz not null default now(),
  primary key (person_id, kind, skill_id)
);
create index profile_tags_skill_idx on profile_tags (skill_id, kind);

-- A colleague vouches for a declared skill: once per endorser, skill and person, never for oneself.
create table endorsements (
  endorsee_id uuid not null references people (id) on delete cascade,
  skill_id uuid not null references skills (id) on delete cascade,
  endorser_id uuid not null references people (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (endorsee_id, skill_id, endorser_id),
  check (endorser_id <> endorsee_id)
);
create index endorsements_endorser_idx on endorsements (endorser_id);

-- Settings a person controls. No row: the defaults (nothing hidden, no chat link).
create table profiles (
  person_id uuid primary key references people (id) on delete cascade,
  -- a link to reach the person on the company's chat (https:, msteams:, sip:, …)
  chat_url text check (chat_url is null or length(chat_url) <= 500),
  -- what Ruche infers from their activity is not shown to others nor used to rank them
  hide_inferred boolean not null default false,
  -- guests (external partners) do not find them, nor see their profile
  hide_from_guests boolean not null default false,
  -- set when the person edits their skills: the directory import stops changing them
  skills_edited_at timestamptz,
  updated_at timestamptz not null default now()
);

-- A question asked through the expert finder (or an overdue Q&A question routed to experts): the
-- topic experts were ranked on, how many were told per round, and whether it was escalated.
create table expert_questions (
  question_id uuid primary key references comments (id) on delete cascade,
  space_id uuid not null references spaces (id) on delete cascade,
  asked_by uuid references people (id) on delete set null,
  topic text not null,
  origin text not null check (origin in ('finder', 'overdue')),
  experts_per_round int not null check (experts_per_round between 1 and 10),
  escalated_at timestamptz,
  created_at timestamptz not null default now()
);
create index expert_questions_pending_idx on expert_questions (created_at) where escalated_at is null;

-- "Someone asks you": one notification per person and question, whatever the rounds.
create table expert_notifications (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id) on delete cascade,
  question_id uuid not null references comments (id) on delete cascade,
  -- expert: among the top experts when asked; next_expert: the next ones, once the promise passed;
  -- steward: a steward of the space, once the promise passed
  reason text not null check (reason in ('expert', 'next_expert', 'steward')),
  rank int,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (person_id, question_id)
);
create index expert_notifications_person_idx on expert_notifications (person_id, created_at desc, id);

-- People pushed by an identity provider over SCIM: the provider's own id for them (`externalId`).
-- The person is the `people` row whose external_id is the SCIM userName.
create table scim_users (
  person_id uuid primary key references people (id) on delete cascade,
  scim_external_id text,
  created_at timestamptz not null default now()
);

-- Evidence is read from comments by full-text search in the language of their space; one index per
-- configuration, on the same expressions the search uses (api/experts/ranking.ts).
create index experts_comments_search_fr_idx on comments using gin (to_tsvector('ruche_fr'::regconfig, body)) where status = 'published';
create index experts_comments_search_en_idx on comments using gin (to_tsvector('ruche_en'::regconfig, body)) where status = 'published';
-- Questions still waiting for an answer, for the escalation past the answer-time promise.
create index experts_open_questions_idx on comments (created_at)
  where is_question and answered_at is null and accepted_answer_id is null and status = 'published';

-- A starting vocabulary; stewards and people add the rest by writing it.
insert into skills (key, label) values
  ('excel', 'Excel'),
  ('word', 'Word'),
  ('powerpoint', 'PowerPoint'),
  ('tva', 'TVA'),
  ('tva intracommunautaire', 'TVA intracommunautaire'),
  ('paie', 'Paie'),
  ('rgpd', 'RGPD'),
  ('gestion de projet', 'Gestion de projet'),
  ('comptabilite fournisseurs', 'Comptabilité fournisseurs'),
  ('javascript', 'JavaScript'),
  ('sql', 'SQL'),
  ('chariot elevateur', 'Chariot élévateur');

insert into skill_synonyms (alias, skill_id)
select alias, (select id from skills where key = target)
  from (values
    ('ms excel', 'excel'), ('microsoft excel', 'excel'), ('excel 365', 'excel'),
    ('ms word', 'word'), ('microsoft word', 'word'),
    ('ms powerpoint', 'powerpoint'), ('microsoft powerpoint', 'powerpoint'), ('ppt', 'powerpoint'),
    ('vat', 'tva'), ('taxe sur la valeur ajoutee', 'tva'),
    ('intra community vat', 'tva intracommunautaire'), ('intra eu vat', 'tva intracommunautaire'),
    ('payroll', 'paie'),
    ('gdpr', 'rgpd'),
    ('project management', 'gestion de projet'),
    ('accounts payable', 'comptabilite fournisseurs'),
    ('js', 'javascript'), ('ecmascript', 'javascript'),
    ('forklift', 'chariot elevateur'), ('cariste', 'chariot elevateur')
  ) as s (alias, target);

-- Flow engine runs, recovery-capital checks and PAUSE (issue 5, flows part).

-- PAUSE <days>: status 'paused' plus when it ends; a resume job (business-key id) and
-- the sweeper-free check at send time both read it. Crisis handling ignores all of this.
alter table participants add column paused_until timestamptz;
alter table participants add column pause_reason text;
-- null = the recovery-capital flow file's own cadence.
alter table participants add column recovery_capital_cadence text
  check (recovery_capital_cadence in ('weekly', 'monthly', 'off'));

create table flow_runs (
  id uuid primary key default gen_random_uuid(),
  participant_id uuid not null references participants(id),
  flow_id text not null,
  status text not null check (status in ('active', 'completed', 'interrupted', 'timed_out', 'cancelled')),
  step_id text,
  -- The ask or wait the run is blocked on: {kind, stepId, token, attempts}. A timeout
  -- job carries the token, so one planned for an older wait finds nothing to do.
  waiting jsonb,
  -- When the current ask was sent: a check-in prompt sent after it takes the next reply.
  waiting_since timestamptz,
  values jsonb not null default '{}'::jsonb,
  -- Bumped on every change; updates are compare-and-set on it.
  version integer not null default 0,
  -- What started the run (e.g. recovery-capital|<participant>|2026-11-29), so a retried
  -- or duplicated start job cannot start it twice.
  start_key text unique,
  started_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  ended_at timestamptz
);
-- At most one active run per participant: a reply has exactly one place to go.
create unique index flow_runs_one_active on flow_runs (participant_id) where status = 'active';
create index flow_runs_participant on flow_runs (participant_id, started_at);

create table recovery_capital_checks (
  id uuid primary key default gen_random_uuid(),
  participant_id uuid not null references participants(id),
  run_id uuid not null unique references flow_runs(id),
  -- complete: every item answered 1-5, total is their sum. incomplete: timed out or an
  -- item skipped; the answers given are kept, but there is no total to compare.
  status text not null check (status in ('complete', 'incomplete')),
  total integer,
  -- {"q1": 4, "q2": "skipped", ...}
  items jsonb not null,
  finished_at timestamptz not null
);
create index recovery_capital_participant on recovery_capital_checks (participant_id, finished_at);

-- Hotline case lifecycle (issue 10 §2): a claimed case is never a dead end.

-- When the case last entered the queue, from the injected clock (re-page texts say how
-- long the parent has waited; created_at's SQL default is not the clock the code uses).
-- Null on rows from before this migration: read as created_at.
alter table hotline_cases add column queued_at timestamptz;
-- Responders not to page for this case again (whoever TRANSFERred it away).
alter table hotline_cases add column skip_paging jsonb not null default '[]'::jsonb;
-- The latest supervisor review (child safety / mandated reporting); each review is on the timeline.
alter table hotline_cases add column reviewed_at timestamptz;
alter table hotline_cases add column reviewed_by uuid references responders(id);

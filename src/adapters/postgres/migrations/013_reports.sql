-- Consent records, monthly progress reports and the disclosure log (issue 12, docs/reports.md).
-- 42 CFR Part 2: nothing leaves the program without a written consent that names the
-- recipient, the purpose and what may be shared; every release is logged with what was sent.

create table report_consents (
  id uuid primary key default gen_random_uuid(),
  participant_id uuid not null references participants(id),
  recipient_name text not null,
  recipient_kind text not null check (recipient_kind in ('court', 'child_welfare', 'attorney', 'other')),
  purpose text not null,
  -- Subset of participation, appointments_kept, checkin_adherence, recovery_capital,
  -- return_to_use; each ticked separately on the signed form.
  sections jsonb not null,
  -- Calendar dates of the signed form, in the parent's zone ("yyyy-MM-dd").
  signed_on text not null,
  expires_on text not null,
  -- Revocation takes effect at the instant it is recorded; a release after it is refused.
  revoked_at timestamptz,
  revoked_by text,
  entered_by_id text not null,
  entered_by_name text not null,
  created_at timestamptz not null,
  check (signed_on <= expires_on)
);
create index report_consents_participant on report_consents (participant_id, created_at);

create table monthly_reports (
  id uuid primary key default gen_random_uuid(),
  participant_id uuid not null references participants(id),
  -- "yyyy-MM" in the parent's zone: one draft per parent per month, however often the job runs.
  month text not null,
  time_zone text not null,
  peer_id uuid references peers(id),
  -- Figures computed from the month's rows when drafted (domain/reports/figures.ts).
  figures jsonb not null,
  -- The peer's text per section, drafted from the figures and edited by the peer.
  notes jsonb not null,
  drafted_at timestamptz not null,
  edited_at timestamptz,
  edited_by text,
  unique (participant_id, month)
);
create index monthly_reports_month on monthly_reports (month);

-- Append-only: what was released, to whom, when, under which consent, by whom. `content`
-- is the exact document disclosed (sections kept, figures, notes), so it can be shown
-- again as it was even after the draft is edited.
create table report_disclosures (
  id uuid primary key default gen_random_uuid(),
  report_id uuid not null references monthly_reports(id),
  participant_id uuid not null references participants(id),
  consent_id uuid not null references report_consents(id),
  recipient_name text not null,
  recipient_kind text not null,
  purpose text not null,
  sections jsonb not null,
  left_out jsonb not null,
  released_by_id text not null,
  released_by_name text not null,
  released_by_role text not null,
  released_at timestamptz not null,
  content jsonb not null
);
create index report_disclosures_participant on report_disclosures (participant_id, released_at);
create index report_disclosures_released on report_disclosures (released_at);

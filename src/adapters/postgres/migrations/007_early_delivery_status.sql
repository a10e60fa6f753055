-- Twilio can call /twilio/status before the sending worker has stored the provider sid
-- (the callback races the API response). Such a status waits here and is applied when
-- the sid is stored, instead of being dropped.
create table early_delivery_statuses (
  provider_sid text primary key,
  status text not null check (status in ('sent', 'delivered', 'undelivered', 'failed')),
  error_code text,
  received_at timestamptz not null default now()
);

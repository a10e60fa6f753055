-- The supervisors' workload page counts notes held and delivered per week
-- (boundaries.weeklyCounts): without these it reads the whole table twice
-- (measured 181 ms → 55 ms on a year of 100 peers, docs/console.md).
create index peer_notifications_deferred_at on peer_notifications (deferred_at) where deferred_at is not null and peer_id is not null;
create index peer_notifications_delivered_at on peer_notifications (delivered_at) where delivered_at is not null and peer_id is not null;

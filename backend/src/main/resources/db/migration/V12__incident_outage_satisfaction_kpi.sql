-- KPIs and reports (backend README, "KPIs and reports"): what the figures need from an incident
-- and the indexes that keep a year's aggregation fast.
--
-- The outage an incident caused: [outage_start, outage_end), full (the service was down) or partial
-- (degraded); set by its commander, handler or managers. Availability per service and month counts
-- the outage minutes inside the month (partial ones weighted, suoke.kpi.partial-outage-weight).
-- The reporter's rating of the resolution when confirming it (1-5 with an optional comment; the
-- comment may hold personal data and never goes to the audit trail or logs).
-- handling_started_at: the first time the incident had a handler (acknowledged by a person; an
-- incident acknowledged at the alert source starts handling when someone takes it).
ALTER TABLE incident
    ADD COLUMN outage_start         TIMESTAMPTZ,
    ADD COLUMN outage_end           TIMESTAMPTZ,
    ADD COLUMN outage_kind          VARCHAR(10) CHECK (outage_kind IN ('full', 'partial')),
    ADD COLUMN satisfaction         SMALLINT    CHECK (satisfaction BETWEEN 1 AND 5),
    ADD COLUMN satisfaction_comment TEXT        CHECK (char_length(satisfaction_comment) <= 2000),
    ADD COLUMN satisfaction_at      TIMESTAMPTZ,
    ADD COLUMN handling_started_at  TIMESTAMPTZ,
    ADD CONSTRAINT incident_outage_interval CHECK (outage_end IS NULL OR outage_end > outage_start),
    ADD CONSTRAINT incident_outage_kind CHECK ((outage_start IS NULL) = (outage_kind IS NULL)),
    ADD CONSTRAINT incident_outage_end_needs_start CHECK (outage_end IS NULL OR outage_start IS NOT NULL),
    ADD CONSTRAINT incident_satisfaction_time CHECK ((satisfaction IS NULL) = (satisfaction_at IS NULL));

UPDATE incident SET handling_started_at = acknowledged_at WHERE handler IS NOT NULL AND acknowledged_at IS NOT NULL;

-- a month (or any range) of incidents per service or team, in creation order
CREATE INDEX incident_kpi_created_idx ON incident (created_at) INCLUDE (service, manager_group, priority, status);
CREATE INDEX incident_team_idx ON incident (manager_group, created_at);
-- the outages overlapping a month
CREATE INDEX incident_outage_idx ON incident (service, outage_start) WHERE outage_start IS NOT NULL;
-- pages per person and hour (the notification ledger's pages of incidents)
CREATE INDEX notification_page_idx ON notification (created_at) WHERE urgency = 'PAGE';
-- action items overdue
CREATE INDEX review_action_item_due_idx ON review_action_item (due_date) WHERE state = 'open';

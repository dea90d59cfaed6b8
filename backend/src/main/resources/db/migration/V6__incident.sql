-- Incidents (backend README, "Incidents"): the record, its SLA clocks in the shape of Jira Service
-- Management's SLA cycles, the texts of its timeline, pages sent, and requested reviews.
-- Titles, descriptions, notes and reasons may hold personal or health data: they live here and in
-- the process variables only, never in the audit trail's details nor in logs.

-- The incident managers: notified on every escalation of an incident whose service has no owner
-- group, and allowed to re-classify, cancel and staff any incident.
INSERT INTO app_group (name, display_name) VALUES ('incident-managers', 'Incident managers')
    ON CONFLICT (name) DO NOTHING;

-- One counter per calendar day (Asia/Shanghai): INC-yyyyMMdd-nnnn. The upsert's row lock makes
-- concurrent openers take turns, so numbers never repeat.
CREATE TABLE incident_number_counter (
    day         DATE    PRIMARY KEY,
    last_number INTEGER NOT NULL CHECK (last_number > 0)
);

CREATE TABLE incident (
    number                VARCHAR(20)  PRIMARY KEY CHECK (number ~ '^INC-[0-9]{8}-[0-9]{4,}$'),
    title                 VARCHAR(200) NOT NULL,
    description           TEXT         CHECK (char_length(description) <= 10000),
    service               VARCHAR(100) NOT NULL,
    service_class         VARCHAR(20)  NOT NULL CHECK (service_class IN ('core', 'agent', 'support')),
    severity              VARCHAR(20)  NOT NULL CHECK (severity IN ('critical', 'error', 'warning', 'info')),
    -- set at triage (the process's decision), changed by re-classification
    priority              VARCHAR(2)   CHECK (priority IN ('P0', 'P1', 'P2', 'P3')),
    status                VARCHAR(20)  NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'triaged', 'acknowledged', 'resolved', 'closed', 'cancelled')),
    source                VARCHAR(20)  NOT NULL CHECK (source IN ('alert', 'report', 'heartbeat')),
    reporter              VARCHAR(100),
    integration           VARCHAR(100),
    alert_key             VARCHAR(500),
    affected_users        INTEGER      NOT NULL DEFAULT 0 CHECK (affected_users >= 0),
    data_or_safety_impact BOOLEAN      NOT NULL DEFAULT false,
    -- the incident-management instance; null until it started (the recovery starts those left)
    process_instance_key  BIGINT       UNIQUE,
    -- the highest tier paged so far and the groups of every tier paged
    tier                  SMALLINT     NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 3),
    paged_groups          TEXT[]       NOT NULL DEFAULT '{}',
    tier1_group           VARCHAR(100) NOT NULL,
    tier2_group           VARCHAR(100) NOT NULL,
    tier3_group           VARCHAR(100) NOT NULL,
    manager_group         VARCHAR(100) NOT NULL,
    calendar_id           VARCHAR(100) NOT NULL,
    commander             VARCHAR(100),
    communications_lead   VARCHAR(100),
    scribe                VARCHAR(100),
    handler               VARCHAR(100),
    duplicate_of          VARCHAR(20)  REFERENCES incident (number) CHECK (duplicate_of <> number),
    resolution_type       VARCHAR(30)  CHECK (resolution_type IN ('workaround', 'permanent-fix')),
    resolution_summary    TEXT         CHECK (char_length(resolution_summary) <= 10000),
    review_requested      BOOLEAN      NOT NULL DEFAULT false,
    detected_at           TIMESTAMPTZ  NOT NULL,
    created_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    acknowledged_at       TIMESTAMPTZ,
    resolved_at           TIMESTAMPTZ,
    closed_at             TIMESTAMPTZ,
    updated_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    labels                JSONB        NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX incident_created_idx ON incident (created_at DESC, number DESC);
CREATE INDEX incident_status_idx ON incident (status, created_at DESC);
CREATE INDEX incident_service_idx ON incident (service, created_at DESC);
CREATE INDEX incident_reporter_idx ON incident (reporter) WHERE reporter IS NOT NULL;
CREATE INDEX incident_handler_idx ON incident (handler) WHERE handler IS NOT NULL;
CREATE INDEX incident_commander_idx ON incident (commander) WHERE commander IS NOT NULL;
CREATE INDEX incident_alert_key_idx ON incident (alert_key) WHERE alert_key IS NOT NULL;
-- what the recovery looks for: recorded, never started
CREATE INDEX incident_unstarted_idx ON incident (created_at) WHERE process_instance_key IS NULL AND status = 'open';

-- One SLA clock per incident and target: response (stops at acknowledgement) and handling (stops at
-- resolution). goal is an ISO 8601 duration of wall-clock time when calendar_id is null (24x7), or
-- P<n>D = n business days on the calendar; goal_millis is the goal in the clock's own time (wall
-- time, or working time of the calendar). breach_time moves by every pause; while paused it is the
-- breach time the clock had when it paused.
CREATE TABLE incident_sla (
    incident_number VARCHAR(20)  NOT NULL REFERENCES incident (number) ON DELETE CASCADE,
    target          VARCHAR(20)  NOT NULL CHECK (target IN ('response', 'handling')),
    priority        VARCHAR(2)   NOT NULL CHECK (priority IN ('P0', 'P1', 'P2', 'P3')),
    goal            VARCHAR(40)  NOT NULL,
    calendar_id     VARCHAR(100),
    goal_millis     BIGINT       NOT NULL CHECK (goal_millis > 0),
    start_time      TIMESTAMPTZ  NOT NULL,
    breach_time     TIMESTAMPTZ,
    paused_since    TIMESTAMPTZ,
    paused_total    INTERVAL     NOT NULL DEFAULT '0',
    stopped_at      TIMESTAMPTZ,
    -- set when the clock stops: met or breached; cancelled when the incident was cancelled
    outcome         VARCHAR(20)  CHECK (outcome IN ('met', 'breached', 'cancelled')),
    PRIMARY KEY (incident_number, target),
    CHECK ((stopped_at IS NULL) = (outcome IS NULL))
);

-- Every pause of a clock (the completed ones have resumed_at): elapsed time leaves them out, in
-- the clock's own time. A resolution later reopened counts as a pause of the handling clock.
CREATE TABLE incident_sla_pause (
    id              BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_number VARCHAR(20)  NOT NULL,
    target          VARCHAR(20)  NOT NULL,
    paused_at       TIMESTAMPTZ  NOT NULL,
    resumed_at      TIMESTAMPTZ  CHECK (resumed_at >= paused_at),
    reason          VARCHAR(40)  NOT NULL,
    FOREIGN KEY (incident_number, target) REFERENCES incident_sla (incident_number, target) ON DELETE CASCADE
);

CREATE INDEX incident_sla_pause_idx ON incident_sla_pause (incident_number, target, paused_at);
CREATE UNIQUE INDEX incident_sla_pause_open_idx ON incident_sla_pause (incident_number, target) WHERE resumed_at IS NULL;

-- The free texts of the timeline (notes, reasons, comments). The audit trail records the action
-- with the text's id, so that personal or health data stays out of the trail, its search index
-- and its exports.
CREATE TABLE incident_note (
    id              BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_number VARCHAR(20)  NOT NULL REFERENCES incident (number) ON DELETE CASCADE,
    author          VARCHAR(200) NOT NULL,
    kind            VARCHAR(20)  NOT NULL CHECK (kind IN ('note', 'reason', 'comment')),
    text            TEXT         NOT NULL CHECK (char_length(text) BETWEEN 1 AND 5000),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX incident_note_incident_idx ON incident_note (incident_number, id);

-- Pages sent: the n-th page of a tier of an incident, one per job (a retried job keeps its attempt,
-- so the notifier's idempotency key {number}:page:{tier}:{user}:{attempt} stays the same).
CREATE TABLE incident_page (
    incident_number VARCHAR(20)  NOT NULL REFERENCES incident (number) ON DELETE CASCADE,
    tier            SMALLINT     NOT NULL CHECK (tier BETWEEN 1 AND 3),
    attempt         INTEGER      NOT NULL CHECK (attempt > 0),
    job_key         BIGINT       NOT NULL,
    paged_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (incident_number, tier, attempt),
    UNIQUE (job_key, tier)
);

-- The event review an incident asked for (P0/P1 always, P2 on request), and its instance of
-- process event-review once that process is deployed.
CREATE TABLE incident_review_request (
    incident_number      VARCHAR(20)  PRIMARY KEY REFERENCES incident (number) ON DELETE CASCADE,
    requested_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    priority             VARCHAR(2),
    requested            BOOLEAN      NOT NULL DEFAULT false,
    status               VARCHAR(20)  NOT NULL CHECK (status IN ('requested', 'started')),
    process_instance_key BIGINT
);

-- The application's role may use these tables like every other domain table (V3's default
-- privileges already grant it; stated again here for databases migrated by another owner).
DO $$
DECLARE
    app TEXT := '${app_role}';
BEGIN
    IF app = current_user THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON incident_number_counter, incident, incident_sla, '
        || 'incident_sla_pause, incident_note, incident_page, incident_review_request TO %I', app);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app);
END
$$;

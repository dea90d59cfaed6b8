-- Change management (backend README, "Changes"): change requests of three types, versioned
-- pre-approved templates, approvals, a timeline, the change calendar (maintenance and blackout
-- windows per service), incidents caused by changes (for the change success score), and the
-- dependencies between services of the catalog (for conflict detection).

INSERT INTO app_group (name, display_name) VALUES
    ('change-managers', 'Change managers'),
    ('cab', 'Change advisory board'),
    ('emergency-cab', 'Emergency change advisory board')
    ON CONFLICT (name) DO NOTHING;

-- Which services a service depends on (catalog): a change on one may disturb the other.
CREATE TABLE service_dependency (
    service    TEXT NOT NULL REFERENCES service (name) ON DELETE CASCADE,
    depends_on TEXT NOT NULL REFERENCES service (name) ON DELETE CASCADE,
    PRIMARY KEY (service, depends_on),
    CHECK (service <> depends_on)
);

-- Pre-approved templates of standard changes: every edit is a new version; a change keeps the
-- version it was requested from. Only the newest version of an active template can be requested.
CREATE TABLE change_template (
    id                BIGSERIAL PRIMARY KEY,
    template_key      TEXT NOT NULL CHECK (template_key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    version           INTEGER NOT NULL CHECK (version > 0),
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    service           TEXT NOT NULL REFERENCES service (name),
    implementer_group TEXT NOT NULL REFERENCES app_group (name),
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 1440),
    steps             TEXT NOT NULL DEFAULT '',
    active            BOOLEAN NOT NULL DEFAULT TRUE,
    created_by        TEXT NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (template_key, version)
);

CREATE TABLE change_number_counter (
    year        INTEGER PRIMARY KEY,
    last_number INTEGER NOT NULL CHECK (last_number > 0)
);

CREATE TABLE change_request (
    number              VARCHAR(20) PRIMARY KEY CHECK (number ~ '^CHG-[0-9]{4}-[0-9]{5,}$'),
    change_type         TEXT NOT NULL CHECK (change_type IN ('standard', 'normal', 'emergency')),
    title               TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    service             TEXT NOT NULL REFERENCES service (name),
    status              TEXT NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'rejected',
                            'scheduled', 'frozen', 'implementing', 'closed', 'cancelled')),
    risk                TEXT CHECK (risk IN ('low', 'medium', 'high')),
    requester           TEXT NOT NULL,
    implementer_group   TEXT NOT NULL,
    template_key        TEXT,
    template_version    INTEGER,
    incident_number     VARCHAR(20),
    planned_start       TIMESTAMPTZ,
    planned_end         TIMESTAMPTZ,
    window_start        TIMESTAMPTZ,
    window_end          TIMESTAMPTZ,
    close_code          TEXT CHECK (close_code IN ('successful', 'successful-with-issues', 'unsuccessful', 'backed-out')),
    assessment          JSONB NOT NULL DEFAULT '{}',
    process_instance_key BIGINT,
    reviewed            BOOLEAN NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    closed_at           TIMESTAMPTZ,
    CHECK (window_end IS NULL OR window_end > window_start),
    CHECK (change_type <> 'emergency' OR incident_number IS NOT NULL),
    CHECK (change_type <> 'standard' OR template_key IS NOT NULL)
);
CREATE INDEX change_request_created_idx ON change_request (created_at DESC);
CREATE INDEX change_request_service_idx ON change_request (service, status);

-- Who approved or rejected, at which level (change-manager, service-owner, cab, emergency-cab).
CREATE TABLE change_approval (
    id            BIGSERIAL PRIMARY KEY,
    change_number VARCHAR(20) NOT NULL REFERENCES change_request (number) ON DELETE CASCADE,
    level         TEXT NOT NULL,
    approver      TEXT,
    decision      TEXT NOT NULL CHECK (decision IN ('approved', 'rejected', 'approve', 'reject')),
    comment       TEXT,
    decided_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    job_key       BIGINT,
    UNIQUE (change_number, job_key, approver)
);

-- The change's timeline: what happened, who did it. A job records its entry once (job_key).
CREATE TABLE change_event (
    id            BIGSERIAL PRIMARY KEY,
    change_number VARCHAR(20) NOT NULL REFERENCES change_request (number) ON DELETE CASCADE,
    at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor         TEXT,
    kind          TEXT NOT NULL,
    summary       TEXT NOT NULL,
    details       JSONB NOT NULL DEFAULT '{}',
    job_key       BIGINT UNIQUE
);
CREATE INDEX change_event_change_idx ON change_event (change_number, at);

-- The change calendar: maintenance windows (changes belong there) and blackout windows (no change
-- may be scheduled into them) of a service, or of every service when service is NULL.
CREATE TABLE change_calendar_window (
    id         BIGSERIAL PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('maintenance', 'blackout')),
    service    TEXT REFERENCES service (name) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    starts_at  TIMESTAMPTZ NOT NULL,
    ends_at    TIMESTAMPTZ NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
CREATE INDEX change_calendar_window_idx ON change_calendar_window (starts_at, ends_at);

-- Incidents a change caused (for the change success score: -10 P1, -5 P2, -2 P3).
CREATE TABLE change_caused_incident (
    change_number   VARCHAR(20) NOT NULL REFERENCES change_request (number) ON DELETE CASCADE,
    incident_number VARCHAR(20) NOT NULL,
    priority        VARCHAR(2) NOT NULL CHECK (priority IN ('P0', 'P1', 'P2', 'P3')),
    recorded_by     TEXT NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (change_number, incident_number)
);

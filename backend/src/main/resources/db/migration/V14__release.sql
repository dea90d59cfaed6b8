-- Releases (backend README, "Releases"): a new version of a service shifted in step by step inside
-- an approved change, with the analysis of every step. A release's id is REL-yyyyMMdd-nnnn.

CREATE SEQUENCE release_number_seq;

CREATE TABLE release (
    id                    VARCHAR(20)  PRIMARY KEY,
    service               VARCHAR(100) NOT NULL,
    change_id             VARCHAR(40),
    title                 VARCHAR(200) NOT NULL,
    stable_version        VARCHAR(100) NOT NULL,
    new_version           VARCHAR(100) NOT NULL,
    strategy              JSONB        NOT NULL,
    target                JSONB        NOT NULL,
    analysis              JSONB        NOT NULL,
    probes                JSONB        NOT NULL,
    -- the strategy expanded into steps by the plan (null until planned)
    steps                 JSONB,
    -- requested, running, paused, promoted, backed-out, refused
    status                VARCHAR(20)  NOT NULL DEFAULT 'requested'
        CHECK (status IN ('requested', 'running', 'paused', 'promoted', 'backed-out', 'refused')),
    current_weight        INTEGER      NOT NULL DEFAULT 0 CHECK (current_weight BETWEEN 0 AND 100),
    stage                 VARCHAR(30),
    verification_passed   BOOLEAN,
    probe_results         JSONB,
    incident_number       VARCHAR(20),
    requested_by          VARCHAR(100) NOT NULL,
    process_instance_key  BIGINT       UNIQUE,
    created_at            TIMESTAMPTZ  NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL,
    finished_at           TIMESTAMPTZ
);

CREATE INDEX release_service ON release (service, created_at DESC);
CREATE INDEX release_created ON release (created_at DESC);

-- Each traffic change in order: a step applied (its weight) or undone by the roll-back.
CREATE TABLE release_step (
    id          BIGSERIAL    PRIMARY KEY,
    release_id  VARCHAR(20)  NOT NULL REFERENCES release (id) ON DELETE CASCADE,
    step_index  INTEGER      NOT NULL,
    weight      INTEGER      NOT NULL CHECK (weight BETWEEN 0 AND 100),
    action      VARCHAR(10)  NOT NULL CHECK (action IN ('applied', 'undone')),
    undone      BOOLEAN      NOT NULL DEFAULT FALSE,
    at          TIMESTAMPTZ  NOT NULL
);

CREATE INDEX release_step_release ON release_step (release_id, id);

-- Each analysis with its verdict and every measured value (step_index null: the performance check).
CREATE TABLE release_analysis (
    id          BIGSERIAL    PRIMARY KEY,
    release_id  VARCHAR(20)  NOT NULL REFERENCES release (id) ON DELETE CASCADE,
    step_index  INTEGER,
    phase       VARCHAR(20)  NOT NULL,
    verdict     VARCHAR(20)  NOT NULL CHECK (verdict IN ('Successful', 'Failed', 'Inconclusive')),
    result      JSONB        NOT NULL,
    at          TIMESTAMPTZ  NOT NULL
);

CREATE INDEX release_analysis_release ON release_analysis (release_id, id);

-- The release's timeline: stages, people's actions, the outcome.
CREATE TABLE release_event (
    id          BIGSERIAL    PRIMARY KEY,
    release_id  VARCHAR(20)  NOT NULL REFERENCES release (id) ON DELETE CASCADE,
    kind        VARCHAR(30)  NOT NULL,
    actor       VARCHAR(100),
    note        VARCHAR(2000),
    at          TIMESTAMPTZ  NOT NULL
);

CREATE INDEX release_event_release ON release_event (release_id, id);

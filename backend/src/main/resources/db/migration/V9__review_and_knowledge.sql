-- Event reviews and the knowledge base (backend README, "Event reviews", "Knowledge base").
-- A review belongs to one incident (its number is the review's id); its texts (sections, timeline
-- summaries, action item titles and reasons) may hold personal data: they live here and in the
-- process variables only, never in the audit trail's details nor in logs.

CREATE TABLE review (
    incident_number          VARCHAR(20)  PRIMARY KEY REFERENCES incident (number) ON DELETE CASCADE,
    service                  VARCHAR(100) NOT NULL,
    priority                 VARCHAR(2)   CHECK (priority IN ('P0', 'P1', 'P2', 'P3')),
    -- requested: waits for its owner to start; in-progress: timeline assembled, being written;
    -- in-approval: every required section filled, with the service owner group; following-up:
    -- approved and published, action items open; closed: every item done or accepted as not done
    status                   VARCHAR(20)  NOT NULL DEFAULT 'requested'
        CHECK (status IN ('requested', 'in-progress', 'in-approval', 'following-up', 'closed')),
    review_owner             VARCHAR(100),
    owner_group              VARCHAR(100),
    start_due                TIMESTAMPTZ,
    late_start_escalated_at  TIMESTAMPTZ,
    process_instance_key     BIGINT       UNIQUE,
    root_cause               TEXT         CHECK (char_length(root_cause) <= 20000),
    contributing_factors     TEXT         CHECK (char_length(contributing_factors) <= 20000),
    impact_users             INTEGER      CHECK (impact_users >= 0),
    impact_duration_minutes  INTEGER      CHECK (impact_duration_minutes >= 0),
    impact_data              TEXT         CHECK (char_length(impact_data) <= 20000),
    went_well                TEXT         CHECK (char_length(went_well) <= 20000),
    approved_by              VARCHAR(100),
    approved_at              TIMESTAMPTZ,
    document_id              BIGINT,
    started_at               TIMESTAMPTZ,
    closed_at                TIMESTAMPTZ,
    created_at               TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at               TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX review_owner_idx ON review (review_owner);
CREATE INDEX review_owner_group_idx ON review (owner_group);

-- The timeline: entries assembled from the incident's audit trail (audit_seq set, assembled once
-- per audit event) and entries people added; people may correct the summary of any entry or hide it.
CREATE TABLE review_timeline_entry (
    id               BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_number  VARCHAR(20)  NOT NULL REFERENCES review (incident_number) ON DELETE CASCADE,
    occurred_at      TIMESTAMPTZ  NOT NULL,
    actor            VARCHAR(200),
    kind             VARCHAR(40)  NOT NULL,
    summary          TEXT         NOT NULL CHECK (char_length(summary) BETWEEN 1 AND 5000),
    audit_seq        BIGINT,
    hidden           BOOLEAN      NOT NULL DEFAULT false,
    edited_by        VARCHAR(100),
    edited_at        TIMESTAMPTZ,
    UNIQUE (incident_number, audit_seq)
);

CREATE INDEX review_timeline_idx ON review_timeline_entry (incident_number, occurred_at, id);

CREATE TABLE review_action_item (
    id               VARCHAR(40)  PRIMARY KEY,
    incident_number  VARCHAR(20)  NOT NULL REFERENCES review (incident_number) ON DELETE CASCADE,
    position         INTEGER      NOT NULL CHECK (position > 0),
    title            VARCHAR(500) NOT NULL,
    owner            VARCHAR(100) NOT NULL,
    due_date         TIMESTAMPTZ  NOT NULL,
    remind_at        TIMESTAMPTZ  NOT NULL,
    priority         VARCHAR(10)  NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
    type             VARCHAR(10)  NOT NULL CHECK (type IN ('fix', 'prevent', 'detect', 'process')),
    state            VARCHAR(10)  NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'not-done')),
    reason           TEXT         CHECK (char_length(reason) <= 2000),
    redated          INTEGER      NOT NULL DEFAULT 0,
    reminded_at      TIMESTAMPTZ,
    escalated_at     TIMESTAMPTZ,
    closed_at        TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (incident_number, position)
);

CREATE INDEX review_action_item_owner_idx ON review_action_item (owner, state);

-- Knowledge base documents: the current version here, every version in knowledge_version.
CREATE TABLE knowledge_document (
    id               BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type             VARCHAR(30)  NOT NULL
        CHECK (type IN ('runbook', 'fault-handbook', 'post-incident-review', 'best-practice')),
    title            VARCHAR(200) NOT NULL,
    body             TEXT         NOT NULL CHECK (char_length(body) <= 200000),
    services         TEXT[]       NOT NULL DEFAULT '{}',
    tags             TEXT[]       NOT NULL DEFAULT '{}',
    -- the incident of a published post-incident review (one document per review)
    incident_number  VARCHAR(20)  UNIQUE REFERENCES incident (number) ON DELETE SET NULL,
    version          INTEGER      NOT NULL CHECK (version > 0),
    created_by       VARCHAR(100) NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_by       VARCHAR(100) NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE knowledge_version (
    document_id      BIGINT       NOT NULL REFERENCES knowledge_document (id) ON DELETE CASCADE,
    version          INTEGER      NOT NULL CHECK (version > 0),
    title            VARCHAR(200) NOT NULL,
    body             TEXT         NOT NULL,
    services         TEXT[]       NOT NULL,
    tags             TEXT[]       NOT NULL,
    author           VARCHAR(100) NOT NULL,
    change_note      VARCHAR(500),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, version)
);

ALTER TABLE review ADD CONSTRAINT review_document_fk
    FOREIGN KEY (document_id) REFERENCES knowledge_document (id) ON DELETE SET NULL;

DO $$
DECLARE
    app TEXT := '${app_role}';
BEGIN
    IF app = current_user THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON review, review_timeline_entry, review_action_item, '
        || 'knowledge_document, knowledge_version TO %I', app);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app);
END
$$;

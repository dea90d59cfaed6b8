-- Shift handovers (backend README, "Shift handover"): one record per change of shift of a
-- schedule's tier, kept with what was gathered for it, what the outgoing person wrote and who
-- acknowledged it when. Notes, risks and planned changes may name people or incidents: they live
-- here and in the process variables only, never in the audit trail's details nor in logs.

-- The group told when a handover is not written or not acknowledged in time.
INSERT INTO app_group (name, display_name) VALUES ('operations-managers', 'Operations managers')
    ON CONFLICT (name) DO NOTHING;

CREATE TABLE handover (
    id                       BIGSERIAL    PRIMARY KEY,
    schedule_id              VARCHAR(100) NOT NULL,
    team                     VARCHAR(100) NOT NULL,
    tier                     SMALLINT     NOT NULL CHECK (tier BETWEEN 1 AND 3),
    outgoing_user            VARCHAR(100) NOT NULL,
    incoming_user            VARCHAR(100) NOT NULL,
    shift_start              TIMESTAMPTZ  NOT NULL,
    shift_end                TIMESTAMPTZ  NOT NULL CHECK (shift_end > shift_start),
    -- requested (process started), prefilled, written, acknowledged
    status                   VARCHAR(20)  NOT NULL DEFAULT 'requested'
        CHECK (status IN ('requested', 'prefilled', 'written', 'acknowledged')),
    write_due                TIMESTAMPTZ  NOT NULL,
    acknowledge_within       VARCHAR(40)  NOT NULL,
    process_instance_key     BIGINT       UNIQUE,
    -- the prefilled snapshot: open incidents with their SLA state, silences and maintenance
    -- windows, recent alerts, planned changes
    snapshot                 JSONB,
    prefilled_at             TIMESTAMPTZ,
    notes                    TEXT         CHECK (char_length(notes) <= 10000),
    risks                    TEXT         CHECK (char_length(risks) <= 5000),
    planned_changes          TEXT         CHECK (char_length(planned_changes) <= 5000),
    written_by               VARCHAR(100),
    written_at               TIMESTAMPTZ,
    acknowledged_by          VARCHAR(100),
    acknowledged_at          TIMESTAMPTZ,
    acknowledgement_note     TEXT         CHECK (char_length(acknowledgement_note) <= 2000),
    write_escalated_at       TIMESTAMPTZ,
    acknowledge_escalated_at TIMESTAMPTZ,
    created_at               TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- one handover per change of shift: starting it again finds this one
    UNIQUE (schedule_id, tier, shift_start)
);
CREATE INDEX handover_shift_start ON handover (shift_start DESC, id DESC);
CREATE INDEX handover_team ON handover (team, shift_start DESC);
CREATE INDEX handover_outgoing ON handover (outgoing_user, shift_start DESC);
CREATE INDEX handover_incoming ON handover (incoming_user, shift_start DESC);

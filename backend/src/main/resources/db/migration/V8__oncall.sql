-- On-call schedules (backend README, "On-call schedules"): schedules per team with layers of
-- rotations, overrides (also made by swaps and "take this shift"), swap requests, leave, the
-- personal calendar feed tokens and the gaps that were raised to the team's managers.

-- A schedule of one team (its group: the rotations' members come from it, its managers edit it).
CREATE TABLE oncall_schedule (
    id                    BIGSERIAL PRIMARY KEY,
    name                  TEXT NOT NULL,
    team_group            TEXT NOT NULL REFERENCES app_group (name),
    description           TEXT,
    time_zone             TEXT NOT NULL,
    swap_approval         BOOLEAN NOT NULL DEFAULT false,
    reminder_lead_minutes INT NOT NULL DEFAULT 60 CHECK (reminder_lead_minutes BETWEEN 0 AND 10080),
    created_by            TEXT NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX oncall_schedule_team ON oncall_schedule (team_group);

-- A layer: a rotation of members (in order) with turns of turn_hours from start_date at
-- handoff_time in time_zone; restrictions (JSON: [{days, start, end}]) and a business calendar
-- limit when it is on duty. The higher the position, the higher the layer.
CREATE TABLE oncall_layer (
    id                BIGSERIAL PRIMARY KEY,
    schedule_id       BIGINT NOT NULL REFERENCES oncall_schedule (id) ON DELETE CASCADE,
    position          INT NOT NULL,
    name              TEXT NOT NULL,
    members           TEXT[] NOT NULL,
    turn_kind         TEXT NOT NULL CHECK (turn_kind IN ('daily', 'weekly', 'custom')),
    turn_hours        INT NOT NULL CHECK (turn_hours > 0),
    handoff_time      TEXT NOT NULL,
    start_date        DATE NOT NULL,
    time_zone         TEXT NOT NULL,
    restrictions      TEXT NOT NULL DEFAULT '[]',
    business_calendar TEXT,
    skip_on_leave     BOOLEAN NOT NULL DEFAULT false,
    UNIQUE (schedule_id, position)
);

-- A person on call for a time range over every layer: set by a manager (override), the outcome of
-- a swap (swap) or a person taking a shift (take).
CREATE TABLE oncall_override (
    id          BIGSERIAL PRIMARY KEY,
    schedule_id BIGINT NOT NULL REFERENCES oncall_schedule (id) ON DELETE CASCADE,
    username    TEXT NOT NULL,
    start_at    TIMESTAMPTZ NOT NULL,
    end_at      TIMESTAMPTZ NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('override', 'swap', 'take')),
    replaces    TEXT,
    swap_id     BIGINT,
    note        TEXT,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (end_at > start_at)
);
CREATE INDEX oncall_override_range ON oncall_override (schedule_id, start_at);

-- A swap: the requester asks the counterpart to take [start_at, end_at) (and, for an exchange, to
-- give them [return_start_at, return_end_at)); accepted (and approved when the schedule wants a
-- manager's approval) it becomes overrides.
CREATE TABLE oncall_swap (
    id              BIGSERIAL PRIMARY KEY,
    schedule_id     BIGINT NOT NULL REFERENCES oncall_schedule (id) ON DELETE CASCADE,
    requester       TEXT NOT NULL,
    counterpart     TEXT NOT NULL,
    start_at        TIMESTAMPTZ NOT NULL,
    end_at          TIMESTAMPTZ NOT NULL,
    return_start_at TIMESTAMPTZ,
    return_end_at   TIMESTAMPTZ,
    status          TEXT NOT NULL CHECK (status IN ('requested', 'accepted', 'approved', 'declined', 'cancelled')),
    note            TEXT,
    decided_by      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (end_at > start_at)
);
CREATE INDEX oncall_swap_schedule ON oncall_swap (schedule_id, status);

-- A person away: layers that skip people on leave give their turns to the next member.
CREATE TABLE oncall_leave (
    id         BIGSERIAL PRIMARY KEY,
    username   TEXT NOT NULL,
    start_at   TIMESTAMPTZ NOT NULL,
    end_at     TIMESTAMPTZ NOT NULL,
    note       TEXT,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (end_at > start_at)
);
CREATE INDEX oncall_leave_user ON oncall_leave (username, start_at);

-- The secret of a person's subscribable calendar feed: only its SHA-256 is kept.
CREATE TABLE oncall_feed_token (
    username     TEXT PRIMARY KEY REFERENCES app_user (username) ON DELETE CASCADE,
    token_sha256 TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A gap of the next days raised to the team's managers as an on-call-gap process (one per gap start).
CREATE TABLE oncall_gap_alert (
    schedule_id          BIGINT NOT NULL REFERENCES oncall_schedule (id) ON DELETE CASCADE,
    gap_start            TIMESTAMPTZ NOT NULL,
    gap_end              TIMESTAMPTZ NOT NULL,
    process_instance_key BIGINT,
    raised_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    covered_at           TIMESTAMPTZ,
    PRIMARY KEY (schedule_id, gap_start)
);

-- People: users, groups and who belongs to (and manages) which group. Groups are the BPMN candidate
-- groups; a few of them also carry a role everywhere (admins, auditors, process-designers, operators).
CREATE TABLE app_group (
    name         VARCHAR(100) PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._-]*$'),
    display_name VARCHAR(200) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
    username         VARCHAR(100) PRIMARY KEY CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9._@-]*$'),
    password_hash    VARCHAR(200),
    display_name     VARCHAR(200) NOT NULL,
    email            VARCHAR(320),
    mobile           VARCHAR(40),
    dingtalk_user_id VARCHAR(100),
    enabled          BOOLEAN      NOT NULL DEFAULT true,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE app_group_member (
    group_name VARCHAR(100) NOT NULL REFERENCES app_group (name) ON DELETE CASCADE,
    username   VARCHAR(100) NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    -- a manager of the group may assign its tasks to its members
    manager    BOOLEAN      NOT NULL DEFAULT false,
    PRIMARY KEY (group_name, username)
);

CREATE INDEX app_group_member_user_idx ON app_group_member (username);

INSERT INTO app_group (name, display_name) VALUES
    ('admins', 'Administrators'),
    ('auditors', 'Auditors'),
    ('process-designers', 'Process designers'),
    ('operators', 'Operators'),
    ('tier1-oncall', 'Tier-1 on-call'),
    ('tier2', 'Tier-2 support'),
    ('tier3', 'Tier-3 experts'),
    ('change-managers', 'Change managers'),
    ('cab', 'Change advisory board'),
    ('release-managers', 'Release managers');

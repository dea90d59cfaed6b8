-- Business calendars: working week per weekday (one or more windows of wall-clock minutes in the
-- calendar's IANA time zone) and dated exceptions: public holidays (HOLIDAY) and make-up working
-- days (WORKDAY, 调休: a day off of the week that is worked with the hours of a normal working day).
CREATE TABLE business_calendar (
    id         VARCHAR(64)  PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
    name       VARCHAR(200) NOT NULL,
    time_zone  VARCHAR(64)  NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE business_calendar_hours (
    calendar_id  VARCHAR(64) NOT NULL REFERENCES business_calendar (id) ON DELETE CASCADE,
    -- ISO weekday: 1 Monday ... 7 Sunday
    weekday      SMALLINT    NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    -- minutes after local midnight; the window is [start, end), end 1440 = 24:00
    start_minute SMALLINT    NOT NULL CHECK (start_minute >= 0 AND start_minute < 1440),
    end_minute   SMALLINT    NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),
    PRIMARY KEY (calendar_id, weekday, start_minute)
);

CREATE TABLE business_calendar_day (
    calendar_id VARCHAR(64)  NOT NULL REFERENCES business_calendar (id) ON DELETE CASCADE,
    day         DATE         NOT NULL,
    kind        VARCHAR(10)  NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY')),
    name        VARCHAR(200),
    PRIMARY KEY (calendar_id, day)
);

-- The calendar used when none is named: Asia/Shanghai, Monday to Friday 09:00-18:00.
INSERT INTO business_calendar (id, name, time_zone) VALUES ('default', '默认工作日历', 'Asia/Shanghai');
INSERT INTO business_calendar_hours (calendar_id, weekday, start_minute, end_minute)
SELECT 'default', d, 540, 1080 FROM generate_series(1, 5) AS d;

-- China's public holidays and make-up working days of 2026, as published by the General Office of
-- the State Council (国务院办公厅关于2026年部分节假日安排的通知, 4 November 2025, through Xinhua).
-- The same days are in src/main/resources/calendar/cn-public-holidays-2026.ics.
INSERT INTO business_calendar_day (calendar_id, day, kind, name)
SELECT 'default', d::date, 'HOLIDAY', h.name
FROM (VALUES
    ('2026-01-01', '2026-01-03', '元旦'),
    ('2026-02-15', '2026-02-23', '春节'),
    ('2026-04-04', '2026-04-06', '清明节'),
    ('2026-05-01', '2026-05-05', '劳动节'),
    ('2026-06-19', '2026-06-21', '端午节'),
    ('2026-09-25', '2026-09-27', '中秋节'),
    ('2026-10-01', '2026-10-07', '国庆节')
) AS h (first_day, last_day, name),
LATERAL generate_series(h.first_day::date, h.last_day::date, interval '1 day') AS d;

INSERT INTO business_calendar_day (calendar_id, day, kind, name) VALUES
    ('default', '2026-01-04', 'WORKDAY', '元旦调休上班'),
    ('default', '2026-02-14', 'WORKDAY', '春节调休上班'),
    ('default', '2026-02-28', 'WORKDAY', '春节调休上班'),
    ('default', '2026-05-09', 'WORKDAY', '劳动节调休上班'),
    ('default', '2026-09-20', 'WORKDAY', '国庆节调休上班'),
    ('default', '2026-10-10', 'WORKDAY', '国庆节调休上班');

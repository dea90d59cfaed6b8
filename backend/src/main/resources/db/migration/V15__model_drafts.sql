-- Process designers' drafts (edited in the browser, validated, not deployed) and the content of
-- every resource deployed through the application (the engine's API has no read-back of a
-- deployed decision or form file: the model library opens them from here).

CREATE TABLE model_draft (
  id            uuid PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('bpmn', 'dmn', 'form')),
  resource_name text NOT NULL,
  content       text NOT NULL,
  base_id       text,
  base_version  integer,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_by    text NOT NULL,
  updated_at    timestamptz NOT NULL
);

CREATE INDEX model_draft_updated ON model_draft (updated_at DESC);

CREATE TABLE model_resource (
  kind           text NOT NULL CHECK (kind IN ('process', 'decision', 'form')),
  resource_id    text NOT NULL,
  version        integer NOT NULL,
  resource_key   text NOT NULL,
  resource_name  text NOT NULL,
  deployment_key bigint NOT NULL,
  content        text NOT NULL,
  PRIMARY KEY (kind, resource_id, version)
);

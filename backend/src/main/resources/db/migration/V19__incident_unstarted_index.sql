-- The recovery's partial index took an entry for every incident recorded (each one is open and
-- without an instance when its row is inserted) and lost it again at the start's adoption of the
-- instance key: an index write and a dead entry per incident, for a query that runs every 30 s and
-- finds, nearly always, nothing. incident_status_idx (status 'open', by creation) serves it as
-- well: the open incidents are the few that no process has triaged yet.
DROP INDEX incident_unstarted_idx;

-- Updates of an incident's row that change no indexed column can be HOT updates (no new entry in
-- any of the table's ten indexes, the old version pruned on the page without vacuum): the start's
-- adoption of its process instance key and every page's tier and paged groups.
--
-- The adoption changed a column of the partial index below, so it always wrote into every index.
-- The recovery finds its few unstarted incidents through incident_status_idx (status 'open', by
-- creation) just as well.
DROP INDEX incident_unstarted_idx;

-- Room on each page for the new versions of its rows (new pages only; existing ones fill as before).
ALTER TABLE incident SET (fillfactor = 85);

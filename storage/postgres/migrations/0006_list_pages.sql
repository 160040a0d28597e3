-- babillard 0006: indexes for keyset pages (package page).
--
-- Every list reads one page at a time: WHERE (sort columns) > (cursor)
-- ORDER BY sort columns LIMIT n. The indexes of 0001 serve the group lists
-- already; the board's queue of new-group requests (pending, any company)
-- had none that matched its order and scanned every request ever made.

CREATE INDEX babillard_join_requests_status_idx ON babillard_join_requests (status, new_group, created_at, id);

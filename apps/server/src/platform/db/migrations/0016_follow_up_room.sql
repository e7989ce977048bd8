-- Room on each page of the register for its rows' next versions. The scheduler's job marks thousands of overdue items
-- escalated at once, and divisions move items along all year; none of that touches an indexed column, so with free
-- space on the page PostgreSQL writes the new version beside the old one (a HOT update) instead of re-indexing the row
-- in all eleven indexes, two of them GIN (the folded text's trigrams, the match terms). Pages written from now on
-- keep the room; existing pages gain it as they are rewritten.
ALTER TABLE recommendations SET (fillfactor = 80);
ALTER TABLE key_tasks SET (fillfactor = 85);

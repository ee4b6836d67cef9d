-- Deleted spaces (issue 9): a space deleted by either phone stays deleted, so a phone that
-- opens the old link later, or had never reached the space, is told the sharing ended instead of
-- creating an empty space under the same id. Only the id and the token's hash are kept, no time.
CREATE TABLE deleted_spaces (
    id TEXT PRIMARY KEY,
    token_hash BLOB NOT NULL
) STRICT;

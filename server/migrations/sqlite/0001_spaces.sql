-- Shared spaces of sealed entries (issue 9). The server keeps only what it must compare and
-- count: opaque ids, stamps, sequence numbers, the token's hash and the sealed data.
CREATE TABLE spaces (
    id TEXT PRIMARY KEY,
    token_hash BLOB NOT NULL,
    seq INTEGER NOT NULL
) STRICT;

CREATE TABLE entries (
    space TEXT NOT NULL,
    id TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    at_c INTEGER NOT NULL,
    at_node INTEGER NOT NULL,
    data TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (space, id)
) STRICT;

CREATE INDEX entries_by_seq ON entries (space, seq);

-- Shared spaces of sealed entries, as in the SQLite store (issue 10). The server keeps only what
-- it must compare and count: opaque ids, stamps, sequence numbers, the token's hash and the
-- sealed data. A deleted space keeps only its id and its token's hash, so an old link cannot
-- bring it back.
CREATE TABLE spaces (
    id TEXT PRIMARY KEY,
    token_hash BYTEA NOT NULL,
    seq BIGINT NOT NULL
);

CREATE TABLE entries (
    space TEXT NOT NULL,
    id TEXT NOT NULL,
    at_ms BIGINT NOT NULL,
    at_c BIGINT NOT NULL,
    at_node BIGINT NOT NULL,
    data TEXT NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (space, id)
);

CREATE INDEX entries_by_seq ON entries (space, seq);

CREATE TABLE deleted_spaces (
    id TEXT PRIMARY KEY,
    token_hash BYTEA NOT NULL
);

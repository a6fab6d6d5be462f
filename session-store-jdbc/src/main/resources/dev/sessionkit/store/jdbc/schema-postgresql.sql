-- sessionkit JDBC store, PostgreSQL. ${prefix} is the table prefix (jdbc.table-prefix, default sessionkit_).
-- pk is a surrogate key: rotating a session's ID updates one column of one row, and attributes never move.
CREATE TABLE IF NOT EXISTS ${prefix}sessions (
    pk               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id               VARCHAR(64)  NOT NULL,
    creation_time    BIGINT       NOT NULL,
    last_access_time BIGINT       NOT NULL,
    max_inactive     INTEGER      NOT NULL,
    expiry_time      BIGINT       NOT NULL,
    principal        VARCHAR(255),
    previous_id      VARCHAR(64),
    rotated_at       BIGINT,
    CONSTRAINT ${prefix}sessions_id_uk UNIQUE (id)
);
CREATE INDEX IF NOT EXISTS ${prefix}sessions_expiry_ix ON ${prefix}sessions (expiry_time);
CREATE INDEX IF NOT EXISTS ${prefix}sessions_principal_ix ON ${prefix}sessions (principal);
-- The ID a session had before its last rotation, read only when a load misses: a request racing a login.
CREATE INDEX IF NOT EXISTS ${prefix}sessions_previous_ix ON ${prefix}sessions (previous_id);
CREATE TABLE IF NOT EXISTS ${prefix}session_attributes (
    session_pk BIGINT       NOT NULL REFERENCES ${prefix}sessions (pk) ON DELETE CASCADE,
    name       VARCHAR(255) NOT NULL,
    attribute_bytes BYTEA        NOT NULL,
    PRIMARY KEY (session_pk, name)
);
-- The per-session locks of lock=true, needed only then: a row per session whose request holds its lock,
-- keyed by the session's lineage (the ID prefix rotation keeps). A row whose lock_until has passed (its
-- holder crashed) is taken over by the next request, and deleted by the cleanup.
CREATE TABLE IF NOT EXISTS ${prefix}session_locks (
    lineage    VARCHAR(16)  NOT NULL PRIMARY KEY,
    holder     VARCHAR(64)  NOT NULL,
    lock_until BIGINT       NOT NULL
);

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
    CONSTRAINT ${prefix}sessions_id_uk UNIQUE (id)
);
CREATE INDEX IF NOT EXISTS ${prefix}sessions_expiry_ix ON ${prefix}sessions (expiry_time);
CREATE INDEX IF NOT EXISTS ${prefix}sessions_principal_ix ON ${prefix}sessions (principal);
CREATE TABLE IF NOT EXISTS ${prefix}session_attributes (
    session_pk BIGINT       NOT NULL REFERENCES ${prefix}sessions (pk) ON DELETE CASCADE,
    name       VARCHAR(255) NOT NULL,
    attribute_bytes BYTEA        NOT NULL,
    PRIMARY KEY (session_pk, name)
);

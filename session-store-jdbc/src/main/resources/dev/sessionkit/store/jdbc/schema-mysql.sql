-- sessionkit JDBC store, MySQL 8 and MariaDB 10.6+ (InnoDB). ${prefix} is the table prefix
-- (jdbc.table-prefix, default sessionkit_). IDs and attribute names compare byte for byte (binary
-- collations): a session ID differing only in case is another session.
CREATE TABLE IF NOT EXISTS ${prefix}sessions (
    pk               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    id               VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    creation_time    BIGINT       NOT NULL,
    last_access_time BIGINT       NOT NULL,
    max_inactive     INT          NOT NULL,
    expiry_time      BIGINT       NOT NULL,
    principal        VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    previous_id      VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin,
    rotated_at       BIGINT,
    UNIQUE KEY ${prefix}sessions_id_uk (id),
    KEY ${prefix}sessions_expiry_ix (expiry_time),
    KEY ${prefix}sessions_principal_ix (principal),
    KEY ${prefix}sessions_previous_ix (previous_id)
) ENGINE = InnoDB;
CREATE TABLE IF NOT EXISTS ${prefix}session_attributes (
    session_pk BIGINT       NOT NULL,
    name       VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    attribute_bytes LONGBLOB     NOT NULL,
    PRIMARY KEY (session_pk, name),
    CONSTRAINT ${prefix}session_attributes_fk FOREIGN KEY (session_pk)
        REFERENCES ${prefix}sessions (pk) ON DELETE CASCADE
) ENGINE = InnoDB;
-- The per-session locks of lock=true, needed only then: a row per session whose request holds its lock,
-- keyed by the session's lineage (the ID prefix rotation keeps). A row whose lock_until has passed (its
-- holder crashed) is taken over by the next request, and deleted by the cleanup.
CREATE TABLE IF NOT EXISTS ${prefix}session_locks (
    lineage    VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    holder     VARCHAR(64)  NOT NULL,
    lock_until BIGINT       NOT NULL
) ENGINE = InnoDB;

-- sessionkit cookie store revocation list (cookie-store.revocation=jdbc), PostgreSQL, MySQL/MariaDB and H2.
-- ${prefix} is the table prefix (jdbc.table-prefix, default sessionkit_). Names are lower-case hex: a
-- lineage's characters, or the SHA-256 of a principal, so every collation compares them exactly.
-- kind: 'l' for a session lineage, 'p' for a principal. Rows past expires_at are deleted by the list itself.
CREATE TABLE IF NOT EXISTS ${prefix}revocations (
    kind          CHAR(1)     NOT NULL,
    name          VARCHAR(64) NOT NULL,
    issued_before BIGINT      NOT NULL,
    expires_at    BIGINT      NOT NULL,
    PRIMARY KEY (kind, name)
);
-- The logged-in cookie sessions of each user, for the admin view: what it shows, never attribute values.
CREATE TABLE IF NOT EXISTS ${prefix}cookie_sessions (
    principal_hash VARCHAR(64)   NOT NULL,
    lineage        VARCHAR(64)   NOT NULL,
    description    VARCHAR(8000) NOT NULL,
    expires_at     BIGINT        NOT NULL,
    PRIMARY KEY (principal_hash, lineage)
);

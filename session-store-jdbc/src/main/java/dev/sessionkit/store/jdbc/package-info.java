/** The JDBC session store: PostgreSQL, MySQL/MariaDB and embedded H2. */
package dev.sessionkit.store.jdbc;

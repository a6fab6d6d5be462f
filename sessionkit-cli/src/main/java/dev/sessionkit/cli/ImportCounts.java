package dev.sessionkit.cli;

/**
 * What an import did so far.
 *
 * @param imported sessions inserted
 * @param existing sessions skipped because the store holds their ID already (an earlier import)
 * @param expired  sessions skipped because they had ended
 */
record ImportCounts(long imported, long existing, long expired) {

    static final ImportCounts NONE = new ImportCounts(0, 0, 0);

    ImportCounts plusImported() {
        return new ImportCounts(imported + 1, existing, expired);
    }

    ImportCounts plusExisting() {
        return new ImportCounts(imported, existing + 1, expired);
    }

    ImportCounts plusExpired() {
        return new ImportCounts(imported, existing, expired + 1);
    }

    long total() {
        return imported + existing + expired;
    }

    @Override
    public String toString() {
        return imported + " imported, " + existing + " skipped existing, " + expired + " skipped expired";
    }
}

package dev.sessionkit.sample.pages;

import dev.sessionkit.store.SessionIds;

/**
 * The part of this browser's session ID a page shows: the lineage, which every ID of the session keeps, and
 * the start of the part after it, which signing in replaces. Sixteen of the ID's 51 characters, so the 200
 * random bits left unshown still make it unguessable.
 */
final class ShownSessionId {

    /** Characters shown of the part that rotation replaces. */
    static final int ROTATING_SHOWN = 8;

    private ShownSessionId() {
    }

    /**
     * @param id this browser's session ID
     * @return an HTML definition-list entry naming both parts
     */
    static String html(String id) {
        String lineage = SessionIds.lineage(id);
        String rotating = id.substring(SessionIds.LINEAGE_LENGTH, SessionIds.LINEAGE_LENGTH + ROTATING_SHOWN);
        return """
                <dt>Session ID</dt><dd><code id="session-lineage">%s</code>&nbsp;<code id="session-rotating">%s</code>&hellip;
                <p class="note">The first part is the session's <em>lineage</em>: every ID this session gets starts
                with it, so it stays when you sign in. The second is the start of the rest of the ID, which signing in
                replaces. Only these %d of the ID's %d characters are ever shown.</p></dd>
                """.formatted(Html.escape(lineage), Html.escape(rotating), SessionIds.LINEAGE_LENGTH + ROTATING_SHOWN, id.length());
    }
}

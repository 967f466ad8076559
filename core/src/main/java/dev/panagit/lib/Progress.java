package dev.panagit.lib;

/** Where long pack work reports how far it is (git's "Indexing objects: 42% (…)" lines). */
public interface Progress {
    /** Reports nothing. */
    Progress NONE = new Progress() {
        @Override
        public void start(String title, long total) {
        }

        @Override
        public void update(long done) {
        }

        @Override
        public void end() {
        }
    };

    /** A new phase of {@code total} steps. */
    void start(String title, long total);

    /** {@code done} steps of the current phase are complete (called from any thread). */
    void update(long done);

    /** The current phase is complete. */
    void end();
}

package dev.tarjama.provision;

/**
 * What a download tells its user while it runs. Calls come from the downloading thread; every
 * method does nothing unless overridden.
 */
public interface DownloadProgress {
    /** A line of information (a skipped file, a retry). */
    default void message(String line) {}

    /**
     * A file transfer begins.
     *
     * @param size expected bytes, or -1 when unknown
     * @param resumedFrom bytes already on disk from an earlier try
     */
    default void started(String file, long size, long resumedFrom) {}

    /** {@code bytesOnDisk} of the file are written so far. */
    default void advanced(String file, long bytesOnDisk) {}

    /** The transfer of {@code file} ended (complete; it is checked next). */
    default void finished(String file) {}

    /** Tells nothing. */
    static DownloadProgress silent() {
        return new DownloadProgress() {};
    }
}

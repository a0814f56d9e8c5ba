package dev.tarjama.provision;

/** What a download tells its user while it runs. Calls come from the downloading thread. */
public interface DownloadProgress {
    /** A line of information (a skipped file, a retry). */
    void message(String line);

    /**
     * A file transfer begins.
     *
     * @param size expected bytes, or -1 when unknown
     * @param resumedFrom bytes already on disk from an earlier try
     */
    void started(String file, long size, long resumedFrom);

    /** {@code bytesOnDisk} of the file are written so far. */
    void advanced(String file, long bytesOnDisk);

    /** The transfer of {@code file} ended (complete; it is checked next). */
    void finished(String file);

    /** Tells nothing. */
    static DownloadProgress silent() {
        return new DownloadProgress() {
            @Override
            public void message(String line) {}

            @Override
            public void started(String file, long size, long resumedFrom) {}

            @Override
            public void advanced(String file, long bytesOnDisk) {}

            @Override
            public void finished(String file) {}
        };
    }
}

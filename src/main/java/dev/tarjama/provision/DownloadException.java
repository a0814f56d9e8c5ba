package dev.tarjama.provision;

/**
 * A download that cannot go on. The message is one sentence meant for the user, as is; it never
 * contains the access token. {@link #retryable()} tells whether trying again may help (a dropped
 * connection, a 5xx answer) or not (a missing repository, a refused token).
 */
public final class DownloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public DownloadException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public DownloadException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** A failure that is not worth retrying. */
    public static DownloadException permanent(String message) {
        return new DownloadException(message, false);
    }

    public boolean retryable() {
        return retryable;
    }
}

package dev.tarjama.http;

/**
 * A request the API refuses, with its HTTP status and a stable machine-readable code. The message
 * is shown to the client, so it names the offending field and never carries internals.
 */
final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static ApiException invalid(String message) {
        return new ApiException(422, "invalid_request", message);
    }

    static ApiException notReady() {
        return new ApiException(503, "not_ready", "the model is not ready yet; retry shortly");
    }
}

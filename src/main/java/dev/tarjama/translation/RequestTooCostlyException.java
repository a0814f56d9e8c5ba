package dev.tarjama.translation;

/**
 * A request would cost more than its caller's cap ({@link Caller#maxCost()}): cost = distinct
 * sentences × beams × maxLength. Nothing of it was queued.
 */
public final class RequestTooCostlyException extends RuntimeException {
    private final int sentences;
    private final int beams;
    private final int maxLength;
    private final long limit;

    public RequestTooCostlyException(int sentences, int beams, int maxLength, long limit) {
        super("request cost " + ((long) sentences * beams * maxLength) + " (" + sentences + " sentences x beams " + beams
                + " x maxLength " + maxLength + ") is over the limit of " + limit);
        this.sentences = sentences;
        this.beams = beams;
        this.maxLength = maxLength;
        this.limit = limit;
    }

    public long cost() {
        return (long) sentences * beams * maxLength;
    }

    public int sentences() {
        return sentences;
    }

    public int beams() {
        return beams;
    }

    public int maxLength() {
        return maxLength;
    }

    public long limit() {
        return limit;
    }
}

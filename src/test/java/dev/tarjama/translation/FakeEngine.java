package dev.tarjama.translation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic engine for tests: translation = {@code "EN(" + sentence + ")"}, score derived from
 * the sentence's length, one token per whitespace-separated word. It records every batch, can fail
 * batches holding a marker word and can hold batches until released.
 */
public final class FakeEngine implements TranslationEngine {
    public static final String FAIL_MARKER = "FAIL";

    private volatile TranslatedDocument.ModelRef model = new TranslatedDocument.ModelRef("fake-ar-en", "rev-1");
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private final List<DecodeOptions> batchOptions = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sentences = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch entered = new CountDownLatch(1);
    private final AtomicInteger idles = new AtomicInteger();
    private volatile boolean aligning = true;

    /** Whether {@link #align} answers (false: like an engine that cannot align). */
    public void setAligning(boolean on) {
        aligning = on;
    }

    @Override
    public void idle() {
        idles.incrementAndGet();
    }

    /** How many times a batch worker reported a pause. */
    public int idles() {
        return idles.get();
    }

    /** The translation this engine gives for a normalized sentence. */
    public static String expected(String normalized) {
        return "EN(" + normalized + ")";
    }

    @Override
    public TranslatedDocument.ModelRef model() {
        return model;
    }

    public void setRevision(String revision) {
        model = new TranslatedDocument.ModelRef("fake-ar-en", revision);
    }

    @Override
    public int tokenCount(String normalizedText) {
        String t = normalizedText.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    @Override
    public List<EngineResult> translate(List<String> normalizedSentences, DecodeOptions options) {
        entered.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fake engine gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        batches.add(List.copyOf(normalizedSentences));
        batchOptions.add(options);
        if (normalizedSentences.stream().anyMatch(s -> s.contains(FAIL_MARKER))) {
            throw new IllegalStateException("simulated engine failure at /secret/path/Model.java:42");
        }
        sentences.addAndGet(normalizedSentences.size());
        List<EngineResult> out = new ArrayList<>();
        for (String s : normalizedSentences) {
            out.add(new EngineResult(expected(s), -0.1 * (1 + s.length() % 7) / options.beams()));
        }
        return out;
    }

    /**
     * Word for word: its translation {@code EN(s)} has the source's words in order, so target word i
     * attends fully to source word i (pieces are whole words); empty for any other translation.
     */
    @Override
    public java.util.Optional<TokenAlignment> align(String normalizedSource, String translation) {
        if (!aligning || !translation.equals(expected(normalizedSource)) || normalizedSource.isBlank()) {
            return java.util.Optional.empty();
        }
        String[] source = normalizedSource.strip().split(" ");
        String[] target = translation.split(" ");
        float[][] weights = new float[target.length][source.length];
        for (int t = 0; t < target.length; t++) {
            weights[t][Math.min(t, source.length - 1)] = 1f;
        }
        return java.util.Optional.of(new TokenAlignment(
                java.util.Arrays.stream(source).map(w -> "▁" + w).toList(),
                java.util.Arrays.stream(target).map(w -> "▁" + w).toList(), weights));
    }

    /**
     * Makes later batches wait until {@link #release()}; {@link #awaitFirstBatch} then waits for a
     * batch that arrives after this call (not one translated before it).
     */
    public void hold() {
        entered = new CountDownLatch(1);
        gate = new CountDownLatch(1);
    }

    public void release() {
        gate.countDown();
    }

    /** Waits until a batch reached the engine (since the last {@link #hold()}, if any). */
    public boolean awaitFirstBatch(long millis) throws InterruptedException {
        return entered.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Sentences translated successfully, over all batches. */
    public int translatedSentences() {
        return sentences.get();
    }

    public List<List<String>> batches() {
        synchronized (batches) {
            return List.copyOf(batches);
        }
    }

    public List<DecodeOptions> batchOptions() {
        synchronized (batchOptions) {
            return List.copyOf(batchOptions);
        }
    }
}

package dev.tarjama.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Per-generation decoder state: each layer's self-attention K/V cache (one row per decoder row),
 * the cross-attention keys {@code [n, H, hd, S]} (transposed) and values {@code [n, H, S, hd]},
 * computed once from the encoder output, and the
 * source padding mask {@code [n, 1, 1, S]}, one row per sentence; in beam search each sentence has
 * {@link #beams()} consecutive decoder rows that share its cross-attention row.
 *
 * <p>The self-attention caches are buffers {@code [B, H, capacity, hd]} of which the first
 * {@link #length()} positions are valid. Each step writes its K/V in place and attends over a
 * view of the valid prefix, so the cache is not copied every step (as a concat would); when the
 * capacity runs out the buffers grow by {@link #GROWTH} positions.
 *
 * <p>Arrays held here are unregistered from any enclosing {@link NDScope}, so a per-step scope can
 * free the step's intermediates while the cache lives on; replaced arrays are closed at once. The
 * owner closes the state (or its NDManager) when the generation ends.
 */
public final class DecoderState implements AutoCloseable {
    /** Positions added to the self-attention buffers each time they fill up. */
    static final int GROWTH = 32;

    private final NDArray[] selfKeys; // [B, H, capacity, hd]
    private final NDArray[] selfValues;
    private final NDArray[] validValues; // this step's view [B, H, length + T, hd] of selfValues
    private NDArray[] crossKeys;
    private NDArray[] crossValues;
    private NDArray sourceMask;
    private int length;
    private int beams = 1; // decoder rows per cross-attention row
    private final Kernels kernels;

    DecoderState(NDArray[] crossKeys, NDArray[] crossValues, NDArray sourceMask, Kernels kernels) {
        this.kernels = kernels;
        int layers = crossKeys.length;
        this.selfKeys = new NDArray[layers];
        this.selfValues = new NDArray[layers];
        this.validValues = new NDArray[layers];
        this.crossKeys = crossKeys;
        this.crossValues = crossValues;
        this.sourceMask = sourceMask;
        keep(crossKeys);
        keep(crossValues);
        keep(sourceMask);
    }

    /** Number of target positions already consumed. */
    public int length() {
        return length;
    }

    /** Number of rows (sentences × beams) in the batch. */
    public long batchSize() {
        return sourceMask.getShape().get(0) * beams;
    }

    /** Decoder rows per sentence: the cross-attention K/V are held once per sentence, not per beam. */
    public int beams() {
        return beams;
    }

    /**
     * Starts beam search: every sentence gets {@code k} decoder rows (sentence-major), which share
     * the sentence's cross-attention K/V. Call before the first decoding step.
     */
    public void expandBeams(int k) {
        if (length != 0 || beams != 1) {
            throw new IllegalStateException("beams can only be set once, before decoding");
        }
        if (k < 1) {
            throw new IllegalArgumentException("beams must be at least 1, got " + k);
        }
        beams = k;
    }

    void advance(int steps) {
        length += steps;
    }

    /**
     * Writes this step's keys and values {@code [B, H, T, hd]} of one layer after the cached ones.
     *
     * @return a view of the valid keys {@code [B, H, length + T, hd]}; {@link #selfValues} gives
     *     the matching values (views belong to the caller's scope)
     */
    NDArray appendSelf(int layer, NDArray keys, NDArray values) {
        int needed = length + (int) keys.getShape().get(2);
        if (selfKeys[layer] == null || needed > selfKeys[layer].getShape().get(2)) {
            selfKeys[layer] = grow(selfKeys[layer], keys, needed);
            selfValues[layer] = grow(selfValues[layer], values, needed);
        }
        NDIndex step = new NDIndex(":, :, {}:{}", length, needed);
        selfKeys[layer].set(step, keys);
        selfValues[layer].set(step, values);
        NDIndex valid = new NDIndex(":, :, :{}", needed);
        validValues[layer] = selfValues[layer].get(valid);
        return selfKeys[layer].get(valid);
    }

    /** The values matching the keys the last {@link #appendSelf} of this layer returned. */
    NDArray selfValues(int layer) {
        return validValues[layer];
    }

    /**
     * For a fused layer step ({@link FusedDecoderLayer}), which writes the new position's keys and
     * values itself: this layer's buffers {@code [R, H, capacity, hd]}, grown if needed so that
     * position {@link #length()} fits. {@code x [R, 1, d]} gives the rows, dtype and manager.
     *
     * @return keys and values buffers
     */
    NDArray[] selfBuffersForNextPosition(int layer, NDArray x, int heads) {
        int needed = length + 1;
        if (selfKeys[layer] == null || needed > selfKeys[layer].getShape().get(2)) {
            Shape perStep = new Shape(x.getShape().get(0), heads, 1, x.getShape().get(2) / heads);
            selfKeys[layer] = grow(selfKeys[layer], x, perStep, needed);
            selfValues[layer] = grow(selfValues[layer], x, perStep, needed);
        }
        return new NDArray[] {selfKeys[layer], selfValues[layer]};
    }

    /** A buffer like {@code like} with room for {@code needed} positions rounded up, holding the valid prefix of {@code old}. */
    private NDArray grow(NDArray old, NDArray like, int needed) {
        return grow(old, like, like.getShape(), needed);
    }

    /** A buffer of {@code s} ({@code [B, H, ·, hd]}) with room for {@code needed} positions rounded up, holding the valid prefix of {@code old}. */
    private NDArray grow(NDArray old, NDArray like, Shape s, int needed) {
        int capacity = (needed + GROWTH - 1) / GROWTH * GROWTH;
        NDArray buffer = like.getManager().zeros(new Shape(s.get(0), s.get(1), capacity, s.get(3)), like.getDataType());
        if (old != null && length > 0) {
            buffer.set(new NDIndex(":, :, :{}", length), old.get(new NDIndex(":, :, :{}", length)));
        }
        return replace(old, buffer);
    }

    NDArray crossKeys(int layer) {
        return crossKeys[layer];
    }

    NDArray crossValues(int layer) {
        return crossValues[layer];
    }

    NDArray sourceMask() {
        return sourceMask;
    }

    /**
     * Keeps the rows {@code rows} (int64 {@code [B']}) of every cache, in that order: beam reordering
     * and dropping finished sentences both go through here.
     *
     * @param rows int64 indices into the current batch
     * @param crossToo whether the cross-attention cache changes too (false when beams of the same
     *     sentence are only reordered among themselves, since their cross K/V are identical)
     */
    public void selectRows(NDArray rows, boolean crossToo) {
        if (crossToo && beams != 1) {
            throw new IllegalStateException("with beams, select the sentences' cross-attention rows explicitly");
        }
        selectRows(rows, crossToo ? rows : null);
    }

    /**
     * Keeps decoder rows {@code rows} and, if {@code sentences} is not null, the cross-attention rows
     * (one per sentence) {@code sentences}; the kept decoder rows must stay grouped by sentence,
     * {@link #beams()} per sentence, in the order of {@code sentences}.
     */
    public void selectRows(NDArray rows, NDArray sentences) {
        for (int l = 0; l < selfKeys.length; l++) {
            if (selfKeys[l] != null) {
                selfKeys[l] = replace(selfKeys[l], kernels.selectRows(selfKeys[l], rows));
                selfValues[l] = replace(selfValues[l], kernels.selectRows(selfValues[l], rows));
            }
            if (sentences != null) {
                crossKeys[l] = replace(crossKeys[l], kernels.selectRows(crossKeys[l], sentences));
                crossValues[l] = replace(crossValues[l], kernels.selectRows(crossValues[l], sentences));
            }
        }
        if (sentences != null) {
            sourceMask = replace(sourceMask, kernels.selectRows(sourceMask, sentences));
        }
    }

    private static NDArray replace(NDArray old, NDArray fresh) {
        keep(fresh);
        if (old != null && old != fresh) {
            old.close();
        }
        return fresh;
    }

    private static void keep(NDArray... arrays) {
        NDScope.unregister(arrays);
    }

    @Override
    public void close() {
        for (NDArray[] group : new NDArray[][] {selfKeys, selfValues, crossKeys, crossValues}) {
            for (NDArray a : group) {
                if (a != null) {
                    a.close();
                }
            }
        }
        sourceMask.close();
    }
}

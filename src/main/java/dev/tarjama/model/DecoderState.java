package dev.tarjama.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;

/**
 * Per-generation decoder state: each layer's self-attention K/V cache {@code [B, H, T, hd]}, the
 * cross-attention K/V {@code [B, H, S, hd]} computed once from the encoder output, and the source
 * padding mask {@code [B, 1, 1, S]}.
 *
 * <p>Arrays held here are unregistered from any enclosing {@link NDScope}, so a per-step scope can
 * free the step's intermediates while the cache lives on; replaced arrays are closed at once. The
 * owner closes the state (or its NDManager) when the generation ends.
 */
public final class DecoderState implements AutoCloseable {
    private final NDArray[] selfKeys;
    private final NDArray[] selfValues;
    private NDArray[] crossKeys;
    private NDArray[] crossValues;
    private NDArray sourceMask;
    private int length;

    DecoderState(NDArray[] crossKeys, NDArray[] crossValues, NDArray sourceMask) {
        int layers = crossKeys.length;
        this.selfKeys = new NDArray[layers];
        this.selfValues = new NDArray[layers];
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
        return sourceMask.getShape().get(0);
    }

    void advance(int steps) {
        length += steps;
    }

    /** Appends this step's keys and values for one layer; returns the whole key cache. */
    NDArray appendSelf(int layer, NDArray keys, NDArray values) {
        selfKeys[layer] = replace(selfKeys[layer], concat(selfKeys[layer], keys));
        selfValues[layer] = replace(selfValues[layer], concat(selfValues[layer], values));
        return selfKeys[layer];
    }

    NDArray selfValues(int layer) {
        return selfValues[layer];
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
        for (int l = 0; l < selfKeys.length; l++) {
            if (selfKeys[l] != null) {
                selfKeys[l] = replace(selfKeys[l], selfKeys[l].get(rows));
                selfValues[l] = replace(selfValues[l], selfValues[l].get(rows));
            }
            if (crossToo) {
                crossKeys[l] = replace(crossKeys[l], crossKeys[l].get(rows));
                crossValues[l] = replace(crossValues[l], crossValues[l].get(rows));
            }
        }
        if (crossToo) {
            sourceMask = replace(sourceMask, sourceMask.get(rows));
        }
    }

    private static NDArray concat(NDArray cache, NDArray step) {
        return cache == null ? step : NDArrays.concat(new NDList(cache, step), 2);
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

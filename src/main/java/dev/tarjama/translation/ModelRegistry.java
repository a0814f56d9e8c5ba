package dev.tarjama.translation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The models a server translates with, each under an id with its own {@link TranslationService}
 * (batch queue, workers, cache). A request picks one by id or by {@link Tier}; without either it
 * gets the default. {@link #reload} replaces a model while requests run: requests that hold a
 * {@link Lease} on the old one finish on it, new ones get the new one, and the old service and its
 * native memory are closed once its last lease is released. Revisions keep cache entries apart.
 */
public final class ModelRegistry implements AutoCloseable {

    /** DeepL-style quality tiers ({@code modelType} in requests). */
    public enum Tier {
        QUALITY("quality_optimized"), LATENCY("latency_optimized");

        private final String wire;

        Tier(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** {@code quality_optimized} or {@code latency_optimized}; empty for anything else. */
        public static Optional<Tier> fromWire(String s) {
            for (Tier t : values()) {
                if (t.wire.equals(s)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A loaded model: its service, what holds its native memory (closed after the service; null
     * when someone else owns it), what {@code GET /v1/models} shows about it, and its compute per
     * token (for choosing tiers).
     */
    public record Loaded(TranslationService service, AutoCloseable resources, Map<String, Object> info, long cost) {
        public Loaded {
            Objects.requireNonNull(service, "service");
            info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
        }
    }

    /** Loads (and warms up) the model in {@code dir} under {@code id}. */
    @FunctionalInterface
    public interface Loader {
        Loaded load(String id, Path dir);
    }

    /** One model to serve: id, directory (null when not reloadable from disk), explicit tier (or null). */
    public record Entry(String id, Path dir, Tier tier, Loaded loaded) {
        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(loaded, "loaded");
        }
    }

    /** A request's hold on one model; close it when the request is done. */
    public interface Lease extends AutoCloseable {
        String id();

        TranslationService service();

        @Override
        void close();
    }

    private final Map<String, AtomicReference<ModelSlot>> slots = new LinkedHashMap<>();
    private final Map<String, Tier> explicitTiers = new LinkedHashMap<>();
    private final Map<Tier, String> tiers = new EnumMap<>(Tier.class);
    private final String defaultId;
    private final Loader loader;
    private final List<Consumer<TranslationService>> listeners = new CopyOnWriteArrayList<>();
    private final Object reloading = new Object();

    /**
     * @param defaultId the model used when a request names none: an id, a tier's wire name
     *     ({@code quality_optimized}), or null for the first entry
     * @param loader loads a model for {@link #reload}; null makes reloading unavailable
     */
    public ModelRegistry(List<Entry> entries, String defaultId, Loader loader) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("at least one model is needed");
        }
        for (Entry e : entries) {
            if (slots.put(e.id(), new AtomicReference<>(new ModelSlot(e.id(), e.dir(), e.loaded()))) != null) {
                throw new IllegalArgumentException("two models have the id " + e.id());
            }
            if (e.tier() != null) {
                if (explicitTiers.containsValue(e.tier())) {
                    throw new IllegalArgumentException("two models have the type " + e.tier().wire());
                }
                explicitTiers.put(e.id(), e.tier());
            }
        }
        this.loader = loader;
        assignTiers(entries);
        this.defaultId = defaultId == null ? entries.get(0).id()
                : Tier.fromWire(defaultId).map(tiers::get).orElse(defaultId);
        if (!slots.containsKey(this.defaultId)) {
            throw new IllegalArgumentException("the default model " + this.defaultId + " is not among " + slots.keySet());
        }
    }

    /** One service owned by someone else (the single-model API), under its model's id. */
    public static ModelRegistry single(TranslationService service, Map<String, Object> info) {
        Loaded loaded = new Loaded(service, null, info, 0);
        return new ModelRegistry(List.of(new Entry(service.model().id(), null, null, loaded)), null, null);
    }

    /** Explicit tiers first; the rest go to the costliest (quality) and the cheapest (latency) model. */
    private void assignTiers(List<Entry> entries) {
        explicitTiers.forEach((id, tier) -> tiers.put(tier, id));
        Entry costliest = entries.get(0);
        Entry cheapest = entries.get(0);
        for (Entry e : entries) {
            if (e.loaded().cost() > costliest.loaded().cost()) {
                costliest = e;
            }
            if (e.loaded().cost() < cheapest.loaded().cost()) {
                cheapest = e;
            }
        }
        tiers.putIfAbsent(Tier.QUALITY, costliest.id());
        tiers.putIfAbsent(Tier.LATENCY, cheapest.id());
    }

    public String defaultId() {
        return defaultId;
    }

    public List<String> ids() {
        return List.copyOf(slots.keySet());
    }

    /** The id that serves a tier. */
    public String idFor(Tier tier) {
        return tiers.get(tier);
    }

    /** Whether a model with this id is served. */
    public boolean has(String id) {
        return slots.containsKey(id);
    }

    /** The current service of a model (for metrics and warm-up; requests take a {@link #acquire lease}). */
    public TranslationService service(String id) {
        return slot(id).loaded.service();
    }

    /** What the current version of a model says about itself (its {@link Loaded#info()}). */
    public Map<String, Object> info(String id) {
        return slot(id).loaded.info();
    }

    /** Told about every service that starts serving through {@link #reload} (metrics observe it). */
    public void onServiceAdded(Consumer<TranslationService> listener) {
        listeners.add(listener);
    }

    /**
     * Holds the current version of a model until the lease is closed.
     *
     * @param id a served id, or null for the default
     * @throws IllegalArgumentException for an id that is not served
     */
    public Lease acquire(String id) {
        AtomicReference<ModelSlot> ref = slots.get(id == null ? defaultId : id);
        if (ref == null) {
            throw new IllegalArgumentException("unknown model " + id);
        }
        while (true) {
            ModelSlot s = ref.get();
            if (s.retain()) {
                return s.lease();
            }
            if (ref.get() == s) {
                throw new IllegalStateException("model " + s.id + " is shut down");
            }
            // it was replaced between get and retain: take the new one
        }
    }

    /** The models with id, revision, tiers, whether default, and their info. */
    public List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AtomicReference<ModelSlot> ref : slots.values()) {
            ModelSlot s = ref.get();
            Map<String, Object> m = new LinkedHashMap<>(s.loaded.info());
            m.put("id", s.id);
            m.put("revision", s.loaded.service().model().revision());
            m.put("default", s.id.equals(defaultId));
            List<String> types = new ArrayList<>();
            tiers.forEach((tier, id) -> {
                if (id.equals(s.id)) {
                    types.add(tier.wire());
                }
            });
            m.put("modelTypes", types);
            m.put("loadedAt", s.loadedAt.toString());
            out.add(m);
        }
        return out;
    }

    /**
     * Loads {@code dir} (or the model's current directory when null) and makes it the model {@code id}:
     * requests from then on use it; requests already holding the old one finish on it, and the old
     * one is closed once they have, or after {@code drain} at the latest. Reloads run one at a time.
     *
     * @return the new model's description
     * @throws IllegalArgumentException for an unknown id or a model that cannot be reloaded
     * @throws RuntimeException what the loader threw; the old model keeps serving
     */
    public Map<String, Object> reload(String id, Path dir, Duration drain) {
        AtomicReference<ModelSlot> ref = slots.get(id);
        if (ref == null) {
            throw new IllegalArgumentException("unknown model " + id);
        }
        if (loader == null) {
            throw new IllegalStateException("this server cannot reload models");
        }
        synchronized (reloading) {
            Path from = dir != null ? dir : ref.get().dir;
            if (from == null) {
                throw new IllegalStateException("model " + id + " has no directory to reload from");
            }
            Loaded fresh = loader.load(id, from);
            ModelSlot old = ref.getAndSet(new ModelSlot(id, from, fresh));
            listeners.forEach(l -> l.accept(fresh.service()));
            old.retire(drain);
            return describe().stream().filter(m -> id.equals(m.get("id"))).findFirst().orElseThrow();
        }
    }

    /** Closes every model (after the server stopped taking requests). */
    @Override
    public void close() {
        RuntimeException first = null;
        for (AtomicReference<ModelSlot> ref : slots.values()) {
            try {
                ref.get().retire(Duration.ZERO);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private ModelSlot slot(String id) {
        AtomicReference<ModelSlot> ref = slots.get(id);
        if (ref == null) {
            throw new IllegalArgumentException("unknown model " + id);
        }
        return ref.get();
    }

    /** One line for logs: {@code fast (default, latency_optimized), best (quality_optimized)}. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        for (String id : slots.keySet()) {
            List<String> tags = new ArrayList<>();
            if (id.equals(defaultId)) {
                tags.add("default");
            }
            tiers.forEach((tier, tid) -> {
                if (tid.equals(id)) {
                    tags.add(tier.wire());
                }
            });
            parts.add(id + (tags.isEmpty() ? "" : " (" + String.join(", ", tags) + ")"));
        }
        return String.join(", ", parts);
    }

    @Override
    public String toString() {
        return "ModelRegistry" + slots.keySet() + " default " + defaultId + " "
                + tiers.toString().toLowerCase(Locale.ROOT);
    }
}

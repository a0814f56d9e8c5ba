package dev.tarjama.cli;

import dev.tarjama.model.MarianConfig;
import dev.tarjama.model.ModelDirectory;
import dev.tarjama.model.ModelLoadException;
import dev.tarjama.review.ReviewPolicy;
import dev.tarjama.translation.DecodeOptions;
import dev.tarjama.translation.MarianEngine;
import dev.tarjama.translation.MarianTranslator;
import dev.tarjama.translation.ModelRegistry;
import dev.tarjama.translation.ServiceConfig;
import dev.tarjama.translation.TranslationService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the models of a {@link ModelSet} into a {@link ModelRegistry}: per model a translator, an
 * engine named with the model's id and a {@link TranslationService} with its own batch workers and
 * queue. The registry's loader (for hot reloads) loads and warms up the same way.
 */
final class ServedModels {
    private ServedModels() {}

    /** Loads every model (no warm-up; the server warms up after HTTP starts). */
    static ModelRegistry load(ServeOptions options, ModelSet set, dev.tarjama.store.SharedState state) {
        List<ModelSet.Spec> specs = set.configured() ? set.specs() : List.of(legacy(options));
        Map<String, ModelSet.Spec> byId = new LinkedHashMap<>();
        List<ModelRegistry.Entry> entries = new ArrayList<>();
        try {
            for (ModelSet.Spec spec : specs) {
                byId.put(spec.id() == null ? "" : spec.id(), spec);
                ModelRegistry.Loaded loaded = load(options, spec, spec.dir(), state);
                String id = spec.id() != null ? spec.id() : String.valueOf(loaded.info().get("id"));
                entries.add(new ModelRegistry.Entry(id, spec.dir(), spec.tier(), loaded));
                if (spec.id() == null) {
                    byId.put(id, byId.remove(""));
                }
            }
            return new ModelRegistry(entries, set.defaultModel(), (id, dir) -> {
                ModelSet.Spec spec = byId.get(id);
                // a reload (admin route, SIGHUP) keeps the model's workers, slices, type and precision
                ModelRegistry.Loaded loaded = load(options, spec.reloaded(id, dir), dir, state);
                try {
                    warmUp(loaded.service());
                } catch (RuntimeException e) {
                    loaded.service().close();
                    closeQuietly(loaded.resources());
                    throw new IllegalStateException("warm-up translation failed: " + e.getMessage(), e);
                }
                return loaded;
            });
        } catch (RuntimeException e) {
            for (ModelRegistry.Entry entry : entries) {
                entry.loaded().service().close();
                closeQuietly(entry.loaded().resources());
            }
            throw e;
        }
    }

    /** The one model of a plain {@code serve [--model DIR]}: its id is the directory's name. */
    private static ModelSet.Spec legacy(ServeOptions options) {
        Path dir = options.model() != null ? options.model()
                : dev.tarjama.provision.ModelLocator.standard().resolve(Optional.empty());
        return new ModelSet.Spec(null, dir, null, null, null, null);
    }

    /** The translation the server runs before it reports ready (and before a reloaded model serves). */
    static void warmUp(TranslationService service) {
        service.translate("مرحبا.", new DecodeOptions(1, 16));
    }

    private static ModelRegistry.Loaded load(ServeOptions options, ModelSet.Spec spec, Path path,
            dev.tarjama.store.SharedState state) {
        ModelDirectory dir = ModelDirectory.open(path);
        MarianTranslator translator;
        try {
            translator = MarianTranslator.load(dir, spec.slices() != null ? spec.slices() : options.slices(),
                    spec.precision() != null ? spec.precision() : options.precision());
        } catch (ModelLoadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelLoadException("cannot load the model in " + dir.dir() + ": " + e.getMessage());
        }
        String id = spec.id() != null ? spec.id() : dir.id();
        ServiceConfig config = spec.workers() != null ? options.service().withWorkers(spec.workers()) : options.service();
        TranslationService service = new TranslationService(new MarianEngine(translator, id), config,
                ReviewPolicy.defaults().withMinScore(options.reviewMinScore()), state.revisions(), state.sentences());
        Map<String, Object> info = new LinkedHashMap<>(ServeCommand.modelInfo(translator));
        info.put("id", id);
        return new ModelRegistry.Loaded(service, translator, info, cost(dir.config()));
    }

    /** Multiply-adds per generated token, roughly: what tells the quality model from the fast one. */
    static long cost(MarianConfig c) {
        long d = c.dModel();
        return c.encoderLayers() * (4 * d * d + 2 * d * c.encoderFfnDim())
                + c.decoderLayers() * (8 * d * d + 2 * d * c.decoderFfnDim()) + d * c.vocabSize();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // already failing; the first error is the one reported
        }
    }
}

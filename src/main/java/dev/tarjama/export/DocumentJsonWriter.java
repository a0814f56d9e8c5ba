package dev.tarjama.export;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.tarjama.translation.TranslatedDocument;

/**
 * The JSON a {@link TranslatedDocument} is written as, exactly as {@code POST /v1/translate} answers
 * it: Gson over the records (field names as declared, null fields such as {@code update},
 * {@code consistency}, {@code review} and {@code alternatives} left out, reason codes by their
 * {@code @SerializedName}), without HTML escaping. The HTTP API and the archive job both write
 * documents through this one instance, so their JSON cannot drift apart. Thread-safe.
 */
public final class DocumentJsonWriter {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private DocumentJsonWriter() {}

    /** The shared Gson instance (also used for the API's other JSON bodies). */
    public static Gson gson() {
        return GSON;
    }

    /** {@code doc} as one line of JSON. */
    public static String write(TranslatedDocument doc) {
        return GSON.toJson(doc);
    }
}

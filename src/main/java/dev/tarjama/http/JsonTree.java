package dev.tarjama.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import java.io.IOException;

/**
 * Reads one JSON value into a Gson tree like {@code JsonParser.parseReader}, but refuses an object
 * that names a member twice ({@code {"text":"a","text":"b"}}): Gson would keep the last silently,
 * while another parser (a proxy, a WAF) may have looked at the first. Nesting stays bounded by the
 * reader's nesting limit, so the recursion is too.
 */
final class JsonTree {
    private JsonTree() {}

    /** Thrown for a member name given twice in one object. */
    static final class DuplicateKeyException extends JsonParseException {
        DuplicateKeyException(String name, String path) {
            super("duplicate key '" + (name.length() > 64 ? name.substring(0, 64) + "…" : name) + "' at " + path);
        }
    }

    static JsonElement read(JsonReader in) throws IOException {
        return switch (in.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject o = new JsonObject();
                in.beginObject();
                while (in.hasNext()) {
                    String path = in.getPath();
                    String name = in.nextName();
                    if (o.has(name)) {
                        throw new DuplicateKeyException(name, path);
                    }
                    o.add(name, read(in));
                }
                in.endObject();
                yield o;
            }
            case BEGIN_ARRAY -> {
                JsonArray a = new JsonArray();
                in.beginArray();
                while (in.hasNext()) {
                    a.add(read(in));
                }
                in.endArray();
                yield a;
            }
            case STRING -> new JsonPrimitive(in.nextString());
            case NUMBER -> new JsonPrimitive(new LazilyParsedNumber(in.nextString()));
            case BOOLEAN -> new JsonPrimitive(in.nextBoolean());
            case NULL -> {
                in.nextNull();
                yield JsonNull.INSTANCE;
            }
            default -> throw new JsonParseException("unexpected " + in.peek() + " at " + in.getPath());
        };
    }
}

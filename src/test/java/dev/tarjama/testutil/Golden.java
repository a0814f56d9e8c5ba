package dev.tarjama.testutil;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the Hugging Face golden files and the fixture paths shared by tests. */
public final class Golden {
    /** The demo/test model in Hugging Face layout, relative to the project root. */
    public static final Path TINY_MODEL = Path.of("models", "tiny-ar-en");

    private Golden() {}

    /** Parses {@code src/test/resources/golden/<name>}. */
    public static JsonObject load(String name) {
        return JsonParser.parseString(resource("golden/" + name)).getAsJsonObject();
    }

    /** A test resource as UTF-8 text. */
    public static String resource(String path) {
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of a test resource (no trailing empty line). */
    public static List<String> lines(String path) {
        return resource(path).lines().toList();
    }

    /** A nested JSON number array flattened row-major. */
    public static float[] floats(JsonElement e) {
        List<Float> out = new ArrayList<>();
        flatten(e, out);
        float[] a = new float[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    /** A flat JSON int array. */
    public static int[] ints(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    /** A nested JSON int array flattened row-major, as int64. */
    public static long[] longs(JsonElement e) {
        float[] f = floats(e);
        long[] out = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = (long) f[i];
        }
        return out;
    }

    private static void flatten(JsonElement e, List<Float> out) {
        if (e.isJsonArray()) {
            for (JsonElement c : e.getAsJsonArray()) {
                flatten(c, out);
            }
        } else {
            out.add(e.getAsFloat());
        }
    }

    /** Largest absolute difference of two equally long arrays. */
    public static double maxAbsDiff(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError("length " + actual.length + " != expected " + expected.length);
        }
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs((double) expected[i] - actual[i]));
        }
        return max;
    }
}

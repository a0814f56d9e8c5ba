package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.translation.FakeEngine;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random bytes and random JSON documents against both translate routes: every answer is a
 * well-formed 200 or 4xx, never a 5xx. (The segmenter has its own properties in the text package.)
 */
class RequestParserFuzzProperties {
    private static final Set<Integer> ALLOWED = Set.of(200, 400, 413, 415, 422);
    private static TestServer server;

    @BeforeContainer
    static void start() {
        server = TestServer.start(new FakeEngine());
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Property(tries = 150)
    void randomBytesNeverCauseA5xx(@ForAll("bodies") byte[] body, @ForAll("types") String type, @ForAll("paths") String path)
            throws Exception {
        HttpResponse<String> r = server.post(path, type, body);
        assertTrue(ALLOWED.contains(r.statusCode()), r.statusCode() + ": " + r.body());
    }

    @Property(tries = 250)
    void randomJsonNeverCausesA5xx(@ForAll("documents") String json, @ForAll("paths") String path) throws Exception {
        HttpResponse<String> r = server.postJson(path, json);
        assertTrue(ALLOWED.contains(r.statusCode()), r.statusCode() + " for " + json + ": " + r.body());
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                documents().map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                documents().map(s -> {
                    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    if (b.length > 0) {
                        b[b.length / 2] = (byte) 0xFF;
                    }
                    return b;
                }));
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of("application/json", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
                "text/plain; charset=latin1", "application/octet-stream", "application/json; charset=\"UTF-8\"");
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("/v1/translate", "/translate", "/v1/translate?beams=2&maxLength=40", "/v1/translate?beams=x");
    }

    @Provide
    Arbitrary<String> documents() {
        return value(4).map(v -> v);
    }

    private Arbitrary<String> value(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(
                strings(),
                Arbitraries.of("0", "1", "-1", "4", "1.5", "1e3", "1e999", "-0", "99999999999999999999", "2147483648", "3.0"),
                Arbitraries.of("true", "false", "null"));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> array = value(depth - 1).list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> member = Arbitraries.of("text", "texts", "beams", "maxLength", "q", "source", "target", "format",
                "api_key", "alternatives", "junk", "").flatMap(k -> value(depth - 1).map(v -> quote(k) + ":" + v));
        Arbitrary<String> object = member.list().ofMaxSize(5).map(l -> "{" + String.join(",", l) + "}");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(2, array), net.jqwik.api.Tuple.of(5, object));
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().withCharRange('\u0600', '\u06FF').withChars(' ', '.', '\n', '\u0000', '\u202E')
                        .ofMaxLength(40),
                Arbitraries.of("ar", "en", "auto", "text", "html", "\\ud800", "\\u0000"))
                .map(s -> s.startsWith("\\u") ? "\"" + s + "\"" : quote(s));
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

}

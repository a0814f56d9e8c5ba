package dev.tarjama.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tarjama.http.HttpConfig;
import dev.tarjama.model.DjlRuntime;
import dev.tarjama.model.ModelLoadException;
import dev.tarjama.testutil.Golden;
import dev.tarjama.translation.ServiceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServeCommandTest {
    @BeforeAll
    static void runtime() {
        DjlRuntime.configure(1);
    }

    @Test
    void serverIsReadyAfterWarmUpAndTranslatesTrainingSentences() throws Exception {
        try (ServeCommand.Server server = ServeCommand.start(Golden.TINY_MODEL, "127.0.0.1", 0,
                ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS)) {
            assertTrue(server.ready());
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(base + "/v1/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> model = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/model")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonObject info = JsonParser.parseString(model.body()).getAsJsonObject();
            assertEquals("tiny-ar-en", info.get("id").getAsString());
            assertEquals(16, info.get("revision").getAsString().length());
            String sentence = Golden.lines("parallel/train.ar").get(30);
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/translate"))
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(sentence)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonObject doc = JsonParser.parseString(r.body()).getAsJsonObject();
            assertEquals(Golden.lines("parallel/train.en").get(30),
                    doc.getAsJsonArray("paragraphs").get(0).getAsJsonObject().get("translation").getAsString());
        }
    }

    @Test
    void modelInfoNamesTheModelItsPrecisionAndItsFilesWithoutAbsolutePaths() {
        dev.tarjama.model.ModelDirectory dir = dev.tarjama.model.ModelDirectory.open(Golden.TINY_MODEL.toAbsolutePath());
        String json;
        try (dev.tarjama.translation.MarianTranslator translator = dev.tarjama.translation.MarianTranslator.load(dir)) {
            json = new com.google.gson.Gson().toJson(ServeCommand.modelInfo(translator));
        }
        String absolute = Golden.TINY_MODEL.toAbsolutePath().getParent().toString();
        assertTrue(json.contains("\"id\":\"tiny-ar-en\"") && json.contains("model.safetensors"), json);
        assertTrue(json.contains("\"revision\":\"" + dir.revision() + "\",\"precision\":\"fp32\""),
                "fp32: the directory's revision as before, and the precision: " + json);
        assertTrue(!json.contains(absolute) && !json.contains("/models/"), json);
    }

    @Test
    void missingModelDirectoryRefusesToStart() {
        assertThrows(ModelLoadException.class, () -> ServeCommand.start(Path.of("no/such/model"), "127.0.0.1", 0,
                ServiceConfig.DEFAULTS, HttpConfig.DEFAULTS));
    }
}

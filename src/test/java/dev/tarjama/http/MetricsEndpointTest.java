package dev.tarjama.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.http.metrics.Exposition;
import dev.tarjama.http.metrics.PrometheusText;
import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.ServiceConfig;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

    @Test
    void scrapeCountsRequestsByRouteTemplateAndStatusWithoutRawPathsOrText() throws Exception {
        FakeEngine engine = new FakeEngine();
        try (TestServer server = TestServer.start(engine, ServiceConfig.DEFAULTS.withBatch(32, 4096, 0),
                HttpConfig.DEFAULTS, () -> true)) {
            server.postJson("/v1/translate", "{\"text\": \"سرية الجملة الأولى. والثانية.\"}");
            server.postJson("/v1/translate", "{\"text\": \"سرية الجملة الأولى.\"}");
            server.postJson("/v1/translate", "{\"text\": 7}");
            server.get("/v1/private-path-1234");
            server.send("POST", "/translate", "application/json", "{\"q\":\"سرية\",\"source\":\"ar\",\"target\":\"en\"}");
            HttpResponse<String> r = server.get("/metrics");
            assertEquals(200, r.statusCode());
            assertEquals(PrometheusText.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElseThrow());
            Map<String, Exposition.Family> f = Exposition.parse(r.body());
            Exposition.Family requests = f.get("tarjama_http_requests_total");
            assertEquals(2, requests.value("tarjama_http_requests_total",
                    Map.of("method", "POST", "route", "/v1/translate", "status", "200")));
            assertEquals(1, requests.value("tarjama_http_requests_total",
                    Map.of("method", "POST", "route", "/v1/translate", "status", "422")));
            assertEquals(1, requests.value("tarjama_http_requests_total",
                    Map.of("method", "GET", "route", "unmatched", "status", "404")));
            assertEquals(1, requests.value("tarjama_http_requests_total",
                    Map.of("method", "POST", "route", "/translate", "status", "200")));
            assertEquals(2, f.get("tarjama_http_request_duration_seconds").value("tarjama_http_request_duration_seconds_count",
                    Map.of("method", "POST", "route", "/v1/translate", "status", "200")));
            assertFalse(r.body().contains("private-path") || r.body().contains("سرية") || r.body().contains("127.0.0.1"));
            Set<String> labelNames = f.values().stream().flatMap(x -> x.samples().stream())
                    .flatMap(s -> s.labels().keySet().stream()).collect(Collectors.toSet());
            assertTrue(Set.of("method", "route", "status", "le").containsAll(labelNames), labelNames.toString());

            assertEquals(3, f.get("tarjama_engine_sentences_total").value(), "3 distinct sentences reached the engine");
            assertTrue(f.get("tarjama_engine_batches_total").value() >= 1);
            double batches = f.get("tarjama_engine_batch_sentences").value("tarjama_engine_batch_sentences_count", Map.of());
            assertEquals(f.get("tarjama_engine_batches_total").value(), batches);
            assertEquals(5, f.get("tarjama_engine_source_tokens_total").value(), "3 + 1 + 1 words");
            assertEquals(1, f.get("tarjama_cache_hits_total").value(), "the repeated first sentence");
            assertEquals(3, f.get("tarjama_cache_entries").value());
            assertEquals(0, f.get("tarjama_queue_sentences").value());
            assertEquals(1, f.get("tarjama_ready").value());
            assertTrue(f.get("jvm_memory_heap_used_bytes").value() > 0);
            assertTrue(f.get("process_resident_memory_bytes").value() > f.get("jvm_memory_heap_used_bytes").value() / 4);
            assertTrue(Double.isNaN(f.get("tarjama_model_load_seconds").value()), "not recorded by this test server");
            assertEquals(1, f.get("tarjama_http_requests_in_flight").value(), "the scrape itself");
        }
    }
}

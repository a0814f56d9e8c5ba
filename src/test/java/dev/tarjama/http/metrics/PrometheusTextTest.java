package dev.tarjama.http.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void countersGaugesAndHistogramsParseBackWithTheirValues() {
        MetricsRegistry r = new MetricsRegistry();
        Counter c = r.register(new Counter("demo_requests_total", "Requests.\nSecond line \\ backslash.", "route", "status"));
        c.inc("/v1/translate", "200");
        c.inc(2, "/v1/translate", "200");
        c.inc("/v1/translate", "429");
        r.register(Sampled.gauge("demo_queue", "Queue.", () -> 7));
        r.register(Sampled.gauge("demo_unknown", "Unknown.", () -> { throw new IllegalStateException("x"); }));
        Histogram h = r.register(new Histogram("demo_latency_seconds", "Latency.", new double[] {0.1, 1, 10}, "route"));
        h.observe(0.05, "/a");
        h.observe(0.1, "/a");
        h.observe(5, "/a");
        h.observe(100, "/a");
        Map<String, Exposition.Family> f = Exposition.parse(r.scrape());
        assertEquals("Requests.\nSecond line \\ backslash.", f.get("demo_requests_total").help());
        assertEquals(3, f.get("demo_requests_total").value("demo_requests_total", Map.of("route", "/v1/translate", "status", "200")));
        assertEquals(1, f.get("demo_requests_total").value("demo_requests_total", Map.of("route", "/v1/translate", "status", "429")));
        assertEquals("gauge", f.get("demo_queue").type());
        assertEquals(7, f.get("demo_queue").value());
        assertTrue(Double.isNaN(f.get("demo_unknown").value()));
        Exposition.Family lat = f.get("demo_latency_seconds");
        assertEquals("histogram", lat.type());
        assertEquals(2, lat.value("demo_latency_seconds_bucket", Map.of("route", "/a", "le", "0.1")), "le is inclusive");
        assertEquals(2, lat.value("demo_latency_seconds_bucket", Map.of("route", "/a", "le", "1")));
        assertEquals(3, lat.value("demo_latency_seconds_bucket", Map.of("route", "/a", "le", "10")));
        assertEquals(4, lat.value("demo_latency_seconds_bucket", Map.of("route", "/a", "le", "+Inf")));
        assertEquals(4, lat.value("demo_latency_seconds_count", Map.of("route", "/a")));
        assertEquals(105.15, lat.value("demo_latency_seconds_sum", Map.of("route", "/a")), 1e-9);
    }

    @Property(tries = 200)
    void anyLabelValueSurvivesEscaping(@ForAll @StringLength(max = 40) String value) {
        MetricsRegistry r = new MetricsRegistry();
        r.register(new Counter("demo_total", "Demo.", "v")).inc(value);
        Map<String, Exposition.Family> f = Exposition.parse(r.scrape());
        assertEquals(1, f.get("demo_total").value("demo_total", Map.of("v", value)));
    }

    @Test
    void valuesAreFormattedAsTheFormatExpects() {
        assertEquals("+Inf", PrometheusText.formatValue(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", PrometheusText.formatValue(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", PrometheusText.formatValue(Double.NaN));
        assertEquals("42", PrometheusText.formatValue(42));
        assertEquals("0.25", PrometheusText.formatValue(0.25));
        assertEquals("a\\\\b\\\"c\\nd", PrometheusText.escapeLabelValue("a\\b\"c\nd"));
    }

    @Test
    void invalidNamesAndDefinitionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Counter("bad-name_total", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Counter("no_suffix", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Counter("ok_total", "x", "__reserved"));
        assertThrows(IllegalArgumentException.class, () -> new Counter("ok_total", "x", "a", "a"));
        assertThrows(IllegalArgumentException.class, () -> new Histogram("h", "x", new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new Histogram("h", "x", new double[] {1}, "le"));
        assertThrows(IllegalArgumentException.class, () -> new Counter("ok_total", "x").inc(-1));
        assertThrows(IllegalArgumentException.class, () -> new Counter("ok_total", "x", "a").inc("1", "2"));
        MetricsRegistry r = new MetricsRegistry();
        r.register(new Counter("dup_total", "x"));
        assertThrows(IllegalArgumentException.class, () -> r.register(new Counter("dup_total", "y")));
    }

    @Test
    void labelSetsBeyondTheLimitAreCountedAsOther() {
        Counter c = new Counter("many_total", "x", "v");
        for (int i = 0; i < MetricFamily.MAX_CHILDREN + 50; i++) {
            c.inc(Integer.toString(i));
        }
        assertEquals(50, c.value(MetricFamily.OVERFLOW));
    }

    @Test
    void concurrentObservationsAreAllCountedAndScrapesStayConsistent() throws Exception {
        MetricsRegistry r = new MetricsRegistry();
        Histogram h = r.register(new Histogram("conc_seconds", "x", new double[] {0.5, 1}));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    h.observe(i % 3 * 0.5);
                }
            });
        }
        for (int i = 0; i < 20; i++) {
            Exposition.parse(r.scrape()); // consistent while writers run (checks _count == +Inf bucket)
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(40_000, h.count());
    }

    @Test
    void residentMemoryIsReadFromProcStatus() {
        assertEquals(123 * 1024L, ProcessMemory.parseRss("Name:\tjava\nVmRSS:\t     123 kB\nVmSwap: 0 kB\n"));
        assertEquals(-1, ProcessMemory.parseRss("Name: java\n"));
        assertEquals(-1, ProcessMemory.parseRss("VmRSS: lots kB\n"));
        assertTrue(ProcessMemory.residentBytes() > 1 << 20, "this JVM has more than 1 MiB resident");
    }
}

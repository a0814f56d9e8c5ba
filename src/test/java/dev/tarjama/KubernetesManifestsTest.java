package dev.tarjama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.cli.DownloadCommand;
import dev.tarjama.cli.ServeOptions;
import dev.tarjama.http.ApiKeys;
import dev.tarjama.http.HttpApi;
import dev.tarjama.http.HttpConfig;
import dev.tarjama.provision.HubSettings;
import dev.tarjama.provision.ModelDownloader;
import dev.tarjama.store.StoreSettings;
import dev.tarjama.translation.FakeEngine;
import dev.tarjama.translation.TranslationService;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The manifests in deploy/kubernetes against the program: flags, environment names, the model path
 * the init container's download produces, probe paths answered by the HTTP API, ports, Secret keys
 * and the parts that must point at each other (selectors, the autoscaler's target).
 */
class KubernetesManifestsTest {
    static final Path DIR = Path.of("deploy/kubernetes");
    /** Variables read by the launcher, DJL or the download command rather than ServeOptions. */
    static final Set<String> OTHER_ENV = Set.of("JAVA_OPTS", "JAVA_HOME", "TARJAMA_JAR", "DJL_CACHE_DIR",
            HubSettings.HOST_ENV, HubSettings.HF_ENDPOINT_ENV, HubSettings.TOKEN_ENV);

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> manifests() throws IOException {
        Map<String, Map<String, Object>> byKindAndName = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(DIR, "*.yaml")) {
            for (Path file : files) {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(r)) {
                        Map<String, Object> m = (Map<String, Object>) doc;
                        String name = m.get("metadata") == null ? "" : (String) map(m, "metadata").get("name");
                        byKindAndName.put(m.get("kind") + "/" + name, m);
                    }
                }
            }
        }
        return byKindAndName;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String... path) {
        Map<String, Object> at = m;
        for (String p : path) {
            at = (Map<String, Object>) Objects.requireNonNull(at.get(p), "missing " + p);
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.getOrDefault(key, List.of());
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Map<String, Object> m, String key) {
        return (List<String>) m.getOrDefault(key, List.of());
    }

    static Map<String, Object> podSpec() throws IOException {
        return map(manifests().get("Deployment/tarjama"), "spec", "template", "spec");
    }

    static Map<String, Object> container(String name) throws IOException {
        List<Map<String, Object>> all = new ArrayList<>(list(podSpec(), "containers"));
        all.addAll(list(podSpec(), "initContainers"));
        return all.stream().filter(c -> c.get("name").equals(name)).findFirst().orElseThrow();
    }

    static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        return list(container, "env").stream().collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));
    }

    /** The flags of a command line ({@code --name value} or {@code --name}). */
    static List<String> flags(List<String> args) {
        return args.stream().filter(a -> a.startsWith("--")).map(a -> a.substring(2)).toList();
    }

    @Test
    void theServeContainerUsesOnlyFlagsAndVariablesThatServeKnows() throws IOException {
        Map<String, Object> serve = container("tarjama");
        List<String> args = strings(serve, "args");
        assertEquals("serve", args.get(0));
        Set<String> knownFlags = ServeOptions.TABLE.stream().map(ServeOptions.Setting::flag).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        for (String flag : flags(args)) {
            assertTrue(knownFlags.contains(flag), "serve has no flag --" + flag);
        }
        Set<String> knownEnv = ServeOptions.TABLE.stream().map(ServeOptions.Setting::env).collect(Collectors.toSet());
        for (String name : env(serve).keySet()) {
            assertTrue(knownEnv.contains(name) || OTHER_ENV.contains(name), "nothing reads the variable " + name);
        }
        // options parse as serve would (flags plus the literal variables; secrets come from the examples)
        Map<String, String> values = new HashMap<>();
        env(serve).forEach((k, v) -> {
            if (v.get("value") != null && k.startsWith("TARJAMA_") && !k.equals("TARJAMA_API_KEYS_FILE")) {
                values.put(k, v.get("value").toString());
            }
        });
        values.put("TARJAMA_API_KEYS", "k:0123456789abcdef0123");
        ServeOptions parsed = ServeOptions.parse(args.toArray(String[]::new), values);
        assertEquals(2, parsed.service().workers());
    }

    @Test
    void theInitContainerDownloadsTheModelWhereServeLoadsIt() throws IOException {
        Map<String, Object> init = container("download-model");
        List<String> args = strings(init, "args");
        assertEquals("download", args.get(0));
        Set<String> known = new java.util.HashSet<>();
        Matcher m = Pattern.compile("--([a-z-]+)").matcher(DownloadCommand.USAGE);
        while (m.find()) {
            known.add(m.group(1));
        }
        for (String flag : flags(args)) {
            assertTrue(known.contains(flag), "download has no flag --" + flag);
        }
        String dir = args.get(args.indexOf("--dir") + 1);
        String repo = args.contains("--model") ? args.get(args.indexOf("--model") + 1) : DownloadCommand.DEFAULT_REPO;
        String model = (String) env(container("tarjama")).get("TARJAMA_MODEL").get("value");
        assertEquals(ModelDownloader.defaultTarget(Path.of(dir), repo), Path.of(model));
        assertEquals(mountPath(init, "models"), dir, "the init container writes into the model volume");
        assertTrue(Path.of(model).startsWith(mountPath(container("tarjama"), "models")), "serve reads the model volume");
    }

    private static String mountPath(Map<String, Object> container, String volume) {
        return (String) list(container, "volumeMounts").stream().filter(v -> v.get("name").equals(volume)).findFirst()
                .orElseThrow(() -> new AssertionError("no mount of " + volume)).get("mountPath");
    }

    @Test
    void probesAskPathsTheApiAnswersOnThePortServeListensOn() throws Exception {
        Map<String, Object> serve = container("tarjama");
        List<String> args = strings(serve, "args");
        int port = Integer.parseInt(args.get(args.indexOf("--port") + 1));
        Map<String, Object> http = list(serve, "ports").get(0);
        assertEquals(port, http.get("containerPort"));
        TranslationService service = new TranslationService(new FakeEngine());
        Javalin app = new HttpApi(service, () -> true, Map::of, HttpConfig.DEFAULTS).start("127.0.0.1", 0);
        try {
            HttpClient client = HttpClient.newHttpClient();
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                Map<String, Object> get = map(serve, probe, "httpGet");
                assertEquals(http.get("name"), get.get("port"), probe + " uses the serve port");
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                        + get.get("path"))).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), probe + " " + get.get("path") + ": " + r.body());
            }
            assertEquals("/v1/health/ready", map(serve, "readinessProbe", "httpGet").get("path"));
        } finally {
            app.stop();
            service.close();
        }
        Map<String, Object> svc = map(manifests().get("Service/tarjama"), "spec");
        assertEquals(http.get("name"), list(svc, "ports").get(0).get("targetPort"));
    }

    @Test
    void serviceAndAutoscalerPointAtTheDeployment() throws IOException {
        var all = manifests();
        Map<String, Object> deployment = all.get("Deployment/tarjama");
        Map<String, Object> labels = map(deployment, "spec", "template", "metadata", "labels");
        Map<String, Object> selector = map(all.get("Service/tarjama"), "spec", "selector");
        selector.forEach((k, v) -> assertEquals(v, labels.get(k), "Service selector " + k));
        Map<String, Object> target = map(all.get("HorizontalPodAutoscaler/tarjama"), "spec", "scaleTargetRef");
        assertEquals("Deployment", target.get("kind"));
        assertEquals(map(deployment, "metadata").get("name"), target.get("name"));
        assertTrue(List.of("deployment.yaml", "service.yaml", "hpa.yaml").stream()
                .allMatch(f -> strings(all.get("Kustomization/"), "resources").contains(f)));
    }

    @Test
    void secretsHoldTheStoreUrlAndTheKeysInTheFormatsServeReads() throws IOException {
        var all = manifests();
        Map<String, Object> serve = container("tarjama");
        Map<String, Object> storeRef = map(env(serve).get("TARJAMA_STORE"), "valueFrom", "secretKeyRef");
        Map<String, Object> store = map(all.get("Secret/" + storeRef.get("name")), "stringData");
        String url = (String) store.get(storeRef.get("key"));
        assertFalse(StoreSettings.parse(url, Duration.ofDays(1)).embedded(), url);

        String keysFile = (String) env(serve).get("TARJAMA_API_KEYS_FILE").get("value");
        String secretName = (String) list(podSpec(), "volumes").stream().filter(v -> v.get("name").equals("api-keys"))
                .findFirst().map(v -> map(v, "secret").get("secretName")).orElseThrow();
        String mount = mountPath(serve, "api-keys");
        assertEquals(Path.of(mount), Path.of(keysFile).getParent(), "the keys file is in the Secret's mount");
        String content = (String) map(all.get("Secret/" + secretName), "stringData").get(Path.of(keysFile).getFileName().toString());
        assertNotNull(content, "the Secret has the key file " + Path.of(keysFile).getFileName());
        assertEquals(2, ApiKeys.fromEnvironment(String.join(",", content.lines().toList())).size());
    }

    @Test
    void resourcesCoverTheMeasuredPeakRss() throws IOException {
        Map<String, Object> resources = map(container("tarjama"), "resources");
        long request = bytes((String) map(resources, "requests").get("memory"));
        long limit = bytes((String) map(resources, "limits").get("memory"));
        long peakRss = 1_732L * 1000 * 1000; // docs/performance.md: the largest peak RSS measured for the service
        assertTrue(request >= peakRss, "memory request covers the measured peak RSS");
        assertTrue(limit > request);
        assertTrue(Files.readString(Path.of("docs/performance.md")).contains("1,732 MB"), "the figure is still documented");
    }

    static long bytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertTrue(m.matches(), quantity);
        return Long.parseLong(m.group(1)) << (m.group(2).equals("Gi") ? 30 : 20);
    }
}

package dev.tarjama.provision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDownloaderTest {
    static final Path FIXTURE = Path.of("models", "tiny-ar-en");
    static final String REPO = "Helsinki-NLP/opus-mt-ar-en";
    static final String COMMIT_A = "a".repeat(40);
    static final String COMMIT_B = "b".repeat(40);
    static final String[] SMALL = {"config.json", "generation_config.json", "source.spm", "target.spm", "vocab.json",
        "tokenizer_config.json"};
    static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5));

    @TempDir
    Path tmp;
    FakeHub hub;
    final List<String> messages = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHub();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    /** Every fixture file: the small ones, safetensors and the torch checkpoint. */
    static Map<String, byte[]> fullRepo() throws IOException {
        Map<String, byte[]> files = FakeHub.filesOf(FIXTURE, SMALL);
        files.putAll(FakeHub.filesOf(FIXTURE, "model.safetensors", "pytorch_model.bin"));
        return files;
    }

    ModelDownloader downloader(RetryPolicy retry, Optional<String> token) {
        HubSettings settings = new HubSettings(hub.uri(), token, Duration.ofSeconds(2), Duration.ofSeconds(5));
        return new ModelDownloader(settings, retry, recorder());
    }

    ModelDownloader downloader() {
        return downloader(FAST, Optional.empty());
    }

    Path target() {
        return tmp.resolve("models").resolve("opus-mt-ar-en");
    }

    Path staging() {
        return tmp.resolve("models").resolve("opus-mt-ar-en.partial");
    }

    @Test
    void downloadsEveryModelFileByteForByteAtTheResolvedCommit() throws IOException {
        hub.commit(REPO, COMMIT_A, fullRepo(), "main");
        DownloadResult r = downloader().download(REPO, "main", target());

        assertEquals(target().toAbsolutePath().normalize(), r.dir());
        assertEquals(COMMIT_A, r.commit());
        assertFalse(r.alreadyUpToDate());
        for (String name : SMALL) {
            assertArrayEquals(Files.readAllBytes(FIXTURE.resolve(name)), Files.readAllBytes(r.dir().resolve(name)), name);
        }
        assertArrayEquals(Files.readAllBytes(FIXTURE.resolve("model.safetensors")),
                Files.readAllBytes(r.dir().resolve("model.safetensors")));
        assertFalse(Files.exists(r.dir().resolve("pytorch_model.bin")), "safetensors is preferred; the .bin is not fetched");
        assertTrue(hub.requestsFor("pytorch_model.bin").isEmpty());
        assertFalse(Files.exists(staging()), "the staging directory is renamed into place");
        DownloadManifest m = DownloadManifest.read(r.dir()).orElseThrow();
        assertEquals(COMMIT_A, m.commit());
        assertEquals("main", m.revision());
        assertEquals(REPO, m.repo());
        assertEquals(7, m.files().size());
        assertTrue(hub.requestsFor("model.safetensors").get(0).path().contains("/resolve/" + COMMIT_A + "/"),
                "files are fetched at the commit, not the branch");
        try (Stream<Path> s = Files.list(r.dir())) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".partial") || p.toString().endsWith(".lock")
                    || p.toString().endsWith(".tmp")));
        }
    }

    @Test
    void resumesATransferCutMidBodyWithARangeRequest() throws IOException {
        hub.commit(REPO, COMMIT_A, fullRepo(), "main").cut("model.safetensors", 1_000_000, 1);
        Path dir = downloader().download(REPO, "main", target()).dir();

        assertArrayEquals(Files.readAllBytes(FIXTURE.resolve("model.safetensors")),
                Files.readAllBytes(dir.resolve("model.safetensors")));
        List<FakeHub.Request> reqs = hub.requestsFor("model.safetensors");
        assertEquals(2, reqs.size());
        assertNull(reqs.get(0).range());
        assertResumedWithin(reqs.get(1), 1_000_000);
        assertTrue(messages.stream().anyMatch(m -> m.contains("broke off") && m.contains("trying again")), messages.toString());
    }

    @Test
    void aLaterRunResumesThePartialFileAnEarlierRunLeft() throws IOException {
        hub.commit(REPO, COMMIT_A, fullRepo(), "main").cut("model.safetensors", 700_000, 1);
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader(new RetryPolicy(1, Duration.ZERO), Optional.empty()).download(REPO, "main", target()));
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
        assertFalse(Files.exists(target()), "nothing half-written where the model belongs");
        long kept = Files.size(staging().resolve("model.safetensors.partial"));
        assertTrue(kept > 0 && kept <= 700_000, "the bytes received before the cut are kept: " + kept);
        assertFalse(Files.exists(staging().resolve("model.safetensors")));

        Path dir = downloader().download(REPO, "main", target()).dir();
        assertArrayEquals(Files.readAllBytes(FIXTURE.resolve("model.safetensors")),
                Files.readAllBytes(dir.resolve("model.safetensors")));
        List<FakeHub.Request> reqs = hub.requestsFor("model.safetensors");
        assertEquals("bytes=" + kept + "-", reqs.get(reqs.size() - 1).range());
        assertEquals(1, hub.requestsFor("config.json").size(), "files finished in the first run are not fetched again");
        assertTrue(messages.contains("  config.json: already downloaded"), messages.toString());
    }

    @Test
    void aStalledTransferIsDroppedAndResumed() throws IOException {
        hub.commit(REPO, COMMIT_A, fullRepo(), "main").stall("model.safetensors", 800_000, 1);
        HubSettings settings = new HubSettings(hub.uri(), Optional.empty(), Duration.ofSeconds(2), Duration.ofMillis(300));
        Path dir = new ModelDownloader(settings, FAST, recorder()).download(REPO, "main", target()).dir();

        assertArrayEquals(Files.readAllBytes(FIXTURE.resolve("model.safetensors")),
                Files.readAllBytes(dir.resolve("model.safetensors")));
        assertResumedWithin(hub.requestsFor("model.safetensors").get(1), 800_000);
        assertTrue(messages.stream().anyMatch(m -> m.contains("no data for 300 ms")), messages.toString());
    }

    @Test
    void startsOverWhenTheServerIgnoresRange() throws IOException {
        hub.commit(REPO, COMMIT_A, fullRepo(), "main").ignoreRange().cut("model.safetensors", 500_000, 1);
        Path dir = downloader().download(REPO, "main", target()).dir();

        assertArrayEquals(Files.readAllBytes(FIXTURE.resolve("model.safetensors")),
                Files.readAllBytes(dir.resolve("model.safetensors")));
        assertResumedWithin(hub.requestsFor("model.safetensors").get(1), 500_000);
        assertTrue(messages.stream().anyMatch(m -> m.contains("does not resume downloads; starting over")), messages.toString());
    }

    @Test
    void aCorruptTransferIsDeletedRetriedAndNeverRenamedAsComplete() throws IOException {
        hub.commit(REPO, COMMIT_A, fullRepo(), "main").corrupt("model.safetensors");
        DownloadException e = assertThrows(DownloadException.class, () -> downloader().download(REPO, "main", target()));

        assertTrue(e.getMessage().contains("model.safetensors does not match the hub's metadata (sha256 "), e.getMessage());
        assertTrue(e.getMessage().contains("gave up after 3 tries"), e.getMessage());
        assertEquals(3, hub.requestsFor("model.safetensors").size());
        assertFalse(Files.exists(target()));
        assertFalse(Files.exists(staging().resolve("model.safetensors")));
        assertFalse(Files.exists(staging().resolve("model.safetensors.partial")), "corrupt bytes are not kept to resume");
        assertTrue(Files.exists(staging().resolve("config.json")), "verified files stay for the next run");
    }

    @Test
    void aCorruptSmallFileFailsItsGitBlobCheck() throws IOException {
        hub.commit(REPO, COMMIT_A, fullRepo(), "main").corrupt("config.json");
        DownloadException e = assertThrows(DownloadException.class, () -> downloader().download(REPO, "main", target()));
        assertTrue(e.getMessage().contains("config.json does not match the hub's metadata (git blob id "), e.getMessage());
        assertFalse(Files.exists(target()));
    }

    @Test
    void aBareMirrorsValidFilesAreCheckedToParseAndInstalled() throws IOException {
        hub.commit(REPO, COMMIT_A, fullRepo(), "main").bareListing();
        Path dir = downloader().download(REPO, "main", target()).dir();
        for (String name : SMALL) {
            assertArrayEquals(Files.readAllBytes(FIXTURE.resolve(name)), Files.readAllBytes(dir.resolve(name)), name);
        }
        assertArrayEquals(Files.readAllBytes(FIXTURE.resolve("model.safetensors")), Files.readAllBytes(dir.resolve("model.safetensors")));

        Map<String, byte[]> torchOnly = FakeHub.filesOf(FIXTURE, SMALL);
        torchOnly.putAll(FakeHub.filesOf(FIXTURE, "pytorch_model.bin"));
        hub.commit("Helsinki-NLP/opus-mt-torch", COMMIT_B, torchOnly, "main");
        Path torch = downloader().download("Helsinki-NLP/opus-mt-torch", "main", tmp.resolve("models").resolve("torch")).dir();
        assertArrayEquals(Files.readAllBytes(FIXTURE.resolve("pytorch_model.bin")), Files.readAllBytes(torch.resolve("pytorch_model.bin")));
    }

    @Test
    void zerosFromAMirrorWithoutSizeOrDigestAreRefusedNotInstalled() throws IOException {
        hub.commit(REPO, COMMIT_A, fullRepo(), "main").bareListing().zeros("model.safetensors", 3_000_000, true);
        DownloadException e = assertThrows(DownloadException.class, () -> downloader().download(REPO, "main", target()));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().startsWith("model.safetensors from " + hub.uri() + " has no digest"), e.getMessage());
        assertTrue(e.getMessage().contains("not a valid model.safetensors"), e.getMessage());
        assertFalse(Files.exists(target()), "no model is installed");
        assertFalse(Files.exists(staging().resolve("model.safetensors")) || Files.exists(staging().resolve("model.safetensors.partial")));
        assertTrue(messages.stream().noneMatch(m -> m.contains("model ready")), messages.toString());

        for (String name : new String[] {"config.json", "source.spm"}) {
            FakeHub other = new FakeHub();
            try {
                other.commit(REPO, COMMIT_A, fullRepo(), "main").bareListing().zeros(name, 5000, true);
                HubSettings settings = new HubSettings(other.uri(), Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(5));
                DownloadException bad = assertThrows(DownloadException.class, () -> new ModelDownloader(settings, FAST, recorder())
                        .download(REPO, "main", tmp.resolve(name).resolve("m")));
                assertTrue(bad.getMessage().startsWith(name + " from ") && bad.getMessage().contains("not a valid " + name),
                        bad.getMessage());
            } finally {
                other.close();
            }
        }
    }

    @Test
    void aFileWithoutListedSizeIsCutAtTheDocumentedCap() throws IOException {
        long cap = ContentCheck.UNLISTED_OTHER_CAP;
        hub.commit(REPO, COMMIT_A, fullRepo(), "main").bareListing().zeros("config.json", cap + (1 << 20), false);
        DownloadException e = assertThrows(DownloadException.class, () -> downloader().download(REPO, "main", target()));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().startsWith("config.json: the hub's listing gives no size for it and the server sent more"
                + " than the " + cap + "-byte cap"), e.getMessage());
        assertFalse(Files.exists(staging().resolve("config.json.partial")), "the partial file is deleted");
        assertFalse(Files.exists(target()));

        hub.zeros("config.json", cap + 1, true); // announced: refused before a byte is written
        DownloadException announced = assertThrows(DownloadException.class, () -> downloader().download(REPO, "main", target()));
        assertTrue(announced.getMessage().contains("bytes announced"), announced.getMessage());
        assertEquals(2L << 30, ContentCheck.capFor("model.safetensors"), "the documented weights cap");
    }

    @Test
    void aMissingRepositoryIsOneClearMessageAndLeavesNothing() {
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader().download("nobody/opus-mt-xx-yy", "main", tmp.resolve("models/opus-mt-xx-yy")));
        assertEquals("nobody/opus-mt-xx-yy was not found on " + hub.uri() + " (404); check the name, e.g."
                + " Helsinki-NLP/opus-mt-ar-en", e.getMessage());
        assertFalse(e.retryable());
        assertEquals(1, hub.requests().size(), "a 404 is not retried");
        assertFalse(Files.exists(tmp.resolve("models")));
    }

    @Test
    void aMissingRevisionIsNamed() throws IOException {
        hub.commit(REPO, COMMIT_A, fullRepo(), "main");
        DownloadException e = assertThrows(DownloadException.class, () -> downloader().download(REPO, "v9", target()));
        assertEquals("revision 'v9' does not exist in " + REPO + " on " + hub.uri(), e.getMessage());
    }

    @Test
    void anUnreachableHostIsRetriedThenReportedClearly() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HubSettings settings = new HubSettings(URI.create("http://127.0.0.1:" + port), Optional.empty(),
                Duration.ofSeconds(2), Duration.ofSeconds(2));
        DownloadException e = assertThrows(DownloadException.class,
                () -> new ModelDownloader(settings, FAST, recorder()).download(REPO, "main", target()));
        assertTrue(e.getMessage().startsWith("cannot connect to http://127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("TARJAMA_HF_HOST"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(gave up after 3 tries)"), e.getMessage());
        assertFalse(Files.exists(target()));
    }

    @Test
    void transientServerErrorsAreRetried() throws IOException {
        hub.commit(REPO, COMMIT_A, fullRepo(), "main").unavailable(2);
        Path dir = downloader().download(REPO, "main", target()).dir();
        assertTrue(Files.isRegularFile(dir.resolve("model.safetensors")));
        assertTrue(messages.stream().anyMatch(m -> m.contains("answered 503")), messages.toString());
    }

    @Test
    void aRepositoryWithoutSafetensorsGivesThePytorchCheckpoint() throws IOException {
        Map<String, byte[]> files = FakeHub.filesOf(FIXTURE, SMALL);
        files.putAll(FakeHub.filesOf(FIXTURE, "pytorch_model.bin"));
        hub.commit(REPO, COMMIT_A, files, "main");
        Path dir = downloader().download(REPO, "main", target()).dir();

        assertArrayEquals(Files.readAllBytes(FIXTURE.resolve("pytorch_model.bin")),
                Files.readAllBytes(dir.resolve("pytorch_model.bin")));
        assertFalse(Files.exists(dir.resolve("model.safetensors")));
    }

    @Test
    void aRepositoryWithoutTheTokenizerFilesIsRefused() throws IOException {
        Map<String, byte[]> files = fullRepo();
        files.remove("source.spm");
        files.remove("tokenizer_config.json");
        hub.commit(REPO, COMMIT_A, files, "main");
        DownloadException e = assertThrows(DownloadException.class, () -> downloader().download(REPO, "main", target()));
        assertEquals(REPO + " at " + COMMIT_A.substring(0, 12) + " has no source.spm; is it a MarianMT (opus-mt) model?",
                e.getMessage());
    }

    @Test
    void aPinnedRevisionFetchesThatCommit() throws IOException {
        Map<String, byte[]> newer = fullRepo();
        newer.put("config.json", "{\"changed\": true}".getBytes(StandardCharsets.UTF_8));
        hub.commit(REPO, COMMIT_A, fullRepo(), "v1").commit(REPO, COMMIT_B, newer, "main");

        DownloadResult pinned = downloader().download(REPO, "v1", target());
        assertEquals(COMMIT_A, pinned.commit());
        assertArrayEquals(Files.readAllBytes(FIXTURE.resolve("config.json")),
                Files.readAllBytes(pinned.dir().resolve("config.json")));
        assertEquals("v1", DownloadManifest.read(pinned.dir()).orElseThrow().revision());
        assertTrue(hub.requests().stream().filter(r -> r.path().contains("/resolve/"))
                .allMatch(r -> r.path().contains("/resolve/" + COMMIT_A + "/")));

        DownloadResult byCommit = downloader().download(REPO, COMMIT_B, tmp.resolve("other/opus-mt-ar-en"));
        assertEquals(COMMIT_B, byCommit.commit());
        assertEquals("{\"changed\": true}", Files.readString(byCommit.dir().resolve("config.json")));
    }

    @Test
    void aSecondRunAtTheSameCommitFetchesNothing() throws IOException {
        hub.commit(REPO, COMMIT_A, fullRepo(), "main");
        downloader().download(REPO, "main", target());
        int before = hub.requests().size();

        DownloadResult again = downloader().download(REPO, "main", target());
        assertTrue(again.alreadyUpToDate());
        assertEquals(before + 1, hub.requests().size(), "only the metadata is asked for");
    }

    @Test
    void updatingToANewCommitReplacesTheDirectoryAndKeepsUnchangedFiles() throws IOException {
        Map<String, byte[]> newer = fullRepo();
        newer.put("config.json", "{\"changed\": true}".getBytes(StandardCharsets.UTF_8));
        hub.commit(REPO, COMMIT_A, fullRepo(), "v1").commit(REPO, COMMIT_B, newer, "main");
        downloader().download(REPO, "v1", target());
        int weightsFetches = hub.requestsFor("model.safetensors").size();

        DownloadResult updated = downloader().download(REPO, "main", target());
        assertEquals(COMMIT_B, DownloadManifest.read(updated.dir()).orElseThrow().commit());
        assertEquals("{\"changed\": true}", Files.readString(updated.dir().resolve("config.json")));
        assertEquals(weightsFetches, hub.requestsFor("model.safetensors").size(), "unchanged weights are not fetched again");
        assertTrue(messages.contains("  model.safetensors: unchanged, kept"), messages.toString());
        assertFalse(Files.exists(staging()));
        assertFalse(Files.exists(target().resolveSibling("opus-mt-ar-en.old")));
    }

    @Test
    void aDirectoryNotMadeByDownloadIsNeverOverwritten() throws IOException {
        hub.commit(REPO, COMMIT_A, fullRepo(), "main");
        Files.createDirectories(target());
        Files.writeString(target().resolve("config.json"), "mine");
        DownloadException e = assertThrows(DownloadException.class, () -> downloader().download(REPO, "main", target()));
        assertTrue(e.getMessage().contains("already exists and was not made by `tarjama download`"), e.getMessage());
        assertEquals("mine", Files.readString(target().resolve("config.json")));
    }

    @Test
    void theTokenGoesToTheHubButNotToARedirectOnAnotherHost() throws IOException {
        hub.commit(REPO, COMMIT_A, fullRepo(), "main").redirectLfsToOtherHost();
        Path dir = downloader(FAST, Optional.of("hf_secret")).download(REPO, "main", target()).dir();

        assertArrayEquals(Files.readAllBytes(FIXTURE.resolve("model.safetensors")),
                Files.readAllBytes(dir.resolve("model.safetensors")));
        List<FakeHub.Request> cdn = hub.requests().stream().filter(r -> r.path().startsWith("/cdn/")).toList();
        List<FakeHub.Request> direct = hub.requests().stream().filter(r -> !r.path().startsWith("/cdn/")).toList();
        assertEquals(3, cdn.size(), "the two spm files and the weights come through the redirect");
        assertTrue(cdn.stream().allMatch(r -> r.authorization() == null));
        assertTrue(direct.stream().allMatch(r -> "Bearer hf_secret".equals(r.authorization())));
        assertTrue(messages.stream().noneMatch(m -> m.contains("hf_secret")));
        assertFalse(new HubSettings(hub.uri(), Optional.of("hf_secret"), Duration.ofSeconds(1), Duration.ofSeconds(1))
                .toString().contains("hf_secret"));
    }

    @Test
    void aGarbledMetadataAnswerIsReportedNotCrashedOn() {
        DownloadException e = assertThrows(DownloadException.class,
                () -> HubRepoInfo.parse(REPO, "main", "<html>mirror login page</html>"));
        assertTrue(e.getMessage().startsWith("the hub's description of " + REPO + " is not usable"), e.getMessage());
        assertFalse(e.retryable());
        for (String json : List.of("{\"sha\":\"" + COMMIT_A + "\",\"siblings\":[{\"size\":1}]}",
                "{\"sha\":\"" + COMMIT_A + "\",\"siblings\":[{\"rfilename\":\"x\",\"size\":\"big\"}]}",
                "{\"siblings\":[]}", "[]")) {
            DownloadException bad = assertThrows(DownloadException.class, () -> HubRepoInfo.parse(REPO, "main", json));
            assertTrue(bad.getMessage().endsWith("is the host a Hugging Face hub or mirror?"), bad.getMessage());
        }
    }

    @Test
    void anInvalidRepositoryIdIsRejectedBeforeAnyRequest() {
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader().download("../etc/passwd", "main", target()));
        assertTrue(e.getMessage().contains("is not a hub repository id"), e.getMessage());
        assertTrue(hub.requests().isEmpty());
    }

    @Test
    void gitBlobIdsFollowGit() throws IOException {
        Path f = tmp.resolve("hello.txt");
        Files.writeString(f, "hello\n");
        assertEquals("ce013625030ba8dba906f756967f9e9ca394464a", Checksums.gitBlobId(f), "git hash-object of hello\\n");
        assertEquals("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", Checksums.sha256(f));
    }

    @Test
    void defaultTargetIsTheRepositoryNameUnderTheModelsDirectory() {
        assertEquals(Path.of("models", "opus-mt-ar-en"), ModelDownloader.defaultTarget(Path.of("models"), REPO));
        assertEquals(Path.of("m", "x"), ModelDownloader.defaultTarget(Path.of("m"), "x"));
    }

    /**
     * The request asked for the rest of the file from a positive offset no further than the bytes the
     * server sent before it cut (the client may lose the last chunks in flight when the connection
     * breaks).
     */
    static void assertResumedWithin(FakeHub.Request r, long sent) {
        assertTrue(r.range() != null && r.range().matches("bytes=\\d+-"), "a Range request: " + r.range());
        long from = Long.parseLong(r.range().substring(6, r.range().length() - 1));
        assertTrue(from > 0 && from <= sent, "resumed from " + from + ", sent " + sent);
    }

    private DownloadProgress recorder() {
        return new DownloadProgress() {
            @Override
            public void message(String line) {
                messages.add(line);
            }
        };
    }
}

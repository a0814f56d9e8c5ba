package dev.tarjama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code src/main/docker/SlimJar.java}, the image build step that drops DJL's zipped native
 * libraries from the shaded jar (the image has them extracted), run as the Dockerfile runs it.
 */
class SlimJarTest {
    static final Path SCRIPT = Path.of("src", "main", "docker", "SlimJar.java");

    private static void zip(Path jar, List<String> names) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream out = new ZipOutputStream(file)) {
            for (String name : names) {
                out.putNextEntry(new ZipEntry(name));
                if (!name.endsWith("/")) {
                    out.write(("content of " + name).getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
    }

    private static int slim(Path in, Path out) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), SCRIPT.toString(), in.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "SlimJar finished");
        return p.exitValue();
    }

    @Test
    void keepsClassesAndTheNativeVersionFilesAndDropsEveryPlatformsLibraries(@TempDir Path tmp) throws Exception {
        List<String> kept = List.of("META-INF/MANIFEST.MF", "dev/tarjama/App.class", "native/", "native/lib/",
                "native/lib/pytorch.properties", "native/lib/tokenizers.properties", "jnilib/", "jnilib/pytorch.properties",
                "com/sun/jna/linux-x86-64/libjnidispatch.so");
        List<String> dropped = List.of("pytorch/", "pytorch/cpu/linux-x86_64/libtorch_cpu.so", "pytorch/cpu/linux-x86_64/libc10.so",
                "native/lib/linux-x86_64/", "native/lib/linux-x86_64/cpu/libtokenizers.so", "native/lib/win-x86_64/cpu/tokenizers.dll",
                "jnilib/linux-x86_64/cpu/libdjl_torch.so", "jnilib/osx-aarch64/cpu/libdjl_torch.dylib");
        List<String> all = new ArrayList<>(kept);
        all.addAll(dropped);
        Collections.shuffle(all.subList(1, all.size()), new java.util.Random(7)); // the manifest stays first
        Path in = tmp.resolve("in.jar");
        Path out = tmp.resolve("out.jar");
        zip(in, all);

        assertEquals(0, slim(in, out));

        try (ZipFile z = new ZipFile(out.toFile())) {
            List<String> names = z.stream().map(ZipEntry::getName).toList();
            assertEquals(kept.stream().sorted().toList(), names.stream().sorted().toList());
            assertEquals("META-INF/MANIFEST.MF", names.get(0));
            assertEquals("content of dev/tarjama/App.class",
                    new String(z.getInputStream(z.getEntry("dev/tarjama/App.class")).readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void failsWhenTheJarHasNoNativeLibrarySoThatALayoutChangeIsNoticed(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in.jar");
        zip(in, List.of("META-INF/MANIFEST.MF", "dev/tarjama/App.class", "native/lib/pytorch.properties"));
        assertEquals(1, slim(in, tmp.resolve("out.jar")));
    }
}

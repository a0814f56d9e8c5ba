import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Image build step: {@code java SlimJar.java IN.jar OUT.jar} copies the shaded jar without DJL's
 * bundled native libraries (PyTorch, its JNI glue and the tokenizers library, for every platform),
 * which the image ships once, extracted in {@code DJL_CACHE_DIR}. The small {@code *.properties}
 * files that tell DJL which native version to look for stay. Fails when no native library was found,
 * so that a change of DJL's jar layout cannot silently leave the image twice as large.
 */
public final class SlimJar {
    private SlimJar() {}

    /** PyTorch's libraries, and every platform folder under the JNI and tokenizers native roots. */
    static boolean isBundledNative(String name) {
        return name.startsWith("pytorch/")
                || nested(name, "jnilib/")
                || nested(name, "native/lib/");
    }

    private static boolean nested(String name, String root) {
        return name.startsWith(root) && name.indexOf('/', root.length()) >= 0;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java SlimJar.java IN.jar OUT.jar");
            System.exit(2);
        }
        long dropped = 0;
        int droppedFiles = 0;
        int kept = 0;
        try (ZipFile in = new ZipFile(args[0]);
                OutputStream file = Files.newOutputStream(Path.of(args[1]));
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry e = entries.nextElement();
                if (isBundledNative(e.getName())) {
                    if (!e.isDirectory()) {
                        dropped += e.getSize();
                        droppedFiles++;
                    }
                    continue;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                try (InputStream data = in.getInputStream(e)) {
                    data.transferTo(out);
                }
                out.closeEntry();
                kept++;
            }
        }
        if (droppedFiles == 0) {
            System.err.println("SlimJar: no bundled native library in " + args[0] + "; has DJL's jar layout changed?");
            System.exit(1);
        }
        System.out.printf("SlimJar: %s: kept %d entries, dropped %d native libraries (%d MB uncompressed)%n",
                args[1], kept, droppedFiles, dropped >> 20);
    }
}

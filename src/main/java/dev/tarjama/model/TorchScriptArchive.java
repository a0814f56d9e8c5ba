package dev.tarjama.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript archive (the zip that {@code torch.jit.save} produces and libtorch's
 * {@code torch::jit::load} reads) for a module without tensors: one class {@code __torch__.<name>}
 * whose methods are given as TorchScript source, compiled by libtorch when it loads the archive.
 * No Python is involved.
 *
 * <p>Layout (all entries stored, uncompressed): {@code <name>/data.pkl} (the module object: a
 * pickle of {@code __torch__.<name>} with its one attribute {@code training = False}),
 * {@code <name>/code/__torch__.py} (the class source), {@code <name>/constants.pkl} (an empty
 * tuple) and {@code <name>/version}.
 */
final class TorchScriptArchive {
    /** The serialization format version written; libtorch 2.x reads versions up to 10. */
    static final int FORMAT_VERSION = 4;

    private TorchScriptArchive() {}

    /**
     * @param name the class name, a Python identifier
     * @param methods TorchScript method definitions, indented by two spaces, each taking
     *     {@code self: __torch__.<name>} first
     * @return the archive's bytes
     */
    static byte[] write(String name, String methods) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a class name: " + name);
        }
        String source = "class " + name + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + methods;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, name + "/data.pkl", modulePickle(name));
            stored(zip, name + "/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            stored(zip, name + "/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            stored(zip, name + "/version", (FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Pickle protocol 2: {@code GLOBAL '__torch__ <name>'; EMPTY_TUPLE; NEWOBJ; {training: False}; BUILD; STOP}. */
    static byte[] modulePickle(String name) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80); // PROTO
        p.write(2);
        p.writeBytes(("c__torch__\n" + name + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        p.write(')'); // EMPTY_TUPLE
        p.write(0x81); // NEWOBJ
        p.write('}'); // EMPTY_DICT
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X'); // BINUNICODE
        p.write(key.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.writeBytes(key);
        p.write(0x89); // NEWFALSE
        p.write('s'); // SETITEM
        p.write('b'); // BUILD
        p.write('.'); // STOP
        return p.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String path, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(path);
        e.setMethod(ZipEntry.STORED);
        e.setSize(content.length);
        e.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        e.setCrc(crc.getValue());
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }
}

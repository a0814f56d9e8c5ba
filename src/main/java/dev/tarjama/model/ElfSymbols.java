package dev.tarjama.model;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the static symbol table ({@code .symtab}) of a 64-bit little-endian ELF shared library:
 * enough to find where a library's own data objects live. Memory-mapped; only the section
 * headers, the symbol table and the names it points at are touched.
 */
final class ElfSymbols {
    private static final int SHT_SYMTAB = 2;
    private static final int STT_OBJECT = 1;
    private static final long SHF_WRITE = 0x1;

    /** A data object: its address relative to the library's load base, and its size in bytes. */
    record DataObject(long value, long size, boolean writable) {}

    private ElfSymbols() {}

    /**
     * Looks up the named data objects ({@code STT_OBJECT}); names not found are absent from the map.
     *
     * @throws IOException when the file cannot be read or is not a 64-bit little-endian ELF file
     */
    static Map<String, DataObject> objects(Path file, Set<String> names) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            m.order(ByteOrder.LITTLE_ENDIAN);
            if (ch.size() < 64 || m.getInt(0) != 0x464c457f || m.get(4) != 2 || m.get(5) != 1) {
                throw new IOException(file + " is not a 64-bit little-endian ELF file");
            }
            long shoff = m.getLong(0x28);
            int shentsize = Short.toUnsignedInt(m.getShort(0x3a));
            int shnum = Short.toUnsignedInt(m.getShort(0x3c));
            if (shentsize < 64 || shoff <= 0 || shoff + (long) shnum * shentsize > ch.size()) {
                throw new IOException(file + ": section headers out of bounds");
            }
            Map<String, byte[]> wanted = new HashMap<>();
            for (String n : names) {
                wanted.put(n, n.getBytes(StandardCharsets.US_ASCII));
            }
            Map<String, DataObject> found = new HashMap<>();
            for (int i = 0; i < shnum; i++) {
                long sh = shoff + (long) i * shentsize;
                if (m.getInt(Math.toIntExact(sh + 4)) != SHT_SYMTAB) {
                    continue;
                }
                long off = m.getLong(Math.toIntExact(sh + 0x18));
                long size = m.getLong(Math.toIntExact(sh + 0x20));
                int link = m.getInt(Math.toIntExact(sh + 0x28));
                if (off + size > ch.size() || link < 0 || link >= shnum) {
                    throw new IOException(file + ": symbol table out of bounds");
                }
                long strings = m.getLong(Math.toIntExact(shoff + (long) link * shentsize + 0x18));
                for (long e = off; e + 24 <= off + size; e += 24) {
                    int p = Math.toIntExact(e);
                    if ((m.get(p + 4) & 0xf) != STT_OBJECT) {
                        continue;
                    }
                    String name = matchName(m, strings + Integer.toUnsignedLong(m.getInt(p)), wanted, ch.size());
                    if (name != null) {
                        int section = Short.toUnsignedInt(m.getShort(p + 6));
                        boolean writable = section > 0 && section < shnum
                                && (m.getLong(Math.toIntExact(shoff + (long) section * shentsize + 8)) & SHF_WRITE) != 0;
                        found.put(name, new DataObject(m.getLong(p + 8), m.getLong(p + 16), writable));
                    }
                }
            }
            return found;
        }
    }

    /**
     * The virtual address the library's first loadable segment (file offset 0) asks for: the
     * library's load base is where that segment is mapped minus this (0 for ordinary libraries).
     */
    static long firstSegmentAddress(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(ch.size(), 1 << 16));
            m.order(ByteOrder.LITTLE_ENDIAN);
            long phoff = m.getLong(0x20);
            int phentsize = Short.toUnsignedInt(m.getShort(0x36));
            int phnum = Short.toUnsignedInt(m.getShort(0x38));
            for (int i = 0; i < phnum; i++) {
                long ph = phoff + (long) i * phentsize;
                if (ph + 0x18 > m.capacity()) {
                    break;
                }
                int p = Math.toIntExact(ph);
                if (m.getInt(p) == 1 && m.getLong(p + 8) == 0) {
                    return m.getLong(p + 0x10);
                }
            }
            throw new IOException(file + ": no loadable segment at file offset 0");
        }
    }

    private static String matchName(MappedByteBuffer m, long at, Map<String, byte[]> wanted, long fileSize) {
        for (Map.Entry<String, byte[]> w : wanted.entrySet()) {
            byte[] b = w.getValue();
            if (at + b.length >= fileSize) {
                continue;
            }
            int p = Math.toIntExact(at);
            boolean same = m.get(p + b.length) == 0;
            for (int i = 0; same && i < b.length; i++) {
                same = m.get(p + i) == b[i];
            }
            if (same) {
                return w.getKey();
            }
        }
        return null;
    }
}

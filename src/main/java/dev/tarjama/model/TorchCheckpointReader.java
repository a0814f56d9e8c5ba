package dev.tarjama.model;

import dev.tarjama.model.StateDictPickle.StorageRef;
import dev.tarjama.model.StateDictPickle.TensorRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a {@code pytorch_model.bin} written by {@code torch.save} (zip format, torch 1.6+): the state
 * dict pickle {@code <prefix>/data.pkl} is interpreted by {@link StateDictPickle} (no code is ever
 * executed), and each tensor is cut from its storage {@code <prefix>/data/<key>}. Float32 tensors
 * with contiguous strides are slices of the storage; anything else is copied into a contiguous
 * float32 buffer. Tensors that share a storage (tied weights) share its bytes.
 */
public final class TorchCheckpointReader {
    /** Largest {@code data.pkl} accepted. */
    static final long MAX_PICKLE_BYTES = 64L << 20;
    /** Highest uncompressed/compressed ratio accepted for a deflated storage entry. */
    private static final long MAX_DEFLATE_RATIO = 1100;

    private TorchCheckpointReader() {}

    /** Reads every tensor of the state dict, keyed by name, in pickle order. */
    public static Map<String, RawTensor> read(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pkl = findPickle(file, zip);
            String prefix = pkl.getName().substring(0, pkl.getName().length() - "data.pkl".length());
            checkByteOrder(file, zip, prefix);
            Map<String, TensorRef> refs = StateDictPickle.run(readPickle(file, zip, pkl), file, pkl.getName());
            Map<String, ByteBuffer> storages = new HashMap<>();
            Map<String, StorageRef> storageTypes = new HashMap<>();
            Map<String, RawTensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, TensorRef> e : refs.entrySet()) {
                StorageRef s = e.getValue().storage();
                StorageRef seen = storageTypes.putIfAbsent(s.key(), s);
                if (seen != null && !seen.equals(s)) {
                    throw new ModelLoadException(file, "storage " + s.key() + " is declared as both " + seen
                            + " and " + s);
                }
                ByteBuffer bytes = storages.get(s.key());
                if (bytes == null) {
                    bytes = readStorage(file, zip, prefix, s);
                    storages.put(s.key(), bytes);
                }
                out.put(e.getKey(), tensor(file, e.getKey(), e.getValue(), bytes));
            }
            return Collections.unmodifiableMap(out);
        } catch (ZipException e) {
            throw new ModelLoadException(file, "not a torch zip checkpoint (" + e.getMessage()
                    + "); only the zip format of torch 1.6+ is supported", e);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot read torch checkpoint: " + e, e);
        }
    }

    private static ZipEntry findPickle(Path file, ZipFile zip) {
        List<ZipEntry> found = new ArrayList<>();
        zip.stream().filter(z -> z.getName().endsWith("/data.pkl")
                && z.getName().indexOf('/') == z.getName().length() - "/data.pkl".length())
                .forEach(found::add);
        if (found.size() != 1) {
            throw new ModelLoadException(file, "expected exactly one <prefix>/data.pkl entry, found "
                    + found.size() + " (not a torch.save checkpoint?)");
        }
        return found.get(0);
    }

    private static void checkByteOrder(Path file, ZipFile zip, String prefix) throws IOException {
        ZipEntry order = zip.getEntry(prefix + "byteorder");
        if (order == null) {
            return;
        }
        try (InputStream in = zip.getInputStream(order)) {
            String value = new String(in.readNBytes(16), StandardCharsets.US_ASCII).strip();
            if (!value.equals("little")) {
                throw new ModelLoadException(file, "storages are stored with byte order \"" + value
                        + "\"; only little-endian checkpoints are supported");
            }
        }
    }

    private static byte[] readPickle(Path file, ZipFile zip, ZipEntry pkl) throws IOException {
        if (pkl.getSize() > MAX_PICKLE_BYTES) {
            throw new ModelLoadException(file, pkl.getName() + " is " + pkl.getSize() + " bytes, over the limit of "
                    + MAX_PICKLE_BYTES);
        }
        try (InputStream in = zip.getInputStream(pkl)) {
            byte[] code = in.readNBytes((int) MAX_PICKLE_BYTES + 1);
            if (code.length > MAX_PICKLE_BYTES) {
                throw new ModelLoadException(file, pkl.getName() + " is over the limit of " + MAX_PICKLE_BYTES + " bytes");
            }
            return code;
        }
    }

    private static ByteBuffer readStorage(Path file, ZipFile zip, String prefix, StorageRef s) throws IOException {
        String name = prefix + "data/" + s.key();
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new ModelLoadException(file, "storage entry " + name + " is missing");
        }
        long need;
        try {
            need = Math.multiplyExact(s.numel(), s.dtype().bytes);
        } catch (ArithmeticException e) {
            need = Long.MAX_VALUE;
        }
        if (need > Integer.MAX_VALUE - 8) {
            throw new ModelLoadException(file, "storage " + name + " of " + s.numel() + " elements is over 2 GiB");
        }
        long size = entry.getSize();
        if (size >= 0 && size < need) {
            throw new ModelLoadException(file, "storage entry " + name + " has " + size + " bytes but "
                    + s.numel() + " elements of " + s.dtype() + " need " + need);
        }
        long compressed = entry.getCompressedSize();
        boolean plausible = entry.getMethod() == ZipEntry.STORED
                ? compressed <= Files.size(file)
                : compressed >= 0 && need <= Math.max(compressed, 1) * MAX_DEFLATE_RATIO;
        if (!plausible) {
            throw new ModelLoadException(file, "storage entry " + name + " has implausible sizes in the zip directory");
        }
        ByteBuffer buf;
        try {
            buf = ByteBuffer.allocateDirect((int) need).order(ByteOrder.LITTLE_ENDIAN);
        } catch (OutOfMemoryError e) {
            throw new ModelLoadException(file, "not enough memory for storage " + name + " (" + need + " bytes)");
        }
        byte[] chunk = new byte[1 << 16];
        try (InputStream in = zip.getInputStream(entry)) {
            while (buf.hasRemaining()) {
                int n = in.read(chunk, 0, Math.min(chunk.length, buf.remaining()));
                if (n < 0) {
                    throw new ModelLoadException(file, "storage entry " + name + " is truncated: "
                            + buf.position() + " bytes, " + need + " needed");
                }
                buf.put(chunk, 0, n);
            }
        }
        return buf.flip().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static RawTensor tensor(Path file, String key, TensorRef t, ByteBuffer storage) {
        long[] size = t.size();
        long[] stride = t.stride();
        String where = "tensor \"" + key + "\" (size " + Arrays.toString(size) + ", stride "
                + Arrays.toString(stride) + ", offset " + t.offset() + ", storage of " + t.storage().numel() + "): ";
        long numel = 1;
        long last = t.offset(); // highest storage index the view touches
        try {
            for (int i = 0; i < size.length; i++) {
                if (size[i] < 0 || stride[i] < 0) {
                    throw new ModelLoadException(file, where + "negative size or stride");
                }
                numel = Math.multiplyExact(numel, size[i]);
                if (size[i] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(size[i] - 1, stride[i]));
                }
            }
        } catch (ArithmeticException e) {
            throw new ModelLoadException(file, where + "size overflows");
        }
        if (t.offset() < 0 || (numel > 0 && last >= t.storage().numel()) || t.offset() > t.storage().numel()) {
            throw new ModelLoadException(file, where + "view reaches outside its storage");
        }
        if (numel > Integer.MAX_VALUE / Float.BYTES) {
            throw new ModelLoadException(file, where + "over 2 GiB as float32 is not supported");
        }
        FloatConversion type = t.storage().dtype();
        if (type == FloatConversion.F32 && contiguous(size, stride)) {
            ByteBuffer slice = storage.slice((int) t.offset() * Float.BYTES, (int) numel * Float.BYTES);
            return new RawTensor(key, size, slice.order(ByteOrder.LITTLE_ENDIAN));
        }
        ByteBuffer out = ByteBuffer.allocateDirect((int) numel * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long[] index = new long[size.length];
        long src = t.offset();
        for (int n = 0; n < numel; n++) {
            out.putFloat(n * Float.BYTES, type.get(storage, src));
            for (int d = size.length - 1; d >= 0; d--) { // odometer over the view, last dim fastest
                if (++index[d] < size[d]) {
                    src += stride[d];
                    break;
                }
                src -= (size[d] - 1) * stride[d];
                index[d] = 0;
            }
        }
        return new RawTensor(key, size, out);
    }

    private static boolean contiguous(long[] size, long[] stride) {
        long expected = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= size[i];
        }
        return true;
    }
}

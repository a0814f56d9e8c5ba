package dev.tarjama.model;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately small pickle interpreter for the {@code data.pkl} of a {@code torch.save} zip
 * checkpoint holding a state dict. It knows the opcodes such files use and an allow-list of globals
 * (OrderedDict, the tensor rebuild functions and four storage types); it never imports or calls
 * anything else, so a hostile pickle can only produce an error.
 */
final class StateDictPickle {
    static final int MAX_STACK = 1 << 22;
    static final int MAX_MEMO = 1 << 20;
    static final int MAX_ELEMENTS = 1 << 22;

    /** A storage reference from a persistent id: {@code data/<key>} holds {@code numel} elements. */
    record StorageRef(String key, FloatConversion dtype, long numel) {}

    /** A tensor view of a storage ({@code _rebuild_tensor_v2} arguments). */
    record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {}

    private record Global(String module, String name) {
        String qualified() {
            return module + "." + name;
        }
    }

    /** A Python tuple; identity equality keeps hashing free of recursion. */
    private static final class Tuple {
        final List<Object> items;

        Tuple(List<Object> items) {
            this.items = List.copyOf(items.stream().map(o -> o == null ? NONE : o).toList());
        }

        Object get(int i) {
            Object o = items.get(i);
            return o == NONE ? null : o;
        }
    }

    private static final Object NONE = new Object();
    private static final Set<String> GLOBALS = Set.of("collections.OrderedDict",
            "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter", "torch.FloatStorage",
            "torch.HalfStorage", "torch.BFloat16Storage", "torch.DoubleStorage");

    private final byte[] code;
    private final Path file;
    private final String name;
    private int pos;
    private final ArrayList<Object> stack = new ArrayList<>();
    private final ArrayList<Integer> marks = new ArrayList<>();
    private final Map<Integer, Object> memo = new HashMap<>();
    private long elements;

    private StateDictPickle(byte[] code, Path file, String name) {
        this.code = code;
        this.file = file;
        this.name = name;
    }

    /**
     * Runs the pickle and returns the state dict it builds.
     *
     * @param name the pickle's entry name inside {@code file}, for error messages
     */
    static Map<String, TensorRef> run(byte[] code, Path file, String name) {
        return new StateDictPickle(code, file, name).execute();
    }

    private Map<String, TensorRef> execute() {
        Object result = interpret();
        if (!(result instanceof Map<?, ?> dict)) {
            throw error("does not contain a state dict (top-level object is " + typeName(result) + ")");
        }
        Map<String, TensorRef> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (!(e.getKey() instanceof String key) || !(e.getValue() instanceof TensorRef t)) {
                throw error("state dict entry " + e.getKey() + " is a " + typeName(e.getValue())
                        + ", not a tensor");
            }
            out.put(key, t);
        }
        return out;
    }

    private Object interpret() {
        while (true) {
            int at = pos;
            int op = u8();
            switch (op) {
                case 0x80 -> { if (u8() > 5) throw error("pickle protocol above 5"); } // PROTO
                case 0x95 -> take(8); // FRAME
                case '.' -> { return pop(); } // STOP
                case '(' -> marks.add(stack.size()); // MARK
                case '}' -> push(new LinkedHashMap<Object, Object>()); // EMPTY_DICT
                case ']' -> push(new ArrayList<Object>()); // EMPTY_LIST
                case ')' -> push(new Tuple(List.of())); // EMPTY_TUPLE
                case 't' -> push(new Tuple(popMark())); // TUPLE
                case 0x85, 0x86, 0x87 -> push(new Tuple(popN(op - 0x84))); // TUPLE1..3
                case 'X' -> push(string(u32())); // BINUNICODE
                case 0x8c -> push(string(u8())); // SHORT_BINUNICODE
                case 0x8d -> push(string(u64())); // BINUNICODE8
                case 'J' -> push((long) (int) littleEndian(4)); // BININT
                case 'K' -> push((long) u8()); // BININT1
                case 'M' -> push(littleEndian(2)); // BININT2
                case 0x8a -> push(long1()); // LONG1
                case 'N' -> push(null); // NONE
                case 0x88 -> push(Boolean.TRUE); // NEWTRUE
                case 0x89 -> push(Boolean.FALSE); // NEWFALSE
                case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(littleEndian(8)))); // BINFLOAT
                case 'q' -> memoPut(u8()); // BINPUT
                case 'r' -> memoPut(u32()); // LONG_BINPUT
                case 'h' -> push(memoGet(u8())); // BINGET
                case 'j' -> push(memoGet(u32())); // LONG_BINGET
                case 0x94 -> memoPut(memo.size()); // MEMOIZE
                case 'c' -> push(global(line(), line())); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    Object n = pop();
                    Object m = pop();
                    if (!(m instanceof String module) || !(n instanceof String qual)) {
                        throw error("STACK_GLOBAL needs two strings");
                    }
                    push(global(module, qual));
                }
                case 'Q' -> push(storage(pop())); // BINPERSID
                case 'R' -> { // REDUCE
                    Object args = pop();
                    push(reduce(pop(), args));
                }
                case 'b' -> { // BUILD: only the attribute state of an OrderedDict (e.g. _metadata)
                    pop();
                    if (!(peek() instanceof Map)) {
                        throw error("BUILD on a " + typeName(peek()) + " is not supported");
                    }
                }
                case 's' -> { // SETITEM
                    Object v = pop();
                    Object k = pop();
                    put(peek(), k, v);
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popMark();
                    if (items.size() % 2 != 0) {
                        throw error("SETITEMS with an odd number of items");
                    }
                    Object target = peek();
                    for (int i = 0; i < items.size(); i += 2) {
                        put(target, items.get(i), items.get(i + 1));
                    }
                }
                case 'a' -> { // APPEND
                    Object v = pop();
                    list(peek()).add(v);
                    grow(1);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark();
                    list(peek()).addAll(items);
                    grow(items.size());
                }
                default -> throw error(String.format("unsupported pickle opcode 0x%02x at byte %d", op, at));
            }
        }
    }

    private Object global(String module, String qualName) {
        Global g = new Global(module, qualName);
        if (!GLOBALS.contains(g.qualified())) {
            throw error("pickle GLOBAL " + g.qualified() + " is not allowed");
        }
        return g;
    }

    private StorageRef storage(Object pid) {
        if (pid instanceof Tuple t && t.items.size() == 5 && "storage".equals(t.get(0))
                && t.get(1) instanceof Global type && t.get(2) instanceof String key
                && t.get(3) instanceof String && t.get(4) instanceof Long numel) {
            FloatConversion dtype = switch (type.name()) {
                case "FloatStorage" -> FloatConversion.F32;
                case "HalfStorage" -> FloatConversion.F16;
                case "BFloat16Storage" -> FloatConversion.BF16;
                case "DoubleStorage" -> FloatConversion.F64;
                default -> throw error("persistent id names " + type.qualified() + ", not a storage type");
            };
            if (key.isEmpty() || key.contains("/") || numel < 0) {
                throw error("invalid storage reference (key \"" + key + "\", numel " + numel + ")");
            }
            return new StorageRef(key, dtype, numel);
        }
        throw error("persistent id is not ('storage', type, key, location, numel)");
    }

    private Object reduce(Object callable, Object argsObj) {
        if (!(callable instanceof Global g) || !(argsObj instanceof Tuple args)) {
            throw error("REDUCE needs an allowed global and an argument tuple");
        }
        switch (g.qualified()) {
            case "collections.OrderedDict":
                if (!args.items.isEmpty()) {
                    throw error("OrderedDict with constructor arguments is not supported");
                }
                return new LinkedHashMap<Object, Object>();
            case "torch._utils._rebuild_tensor_v2":
                if ((args.items.size() == 6 || args.items.size() == 7) && args.get(0) instanceof StorageRef s
                        && args.get(1) instanceof Long offset && args.get(2) instanceof Tuple size
                        && args.get(3) instanceof Tuple stride && size.items.size() == stride.items.size()) {
                    return new TensorRef(s, offset, longs(size), longs(stride));
                }
                throw error("unexpected arguments to _rebuild_tensor_v2");
            case "torch._utils._rebuild_parameter":
                if (args.items.size() == 3 && args.get(0) instanceof TensorRef t) {
                    return t;
                }
                throw error("unexpected arguments to _rebuild_parameter");
            default:
                throw error(g.qualified() + " cannot be called");
        }
    }

    private long[] longs(Tuple t) {
        long[] out = new long[t.items.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(t.get(i) instanceof Long v)) {
                throw error("tensor size/stride is not a tuple of integers");
            }
            out[i] = v;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private void put(Object target, Object key, Object value) {
        if (!(target instanceof Map)) {
            throw error("SETITEM on a " + typeName(target));
        }
        if (!(key instanceof String) && !(key instanceof Long)) {
            throw error("dict key of type " + typeName(key) + " is not supported");
        }
        ((Map<Object, Object>) target).put(key, value);
        grow(1);
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object target) {
        if (!(target instanceof List)) {
            throw error("APPEND on a " + typeName(target));
        }
        return (List<Object>) target;
    }

    private void grow(long n) {
        elements += n;
        if (elements > MAX_ELEMENTS) {
            throw error("more than " + MAX_ELEMENTS + " container elements");
        }
    }

    private void push(Object o) {
        if (stack.size() >= MAX_STACK) {
            throw error("pickle stack exceeds " + MAX_STACK + " entries");
        }
        stack.add(o);
    }

    private Object pop() {
        int floor = marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
        if (stack.size() <= floor) {
            throw error("pickle stack underflow at byte " + (pos - 1));
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        int floor = marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
        if (stack.size() <= floor) {
            throw error("pickle stack underflow at byte " + (pos - 1));
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popN(int n) {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop();
        }
        return java.util.Arrays.asList(items);
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw error("pickle MARK missing at byte " + (pos - 1));
        }
        int m = marks.remove(marks.size() - 1);
        List<Object> view = stack.subList(m, stack.size());
        List<Object> items = new ArrayList<>(view);
        view.clear();
        return items;
    }

    private void memoPut(long index) {
        if (index > Integer.MAX_VALUE || memo.size() >= MAX_MEMO) {
            throw error("pickle memo exceeds its limit");
        }
        memo.put((int) index, peek());
    }

    private Object memoGet(long index) {
        if (index > Integer.MAX_VALUE || !memo.containsKey((int) index)) {
            throw error("pickle memo has no entry " + index);
        }
        return memo.get((int) index);
    }

    private String line() {
        int start = pos;
        while (pos < code.length && code[pos] != '\n') {
            if (pos - start > 256) {
                throw error("GLOBAL name longer than 256 bytes");
            }
            pos++;
        }
        if (pos >= code.length) {
            throw truncated();
        }
        return new String(code, start, pos++ - start, StandardCharsets.UTF_8);
    }

    private String string(long length) {
        int start = take(length);
        return new String(code, start, (int) length, StandardCharsets.UTF_8);
    }

    private long long1() {
        int n = u8();
        if (n > 8) {
            throw error("LONG1 integer of " + n + " bytes is too large");
        }
        if (n == 0) {
            return 0;
        }
        long v = littleEndian(n);
        int shift = 64 - 8 * n;
        return shift == 0 ? v : (v << shift) >> shift; // sign-extend
    }

    private int u8() {
        return code[take(1)] & 0xff;
    }

    private long u32() {
        return littleEndian(4);
    }

    private long u64() {
        long v = littleEndian(8);
        if (v < 0) {
            throw truncated();
        }
        return v;
    }

    private long littleEndian(int n) {
        int start = take(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (code[start + i] & 0xff);
        }
        return v;
    }

    /** Consumes {@code n} bytes and returns where they start. */
    private int take(long n) {
        if (n < 0 || n > code.length - pos) {
            throw truncated();
        }
        int start = pos;
        pos += (int) n;
        return start;
    }

    private ModelLoadException truncated() {
        return error("pickle is truncated (ends at byte " + code.length + ")");
    }

    private ModelLoadException error(String detail) {
        return new ModelLoadException(file, name + ": " + detail);
    }

    private static String typeName(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Tuple) {
            return "tuple";
        }
        if (o instanceof Global g) {
            return g.qualified();
        }
        return o.getClass().getSimpleName();
    }
}

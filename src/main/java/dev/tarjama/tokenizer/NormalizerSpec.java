package dev.tarjama.tokenizer;

import java.util.Arrays;

/**
 * SentencePiece's {@code NormalizerSpec}: the rule name (e.g. {@code nmt_nfkc}), the compiled
 * character map that implements it, and the whitespace flags. Defaults are those of the schema.
 */
public record NormalizerSpec(String name, byte[] precompiledCharsmap, boolean addDummyPrefix,
                             boolean removeExtraWhitespaces, boolean escapeWhitespaces) {
    static final NormalizerSpec DEFAULT = new NormalizerSpec("", new byte[0], true, true, true);

    public NormalizerSpec {
        if (name == null || precompiledCharsmap == null) {
            throw new IllegalArgumentException("name and precompiledCharsmap must not be null");
        }
        precompiledCharsmap = precompiledCharsmap.clone();
    }

    /** A copy of the compiled character map (empty when the model has none). */
    @Override
    public byte[] precompiledCharsmap() {
        return precompiledCharsmap.clone();
    }

    public boolean hasPrecompiledCharsmap() {
        return precompiledCharsmap.length > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NormalizerSpec n && name.equals(n.name)
                && Arrays.equals(precompiledCharsmap, n.precompiledCharsmap)
                && addDummyPrefix == n.addDummyPrefix && removeExtraWhitespaces == n.removeExtraWhitespaces
                && escapeWhitespaces == n.escapeWhitespaces;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(precompiledCharsmap);
    }

    @Override
    public String toString() {
        return "NormalizerSpec[name=" + name + ", precompiledCharsmap=" + precompiledCharsmap.length
                + " bytes, addDummyPrefix=" + addDummyPrefix + ", removeExtraWhitespaces="
                + removeExtraWhitespaces + ", escapeWhitespaces=" + escapeWhitespaces + "]";
    }

    /** Reads a NormalizerSpec message; fields it lacks keep their value in {@code base} (protobuf merge). */
    static NormalizerSpec read(ProtoReader in, NormalizerSpec base) {
        String name = base.name;
        byte[] charsmap = base.precompiledCharsmap;
        boolean dummyPrefix = base.addDummyPrefix;
        boolean removeExtra = base.removeExtraWhitespaces;
        boolean escape = base.escapeWhitespaces;
        while (in.hasMore()) {
            int tag = in.readTag();
            switch (tag >>> 3) {
                case 1 -> {
                    in.expectWireType(tag, ProtoReader.LENGTH_DELIMITED);
                    name = in.readString();
                }
                case 2 -> {
                    in.expectWireType(tag, ProtoReader.LENGTH_DELIMITED);
                    charsmap = in.readBytes();
                }
                case 3 -> {
                    in.expectWireType(tag, ProtoReader.VARINT);
                    dummyPrefix = in.readBool();
                }
                case 4 -> {
                    in.expectWireType(tag, ProtoReader.VARINT);
                    removeExtra = in.readBool();
                }
                case 5 -> {
                    in.expectWireType(tag, ProtoReader.VARINT);
                    escape = in.readBool();
                }
                default -> in.skip(tag & 7);
            }
        }
        return new NormalizerSpec(name, charsmap, dummyPrefix, removeExtra, escape);
    }
}

package dev.tarjama.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test helper: writes protobuf wire format to build small SentencePiece models by hand. */
final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter varint(int field, long value) {
        rawVarint((long) field << 3);
        rawVarint(value);
        return this;
    }

    ProtoWriter fixed32(int field, float value) {
        rawVarint((long) field << 3 | 5);
        int bits = Float.floatToIntBits(value);
        for (int i = 0; i < 4; i++) {
            out.write(bits >>> (8 * i));
        }
        return this;
    }

    ProtoWriter bytes(int field, byte[] value) {
        rawVarint((long) field << 3 | 2);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    ProtoWriter rawVarint(long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** A SentencePiece piece message: text, score, type (1 NORMAL, 2 UNKNOWN, 3 CONTROL). */
    static ProtoWriter piece(String text, float score, int type) {
        return new ProtoWriter().string(1, text).fixed32(2, score).varint(3, type);
    }

    /** A minimal valid unigram model: &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;, ▁, a, b, ▁ab. */
    static ProtoWriter minimalModel(int modelType) {
        return new ProtoWriter()
                .message(1, piece("<unk>", 0f, 2))
                .message(1, piece("<s>", 0f, 3))
                .message(1, piece("</s>", 0f, 3))
                .message(1, piece("\u2581", -2f, 1))
                .message(1, piece("a", -3f, 1))
                .message(1, piece("b", -3f, 1))
                .message(1, piece("\u2581ab", -1f, 1))
                .message(2, new ProtoWriter().varint(3, modelType).varint(40, 0).varint(41, 1)
                        .varint(42, 2).varint(43, -1L))
                .message(3, new ProtoWriter().string(1, "identity"));
    }
}

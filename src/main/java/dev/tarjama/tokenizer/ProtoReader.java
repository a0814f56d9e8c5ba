package dev.tarjama.tokenizer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Minimal protobuf wire-format reader over a byte range. Every length read from the input is
 * checked against the bytes that remain before anything is allocated; any violation throws a
 * {@link TokenizerException} naming the source file and the byte offset.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] buf;
    private final int limit;
    private final String source;
    private int pos;

    ProtoReader(byte[] buf, String source) {
        this(buf, 0, buf.length, source);
    }

    private ProtoReader(byte[] buf, int start, int limit, String source) {
        this.buf = buf;
        this.pos = start;
        this.limit = limit;
        this.source = source;
    }

    boolean hasMore() {
        return pos < limit;
    }

    /** Reads a field key; returns {@code fieldNumber << 3 | wireType}. */
    int readTag() {
        int at = pos;
        long tag = readVarint();
        int field = (int) (tag >>> 3);
        if (tag >>> 32 != 0 || field == 0) {
            throw corrupt("invalid field tag " + tag, at);
        }
        return (int) tag;
    }

    long readVarint() {
        int at = pos;
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw corrupt("truncated varint", at);
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw corrupt("varint longer than 10 bytes", at);
    }

    int readInt32() {
        return (int) readVarint();
    }

    boolean readBool() {
        return readVarint() != 0;
    }

    float readFloat() {
        require(4);
        int bits = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16
                | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return Float.intBitsToFloat(bits);
    }

    byte[] readBytes() {
        int length = readLength();
        byte[] out = Arrays.copyOfRange(buf, pos, pos + length);
        pos += length;
        return out;
    }

    String readString() {
        int at = pos;
        int length = readLength();
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, pos, length))
                    .toString();
            pos += length;
            return s;
        } catch (CharacterCodingException e) {
            throw corrupt("string is not valid UTF-8", at);
        }
    }

    /** Reads a length-delimited embedded message and returns a reader limited to it. */
    ProtoReader readMessage() {
        int length = readLength();
        ProtoReader sub = new ProtoReader(buf, pos, pos + length, source);
        pos += length;
        return sub;
    }

    void skip(int wireType) {
        int at = pos;
        switch (wireType) {
            case VARINT -> readVarint();
            case FIXED64 -> {
                require(8);
                pos += 8;
            }
            case LENGTH_DELIMITED -> {
                int length = readLength();
                pos += length;
            }
            case FIXED32 -> {
                require(4);
                pos += 4;
            }
            default -> throw corrupt("unsupported wire type " + wireType, at);
        }
    }

    void expectWireType(int tag, int wireType) {
        if ((tag & 7) != wireType) {
            throw corrupt("field " + (tag >>> 3) + " has wire type " + (tag & 7) + ", expected "
                    + wireType, pos);
        }
    }

    TokenizerException corrupt(String what) {
        return corrupt(what, pos);
    }

    TokenizerException corrupt(String what, int at) {
        return new TokenizerException("Corrupt SentencePiece model " + source + ": " + what
                + " at byte " + at);
    }

    private int readLength() {
        int at = pos;
        long length = readVarint();
        if (length < 0 || length > limit - pos) {
            throw corrupt("length " + length + " exceeds the " + (limit - pos) + " remaining bytes", at);
        }
        return (int) length;
    }

    private void require(int n) {
        if (limit - pos < n) {
            throw corrupt("truncated fixed-width field", pos);
        }
    }
}

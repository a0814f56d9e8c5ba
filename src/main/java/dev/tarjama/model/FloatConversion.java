package dev.tarjama.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Element types a checkpoint may store, and their conversion to float32 (little-endian). */
enum FloatConversion {
    F32(4), F16(2), BF16(2), F64(8);

    final int bytes;

    FloatConversion(int bytes) {
        this.bytes = bytes;
    }

    /** Reads element {@code index} of a little-endian buffer of this type as a float. */
    float get(ByteBuffer src, long index) {
        int at = Math.toIntExact(index * bytes);
        switch (this) {
            case F32:
                return src.getFloat(at);
            case F16:
                return halfToFloat(src.getShort(at));
            case BF16:
                return Float.intBitsToFloat((src.getShort(at) & 0xffff) << 16);
            default:
                return (float) src.getDouble(at);
        }
    }

    /**
     * Converts {@code numel} contiguous elements starting at byte 0 of {@code src} into a new direct
     * little-endian float32 buffer.
     */
    ByteBuffer toF32(ByteBuffer src, int numel) {
        ByteBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocateDirect(Math.multiplyExact(numel, Float.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < numel; i++) {
            out.putFloat(i * Float.BYTES, get(in, i));
        }
        return out;
    }

    /** IEEE 754 binary16 to binary32, exact for normals, subnormals, zeros, infinities and NaNs. */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) { // infinity or NaN (payload kept)
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) { // zero or subnormal: mantissa * 2^-24
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 127 - 15) << 23) | (mantissa << 13));
    }
}

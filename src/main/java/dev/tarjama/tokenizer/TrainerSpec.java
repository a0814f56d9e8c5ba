package dev.tarjama.tokenizer;

/**
 * The fields of SentencePiece's {@code TrainerSpec} that matter at inference time. Defaults are
 * those of the protobuf schema.
 *
 * @param modelType  1 UNIGRAM, 2 BPE, 3 WORD, 4 CHAR
 * @param unkSurface what decoding writes for the unknown piece itself
 */
public record TrainerSpec(int modelType, boolean byteFallback, int unkId, int bosId, int eosId,
                          int padId, String unkSurface) {
    static final int UNIGRAM = 1;
    static final TrainerSpec DEFAULT = new TrainerSpec(UNIGRAM, false, 0, 1, 2, -1, " \u2047 ");

    public TrainerSpec {
        if (unkSurface == null) {
            throw new IllegalArgumentException("unkSurface must not be null");
        }
    }

    static String modelTypeName(int modelType) {
        return switch (modelType) {
            case 1 -> "UNIGRAM";
            case 2 -> "BPE";
            case 3 -> "WORD";
            case 4 -> "CHAR";
            default -> "unknown(" + modelType + ")";
        };
    }

    /** Reads a TrainerSpec message; fields it lacks keep their value in {@code base} (protobuf merge). */
    static TrainerSpec read(ProtoReader in, TrainerSpec base) {
        int modelType = base.modelType;
        boolean byteFallback = base.byteFallback;
        int unk = base.unkId;
        int bos = base.bosId;
        int eos = base.eosId;
        int pad = base.padId;
        String unkSurface = base.unkSurface;
        while (in.hasMore()) {
            int tag = in.readTag();
            int field = tag >>> 3;
            if (field == 44) {
                in.expectWireType(tag, ProtoReader.LENGTH_DELIMITED);
                unkSurface = in.readString();
                continue;
            }
            if (field != 3 && field != 35 && (field < 40 || field > 43)) {
                in.skip(tag & 7);
                continue;
            }
            in.expectWireType(tag, ProtoReader.VARINT);
            int value = in.readInt32();
            switch (field) {
                case 3 -> modelType = value;
                case 35 -> byteFallback = value != 0;
                case 40 -> unk = value;
                case 41 -> bos = value;
                case 42 -> eos = value;
                default -> pad = value;
            }
        }
        return new TrainerSpec(modelType, byteFallback, unk, bos, eos, pad, unkSurface);
    }
}

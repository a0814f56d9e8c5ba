package dev.tarjama.tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a SentencePiece {@code ModelProto} ({@code *.spm}) that tokenization needs: the
 * pieces with their scores and types, the trainer's special ids, and the normalizer spec. Read
 * with a small protobuf reader of our own; only unigram models are accepted. Immutable.
 */
public final class SentencePieceModel {
    /** Largest model file accepted (real opus-mt models are under 1 MB). */
    static final long MAX_FILE_BYTES = 256L << 20;

    /** {@code ModelProto.SentencePiece.Type}. */
    public enum PieceType {
        NORMAL, UNKNOWN, CONTROL, USER_DEFINED, UNUSED, BYTE;

        static PieceType fromProto(int value) {
            return switch (value) {
                case 1 -> NORMAL;
                case 2 -> UNKNOWN;
                case 3 -> CONTROL;
                case 4 -> USER_DEFINED;
                case 5 -> UNUSED;
                case 6 -> BYTE;
                default -> null;
            };
        }
    }

    /** One vocabulary entry; the piece's id is its index in {@link #pieces()}. */
    public record Piece(String text, float score, PieceType type) {
        public Piece {
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException("piece text must be non-empty");
            }
            if (type == null) {
                throw new IllegalArgumentException("piece type must be set");
            }
        }
    }

    private final String source;
    private final List<Piece> pieces;
    private final Map<String, Integer> idByPiece;
    private final TrainerSpec trainer;
    private final NormalizerSpec normalizer;

    private SentencePieceModel(String source, List<Piece> pieces, TrainerSpec trainer,
                               NormalizerSpec normalizer) {
        this.source = source;
        this.pieces = List.copyOf(pieces);
        this.trainer = trainer;
        this.normalizer = normalizer;
        if (this.pieces.isEmpty()) {
            throw new TokenizerException("SentencePiece model " + source + " has no pieces");
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < this.pieces.size(); i++) {
            Integer previous = ids.putIfAbsent(this.pieces.get(i).text(), i);
            if (previous != null) {
                throw new TokenizerException("SentencePiece model " + source + " has piece '"
                        + this.pieces.get(i).text() + "' twice (ids " + previous + " and " + i + ")");
            }
        }
        this.idByPiece = Map.copyOf(ids);
        if (trainer.modelType() != TrainerSpec.UNIGRAM) {
            throw new TokenizerException("SentencePiece model " + source + " has model_type "
                    + TrainerSpec.modelTypeName(trainer.modelType()) + "; only UNIGRAM is supported");
        }
        int unk = trainer.unkId();
        if (unk < 0 || unk >= this.pieces.size() || this.pieces.get(unk).type() != PieceType.UNKNOWN) {
            throw new TokenizerException("SentencePiece model " + source + ": unk_id " + unk
                    + " is not a piece of type UNKNOWN");
        }
    }

    /** Reads and parses a model file. */
    public static SentencePieceModel load(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new TokenizerException("SentencePiece model " + file + " is " + size
                        + " bytes, more than the " + MAX_FILE_BYTES + " accepted");
            }
            return parse(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new TokenizerException("SentencePiece model " + file + " does not exist", e);
        } catch (IOException e) {
            throw new TokenizerException("Cannot read SentencePiece model " + file + ": " + e, e);
        }
    }

    /** Parses a serialized {@code ModelProto}; {@code source} names it in error messages. */
    public static SentencePieceModel parse(byte[] bytes, String source) {
        ProtoReader in = new ProtoReader(bytes, source);
        List<Piece> pieces = new ArrayList<>();
        TrainerSpec trainer = TrainerSpec.DEFAULT;
        NormalizerSpec normalizer = NormalizerSpec.DEFAULT;
        while (in.hasMore()) {
            int tag = in.readTag();
            switch (tag >>> 3) {
                case 1 -> {
                    in.expectWireType(tag, ProtoReader.LENGTH_DELIMITED);
                    pieces.add(readPiece(in.readMessage()));
                }
                case 2 -> {
                    in.expectWireType(tag, ProtoReader.LENGTH_DELIMITED);
                    trainer = TrainerSpec.read(in.readMessage(), trainer);
                }
                case 3 -> {
                    in.expectWireType(tag, ProtoReader.LENGTH_DELIMITED);
                    normalizer = NormalizerSpec.read(in.readMessage(), normalizer);
                }
                default -> in.skip(tag & 7);
            }
        }
        return new SentencePieceModel(source, pieces, trainer, normalizer);
    }

    private static Piece readPiece(ProtoReader in) {
        String text = null;
        float score = 0f;
        int type = 1;
        while (in.hasMore()) {
            int tag = in.readTag();
            switch (tag >>> 3) {
                case 1 -> {
                    in.expectWireType(tag, ProtoReader.LENGTH_DELIMITED);
                    text = in.readString();
                }
                case 2 -> {
                    in.expectWireType(tag, ProtoReader.FIXED32);
                    score = in.readFloat();
                }
                case 3 -> {
                    in.expectWireType(tag, ProtoReader.VARINT);
                    type = in.readInt32();
                }
                default -> in.skip(tag & 7);
            }
        }
        PieceType pieceType = PieceType.fromProto(type);
        if (text == null || text.isEmpty() || pieceType == null) {
            throw in.corrupt("piece without text or with unknown type " + type);
        }
        return new Piece(text, score, pieceType);
    }

    /** The file (or other source) this model was read from. */
    public String source() {
        return source;
    }

    public List<Piece> pieces() {
        return pieces;
    }

    public int size() {
        return pieces.size();
    }

    public Piece piece(int id) {
        return pieces.get(id);
    }

    /** The id of {@code piece}, or -1 when the model has no such piece. */
    public int pieceToId(String piece) {
        return idByPiece.getOrDefault(piece, -1);
    }

    public TrainerSpec trainerSpec() {
        return trainer;
    }

    public NormalizerSpec normalizerSpec() {
        return normalizer;
    }

    public int unkId() {
        return trainer.unkId();
    }

    public boolean byteFallback() {
        return trainer.byteFallback();
    }
}

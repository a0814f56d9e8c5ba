package dev.tarjama.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Identifies the language of a passage among the few a newsroom's Arabic desk meets: Arabic, the
 * other languages written in Arabic script that an Arabic model would mistranslate (Persian, Urdu),
 * and English and French (wire copy and quotes). Backed by Lingua (n-gram models plus rules on
 * letters unique to a language, e.g. Persian پ چ ژ گ, Urdu ٹ ڈ ڑ ں ے); restricting it to these five
 * languages keeps its models (loaded lazily, once per JVM) to 8.6 MB in the jar; the low-accuracy
 * mode (trigrams only) loads in well under a second and holds a few MB of heap.
 *
 * <p>Thread-safe; use {@link #shared()}.
 */
public final class LanguageIdentifier {
    /** ISO 639-1 code for "could not tell" (no letters, or nothing decisive). */
    public static final String UNDETERMINED = "und";
    private static final Language[] LANGUAGES = {
        Language.ARABIC, Language.PERSIAN, Language.URDU, Language.ENGLISH, Language.FRENCH};

    private final LanguageDetector detector;

    private LanguageIdentifier() {
        this.detector = LanguageDetectorBuilder.fromLanguages(LANGUAGES).withLowAccuracyMode().build();
    }

    /** The process-wide identifier (Lingua's models are shared per JVM anyway). */
    public static LanguageIdentifier shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final LanguageIdentifier INSTANCE = new LanguageIdentifier();
    }

    /** One candidate language: ISO 639-1 code and confidence in [0, 1]. */
    public record Detection(String language, double confidence) {}

    /** The codes this identifier can answer (besides {@link #UNDETERMINED}). */
    public static List<String> languages() {
        List<String> out = new ArrayList<>();
        for (Language l : LANGUAGES) {
            out.add(code(l));
        }
        return out;
    }

    /**
     * The most likely language of {@code text}, or {@link #UNDETERMINED} with confidence 0. A text
     * whose letters are mostly Arabic-script and include none of the letters that only Persian or
     * Urdu use is Arabic with confidence 1 at once (so a plain Arabic article costs a scan, not a
     * Lingua call per paragraph).
     */
    public Detection detect(String text) {
        if (plainArabic(text)) {
            return new Detection("ar", 1.0);
        }
        List<Detection> ranked = rank(text);
        return ranked.isEmpty() ? new Detection(UNDETERMINED, 0) : ranked.get(0);
    }

    /**
     * Every candidate with a confidence above 0, most likely first, confidences summing to 1 (Lingua's
     * own values are relative to the best candidate's); empty when nothing can be told.
     */
    public List<Detection> rank(String text) {
        List<Detection> out = new ArrayList<>();
        double total = 0;
        for (Map.Entry<Language, Double> e : detector.computeLanguageConfidenceValues(text).entrySet()) {
            if (e.getKey() != Language.UNKNOWN && e.getValue() > 0) {
                total += e.getValue();
            }
        }
        for (Map.Entry<Language, Double> e : detector.computeLanguageConfidenceValues(text).entrySet()) {
            if (e.getKey() != Language.UNKNOWN && e.getValue() > 0) {
                out.add(new Detection(code(e.getKey()), e.getValue() / total));
            }
        }
        out.sort((a, b) -> Double.compare(b.confidence(), a.confidence()));
        return out;
    }

    /** Letters Persian or Urdu use and Arabic does not: پ چ ژ گ ک ی ٹ ڈ ڑ ں ے ہ ۀ ھ and their kin. */
    private static final String NOT_ARABIC_LETTERS = "پچژگکیٹڈڑںےۓہۀھۃۂ";

    /** Mostly Arabic-script letters, none of them Persian- or Urdu-only. */
    static boolean plainArabic(String text) {
        int arabic = 0;
        int other = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC) {
                if (NOT_ARABIC_LETTERS.indexOf(cp) >= 0) {
                    return false;
                }
                arabic++;
            } else {
                other++;
            }
        }
        return arabic > 2 * other;
    }

    private static String code(Language l) {
        return l.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }
}

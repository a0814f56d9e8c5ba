package dev.tarjama.text;

/** Whether text contains Arabic-script letters (the only text worth sending to an Arabic model). */
public final class ArabicScript {
    private ArabicScript() {
    }

    /**
     * True when {@code text} has at least one letter of the Arabic script (Arabic, Persian, Urdu
     * letters, presentation forms included). Digits (ASCII or Arabic-Indic), punctuation, tashkeel
     * alone, Latin text, URLs and codes have none.
     */
    public static boolean hasLetter(CharSequence text) {
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            if (Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}

package dev.tarjama.cli;

/** The argv of {@code serve} with these flags, as {@code App} hands it to the option parsers. */
final class ServeArgv {
    private ServeArgv() {}

    static String[] of(String... flags) {
        String[] argv = new String[flags.length + 1];
        argv[0] = "serve";
        System.arraycopy(flags, 0, argv, 1, flags.length);
        return argv;
    }
}

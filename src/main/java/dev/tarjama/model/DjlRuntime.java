package dev.tarjama.model;

/**
 * The DJL settings this program always runs with, applied before any DJL class loads: offline mode
 * (no downloads), tracking opt-out (no calls home at engine start), the PyTorch engine, and an
 * explicit intra-op thread count.
 */
public final class DjlRuntime {
    private DjlRuntime() {}

    /** Applies the settings unless the user already set them with {@code -D}. */
    public static void configure(int intraOpThreads) {
        setDefault("ai.djl.offline", "true");
        setDefault("OPT_OUT_TRACKING", "true");
        setDefault("ai.djl.default_engine", "PyTorch");
        setDefault("ai.djl.pytorch.num_threads", Integer.toString(intraOpThreads));
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
        setDefault("ai.djl.pytorch.graph_optimizer", "false");
        setDefault("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

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

    /** Intra-op and inter-op thread counts as the engine reports them. */
    public record EngineThreads(int intraOp, int interOp) {}

    /**
     * Starts the PyTorch engine (loads the native library; the thread properties are read now and
     * never again) and returns the thread counts it runs with.
     */
    public static EngineThreads startEngine() {
        ai.djl.engine.Engine.getEngine("PyTorch");
        return new EngineThreads(ai.djl.pytorch.jni.JniUtils.getNumThreads(),
                ai.djl.pytorch.jni.JniUtils.getNumInteropThreads());
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

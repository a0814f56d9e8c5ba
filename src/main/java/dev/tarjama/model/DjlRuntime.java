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

    /**
     * Intra-op and inter-op thread counts as the engine reports them, and what {@link MklDispatch}
     * did.
     */
    public record EngineThreads(int intraOp, int interOp, MklDispatch.Outcome mkl) {}

    private static EngineThreads started;

    /**
     * Starts the PyTorch engine (loads the native library; the thread properties are read now and
     * never again), then, before any op runs, applies {@link MklDispatch}; returns the thread counts
     * it runs with. Idempotent: every path that creates tensors comes through here first.
     */
    public static synchronized EngineThreads startEngine() {
        if (started == null) {
            ai.djl.engine.Engine.getEngine("PyTorch");
            MklDispatch.Outcome mkl = MklDispatch.apply();
            started = new EngineThreads(ai.djl.pytorch.jni.JniUtils.getNumThreads(),
                    ai.djl.pytorch.jni.JniUtils.getNumInteropThreads(), mkl);
        }
        return started;
    }

    /**
     * Records every PyTorch op the engine runs from now until {@link #stopProfile} (with input
     * shapes), for the benchmark's {@code --profile}; one recording at a time per process.
     */
    public static void startProfile() {
        ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
    }

    /** Ends the recording and writes it as a Chrome trace (JSON) to {@code file}. */
    public static void stopProfile(java.nio.file.Path file) {
        ai.djl.pytorch.jni.JniUtils.stopProfile(file.toAbsolutePath().toString());
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

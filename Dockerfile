# Tarjama container image: Arabic -> English translation service (MarianMT on DJL/PyTorch, CPU).
#
#   docker build -t tarjama .                                   # no model inside: mount one at /models
#   docker build --build-arg MODEL=tiny -t tarjama:demo .       # the demo model baked in
#   docker build --build-arg MODEL=opus-mt-ar-en -t tarjama:ar-en .   # after `download` into models/
#
#   docker run --rm -p 8080:8080 -e TARJAMA_API_KEYS=desk:CHANGE-ME-LONG-KEY \
#       -v "$PWD/models/opus-mt-ar-en:/models:ro" tarjama
#
# Works with BuildKit and with the legacy builder (which runs every stage: no stage may COPY a path
# that can be absent). The PyTorch native libraries are linux-x86_64 only: build and run with
# --platform linux/amd64. The base images are build arguments, so that the same file builds from
# local images where no registry is reachable (see ContainerImageTest and src/test/container/).

# A JDK 17 with a POSIX shell (the project's Maven wrapper fetches Maven) ...
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
# ... and a JRE 17 with curl (or apt-get to install it), for the HEALTHCHECK.
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre-noble
# none | tiny | opus-mt-ar-en
ARG MODEL=none

# ---- build: the shaded jar; one translation with the demo model extracts DJL's native libraries
# ---- (PyTorch, its JNI glue, tokenizers) into /opt/djl, where the runtime finds them offline; then
# ---- the jar is copied without its zipped natives (SlimJar), and the slim jar is checked too.
# ---- Stripping the natives saves ~90 MB; the two symbols that model.MklDispatch looks up stay.
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN chmod +x mvnw && ./mvnw -B -q dependency:go-offline
COPY src/main/ src/main/
RUN ./mvnw -B -q package -Dmaven.test.skip=true
COPY bin/ bin/
COPY models/tiny-ar-en/ models/tiny-ar-en/
RUN chmod 755 bin/tarjama \
 && test "$(printf 'مرحبا بكم في موسكو\n' | DJL_CACHE_DIR=/opt/djl bin/tarjama translate --model models/tiny-ar-en)" = "Welcome to Moscow." \
 && test -n "$(find /opt/djl -name 'libtorch_cpu.so')" \
 && test -n "$(find /opt/djl -name 'libtokenizers.so')" \
 && if command -v strip >/dev/null 2>&1; then \
      find /opt/djl -type f -name '*.so*' -exec strip --strip-unneeded \
        -K mkl_serv_intel_cpu_true.cached -K mkl_serv_intel_cpu.cached {} + ; \
    else echo "no strip (binutils) in the build image: native libraries keep their symbol tables"; fi \
 && mkdir -p /opt/tarjama \
 && java src/main/docker/SlimJar.java target/tarjama.jar /opt/tarjama/tarjama.jar \
 && test "$(printf 'مرحبا بكم في موسكو\n' | DJL_CACHE_DIR=/opt/djl TARJAMA_JAR=/opt/tarjama/tarjama.jar bin/tarjama translate --model models/tiny-ar-en)" = "Welcome to Moscow." \
 && chmod -R a+rX,go-w /opt/djl /opt/tarjama

# ---- the model baked into the image, chosen by MODEL; models/opus-mt-ar-en may be absent
FROM build AS model
ARG MODEL
COPY models/ /src/models/
RUN case "$MODEL" in \
      none) mkdir -p /model ;; \
      tiny) cp -r /src/models/tiny-ar-en /model ;; \
      opus-mt-ar-en) test -f /src/models/opus-mt-ar-en/config.json \
          || { echo "MODEL=opus-mt-ar-en: models/opus-mt-ar-en/ is missing; run 'bin/tarjama download' first" >&2; exit 1; } ; \
        cp -r /src/models/opus-mt-ar-en /model ;; \
      *) echo "MODEL must be none, tiny or opus-mt-ar-en, not '$MODEL'" >&2; exit 1 ;; \
    esac \
 && chmod -R a+rX /model

# ---- runtime: JRE 17, non-root, offline
FROM ${RUNTIME_IMAGE}
RUN command -v curl >/dev/null 2>&1 \
 || (apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*)
RUN groupadd --gid 10001 tarjama \
 && useradd --uid 10001 --gid tarjama --home-dir /app --no-create-home --shell /usr/sbin/nologin tarjama \
 && mkdir -p /var/lib/tarjama/glossaries && chown -R 10001:10001 /var/lib/tarjama
COPY --from=build /opt/djl /opt/djl
COPY --from=build /opt/tarjama/tarjama.jar /app/lib/tarjama.jar
COPY --from=build /src/bin/tarjama /app/bin/tarjama
COPY --from=model /model/ /models/
WORKDIR /app
ENV DJL_CACHE_DIR=/opt/djl \
    TARJAMA_MODEL=/models \
    TARJAMA_PORT=8080 \
    TARJAMA_GLOSSARY_DIR=/var/lib/tarjama/glossaries \
    JAVA_OPTS=""
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${TARJAMA_PORT}/v1/health/ready" || exit 1
ENTRYPOINT ["/app/bin/tarjama"]
# Binding 0.0.0.0 needs API keys (TARJAMA_API_KEYS or TARJAMA_API_KEYS_FILE) or an explicit
# TARJAMA_INSECURE_PUBLIC=true (e.g. behind an authenticating proxy); serve refuses otherwise.
VOLUME ["/var/lib/tarjama"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]

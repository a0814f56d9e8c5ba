# Tarjama container image: Arabic -> English translation service (MarianMT on DJL/PyTorch, CPU).
#
#   docker build -t tarjama .                                   # no model inside: mount one at /models
#   docker build --build-arg MODEL=tiny -t tarjama:demo .       # the demo model baked in
#   docker build --build-arg MODEL=opus-mt-ar-en -t tarjama:ar-en .   # after `download` into models/
#
#   docker run --rm -p 8080:8080 -v "$PWD/models/opus-mt-ar-en:/models:ro" tarjama
#
# The PyTorch native libraries are linux-x86_64 only: build and run with --platform linux/amd64.

# none | tiny | opus-mt-ar-en
ARG MODEL=none

# ---- build: the shaded jar, then one translation with the demo model, which checks the jar and
# ---- leaves DJL's native libraries (PyTorch, tokenizers) extracted in /opt/djl
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN chmod +x mvnw && ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B package -DskipTests
COPY bin/ bin/
COPY models/tiny-ar-en/ models/tiny-ar-en/
RUN chmod 755 bin/tarjama \
 && printf 'مرحبا بكم في موسكو\n' | DJL_CACHE_DIR=/opt/djl bin/tarjama translate --model models/tiny-ar-en \
 && test -n "$(find /opt/djl -name 'libtorch_cpu.so')" \
 && test -n "$(find /opt/djl -name 'libtokenizers.so')" \
 && chmod -R a+rX /opt/djl

# ---- the model baked into the image, chosen by MODEL
FROM build AS model-none
RUN mkdir -p /model

FROM build AS model-tiny
RUN cp -r models/tiny-ar-en /model

FROM build AS model-opus-mt-ar-en
COPY models/opus-mt-ar-en/ /model/

FROM model-${MODEL} AS model

# ---- runtime: JRE 17, non-root, offline
FROM eclipse-temurin:17-jre-noble
RUN command -v curl >/dev/null 2>&1 \
 || (apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*)
RUN groupadd --gid 10001 tarjama \
 && useradd --uid 10001 --gid tarjama --home-dir /app --no-create-home --shell /usr/sbin/nologin tarjama \
 && mkdir -p /var/lib/tarjama/glossaries && chown -R 10001:10001 /var/lib/tarjama
COPY --from=build /opt/djl /opt/djl
COPY --from=build /src/target/tarjama.jar /app/lib/tarjama.jar
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

#!/bin/sh
# Builds the local stand-ins for the Dockerfile's public base images where no registry is reachable,
# from the Debian mirror only (ContainerImageIT runs this; it also works by hand, as root):
#
#   localhost/tarjama-base/debian:bookworm-minbase   debootstrap --variant=minbase bookworm, imported
#   localhost/tarjama-base/build:bookworm            + openjdk-17-jdk-headless, curl, binutils
#   localhost/tarjama-base/runtime:bookworm          + openjdk-17-jre-headless, curl
#
# The debootstrap'd root file system is kept as a tar in $TARJAMA_CACHE_DIR (default
# ~/.cache/tarjama/container) and imported again when podman's store lost the image; the two derived
# images come from podman's layer cache when nothing changed. Environment:
#   PODMAN          the podman command with its global options (default: podman --runtime runc
#                   --cgroup-manager cgroupfs --events-backend file)
#   PODMAN_RUN_OPTS options for build steps (default: --network host and the ulimits below)
#   DEBIAN_MIRROR   default http://deb.debian.org/debian
set -eu

here=$(cd -- "$(dirname -- "$0")" && pwd)
PODMAN=${PODMAN:-podman --runtime runc --cgroup-manager cgroupfs --events-backend file}
hard=$(ulimit -Hn)
PODMAN_RUN_OPTS=${PODMAN_RUN_OPTS:---network host --ulimit nofile=$hard:$hard --ulimit nproc=32768:32768}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${TARJAMA_CACHE_DIR:-${HOME:-/root}/.cache/tarjama/container}
base=localhost/tarjama-base/debian:bookworm-minbase
tarball=$cache/bookworm-minbase.tar

if $PODMAN image exists "$base"; then
    echo "local-bases: $base present"
else
    if [ ! -s "$tarball" ]; then
        command -v debootstrap >/dev/null 2>&1 || { echo "local-bases: debootstrap is not installed" >&2; exit 3; }
        mkdir -p "$cache"
        rootfs=$cache/rootfs.tmp
        rm -rf "$rootfs"
        echo "local-bases: debootstrap --variant=minbase bookworm from $DEBIAN_MIRROR (about a minute)"
        debootstrap --variant=minbase bookworm "$rootfs" "$DEBIAN_MIRROR" >"$cache/debootstrap.log" 2>&1 \
            || { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
        rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
        tar --numeric-owner -C "$rootfs" -cf "$tarball.tmp" .
        mv "$tarball.tmp" "$tarball"
        rm -rf "$rootfs"
    fi
    echo "local-bases: importing $tarball as $base"
    $PODMAN import --change 'CMD ["/bin/bash"]' "$tarball" "$base" >/dev/null
fi

for kind in build runtime; do
    echo "local-bases: localhost/tarjama-base/$kind:bookworm"
    # shellcheck disable=SC2086
    $PODMAN build -q --format docker $PODMAN_RUN_OPTS --build-arg "BASE=$base" \
        -t "localhost/tarjama-base/$kind:bookworm" -f "$here/$kind-base.Containerfile" "$here" >/dev/null
done

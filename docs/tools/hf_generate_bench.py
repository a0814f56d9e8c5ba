#!/usr/bin/env python3
"""Hugging Face transformers' generation throughput on the shape Tarjama's `bench` measures.

The reference figures that docs/performance.md compares against: the same definition as
`java -jar target/tarjama.jar bench` (GenerationBench / BenchModel), run by transformers'
MarianMTModel.generate on the machine the Tarjama figures come from.

- Model: MarianMTModel built from a MarianConfig with the dimensions of Helsinki-NLP/opus-mt-ar-en
  (d_model 512, 6+6 layers, 8 heads, FFN 2048, vocabulary 62,834, pad = decoder start = 62,833,
  eos 0, swish, scaled embeddings, shared and tied embeddings, 512 positions), weights as
  transformers initializes them (N(0, 0.02), padding row zero, zero biases, LayerNorm 1/0) from
  --seed; eval mode under torch.inference_mode().
- Generation config: opus-mt-ar-en's (bad_words_ids [[62833]], forced_eos_token_id 0, num_beams 4,
  early_stopping false, length_penalty 1.0); mode greedy = num_beams 1, beam4 = num_beams 4.
- Sources: 31 seeded random ids (never pad or eos) followed by eos; all rows the same length.
- Each generate call: min_new_tokens=32, max_new_tokens=32, so every sequence takes exactly 32
  decoder steps and returns decoder start + 32 ids, the last the forced eos; this is checked.
- tokensPerSecond = batch x 32 / median wall time of one generate call (encoder included) over
  --runs measured calls after --warmup unmeasured ones; tokensPerCpuSecond divides by the median
  process CPU time of a call instead.

Not part of the Maven build. Run it with PyTorch and transformers importable, from the repository
root: `python3 docs/tools/hf_generate_bench.py --threads 2 --out hf-bench.json`; options as `bench`'s
(--threads, --modes, --batches, --runs, --warmup, --seed, --out).
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

VOCAB = 62834
PAD = 62833
EOS = 0
SOURCE_TOKENS = 32
NEW_TOKENS = 32
MODES = {"greedy": 1, "beam4": 4}


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--threads", type=int, default=1,
                   help="intra-op threads (torch.set_num_threads; OpenMP/OpenBLAS/MKL env set to match); default 1")
    p.add_argument("--modes", default="greedy,beam4", help="comma list of greedy, beam4")
    p.add_argument("--batches", default="1,8,32", help="comma list of batch sizes")
    p.add_argument("--runs", type=int, default=5, help="measured generate calls per configuration (median reported)")
    p.add_argument("--warmup", type=int, default=1, help="unmeasured generate calls before the measured ones")
    p.add_argument("--seed", type=int, default=1, help="seed of the random weights")
    p.add_argument("--out", help="write the results as JSON to this file")
    args = p.parse_args(argv)
    args.modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    for m in args.modes:
        if m not in MODES:
            p.error(f"unknown mode {m!r}; use greedy or beam4")
    try:
        args.batches = [int(b) for b in args.batches.split(",") if b.strip()]
    except ValueError:
        p.error(f"--batches must be a comma list of integers, got {args.batches!r}")
    if args.threads < 1 or args.runs < 1 or args.warmup < 0 or any(b < 1 for b in args.batches):
        p.error("--threads, --runs and batches must be >= 1, --warmup >= 0")
    return args


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def loaded_libraries(*keys):
    """Shared libraries mapped into this process whose path contains one of keys."""
    found = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 6 and any(k in parts[-1] for k in keys):
                    found.add(parts[-1])
    except OSError:
        pass
    return sorted(found)


def openblas_info(libraries):
    """OpenBLAS's build string and thread count, when OpenBLAS is the BLAS this process loaded."""
    import ctypes

    for path in libraries:
        if "openblas" not in os.path.basename(path):
            continue
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_config.restype = ctypes.c_char_p
            return {"library": path, "config": lib.openblas_get_config().decode(),
                    "threads": lib.openblas_get_num_threads()}
        except (OSError, AttributeError):
            continue
    return None


def debian_package_version(package):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                             capture_output=True, text=True, timeout=10)
        if out.returncode != 0:
            return None
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def reset_peak_rss():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def peak_rss_mb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return -1


def build_model(torch, transformers, seed):
    config = transformers.MarianConfig(
        vocab_size=VOCAB,
        decoder_vocab_size=VOCAB,
        d_model=512,
        encoder_layers=6,
        decoder_layers=6,
        encoder_attention_heads=8,
        decoder_attention_heads=8,
        encoder_ffn_dim=2048,
        decoder_ffn_dim=2048,
        activation_function="swish",
        max_position_embeddings=512,
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        static_position_embeddings=True,
        init_std=0.02,
        pad_token_id=PAD,
        decoder_start_token_id=PAD,
        eos_token_id=EOS,
        bos_token_id=0,
        forced_eos_token_id=EOS,
        use_cache=True,
    )
    torch.manual_seed(seed)
    model = transformers.MarianMTModel(config)
    model.eval()
    # opus-mt-ar-en's generation_config.json (early_stopping and length_penalty at their defaults)
    model.generation_config = transformers.GenerationConfig(
        bad_words_ids=[[PAD]],
        bos_token_id=0,
        decoder_start_token_id=PAD,
        eos_token_id=EOS,
        forced_eos_token_id=EOS,
        max_length=512,
        num_beams=4,
        pad_token_id=PAD,
    )
    if model.lm_head.weight.data_ptr() != model.model.shared.weight.data_ptr():
        raise SystemExit("the LM head is not tied to the shared embeddings; the shape would differ from opus-mt")
    return model


def sources(torch, batch):
    """batch rows of 31 random ids in [2, PAD) (never pad, never eos) then eos; seeded per batch."""
    generator = torch.Generator().manual_seed(1000 * batch + 1)
    ids = torch.randint(2, PAD, (batch, SOURCE_TOKENS - 1), generator=generator, dtype=torch.long)
    eos = torch.full((batch, 1), EOS, dtype=torch.long)
    input_ids = torch.cat([ids, eos], dim=1)
    return input_ids, torch.ones_like(input_ids)


def check(out, batch, mode):
    """Every row must be decoder start + exactly 32 new ids, none of them pad, the last one eos."""
    if tuple(out.shape) != (batch, 1 + NEW_TOKENS):
        raise SystemExit(f"{mode} batch {batch}: generate returned shape {tuple(out.shape)}, "
                         f"expected ({batch}, {1 + NEW_TOKENS})")
    new = out[:, 1:]
    if bool((new == PAD).any()) or not bool((out[:, -1] == EOS).all()) or bool((new[:, :-1] == EOS).any()):
        raise SystemExit(f"{mode} batch {batch}: a sequence did not generate exactly {NEW_TOKENS} tokens ending in eos")


def measure(torch, model, mode, batch, warmup, runs):
    input_ids, attention_mask = sources(torch, batch)
    kwargs = dict(
        input_ids=input_ids,
        attention_mask=attention_mask,
        num_beams=MODES[mode],
        do_sample=False,
        early_stopping=False,
        length_penalty=1.0,
        num_return_sequences=1,
        min_new_tokens=NEW_TOKENS,
        max_new_tokens=NEW_TOKENS,
    )
    with torch.inference_mode():
        for _ in range(warmup):
            check(model.generate(**kwargs), batch, mode)
        reset_peak_rss()
        wall, cpu = [], []
        for _ in range(runs):
            c0 = time.process_time()
            t0 = time.perf_counter()
            out = model.generate(**kwargs)
            wall.append((time.perf_counter() - t0) * 1000.0)
            cpu.append((time.process_time() - c0) * 1000.0)
            check(out, batch, mode)
    tokens = batch * NEW_TOKENS
    median_ms = statistics.median(wall)
    median_cpu = statistics.median(cpu)
    return {
        "mode": mode,
        "batch": batch,
        "workers": 1,
        "tokensPerSecond": round(tokens / (median_ms / 1000.0), 1),
        "tokensPerCpuSecond": round(tokens / (median_cpu / 1000.0), 1) if median_cpu > 0 else None,
        "medianMs": round(median_ms, 1),
        "runMs": [round(x, 1) for x in wall],
        "peakRssMb": peak_rss_mb(),
        "loadAverage": load_average(),
    }


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # The BLAS and OpenMP pools read these when the libraries load, so they are set before torch is
    # imported: OpenBLAS (pthread build) ignores torch.set_num_threads and would use every core.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)

    load_start = load_average()
    import torch
    import transformers

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)

    config_lines = [line.strip() for line in torch.__config__.show().splitlines()]
    blas_lines = [line for line in config_lines if not line.startswith("- Build settings:")
                  and any(k in line for k in ("MKL", "Math Kernel Library", "oneDNN", "LAPACK is", "CPU capability",
                                                "OpenMP"))]
    build = next((line for line in config_lines if line.startswith("- Build settings:")), "")
    build_blas = [part.strip() for part in build.replace("- Build settings:", "").split(",")
                  if part.strip().startswith(("BLAS_INFO", "LAPACK_INFO", "USE_MKLDNN", "USE_OPENMP"))]
    torch.mm(torch.ones(8, 8), torch.ones(8, 8))  # BLAS loaded and initialized
    blas_libs = loaded_libraries("blas", "lapack", "mkl", "dnnl", "blis", "gomp", "iomp")
    openblas = openblas_info(blas_libs)
    # PyPI's torch wheels link MKL statically into libtorch_cpu, so no libmkl shows up among the mapped
    # libraries; an OpenBLAS under numpy.libs is numpy's own copy, which torch's matrix products never call.
    mkl_static = "BLAS_INFO=mkl" in build_blas and not any("mkl" in os.path.basename(p) for p in blas_libs)

    info = {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "torchDebianPackage": debian_package_version("python3-torch")
        if torch.__file__.startswith("/usr/lib/python3/") else None,
        "transformers": transformers.__version__,
        "cpu": cpu_model(),
        "cpus": os.cpu_count(),
        "threads": torch.get_num_threads(),
        "interopThreads": torch.get_num_interop_threads(),
        "mkldnnAvailable": torch.backends.mkldnn.is_available(),
        "mklAvailable": torch.backends.mkl.is_available(),
        "torchConfig": blas_lines + build_blas,
        "blasLibrariesLoaded": blas_libs,
        "openblas": openblas,
        "mklLinkedIntoTorch": mkl_static,
        "loadAverageStart": load_start,
    }
    print(f"python {info['python']}, torch {info['torch']}"
          + (f" (Debian python3-torch {info['torchDebianPackage']})" if info["torchDebianPackage"] else "")
          + f", transformers {info['transformers']} ({os.path.dirname(transformers.__file__)})")
    print(f"cpu: {info['cpu']} x {info['cpus']}")
    print(f"threads: intra-op {info['threads']}, inter-op {info['interopThreads']}"
          f" (OMP/OPENBLAS/MKL_NUM_THREADS={args.threads})")
    print(f"torch.backends.mkldnn.is_available(): {info['mkldnnAvailable']}; "
          f"torch.backends.mkl.is_available() (MKL used): {info['mklAvailable']}")
    for line in blas_lines + build_blas:
        print(f"torch config: {line.lstrip('- ')}")
    print("BLAS/OpenMP libraries loaded: " + (", ".join(
        p + (" (numpy's bundled copy, not used by torch)" if "/numpy.libs/" in p else "") for p in blas_libs)
        or "none found"))
    if mkl_static:
        print("MKL: linked statically into torch's own libraries (BLAS_INFO=mkl), so not listed above")
    if openblas:
        print(f"OpenBLAS: {openblas['config']}; threads {openblas['threads']}")
    print(f"load average at start: {load_start}")

    t0 = time.perf_counter()
    model = build_model(torch, transformers, args.seed)
    params = sum(p.numel() for p in model.parameters())
    print(f"model: MarianMTModel, {params / 1e6:.1f} M parameters, random N(0, 0.02) seed {args.seed}, "
          f"built in {time.perf_counter() - t0:.1f} s")
    print(f"each configuration: {args.warmup} warm-up + {args.runs} measured generate calls; "
          f"{SOURCE_TOKENS} source tokens, {NEW_TOKENS} new tokens per sequence")

    results = []
    for mode in args.modes:
        for batch in args.batches:
            r = measure(torch, model, mode, batch, args.warmup, args.runs)
            results.append(r)
            cpu = f"{r['tokensPerCpuSecond']:.1f}" if r["tokensPerCpuSecond"] is not None else "n/a"
            print(f"{mode:7s} batch {batch:3d}: {r['tokensPerSecond']:8.1f} tok/s  median {r['medianMs']:9.1f} ms  "
                  f"(cpu {cpu} tok/s, peak RSS {r['peakRssMb']} MB, load {r['loadAverage']})", flush=True)

    info["loadAverageEnd"] = load_average()
    print(f"load average at end: {info['loadAverageEnd']}")
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"machine": info,
                       "settings": {"threads": args.threads, "modes": args.modes, "batches": args.batches,
                                    "runs": args.runs, "warmup": args.warmup, "seed": args.seed,
                                    "sourceTokens": SOURCE_TOKENS, "newTokens": NEW_TOKENS},
                       "results": results}, f, indent=2)
            f.write("\n")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

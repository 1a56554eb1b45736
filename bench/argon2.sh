#!/usr/bin/env bash
# H1/H2 of BENCHMARKS.md: Argon2id hash time with the configured parameters (median of 20 after
# warm-up) and 2-thread login throughput against the raw BouncyCastle generator.
# Builds nothing: run `./mvnw -q -DskipTests test-compile` first.
# Usage: bench/argon2.sh [memoryKiB iterations parallelism seconds]   (default 19456 2 1 5)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f target/test-classes/io/kluis/identity/credentials/Argon2Bench.class ]]; then
  echo "target/test-classes is missing Argon2Bench; run: ./mvnw -q -DskipTests test-compile" >&2
  exit 2
fi

classpath="$(./mvnw -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
exec java -Xmx1g -cp "target/test-classes:target/classes:${classpath}" \
  io.kluis.identity.credentials.Argon2Bench "$@"

#!/bin/sh
# Re-fetches the vendored @noble files the browser's vault client imports
# (src/main/resources/static/vendor/noble/) from the npm registry, at the exact
# versions below, and checks each tarball against the registry's published
# integrity (SHA-512) pinned here. The build never runs this: `./mvnw verify`
# needs only a JDK. Run it by hand (needs npm) to update or to audit the copy:
#
#   scripts/vendor-noble.sh          # fetch, verify, copy; then `git diff` shows any change
#
# After an update, put the new versions and integrities here and in
# static/vendor/noble/VERSIONS, and run the storage vault tests.
set -eu

CIPHERS_VERSION=2.4.0
CIPHERS_INTEGRITY=sha512-AnjFn0Jv92laAkvMrghlFZq4qQCIN/4DxFV/eooqtC2YTjB7kBeLMS2T9KJX4Dn+ZVXLOwK0lSgqDtx9gvxtiw==
HASHES_VERSION=2.4.0
HASHES_INTEGRITY=sha512-X5XaVWZIBCT7HHZGm5I7ZQXDwLG+bGXuSrMQAW+7Zvl87h1kmc1ZB1VSRJcpUfoUrGQp4Fkoxm5kZ+Ms+aW+eA==

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET="$ROOT/src/main/resources/static/vendor/noble"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fetch() { # package version integrity directory files...
	package=$1 version=$2 integrity=$3 directory=$4
	shift 4
	(cd "$WORK" && npm pack --silent "$package@$version" >/dev/null)
	tarball="$WORK/$(echo "$package" | sed 's/^@//; s/\//-/')-$version.tgz"
	actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
	if [ "$actual" != "$integrity" ]; then
		echo "integrity mismatch for $package@$version: $actual" >&2
		exit 1
	fi
	mkdir -p "$WORK/$directory" "$TARGET/$directory"
	tar xzf "$tarball" -C "$WORK/$directory"
	for file in LICENSE "$@"; do
		cp "$WORK/$directory/package/$file" "$TARGET/$directory/$file"
	done
}

# AES-SIV (RFC 5297) for names and directory ids; it needs the AES core and its helpers.
fetch @noble/ciphers "$CIPHERS_VERSION" "$CIPHERS_INTEGRITY" ciphers aes.js _polyval.js utils.js
# scrypt for the masterkey file's key-encryption key.
fetch @noble/hashes "$HASHES_VERSION" "$HASHES_INTEGRITY" hashes scrypt.js pbkdf2.js hmac.js sha2.js _md.js _u64.js utils.js

cat > "$TARGET/VERSIONS" <<VERSIONS
@noble/ciphers $CIPHERS_VERSION $CIPHERS_INTEGRITY
@noble/hashes $HASHES_VERSION $HASHES_INTEGRITY
VERSIONS
(cd "$TARGET" && find . -name '*.js' | sort | xargs sha256sum > SHA256SUMS)
echo "vendored into $TARGET"

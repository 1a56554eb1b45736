package io.kluis.crypto.internal;

import io.kluis.shared.StartupRefusal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master keys that wrap data keys. Several may be present during a rotation: the last one is
 * active (wraps new keys); older ones only unwrap until {@code kluis crypto rewrap} has moved every
 * data key to the active one. Master keys live outside the database (file or environment), so a
 * database dump or backup alone reveals no personal field.
 */
final class MasterKeyring {

	private final Map<String, SecretKey> keys;

	private final String activeId;

	private MasterKeyring(Map<String, SecretKey> keys, String activeId) {
		this.keys = keys;
		this.activeId = activeId;
	}

	static MasterKeyring parse(String text, String source) {
		Map<String, SecretKey> keys = new LinkedHashMap<>();
		String last = null;
		for (String raw : text.split("[,\\n]")) {
			String entry = raw.strip();
			if (entry.isEmpty() || entry.startsWith("#")) {
				continue;
			}
			int colon = entry.indexOf(':');
			if (colon <= 0) {
				throw new StartupRefusal("Master key in " + source + " must look like <id>:<base64 of 32 bytes>");
			}
			String id = entry.substring(0, colon);
			byte[] bytes;
			try {
				bytes = Base64.getDecoder().decode(entry.substring(colon + 1));
			}
			catch (IllegalArgumentException e) {
				throw new StartupRefusal("Master key '" + id + "' in " + source + " is not valid base64");
			}
			if (bytes.length != 32) {
				throw new StartupRefusal("Master key '" + id + "' in " + source + " must be 32 bytes (AES-256)");
			}
			keys.put(id, new SecretKeySpec(bytes, "AES"));
			last = id;
		}
		if (last == null) {
			throw new StartupRefusal("No master key found in " + source);
		}
		return new MasterKeyring(keys, last);
	}

	/** Loads from inline configuration, else from the file, generating the file when allowed. */
	static MasterKeyring load(CryptoProperties properties, Path defaultFile) {
		if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
			return parse(properties.masterKey(), "kluis.crypto.master-key");
		}
		Path file = properties.masterKeyFile() != null ? properties.masterKeyFile() : defaultFile;
		try {
			if (!Files.exists(file)) {
				if (!properties.generateMasterKey()) {
					throw new StartupRefusal("No master key: set KLUIS_MASTER_KEY or kluis.crypto.master-key-file "
							+ "(generate one with: java -jar kluis.jar crypto generate-master-key)");
				}
				generateFile(file);
			}
			return parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read master key file " + file, e);
		}
	}

	private static void generateFile(Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		String content = "# Kluis master key. Losing it makes every encrypted personal field unreadable: back it up\n"
				+ "# separately from the database. Rotate by appending a new line and running 'crypto rewrap'.\n"
				+ newEntry("1") + "\n";
		Files.writeString(file, content, StandardCharsets.US_ASCII);
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException e) {
			// Not a POSIX file system (Windows): rely on the directory's ACLs.
		}
	}

	static String newEntry(String id) {
		return id + ":" + Base64.getEncoder().encodeToString(Aead.randomKeyBytes());
	}

	String activeId() {
		return activeId;
	}

	SecretKey active() {
		return keys.get(activeId);
	}

	SecretKey get(String id) {
		SecretKey key = keys.get(id);
		if (key == null) {
			throw new IllegalStateException("Master key '" + id + "' is needed but not configured");
		}
		return key;
	}

	List<String> ids() {
		return new ArrayList<>(keys.keySet());
	}
}

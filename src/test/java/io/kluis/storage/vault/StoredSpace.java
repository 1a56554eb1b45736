package io.kluis.storage.vault;

import io.kluis.storage.DavClient;
import io.kluis.storage.files.FilePath;
import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Node;
import io.kluis.storage.files.Space;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.cryptomator.cryptofs.CryptoFileSystemProperties;
import org.cryptomator.cryptolib.api.MasterkeyLoader;
import org.cryptomator.cryptolib.common.MasterkeyFileAccess;

/** What the server stores for a space, as the blob store holds it, and the way back in over WebDAV. */
final class StoredSpace {

	private StoredSpace() {
	}

	/** Copies the space's live tree (not the trash) to {@code target}, byte for byte. */
	static void copyTo(FileTree tree, Space space, Path target) {
		copy(tree, tree.resolve(space, FilePath.ROOT).orElseThrow(), target);
	}

	private static void copy(FileTree tree, Node folder, Path target) {
		try {
			Files.createDirectories(target);
			for (Node child : tree.children(folder)) {
				Path path = target.resolve(child.name());
				if (child.collection()) {
					copy(tree, child, path);
				}
				else {
					try (InputStream in = tree.open(child, 0, child.size())) {
						Files.copy(in, path);
					}
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Every stored file's path (relative to the space) and the files' bytes. */
	static List<Path> files(Path root) {
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile).map(root::relativize).toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Uploads a directory tree (a vault cryptofs wrote) into a space over WebDAV, as a WebDAV client would. */
	static void uploadOverDav(DavClient client, Path root, String space) {
		try (Stream<Path> walk = Files.walk(root)) {
			List<Path> all = new ArrayList<>(walk.filter(p -> !p.equals(root)).sorted().toList());
			for (Path path : all) {
				String url = "/dav/" + space + "/" + encode(root.relativize(path));
				int status = Files.isDirectory(path) ? client.method("MKCOL", url).statusCode()
						: client.put(url, Files.readAllBytes(path)).statusCode();
				if (status != 201 && status != 204) {
					throw new IllegalStateException("upload over WebDAV answered " + status);
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String encode(Path relative) {
		var segments = new ArrayList<String>();
		relative.forEach(p -> segments.add(java.net.URLEncoder.encode(p.toString(), java.nio.charset.StandardCharsets.UTF_8)
			.replace("+", "%20")));
		return String.join("/", segments);
	}

	/** Cryptofs properties that open the vault stored at {@code vault} with the passphrase. */
	static CryptoFileSystemProperties cryptofs(Path vault, String passphrase) {
		MasterkeyLoader loader = keyId -> new MasterkeyFileAccess(new byte[0], new SecureRandom())
			.load(vault.resolve("masterkey.cryptomator"), passphrase);
		return CryptoFileSystemProperties.cryptoFileSystemProperties().withKeyLoader(loader).build();
	}

	/** The SHA-256 of a file, in hex, read in pieces. */
	static String sha256(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return sha256(in);
		}
	}

	/** The SHA-256 of what the stream gives, in hex. */
	static String sha256(InputStream in) throws IOException {
		try {
			var digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[1 << 20];
			int n;
			while ((n = in.read(buffer)) > 0) {
				digest.update(buffer, 0, n);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}

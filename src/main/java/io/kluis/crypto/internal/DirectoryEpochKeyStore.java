package io.kluis.crypto.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Epoch keys as files in one directory ({@code kluis.crypto.key-store.directory}), one
 * {@code epoch-<id>.key} per epoch, written atomically (temporary file, then rename) with mode 0600.
 * Several nodes share it on a shared file system. Deleting the file ends the epoch; copies of the
 * directory (its backups) must be kept no longer than the database backups, or they keep it alive.
 */
final class DirectoryEpochKeyStore implements EpochKeyStore {

	private static final String PREFIX = "epoch-";

	private static final String SUFFIX = ".key";

	private final Path directory;

	DirectoryEpochKeyStore(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
	}

	@Override
	public List<StoredEpoch> list() {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		var epochs = new ArrayList<StoredEpoch>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
					read(file).ifPresent(epochs::add);
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot list the key store " + directory, e);
		}
		epochs.sort(Comparator.comparing(StoredEpoch::createdAt).thenComparing(StoredEpoch::id));
		return epochs;
	}

	@Override
	public Optional<StoredEpoch> find(String id) {
		if (!StoredEpoch.ID.matcher(id).matches()) {
			return Optional.empty();
		}
		return read(file(id));
	}

	@Override
	public void put(StoredEpoch epoch) {
		var text = new StringBuilder("# Kluis epoch key, wrapped by master key '").append(epoch.masterKeyId())
			.append("'. Deleting this file makes every data key of this epoch unreadable.\n");
		text.append("id=").append(epoch.id()).append('\n');
		text.append("created=").append(epoch.createdAt()).append('\n');
		if (epoch.retiredAt() != null) {
			text.append("retired=").append(epoch.retiredAt()).append('\n');
		}
		text.append("master-key=").append(epoch.masterKeyId()).append('\n');
		text.append("wrapped=").append(Base64.getEncoder().encodeToString(epoch.wrappedKey())).append('\n');
		try {
			Files.createDirectories(directory);
			Path temporary = directory.resolve("." + PREFIX + epoch.id() + "." + UUID.randomUUID() + ".tmp");
			Files.writeString(temporary, text, StandardCharsets.US_ASCII);
			try {
				Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException e) {
				// Not a POSIX file system: the directory's ACLs apply.
			}
			try {
				Files.move(temporary, file(epoch.id()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(temporary, file(epoch.id()), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot write to the key store " + directory, e);
		}
	}

	@Override
	public void delete(String id) {
		try {
			Files.deleteIfExists(file(id));
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot delete from the key store " + directory, e);
		}
	}

	@Override
	public String describe() {
		return "directory " + directory;
	}

	private Path file(String id) {
		return directory.resolve(PREFIX + id + SUFFIX);
	}

	private Optional<StoredEpoch> read(Path file) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (NoSuchFileException e) {
			return Optional.empty();
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read the key store " + directory, e);
		}
		var properties = new Properties();
		try {
			properties.load(new StringReader(text));
			String retired = properties.getProperty("retired");
			return Optional.of(new StoredEpoch(properties.getProperty("id"), Instant.parse(properties.getProperty("created")),
					retired == null ? null : Instant.parse(retired), properties.getProperty("master-key"),
					Base64.getDecoder().decode(properties.getProperty("wrapped"))));
		}
		catch (IOException | RuntimeException e) {
			throw new IllegalStateException("damaged epoch key file " + file.getFileName() + " in " + directory);
		}
	}
}

package io.kluis.storage.files;

import io.kluis.identity.AccountVerified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Gives a customer whose address was just verified a plain space {@value Space#DEFAULT_FILES}, next
 * to the vault, so the WebDAV address the README gives ({@code /dav/files/}) works for a new customer
 * as written. It counts toward {@code kluis.storage.max-spaces} like any other space; when there is no
 * room, or the customer already made a space of that name, nothing is created.
 */
@Component
class FilesSpaceAtVerification {

	private static final Logger log = LoggerFactory.getLogger(FilesSpaceAtVerification.class);

	private final Spaces spaces;

	FilesSpaceAtVerification(Spaces spaces) {
		this.spaces = spaces;
	}

	/** Not in a transaction of its own: {@link Spaces#create} commits (or refuses) in its own. */
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(AccountVerified event) {
		if (spaces.existing(event.account()).stream().anyMatch(space -> Space.DEFAULT_FILES.equals(space.name()))) {
			return;
		}
		try {
			spaces.create(event.account(), Space.DEFAULT_FILES, SpaceKind.PLAIN);
			log.info("event=storage.space.default-created account={}", event.account());
		}
		catch (StorageException.AlreadyExists | StorageException.Forbidden e) {
			log.info("event=storage.space.default-skipped account={} reason={}", event.account(),
					e instanceof StorageException.Forbidden ? "max-spaces" : "exists");
		}
	}
}

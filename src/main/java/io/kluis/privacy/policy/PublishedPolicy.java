package io.kluis.privacy.policy;

import io.kluis.privacy.register.ProcessingRegister;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Publishes the effective register as a version whenever it differs from the latest stored one
 * (POL-1), and knows which version is the one this node shows. Cluster-safe without a lock: version
 * numbers are a primary key, so of two nodes starting at once with the same new register one
 * stores it and the other, on the conflict, finds that version and uses it.
 */
@Service
public class PublishedPolicy {

	private static final Logger log = LoggerFactory.getLogger(PublishedPolicy.class);

	private static final int ATTEMPTS = 5;

	private final ProcessingRegister register;

	private final RegisterVersions versions;

	private final Clock clock;

	private volatile @Nullable RegisterVersion current;

	PublishedPolicy(ProcessingRegister register, RegisterVersions versions, Clock clock) {
		this.register = register;
		this.versions = versions;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void publishAtStartUp() {
		current();
	}

	/** The register this node runs with. */
	public ProcessingRegister register() {
		return register;
	}

	/** The version of the register this node runs with, published now if it is not yet. */
	public RegisterVersion current() {
		RegisterVersion version = current;
		if (version == null) {
			synchronized (this) {
				version = current;
				if (version == null) {
					version = publish(register);
					current = version;
				}
			}
		}
		return version;
	}

	/**
	 * Stores the register as a new version unless the latest version has the same content, and
	 * returns the version that holds it. The {@code version} block of the register says whether the
	 * change is significant and what it changes.
	 */
	public RegisterVersion publish(ProcessingRegister register) {
		String content = CanonicalRegister.json(register);
		String hash = CanonicalRegister.hash(content);
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			var latest = versions.latest();
			if (latest.isPresent() && latest.get().hash().equals(hash)) {
				return latest.get();
			}
			int number = latest.map(RegisterVersion::number).orElse(0) + 1;
			var version = new RegisterVersion(number, clock.instant(), register.version().significant(), hash, content,
					Objects.requireNonNull(register.version().changes()), null);
			try {
				versions.insert(version);
				log.info("privacy.policy.published version={} significant={} hash={}", number, version.significant(),
						hash.substring(0, 12));
				return version;
			}
			catch (DuplicateKeyException e) {
				// another node published version `number` first: look again
			}
		}
		return versions.latestWithHash(hash)
			.orElseThrow(() -> new IllegalStateException("could not publish the register after " + ATTEMPTS + " attempts"));
	}
}

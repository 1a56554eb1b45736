package io.kluis.privacy.terms;

import io.kluis.privacy.TermsVersions;
import io.kluis.shared.StartupRefusal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The terms of service this node shows and registration records: loaded once from
 * {@code kluis.privacy.terms-location} at start-up, and stored as a version the first time any node
 * runs with it, so that a version recorded at registration can always be read again. A version is
 * one text: a node whose document declares a version already stored with other content refuses to
 * start (give the changed terms a new version).
 */
@Service
public class PublishedTerms implements TermsVersions {

	private static final Logger log = LoggerFactory.getLogger(PublishedTerms.class);

	private final TermsDocument document;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private volatile boolean published;

	PublishedTerms(TermsLocation location, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
		this.document = TermsDocument.load(location.resource());
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Where the terms come from: {@code kluis.privacy.terms-location}. */
	public record TermsLocation(Resource resource) {
	}

	@Override
	public String current() {
		publish();
		return document.version();
	}

	/** The current terms as HTML in this language (or the document without a language). */
	public String html(Locale locale) {
		return document.in(locale);
	}

	/** An earlier (or the current) version's text in this language, if this installation ever showed it. */
	public Optional<String> html(String version, Locale locale) {
		publish();
		var texts = jdbc.sql("select language, html from privacy_terms_texts where version = ?")
			.param(version)
			.query((rs, i) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();
		return texts.stream()
			.filter(t -> t[0].equals(locale.getLanguage()))
			.findFirst()
			.or(() -> texts.stream().filter(t -> t[0].isEmpty()).findFirst())
			.or(() -> texts.stream().findFirst())
			.map(t -> t[1]);
	}

	@EventListener(ApplicationReadyEvent.class)
	void publishAtStartUp() {
		publish();
	}

	private void publish() {
		if (published) {
			return;
		}
		synchronized (this) {
			if (published) {
				return;
			}
			var stored = storedHash();
			if (stored.isEmpty()) {
				try {
					transactions.executeWithoutResult(tx -> insert());
					log.info("event=privacy.terms.published version={}", document.version());
				}
				catch (DuplicateKeyException e) {
					// another node stored it at the same moment
				}
				stored = storedHash();
			}
			if (!stored.orElseThrow().equals(document.hash())) {
				throw new StartupRefusal("the terms of service (kluis.privacy.terms-location) declare version "
						+ document.version() + ", which this installation already published with other text: "
						+ "give the changed terms a new version.");
			}
			published = true;
		}
	}

	private Optional<String> storedHash() {
		return jdbc.sql("select content_hash from privacy_terms_versions where version = ?")
			.param(document.version())
			.query(String.class)
			.optional();
	}

	private void insert() {
		jdbc.sql("insert into privacy_terms_versions (version, published_at, content_hash) values (?, ?, ?)")
			.params(document.version(), Timestamp.from(clock.instant()), document.hash())
			.update();
		document.html().forEach((language, html) -> jdbc
			.sql("insert into privacy_terms_texts (version, language, html) values (?, ?, ?)")
			.params(document.version(), language, html)
			.update());
	}
}

package io.kluis.notifications.internal;

import io.kluis.crypto.PersonalDataCipher;
import io.kluis.crypto.Sealed;
import io.kluis.shared.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.stereotype.Component;

/**
 * Seals a rendered mail column by column under its key owner's data key, with field names
 * {@code notifications.<table>.<column>} bound as associated data (so a column copied to another
 * row or table does not open).
 */
@Component
class MailSealer {

	/** The five sealed columns as stored (same names and order in both tables). */
	record SealedMail(Sealed recipient, Sealed subjectLine, Sealed text, Sealed html, Sealed headers) {

		/** Reads {@code recipient, subject_line, body_text, body_html, headers} starting at the column. */
		static SealedMail read(ResultSet rs, int firstColumn) throws SQLException {
			return new SealedMail(Sealed.fromBytes(rs.getBytes(firstColumn)), Sealed.fromBytes(rs.getBytes(firstColumn + 1)),
					Sealed.fromBytes(rs.getBytes(firstColumn + 2)), Sealed.fromBytes(rs.getBytes(firstColumn + 3)),
					Sealed.fromBytes(rs.getBytes(firstColumn + 4)));
		}
	}

	static final String OUTBOX = "notifications.outbox";

	static final String DEV_MAILBOX = "notifications.dev_mailbox";

	private final PersonalDataCipher cipher;

	MailSealer(PersonalDataCipher cipher) {
		this.cipher = cipher;
	}

	SealedMail seal(String table, AccountId keyOwner, RenderedMail mail) {
		return new SealedMail(cipher.seal(keyOwner, table + ".recipient", mail.recipient()),
				cipher.seal(keyOwner, table + ".subject_line", mail.subjectLine()),
				cipher.seal(keyOwner, table + ".body_text", mail.text()),
				cipher.seal(keyOwner, table + ".body_html", mail.html()),
				cipher.seal(keyOwner, table + ".headers", mail.headerLines()));
	}

	/** @throws io.kluis.crypto.DataKeyDestroyedException when the key owner was crypto-shredded */
	RenderedMail open(String table, AccountId keyOwner, SealedMail sealed) {
		return new RenderedMail(cipher.open(keyOwner, table + ".recipient", sealed.recipient()),
				cipher.open(keyOwner, table + ".subject_line", sealed.subjectLine()),
				cipher.open(keyOwner, table + ".body_text", sealed.text()),
				cipher.open(keyOwner, table + ".body_html", sealed.html()),
				RenderedMail.parseHeaderLines(cipher.open(keyOwner, table + ".headers", sealed.headers())));
	}

	/** Field name of the outbox's sealed attachment references. */
	static final String OUTBOX_ATTACHMENTS = OUTBOX + ".attachments";

	Sealed sealAttachments(AccountId keyOwner, String references) {
		return cipher.seal(keyOwner, OUTBOX_ATTACHMENTS, references);
	}

	/** @throws io.kluis.crypto.DataKeyDestroyedException when the key owner was crypto-shredded */
	String openAttachments(AccountId keyOwner, Sealed references) {
		return cipher.open(keyOwner, OUTBOX_ATTACHMENTS, references);
	}

	/** Only recipient and subject line, for lists that should not decrypt every body. */
	Envelope openEnvelope(String table, AccountId keyOwner, SealedMail sealed) {
		return new Envelope(cipher.open(keyOwner, table + ".recipient", sealed.recipient()),
				cipher.open(keyOwner, table + ".subject_line", sealed.subjectLine()));
	}

	/** Who a mail went to and what it was called; personal data, so no toString. */
	record Envelope(String recipient, String subjectLine) {

		@Override
		public String toString() {
			return "Envelope[***]";
		}
	}
}

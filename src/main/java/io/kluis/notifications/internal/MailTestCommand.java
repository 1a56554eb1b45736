package io.kluis.notifications.internal;

import io.kluis.notifications.Mail;
import io.kluis.notifications.MailCategory;
import io.kluis.notifications.Notifications;
import io.kluis.shared.EmailAddress;
import io.kluis.shared.cli.KluisCommand;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code mail test --to ADDRESS [--lang nl|en]}: sends the self-test mail now, so an operator can
 * check the SMTP settings, and prints the outcome (the mail's id and status, never the address).
 */
@Component
class MailTestCommand implements KluisCommand {

	private final Notifications notifications;

	private final JdbcClient jdbc;

	MailTestCommand(Notifications notifications, JdbcClient jdbc) {
		this.notifications = notifications;
		this.jdbc = jdbc;
	}

	@Override
	public String name() {
		return "mail test";
	}

	@Override
	public String synopsis() {
		return "--to ADDRESS [--lang nl|en]  send the self-test mail now (checks the SMTP settings)";
	}

	@Override
	public int run(List<String> options, PrintStream out) {
		String to = KluisCommand.option(options, "to");
		String lang = KluisCommand.option(options, "lang");
		if (to == null || !EmailAddress.isValid(to)) {
			out.println("Usage: mail test " + synopsis());
			return 2;
		}
		var id = notifications.send(Mail.to(EmailAddress.of(to))
			.locale(lang == null ? Mail.DUTCH : Locale.forLanguageTag(lang))
			.template("notifications/test")
			.category(MailCategory.TRANSACTIONAL)
			.with("note", "mail test")
			.build());
		notifications.flush();
		var row = jdbc.sql("select status, last_error_code from notifications_outbox where id = ?")
			.param(id.value())
			.query((rs, i) -> rs.getString(1) + (rs.getString(2) == null ? "" : " (" + rs.getString(2) + ")"))
			.single();
		out.println("Mail " + id + ": " + row);
		return row.startsWith("SENT") ? 0 : 1;
	}
}

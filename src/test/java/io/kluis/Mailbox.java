package io.kluis;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real SMTP server (GreenMail) for the whole test JVM. A test context that should send real
 * mail registers it:
 * <pre>{@code
 * @DynamicPropertySource
 * static void mail(DynamicPropertyRegistry registry) { Mailbox.register(registry); }
 * }</pre>
 * Tests use unique addresses, so they never see each other's mail.
 */
public final class Mailbox {

	private static final GreenMail SERVER = start();

	private Mailbox() {
	}

	private static GreenMail start() {
		var setup = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort();
		var server = new GreenMail(setup);
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

	public static void register(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", Mailbox::port);
	}

	/** The SMTP port, for contexts configured by an initializer rather than a dynamic property source. */
	public static int port() {
		return SERVER.getSmtp().getPort();
	}

	/** All mails received for this address so far. */
	public static List<MimeMessage> to(String address) {
		return Arrays.stream(SERVER.getReceivedMessages()).filter(m -> isTo(m, address)).toList();
	}

	/** Waits (the outbox dispatches every few seconds) until {@code count} mails reached the address. */
	public static List<MimeMessage> awaitMails(String address, int count) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> to(address).size() >= count);
		return to(address);
	}

	/** The newest mail to the address, waiting for the {@code count}-th to arrive. */
	public static MimeMessage awaitMail(String address, int count) {
		var mails = awaitMails(address, count);
		return mails.get(mails.size() - 1);
	}

	/** The mail among {@code mails} that holds a link to {@code path}, e.g. "/verify". */
	public static MimeMessage withLink(List<MimeMessage> mails, String path) {
		return mails.stream()
			.filter(m -> body(m).contains(path + "?"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no mail with a link to " + path));
	}

	/** The whole MIME body as text (both alternatives). */
	public static String body(MimeMessage message) {
		return GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
	}

	/** The first absolute link in the mail whose path starts with {@code path}, e.g. "/verify". */
	public static String link(MimeMessage message, String path) {
		Matcher m = Pattern.compile("https?://[^\\s\"<>]*?" + Pattern.quote(path) + "[^\\s\"<>]*").matcher(body(message));
		if (!m.find()) {
			throw new AssertionError("no link to " + path + " in the mail");
		}
		return m.group().replace("&amp;", "&");
	}

	/** The value of the {@code token} query parameter of the first link to {@code path}. */
	public static String token(MimeMessage message, String path) {
		Matcher m = Pattern.compile("[?&]token=([A-Za-z0-9_\\-%]+)").matcher(link(message, path));
		if (!m.find()) {
			throw new AssertionError("no token in the link");
		}
		return java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
	}

	private static boolean isTo(MimeMessage message, String address) {
		try {
			Address[] recipients = message.getAllRecipients();
			return recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().contains(address));
		}
		catch (jakarta.mail.MessagingException e) {
			return false;
		}
	}
}

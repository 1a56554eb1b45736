package io.kluis.notifications.internal;

import io.kluis.notifications.Mail;
import io.kluis.shared.web.BrandingProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateEngineException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a {@link Mail} into what is stored and sent: the subject line from the message bundles,
 * the HTML body from {@code templates/mail/<name>.html} and the text body from
 * {@code templates/mail/<name>.txt}. Uses its own template engines, so the web's view resolution
 * and caching are untouched, but the application's {@link MessageSource}, so templates can use any
 * module's message keys.
 */
@Component
class MailRenderer {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

	private final SpringTemplateEngine html;

	private final SpringTemplateEngine text;

	private final MessageSource messages;

	private final BrandingProperties branding;

	private final BaseUrl baseUrl;

	MailRenderer(MessageSource messages, BrandingProperties branding, BaseUrl baseUrl) {
		this.messages = messages;
		this.branding = branding;
		this.baseUrl = baseUrl;
		this.html = engine(TemplateMode.HTML, ".html", messages, baseUrl);
		this.text = engine(TemplateMode.TEXT, ".txt", messages, baseUrl);
	}

	RenderedMail render(Mail mail) {
		String subjectLine = subjectLine(mail);
		var context = new Context(mail.locale());
		context.setVariables(mail.model());
		context.setVariable("brand", branding.name());
		context.setVariable("brandColor", branding.primaryColor());
		context.setVariable("baseUrl", baseUrl.value());
		context.setVariable("mailSubject", subjectLine);
		try {
			return new RenderedMail(mail.to().value(), subjectLine, text.process(mail.template(), context),
					html.process(mail.template(), context), mail.headers());
		}
		catch (TemplateEngineException e) {
			// Thymeleaf's messages name the template and expression, not model values.
			throw new IllegalArgumentException("mail template " + mail.template() + " failed to render", e);
		}
	}

	/** The message key of a template's subject line: {@code mail.identity.verify-email.subject}. */
	static String subjectKey(String template) {
		return "mail." + template.replace('/', '.') + ".subject";
	}

	/**
	 * The subject line, with {@code {name}} placeholders replaced by model values (and {@code {brand}}).
	 * Line breaks are flattened so a model value can never start a new header.
	 */
	private String subjectLine(Mail mail) {
		String pattern;
		try {
			pattern = messages.getMessage(subjectKey(mail.template()), null, mail.locale());
		}
		catch (NoSuchMessageException e) {
			throw new IllegalArgumentException("no subject line " + subjectKey(mail.template()));
		}
		Map<String, Object> values = new HashMap<>(mail.model());
		values.put("brand", branding.name());
		Matcher matcher = PLACEHOLDER.matcher(pattern);
		var subject = new StringBuilder();
		while (matcher.find()) {
			Object value = values.get(matcher.group(1));
			if (value == null) {
				throw new IllegalArgumentException(
						"subject line " + subjectKey(mail.template()) + " needs model value " + matcher.group(1));
			}
			matcher.appendReplacement(subject, Matcher.quoteReplacement(String.valueOf(value)));
		}
		matcher.appendTail(subject);
		return subject.toString().replaceAll("[\\r\\n\\t]+", " ").strip();
	}

	private static SpringTemplateEngine engine(TemplateMode mode, String suffix, MessageSource messages,
			BaseUrl baseUrl) {
		var resolver = new ClassLoaderTemplateResolver(MailRenderer.class.getClassLoader());
		resolver.setPrefix("templates/mail/");
		resolver.setSuffix(suffix);
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(true);
		resolver.setCacheable(true);
		var engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		engine.setTemplateEngineMessageSource(messages);
		engine.setLinkBuilder(new MailLinkBuilder(baseUrl));
		engine.setEnableSpringELCompiler(true);
		return engine;
	}
}

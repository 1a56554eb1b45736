package io.kluis.notifications.internal;

import java.util.Map;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;

/**
 * Makes {@code @{/path(param=${value})}} in mail templates absolute under {@code kluis.base-url}: a
 * mail is rendered outside any request, and a relative link in a mail leads nowhere. Absolute links
 * ({@code @{${link}}} with a full URL) pass through unchanged.
 */
class MailLinkBuilder extends StandardLinkBuilder {

	private final BaseUrl baseUrl;

	MailLinkBuilder(BaseUrl baseUrl) {
		this.baseUrl = baseUrl;
	}

	@Override
	protected String computeContextPath(IExpressionContext context, String base, Map<String, Object> parameters) {
		return baseUrl.value();
	}
}

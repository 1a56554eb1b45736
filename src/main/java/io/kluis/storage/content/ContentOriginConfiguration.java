package io.kluis.storage.content;

import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Nodes;
import io.kluis.storage.files.Downloads;
import io.kluis.storage.files.Spaces;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the content origin's filter in front of the security filters (order -1000; Spring
 * Security runs at -100) and the panel's download redirect after them. Refuses to start when the
 * content origin is the panel's own host: that would serve user content next to the session.
 */
@Configuration(proxyBeanMethods = false)
class ContentOriginConfiguration {

	@Bean
	FilterRegistrationBean<ContentOriginFilter> contentOriginFilter(ContentOriginProperties properties,
			DownloadTickets tickets, Spaces spaces, Nodes nodes, FileTree tree, Downloads downloads, @Value("${kluis.base-url}") URI baseUrl) {
		properties.check(baseUrl);
		var registration = new FilterRegistrationBean<>(new ContentOriginFilter(properties, tickets, spaces, nodes, tree,
				downloads));
		registration.setOrder(-1000);
		registration.setName("contentOrigin");
		return registration;
	}

	@Bean
	FilterRegistrationBean<PanelDownloadRedirect> panelDownloadRedirect(ContentOriginProperties properties,
			DownloadTickets tickets, Spaces spaces, FileTree tree) {
		var registration = new FilterRegistrationBean<>(new PanelDownloadRedirect(properties, tickets, spaces, tree));
		registration.addUrlPatterns("/panel/dav/*");
		registration.setName("panelDownloadRedirect");
		return registration;
	}
}

package io.kluis.storage.dav;

import io.kluis.storage.files.FileTree;
import io.kluis.storage.files.Spaces;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Serves WebDAV with its own servlet (the MVC dispatcher knows none of its methods): at
 * {@code /dav/*} for WebDAV clients and at {@code /panel/dav/*} for the browser.
 */
@Configuration(proxyBeanMethods = false)
class DavConfiguration {

	@Bean
	ServletRegistrationBean<DavServlet> davServlet(Spaces spaces, FileTree tree, DavReads reads, DavWrites writes,
			DavLocking locking) {
		var registration = new ServletRegistrationBean<>(new DavServlet(spaces, tree, reads, writes, locking), "/dav/*", "/panel/dav/*");
		registration.setName("dav");
		registration.setLoadOnStartup(1);
		return registration;
	}
}

package io.kluis.notifications.web;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.kluis.notifications.internal.MailViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.ExtendedModelMap;

/** The viewer's {@code @PreAuthorize}, evaluated as method security will evaluate it. */
class MailViewerControllerUnitTests {

	final MailViewerController controller = secured(new MailViewerController(mock(MailViewer.class)));

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void customersAndStaffWithoutTheAdminRoleAreRefused() {
		for (String role : new String[] { "ROLE_CUSTOMER", "ROLE_STAFF" }) {
			SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("u", "p", role));
			assertThatThrownBy(() -> controller.list(new ExtendedModelMap())).isInstanceOf(AccessDeniedException.class);
		}
	}

	@Test
	void administratorsAreLetIn() {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("u", "p", "ROLE_ADMIN"));

		assertThatNoException().isThrownBy(() -> controller.list(new ExtendedModelMap()));
	}

	private static MailViewerController secured(MailViewerController target) {
		var factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(AuthorizationManagerBeforeMethodInterceptor.preAuthorize());
		return (MailViewerController) factory.getProxy();
	}
}

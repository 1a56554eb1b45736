package io.kluis.shared.jobs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.provider.sql.DatabaseProduct;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.function.SingletonSupplier;

/**
 * The job lock (ShedLock's JDBC provider on {@code shared_job_locks}, database time) and Spring's
 * scheduling, which runs in the server, not during one-shot commands ({@link Jobs#ENABLED}).
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

	static final String TABLE = "shared_job_locks";

	@Bean
	LockProvider jobLockProvider(DataSource dataSource) {
		return lockProvider(dataSource);
	}

	/**
	 * A provider of its own with its own holder id: a node, as far as the lock can tell. Built at the
	 * first lock, not at start-up: it asks the database for its product, and a database that is down
	 * at start-up is reported by the start-up checks, in one line.
	 */
	static LockProvider lockProvider(DataSource dataSource) {
		String holder = holder();
		var provider = SingletonSupplier.of(() -> new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration
			.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.withTableName(TABLE)
			.withLockedByValue(holder)
			.withDatabaseProduct(product(dataSource))
			.usingDbTime()
			.build()));
		return configuration -> provider.obtain().lock(configuration);
	}

	/**
	 * Who holds a lock: the host name (as ShedLock writes by default) and an id of this process. A
	 * lease is renewed and released only by the holder named in its row, so a process whose lease
	 * ran out cannot renew or release the lease another process took over, also not a second
	 * process on the same host.
	 */
	static String holder() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException e) {
			host = "unknown-host";
		}
		String process = UUID.randomUUID().toString().substring(0, 8);
		return host.length() > 200 ? host.substring(0, 200) + "/" + process : host + "/" + process;
	}

	/** H2 or PostgreSQL, as the pool's connections say (H2's PostgreSQL mode still speaks H2 here). */
	private static DatabaseProduct product(DataSource dataSource) {
		try (var connection = dataSource.getConnection()) {
			return DatabaseProduct.matchProductName(connection.getMetaData().getDatabaseProductName());
		}
		catch (SQLException e) {
			throw new IllegalStateException("cannot tell the database product for the job lock", e);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@Conditional(JobsEnabled.class)
	static class Scheduling {
	}

	static class JobsEnabled implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return Jobs.enabled(context.getEnvironment());
		}
	}
}

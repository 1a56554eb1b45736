package io.kluis.hosting.log;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The page-view store for the database Kluis runs on, as its connections say. */
@Configuration(proxyBeanMethods = false)
class PageViewStoreConfiguration {

	@Bean
	PageViewStore pageViewStore(DataSource dataSource, JdbcClient jdbc, JdbcTemplate template,
			PlatformTransactionManager transactionManager) {
		if (postgresql(dataSource)) {
			return new PostgresPageViews(jdbc, dataSource);
		}
		return new H2PageViews(jdbc, template, new TransactionTemplate(transactionManager));
	}

	static boolean postgresql(DataSource dataSource) {
		try (var connection = dataSource.getConnection()) {
			return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
		}
		catch (SQLException e) {
			throw new IllegalStateException("cannot tell the database product for the page-view log", e);
		}
	}
}

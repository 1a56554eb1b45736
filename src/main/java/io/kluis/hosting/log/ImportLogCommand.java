package io.kluis.hosting.log;

import io.kluis.hosting.SiteId;
import io.kluis.shared.cli.KluisCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code hosting import-log --site ID [--domain NAME] [--keep-query] FILE}: imports an access log
 * (combined log format or JSON lines) into the page-view log and prints the report: counts, then each
 * rejected line's number and reason. Exit 0 when the whole file was read (also with rejected lines:
 * the report lists them), 1 when it could not be read or a write failed (the report says from which
 * line nothing was loaded), 2 on a usage error or an unknown site.
 */
@Component
class ImportLogCommand implements KluisCommand {

	static final String USAGE = "Usage: hosting import-log --site ID [--domain NAME] [--keep-query] FILE";

	private final PageViewImport imports;

	ImportLogCommand(PageViewImport imports) {
		this.imports = imports;
	}

	@Override
	public String name() {
		return "hosting import-log";
	}

	@Override
	public String synopsis() {
		return "import a site's access log (combined format or JSON lines): --site ID [--domain NAME] "
				+ "[--keep-query] FILE";
	}

	@Override
	public int run(List<String> options, PrintStream out) {
		var rest = new ArrayList<>(options);
		String site = take(rest, "site");
		String domain = take(rest, "domain");
		boolean keepQuery = rest.remove("--keep-query");
		if (site == null || rest.size() != 1 || rest.get(0).startsWith("--")) {
			out.println(USAGE);
			return 2;
		}
		SiteId siteId;
		try {
			siteId = SiteId.of(site);
		}
		catch (IllegalArgumentException e) {
			out.println("Not a site id: " + e.getMessage() + ".");
			return 2;
		}
		LogImportReport report;
		try (InputStream in = Files.newInputStream(Path.of(rest.get(0)))) {
			report = imports.importLog(siteId, in, domain, keepQuery);
		}
		catch (NoSuchFileException e) {
			out.println("No such file.");
			return 2;
		}
		catch (IOException e) {
			out.println("The file could not be read (" + e.getClass().getSimpleName() + ").");
			return 1;
		}
		catch (PageViewImport.UnknownSiteException e) {
			out.println("Unknown site " + siteId + ": no hosted site has this id.");
			return 2;
		}
		out.printf("lines %d: loaded %d, rejected %d, blank %d%n", report.lines(), report.loaded(),
				report.rejected().size(), report.blank());
		report.rejected().forEach(r -> out.println("rejected line " + r.line() + ": " + r.reason()));
		if (report.stoppedAt() != null) {
			out.println("stopped at line " + report.stoppedAt().line() + ": " + report.stoppedAt().reason()
					+ "; nothing from this line on was loaded");
			return 1;
		}
		return 0;
	}

	private static String take(List<String> options, String name) {
		String value = KluisCommand.option(options, name);
		if (value != null) {
			int i = options.indexOf("--" + name);
			options.remove(i + 1);
			options.remove(i);
		}
		return value;
	}
}

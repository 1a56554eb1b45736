import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the CPU samples of a JFR recording (java bench/JfrTop.java file.jfr [TOP]): samples per
 * thread group, the share of samples whose stack passes through each of a few areas (database,
 * security, crypto, logging, Tomcat...), the hottest methods by own time and the Kluis methods by
 * inclusive time. Used by bench/put-profile.sh.
 */
public class JfrTop {

	static final Map<String, String> AREAS = new LinkedHashMap<>();

	static {
		AREAS.put("H2 database", "org.h2.");
		AREAS.put("PostgreSQL driver", "org.postgresql.");
		AREAS.put("Hikari pool", "com.zaxxer.hikari.");
		AREAS.put("Spring transactions", "org.springframework.transaction.");
		AREAS.put("Spring JDBC", "org.springframework.jdbc.");
		AREAS.put("Spring Security filters", "org.springframework.security.");
		AREAS.put("app-password check", "io.kluis.identity.security.AppPasswordAuthenticationProvider");
		AREAS.put("Kluis crypto", "io.kluis.crypto.");
		AREAS.put("JCE (AES/HMAC/SHA)", "com.sun.crypto.provider.");
		AREAS.put("Bouncy Castle", "org.bouncycastle.");
		AREAS.put("logging", "ch.qos.logback.");
		AREAS.put("event publication", "org.springframework.context.event.");
		AREAS.put("Modulith events", "org.springframework.modulith.");
		AREAS.put("Micrometer/observation", "io.micrometer.");
		AREAS.put("Kluis DAV", "io.kluis.storage.dav.");
		AREAS.put("Kluis files", "io.kluis.storage.files.");
		AREAS.put("Tomcat/Coyote", "org.apache.");
		AREAS.put("file I/O (FileChannel.force)", "sun.nio.ch.FileDispatcherImpl.force");
		AREAS.put("socket I/O", "sun.nio.ch.SocketDispatcher");
	}

	public static void main(String[] args) throws Exception {
		int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
		Map<String, Integer> threads = new HashMap<>();
		Map<String, Integer> areas = new HashMap<>();
		Map<String, Integer> self = new HashMap<>();
		Map<String, Integer> kluis = new HashMap<>();
		int samples = 0;
		for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
			if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
				continue;
			}
			samples++;
			String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
			threads.merge(thread == null ? "?" : thread.replaceAll("[-#]?\\d+$", "").replaceAll("\\d+", "N"), 1,
					Integer::sum);
			var frames = e.getStackTrace().getFrames();
			if (!frames.isEmpty()) {
				self.merge(name(frames.get(0)), 1, Integer::sum);
			}
			Set<String> seenAreas = new HashSet<>();
			Set<String> seenMethods = new HashSet<>();
			for (RecordedFrame f : frames) {
				String n = name(f);
				for (var area : AREAS.entrySet()) {
					if (n.startsWith(area.getValue()) && seenAreas.add(area.getKey())) {
						areas.merge(area.getKey(), 1, Integer::sum);
					}
				}
				if (n.startsWith("io.kluis.") && seenMethods.add(n)) {
					kluis.merge(n, 1, Integer::sum);
				}
			}
		}
		System.out.printf("%d CPU samples%n-- by thread%n", samples);
		print(threads, samples, 8);
		System.out.println("-- stacks passing through (inclusive, areas overlap)");
		print(areas, samples, AREAS.size());
		System.out.println("-- hottest methods (own time)");
		print(self, samples, top);
		System.out.println("-- Kluis methods (inclusive)");
		print(kluis, samples, top);
	}

	static String name(RecordedFrame f) {
		return f.getMethod().getType().getName() + "." + f.getMethod().getName();
	}

	static void print(Map<String, Integer> counts, int total, int limit) {
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(limit)
			.forEach(c -> System.out.printf("%6.1f %%  %s%n", 100.0 * c.getValue() / Math.max(1, total), c.getKey()));
	}
}

package io.kluis.privacy.terms;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * The small part of Markdown a terms document needs, rendered to HTML with everything escaped first:
 * headings ({@code #} to {@code ####}), paragraphs, bulleted and numbered lists, {@code **bold**},
 * {@code *emphasis*} and links {@code [text](https://…)} (http, https, mailto and paths on this
 * site only). Anything else is shown as the text it is.
 */
final class Markdown {

	private static final Pattern HEADING = Pattern.compile("(#{1,4})\\s+(.*)");

	private static final Pattern BULLET = Pattern.compile("[-*]\\s+(.*)");

	private static final Pattern NUMBERED = Pattern.compile("\\d{1,3}[.)]\\s+(.*)");

	private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(((?:https?://|mailto:|/)[^)\\s\"'<>]*)\\)");

	private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");

	private static final Pattern EMPHASIS = Pattern.compile("(?<![*\\w])\\*(?!\\s)(.+?)(?<!\\s)\\*(?![*\\w])");

	private Markdown() {
	}

	static String html(String markdown) {
		var out = new StringBuilder();
		List<String> paragraph = new ArrayList<>();
		String list = null;
		for (String raw : markdown.replace("\r\n", "\n").split("\n", -1)) {
			String line = raw.strip();
			Matcher heading = HEADING.matcher(line);
			Matcher bullet = BULLET.matcher(line);
			Matcher numbered = NUMBERED.matcher(line);
			String item = bullet.matches() ? bullet.group(1) : numbered.matches() ? numbered.group(1) : null;
			String itemList = bullet.matches() ? "ul" : numbered.matches() ? "ol" : null;
			if (line.isEmpty() || heading.matches() || item != null) {
				flush(out, paragraph);
			}
			if (list != null && (item == null || !list.equals(itemList)) && (!line.isEmpty() || item != null)) {
				out.append("</").append(list).append(">\n");
				list = null;
			}
			if (line.isEmpty()) {
				continue;
			}
			if (heading.matches()) {
				int level = Math.min(heading.group(1).length() + 1, 5);
				out.append("<h").append(level).append('>').append(inline(heading.group(2))).append("</h").append(level)
					.append(">\n");
			}
			else if (item != null) {
				if (list == null) {
					list = itemList;
					out.append('<').append(list).append(">\n");
				}
				out.append("<li>").append(inline(item)).append("</li>\n");
			}
			else {
				paragraph.add(line);
			}
		}
		flush(out, paragraph);
		if (list != null) {
			out.append("</").append(list).append(">\n");
		}
		return out.toString();
	}

	private static void flush(StringBuilder out, List<String> paragraph) {
		if (!paragraph.isEmpty()) {
			out.append("<p>").append(inline(String.join(" ", paragraph))).append("</p>\n");
			paragraph.clear();
		}
	}

	private static String inline(String text) {
		String escaped = HtmlUtils.htmlEscape(text);
		// Escaping leaves [, ], (, ) and * alone, and turns the quotes a link may not contain into entities.
		escaped = LINK.matcher(escaped).replaceAll(m -> Matcher.quoteReplacement(
				"<a href=\"" + m.group(2) + "\">" + m.group(1) + "</a>"));
		escaped = BOLD.matcher(escaped).replaceAll("<strong>$1</strong>");
		return EMPHASIS.matcher(escaped).replaceAll("<em>$1</em>");
	}
}

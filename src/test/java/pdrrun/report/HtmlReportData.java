package pdrrun.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the JSON data block a report page carries. */
final class HtmlReportData {
    private static final String START = "<script type=\"application/json\" id=\"data\">";

    private HtmlReportData() {}

    static JsonNode of(Path html) throws IOException {
        String page = Files.readString(html);
        int from = page.indexOf(START) + START.length();
        return new ObjectMapper().readTree(page.substring(from, page.indexOf("</script>", from)));
    }
}

package io.peeros.container.template.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The records of a pax extended header: {@code "<length> <key>=<value>\n"}, length counting the whole record. */
final class PaxRecords {

    private PaxRecords() {
    }

    static Map<String, String> parse(byte[] data, int size) {
        Map<String, String> records = new HashMap<>();
        int i = 0;
        while (i < size) {
            int space = i;
            while (space < size && data[space] >= '0' && data[space] <= '9') {
                space++;
            }
            if (space == i || space >= size || data[space] != ' ' || space - i > 9) {
                throw RootfsTarCheck.invalid("a pax header record has no length");
            }
            int length = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII));
            int end = i + length;
            if (length < 5 || end > size || data[end - 1] != '\n') {
                throw RootfsTarCheck.invalid("a pax header record has a wrong length");
            }
            String record = new String(data, space + 1, end - 1 - (space + 1), StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq <= 0) {
                throw RootfsTarCheck.invalid("a pax header record has no key");
            }
            if (records.put(record.substring(0, eq), record.substring(eq + 1)) != null) {
                throw RootfsTarCheck.invalid("a pax header sets '" + record.substring(0, eq) + "' twice");
            }
            i = end;
        }
        return records;
    }
}

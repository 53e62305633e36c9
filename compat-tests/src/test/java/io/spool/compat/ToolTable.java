package io.spool.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables ConsumerGroupCommand prints: a header line starting with {@code GROUP}, then one line per row until
 * a blank line. Cells are split on whitespace, which is how the tool lays them out (an absent value is {@code -}).
 */
public final class ToolTable {
    private ToolTable() {
    }

    /** Every row of every table in {@code output}, each as column name to cell. */
    public static List<Map<String, String>> rows(String output) {
        List<Map<String, String>> rows = new ArrayList<>();
        String[] header = null;
        for (String line : output.split("\\R")) {
            String[] cells = line.trim().split("\\s+");
            if (line.isBlank()) {
                header = null;
            } else if (cells[0].equals("GROUP")) {
                header = cells;
            } else if (header != null) {
                if (cells.length != header.length) {
                    throw new AssertionError("row of " + cells.length + " cells under a header of " + header.length
                            + ": '" + line + "' in\n" + output);
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < cells.length; i++) {
                    row.put(header[i], cells[i]);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}

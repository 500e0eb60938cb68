package org.trustmap.queries.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with a header, a separator line and aligned columns. Cells longer than the limit are cut with
 * "…"; line breaks inside a cell become spaces. Widths count East Asian wide characters (CJK names) as two columns.
 */
public final class TextTable {
    private final List<String> headers;
    private final boolean[] rightAligned;
    private final boolean[] cutInTheMiddle;
    private final int maxCell;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(List<String> headers, int maxCell) {
        this.headers = List.copyOf(headers);
        this.rightAligned = new boolean[headers.size()];
        this.cutInTheMiddle = new boolean[headers.size()];
        this.maxCell = maxCell;
    }

    /** Right-aligns a column, for numbers. */
    public TextTable alignRight(int column) {
        rightAligned[column] = true;
        return this;
    }

    /** Cuts long cells of a column in the middle, keeping the end (e.g. a path's jurisdiction) visible. */
    public TextTable cutInTheMiddle(int column) {
        cutInTheMiddle[column] = true;
        return this;
    }

    public TextTable add(List<String> cells) {
        String[] row = new String[headers.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = i < cells.size() ? clip(cells.get(i), cutInTheMiddle[i]) : "";
        }
        rows.add(row);
        return this;
    }

    public void writeTo(Appendable out) throws IOException {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(headers.get(i));
        }
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        line(out, headers.toArray(String[]::new), widths, false);
        StringBuilder sep = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            sep.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.append(sep).append('\n');
        for (String[] row : rows) {
            line(out, row, widths, true);
        }
    }

    private void line(Appendable out, String[] cells, int[] widths, boolean align) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(widths[i] - width(cells[i]));
            b.append(i == 0 ? "" : " | ");
            if (align && rightAligned[i]) {
                b.append(pad).append(cells[i]);
            } else {
                b.append(cells[i]);
                if (i < cells.length - 1) {
                    b.append(pad);
                }
            }
        }
        out.append(b.toString().stripTrailing()).append('\n');
    }

    /** Cuts to {@code maxCell} code points with one "…" (at the end, or in the middle), and flattens line breaks. */
    String clip(String cell, boolean middle) {
        String s = cell == null ? "" : cell.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ')
                .replace('\t', ' ');
        if (s.codePointCount(0, s.length()) <= maxCell) {
            return s;
        }
        if (!middle) {
            return s.substring(0, s.offsetByCodePoints(0, maxCell - 1)) + "…";
        }
        int tail = (maxCell - 1) / 2;
        int head = maxCell - 1 - tail;
        return s.substring(0, s.offsetByCodePoints(0, head)) + "…"
                + s.substring(s.offsetByCodePoints(s.length(), -tail));
    }

    static int width(String s) {
        return s.codePoints().map(cp -> wide(cp) ? 2 : 1).sum();
    }

    private static boolean wide(int cp) {
        return cp >= 0x1100 && cp <= 0x115F || cp >= 0x2E80 && cp <= 0xA4CF || cp >= 0xAC00 && cp <= 0xD7A3
                || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0xFE30 && cp <= 0xFE4F || cp >= 0xFF00 && cp <= 0xFF60
                || cp >= 0xFFE0 && cp <= 0xFFE6 || cp >= 0x20000 && cp <= 0x3FFFD;
    }
}

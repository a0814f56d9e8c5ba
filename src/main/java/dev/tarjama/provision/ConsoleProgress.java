package dev.tarjama.provision;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on a stream: on a terminal a bar redrawn in place ({@code \r}) at most ten times a second;
 * otherwise (logs, CI) plain lines: start, every quarter, done.
 */
public final class ConsoleProgress implements DownloadProgress {
    private static final int BAR = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private long size;
    private long startBytes;
    private long startNanos;
    private long lastDraw;
    private int lastQuarter;
    private boolean barShown;

    public ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void message(String line) {
        clearBar();
        out.println(line);
    }

    @Override
    public void started(String file, long size, long resumedFrom) {
        clearBar();
        this.size = size;
        this.startBytes = resumedFrom;
        this.startNanos = System.nanoTime();
        this.lastDraw = 0;
        this.lastQuarter = size > 0 ? (int) (4 * resumedFrom / size) : 0;
        out.println((resumedFrom > 0 ? "resuming " : "downloading ") + file + " ("
                + (size >= 0 ? bytes(size) : "size unknown")
                + (resumedFrom > 0 ? ", " + bytes(resumedFrom) + " already here" : "") + ")");
    }

    @Override
    public void advanced(String file, long bytesOnDisk) {
        long now = System.nanoTime();
        if (terminal) {
            if (now - lastDraw >= REDRAW_NANOS) {
                lastDraw = now;
                draw(file, bytesOnDisk, now);
            }
        } else if (size > 0) {
            int quarter = (int) (4 * bytesOnDisk / size);
            if (quarter > lastQuarter && quarter < 4) {
                lastQuarter = quarter;
                out.println("  " + file + ": " + (quarter * 25) + "% (" + bytes(bytesOnDisk) + ")");
            }
        }
    }

    @Override
    public void finished(String file) {
        clearBar();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.println("  " + file + ": done in " + String.format(Locale.ROOT, "%.1f s", seconds));
    }

    private void draw(String file, long done, long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        String rate = bytes((long) ((done - startBytes) / seconds)) + "/s";
        StringBuilder line = new StringBuilder("\r  ");
        if (size > 0) {
            int filled = (int) Math.min(BAR, BAR * done / size);
            line.append('[').append("#".repeat(filled)).append(" ".repeat(BAR - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%% ", 100 * done / size))
                    .append(bytes(done)).append(" / ").append(bytes(size));
        } else {
            line.append(file).append(' ').append(bytes(done));
        }
        line.append("  ").append(rate).append("   ");
        out.print(line);
        out.flush();
        barShown = true;
    }

    private void clearBar() {
        if (barShown) {
            out.print("\r" + " ".repeat(2 + BAR + 50) + "\r");
            barShown = false;
        }
    }

    /** {@code 1.5 MB}-style sizes (powers of 1000 as on the hub). */
    static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}

package io.rustyredis.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Draws the side-by-side ratios as a bar chart: one panel per persistence mode, one group of bars
 * per command, one bar per load, with lines at 1.0 (as fast as Redis) and 1.2 (the target at
 * {@code -P 16}). Plain AWT in headless mode: a chart is not worth a plotting dependency.
 */
final class RatioChart {
  private static final Color[] PALETTE = {
      new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};
  private static final int PANEL_HEIGHT = 360;
  private static final int LEFT = 60;
  private static final int TOP = 40;
  private static final int BAR = 12;
  private static final int GAP = 18;

  private RatioChart() {
  }

  static void write(final List<SideBySide.Row> rows, final Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    final Set<String> modes = new LinkedHashSet<>();
    final Set<String> loads = new LinkedHashSet<>();
    final Set<String> commands = new LinkedHashSet<>();
    double max = 1.5;
    for (final SideBySide.Row row : rows) {
      modes.add(row.mode());
      loads.add(row.load());
      commands.add(SideBySide.shortName(row.test()));
      max = Math.max(max, row.ratio());
    }
    final List<String> loadList = new ArrayList<>(loads);
    final List<String> commandList = new ArrayList<>(commands);
    final int groupWidth = loadList.size() * BAR + GAP;
    final int width = LEFT + commandList.size() * groupWidth + 40;
    final int legend = 20 * loadList.size() + 20;
    final int height = modes.size() * (PANEL_HEIGHT + TOP + 40) + legend;

    final BufferedImage image = new BufferedImage(Math.max(width, 600), height, BufferedImage.TYPE_INT_RGB);
    final Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), height);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));

    int y0 = 0;
    for (final String mode : modes) {
      final int base = y0 + TOP + PANEL_HEIGHT;
      g.setColor(Color.BLACK);
      g.drawString("rusty-redis ops/s / redis-server ops/s, persistence: " + mode, LEFT, y0 + 20);
      g.drawLine(LEFT, base, width - 20, base);
      for (final double mark : new double[] {0.5, 1.0, 1.2, 1.5, 2.0}) {
        if (mark > max) {
          continue;
        }
        final int y = base - (int) (mark / max * PANEL_HEIGHT);
        g.setColor(mark == 1.0 || mark == 1.2 ? Color.RED : Color.LIGHT_GRAY);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
        g.drawLine(LEFT, y, width - 20, y);
        g.setStroke(new BasicStroke());
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "%.1f", mark), LEFT - 30, y + 4);
      }
      for (final SideBySide.Row row : rows) {
        if (!row.mode().equals(mode)) {
          continue;
        }
        final int c = commandList.indexOf(SideBySide.shortName(row.test()));
        final int l = loadList.indexOf(row.load());
        final int x = LEFT + GAP / 2 + c * groupWidth + l * BAR;
        final int h = (int) (row.ratio() / max * PANEL_HEIGHT);
        g.setColor(PALETTE[l % PALETTE.length]);
        g.fillRect(x, base - h, BAR - 2, h);
      }
      g.setColor(Color.BLACK);
      for (int c = 0; c < commandList.size(); c++) {
        g.drawString(commandList.get(c), LEFT + GAP / 2 + c * groupWidth, base + 15);
      }
      y0 += PANEL_HEIGHT + TOP + 40;
    }
    for (int l = 0; l < loadList.size(); l++) {
      g.setColor(PALETTE[l % PALETTE.length]);
      g.fillRect(LEFT, y0 + 10 + l * 20, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(loadList.get(l), LEFT + 20, y0 + 21 + l * 20);
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }
}

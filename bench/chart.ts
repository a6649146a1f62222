/** One bar group of the chart: a scenario, with one value per series (`undefined`: no answer). */
export interface ChartGroup {
  label: string;
  values: (number | undefined)[];
}

export interface ChartInput {
  title: string;
  series: { name: string; color: string }[];
  groups: ChartGroup[];
  /** What a missing value means, drawn as a hatched bar up to `missingAtMs`. */
  missingLabel: string;
  missingAtMs: number;
  /** The y axis's label. Default: time to a complete answer (median). */
  axisLabel?: string;
}

const WIDTH = 880;
const PLOT = { left: 70, right: 20, top: 96, bottom: 64 };
const HEIGHT = 440;

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function formatTick(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

function formatValue(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return ms >= 10 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

/**
 * A grouped bar chart of milliseconds on a log scale (1 ms to 10 s), as a
 * standalone SVG: no fonts, scripts or external references, so it renders
 * the same on GitHub, in an editor and in a browser.
 */
export function barChartSvg({
  title,
  series,
  groups,
  missingLabel,
  missingAtMs,
  axisLabel = 'time to a complete answer (median, log scale)',
}: ChartInput): string {
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const [minLog, maxLog] = [0, 4]; // 1 ms … 10 s
  const y = (ms: number) => PLOT.top + plotHeight * (1 - (Math.log10(Math.max(1, ms)) - minLog) / (maxLog - minLog));
  const groupWidth = plotWidth / groups.length;
  const barWidth = Math.min(28, (groupWidth * 0.8) / series.length);
  const out: string[] = [];

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<title id="chart-title">${escapeXml(title)}</title>`,
    '<defs><pattern id="missing" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
      '<rect width="6" height="6" fill="#f6f8fa"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8c959f" stroke-width="2"/></pattern></defs>',
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15" font-weight="600" fill="#1f2328">${escapeXml(title)}</text>`,
  );

  // Legend under the title, wrapping to a second row when the names do not fit in one.
  let legendX = PLOT.left;
  let legendY = 40;
  for (const { name, color } of series) {
    const width = 24 + name.length * 6.6;
    if (legendX + width > WIDTH - PLOT.right) {
      legendX = PLOT.left;
      legendY += 20;
    }
    out.push(
      `<rect x="${legendX}" y="${legendY}" width="12" height="12" fill="${color}"/>`,
      `<text x="${legendX + 16}" y="${legendY + 10}" fill="#1f2328">${escapeXml(name)}</text>`,
    );
    legendX += width;
  }

  // Grid and axis labels, one line per decade.
  for (let decade = minLog; decade <= maxLog; decade++) {
    const ms = 10 ** decade;
    const lineY = y(ms).toFixed(1);
    out.push(
      `<line x1="${PLOT.left}" y1="${lineY}" x2="${WIDTH - PLOT.right}" y2="${lineY}" stroke="#d0d7de" stroke-width="1"/>`,
      `<text x="${PLOT.left - 8}" y="${Number(lineY) + 4}" text-anchor="end" fill="#59636e">${formatTick(ms)}</text>`,
    );
  }
  out.push(
    `<text transform="translate(16 ${PLOT.top + plotHeight / 2}) rotate(-90)" text-anchor="middle" fill="#59636e">${escapeXml(axisLabel)}</text>`,
  );

  groups.forEach((group, g) => {
    const groupLeft = PLOT.left + g * groupWidth + (groupWidth - barWidth * series.length) / 2;
    group.values.forEach((value, s) => {
      const x = groupLeft + s * barWidth;
      const top = y(value ?? missingAtMs);
      const fill = value === undefined ? 'url(#missing)' : series[s]!.color;
      const label = value === undefined ? missingLabel : formatValue(value);
      out.push(
        `<rect x="${(x + 1).toFixed(1)}" y="${top.toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${(PLOT.top + plotHeight - top).toFixed(1)}" fill="${fill}"><title>${escapeXml(`${series[s]!.name} · ${group.label.replace('\n', ' ')}: ${label}`)}</title></rect>`,
      );
      // Tall bars carry their label inside, from the axis up; short ones above their top.
      const bottom = PLOT.top + plotHeight;
      const inside = bottom - top > 70;
      const labelY = inside ? bottom - 6 : top - 4;
      const color = inside && value !== undefined ? '#ffffff' : '#1f2328';
      out.push(
        `<text transform="translate(${(x + barWidth / 2 + 4).toFixed(1)} ${labelY.toFixed(1)}) rotate(-90)" font-size="10" fill="${color}">${escapeXml(label)}</text>`,
      );
    });
    const centerX = PLOT.left + g * groupWidth + groupWidth / 2;
    group.label.split('\n').forEach((line, i) => {
      out.push(
        `<text x="${centerX.toFixed(1)}" y="${HEIGHT - PLOT.bottom + 18 + i * 14}" text-anchor="middle" fill="#1f2328">${escapeXml(line)}</text>`,
      );
    });
  });
  out.push(
    `<line x1="${PLOT.left}" y1="${PLOT.top + plotHeight}" x2="${WIDTH - PLOT.right}" y2="${PLOT.top + plotHeight}" stroke="#59636e"/>`,
    '</svg>',
  );
  return `${out.join('\n')}\n`;
}

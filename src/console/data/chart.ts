import type { ChartPoint } from './deliveries.js';

/** A bar of the chart, in SVG user units: where it stands and how tall each part is. */
interface ChartBar { x: number; width: number; delivered: { y: number; height: number }; failed: { y: number; height: number }; point: ChartPoint }
interface ChartLayout { width: number; height: number; max: number; bars: ChartBar[]; ticks: { y: number; value: number }[] }

const WIDTH = 600;
const HEIGHT = 200;
const AXIS = 24;
/** Room above the tallest bar for its tick's label. */
const TOP = 12;

/**
 * The geometry of a stacked bar chart (delivered below, failed above), scaled to the tallest
 * period: numbers only, so the page writes the SVG by hand and a test can check the scale.
 */
export function chartLayout(points: readonly ChartPoint[]): ChartLayout {
  const max = Math.max(1, ...points.map((p) => p.delivered + p.failed));
  const plot = HEIGHT - AXIS;
  const room = plot - TOP;
  const step = (WIDTH - AXIS) / Math.max(points.length, 1);
  const scale = (n: number) => (n / max) * room;
  const bars = points.map((point, i) => {
    const deliveredHeight = scale(point.delivered);
    const failedHeight = scale(point.failed);
    return {
      x: AXIS + i * step + step * 0.15, width: step * 0.7, point,
      delivered: { y: plot - deliveredHeight, height: deliveredHeight },
      failed: { y: plot - deliveredHeight - failedHeight, height: failedHeight },
    };
  });
  const ticks = [0, Math.ceil(max / 2), max].filter((v, i, all) => all.indexOf(v) === i).map((value) => ({ y: plot - scale(value), value }));
  return { width: WIDTH, height: HEIGHT, max, bars, ticks };
}

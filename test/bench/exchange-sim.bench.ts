/** The built-in Exchange: how long generating an org and drawing a photo take. */
import type { BenchFigure } from './figure';
import { generateOrg } from '../../main/exchange-sim/org/generate';
import { clearPhotoCache, renderPhoto } from '../../main/exchange-sim/org/photo';

const time = async (fn: () => unknown): Promise<number> => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

export default async function bench(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const epoch = '2026-11-25T00:00:00Z';
  generateOrg({ seed: 1, size: 50, epoch }); // warm the Intl formatters
  for (const size of [1_000, 10_000]) {
    const ms = await time(() => generateOrg({ seed: 20131, size, epoch }));
    figures.push({
      name: `generate org, ${size.toLocaleString('en')} people`,
      value: Math.round(ms),
      unit: 'ms',
      goal: '< 30,000 ms',
    });
  }
  const person = { id: 'bench', smtp: 'alice@contoso.test' };
  clearPhotoCache();
  await renderPhoto({ format: 'jpeg', width: 96, height: 96, seed: 0, version: 1 }, person); // load sharp
  const samples: number[] = [];
  for (let i = 1; i <= 10; i++) {
    samples.push(
      await time(() => renderPhoto({ format: 'jpeg', width: 648, height: 648, seed: i, version: 1 }, person)),
    );
  }
  samples.sort((a, b) => a - b);
  figures.push({
    name: 'render photo 648×648 JPEG, median of 10 (uncached)',
    value: samples[5] ?? 0,
    unit: 'ms',
    goal: '< 100 ms',
  });
  const cached = await time(() =>
    renderPhoto({ format: 'jpeg', width: 648, height: 648, seed: 1, version: 1 }, person),
  );
  figures.push({ name: 'render photo, cached', value: cached, unit: 'ms' });
  const png = await time(() =>
    renderPhoto({ format: 'png', width: 648, height: 480, seed: 3, version: 1 }, person),
  );
  figures.push({ name: 'render photo 648×480 PNG (uncached)', value: png, unit: 'ms' });
  return figures;
}

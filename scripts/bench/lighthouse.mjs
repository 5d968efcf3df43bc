// Lighthouse (mobile preset: the default config) on the demo's script-tag page, in the machine's
// Chromium, from the scratch directory where lighthouse and chrome-launcher were installed.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bounded } from './stats.mjs';

export async function measureLighthouse({ scratch, chromePath, url, runs }) {
  const requireFromScratch = createRequire(join(scratch, 'package.json'));
  const lighthouse = (await import(pathToFileURL(join(scratch, 'node_modules', 'lighthouse', 'core', 'index.js')).href)).default;
  const chromeLauncher = await import(pathToFileURL(requireFromScratch.resolve('chrome-launcher')).href);
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    logLevel: 'silent',
  });
  const results = [];
  try {
    for (let index = 0; index < runs; index++) {
      const { lhr } = await bounded(
        lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'] }),
        120_000,
        'lighthouse',
      );
      const failing = (category) =>
        lhr.categories[category].auditRefs
          .map((ref) => lhr.audits[ref.id])
          .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'manual')
          .map((audit) => audit.id);
      results.push({
        version: lhr.lighthouseVersion,
        formFactor: lhr.configSettings.formFactor,
        performance: lhr.categories.performance.score * 100,
        accessibility: lhr.categories.accessibility.score * 100,
        bestPractices: lhr.categories['best-practices'].score * 100,
        cls: lhr.audits['cumulative-layout-shift'].numericValue,
        lcp: lhr.audits['largest-contentful-paint'].numericValue,
        tbt: lhr.audits['total-blocking-time'].numericValue,
        failing: { accessibility: failing('accessibility'), bestPractices: failing('best-practices') },
        runtimeError: lhr.runtimeError?.message,
      });
    }
  } finally {
    chrome.kill();
  }
  return results;
}

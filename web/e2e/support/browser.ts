/**
 * Headless Chromium from Debian's package, driven by playwright-core (no browser downloads). On CI
 * (CI=true) a missing Chromium fails the run; elsewhere the suite is skipped with a loud notice.
 */
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const chromiumPath = process.env.STOCKROOM_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumAvailable = (): boolean => {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI) throw new Error(`CI needs Chromium at ${chromiumPath} (apt-get install -y chromium): the browser suite cannot run.`);
  console.warn(`\n\n*** Chromium is not at ${chromiumPath}: the browser (e2e) suite is SKIPPED. apt-get install -y chromium ***\n\n`);
  return false;
};

export const viewports = { phone: { width: 360, height: 640 }, desk: { width: 1440, height: 900 } } as const;
export type ViewportName = keyof typeof viewports;

export interface Browser {
  context: BrowserContext;
  page(viewport: ViewportName): Promise<Page>;
  close(): Promise<void>;
}

export const launch = async (): Promise<Browser> => {
  const profile = mkdtempSync(join(tmpdir(), 'stockroom-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // A synthetic camera, and camera permission granted without a prompt: for scanning with the camera.
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
    viewport: viewports.desk,
  });
  return {
    context,
    async page(viewport) {
      const page = await context.newPage();
      await page.setViewportSize(viewports[viewport]);
      page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

export const screenshotDir = join(process.cwd(), 'test-results', 'screenshots');

/** Saves a screenshot of the whole page under test-results/screenshots/<name>-<viewport>.png. */
export const screenshot = async (page: Page, name: string, viewport: ViewportName) => {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}-${viewport}.png`), fullPage: true });
};

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's serious and critical violations on the page (evaluated past the page's CSP). */
export const seriousViolations = async (page: Page): Promise<AxeViolation[]> => {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
};

/** The page's width beyond the viewport (0 when nothing scrolls sideways). */
export const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

import { copyFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { buildPreview } from '../scripts/preview/buildPreview.ts';
import { startPreviewServer } from '../scripts/preview/server.ts';

const outDir = '/tmp/ks/probe-out';
const built = await buildPreview({ nodeEnv: (process.env.PROBE_ENV as 'production') ?? 'development', outDir, entry: new URL('./probe.ts', import.meta.url).pathname });
copyFileSync(new URL('./index.html', import.meta.url).pathname, `${outDir}/index.html`);
console.log(`built in ${Math.round(built.milliseconds)} ms`);
const server = await startPreviewServer({ port: 0, buildDir: outDir });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const consoleErrors: string[] = [];
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text()); });
page.on('pageerror', (e) => consoleErrors.push(String(e)));
try {
  // big grid
  await page.goto(`${server.url}?a=big`);
  await page.locator('td[role="gridcell"]').nth(999).waitFor({ timeout: 20000 });
  const mountMs = (await page.evaluate('performance.now() - window.probeStarted')) as number;
  console.log('40x25 cells:', await page.locator('td[role="gridcell"]').count(), `first render ${Math.round(mountMs)} ms after mount`);
  const times = (await page.evaluate(`(async () => {
    const host = document.querySelector('c-whitespace-grid');
    const root = host.shadowRoot;
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const result = [];
    for (let i = 0; i < 10; i++) {
      const cell = root.querySelector('td[tabindex="0"]');
      const t = performance.now();
      cell.dispatchEvent(new KeyboardEvent('keydown', { key: i % 2 ? 'ArrowDown' : 'ArrowRight', bubbles: true, composed: true }));
      await frame();
      result.push(performance.now() - t);
    }
    return result;
  })()`)) as number[];
  console.log('arrow key to next frame (ms):', times.map((t) => t.toFixed(1)).join(', '));
  const active = await page.evaluate(`document.querySelector('c-whitespace-grid').shadowRoot.activeElement?.getAttribute('aria-label')`);
  console.log('focused cell:', active);
  // filter: uncheck "Owned" via the real checkbox group
  const t0 = Date.now();
  await page.getByText('Owned', { exact: true }).first().click();
  await page.waitForTimeout(50);
  console.log('filter uncheck round trip incl. playwright ms:', Date.now() - t0, 'identified:', await page.locator('[data-id="total-identified"]').innerText());
  // real keyboard: Enter on focused cell opens the editor
  await page.locator('td[tabindex="0"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.locator('[data-id="dialog"]').waitFor();
  console.log('dialog title:', await page.locator('.slds-modal__title').innerText());
  await page.getByLabel('Probability (%)').fill('150');
  await page.locator('[data-id="save-cell"]').click();
  console.log('probability error:', await page.locator('[data-error="probability"]').innerText());
  await page.screenshot({ path: '/tmp/ks/grid-dialog.png' });
  await page.keyboard.press('Escape');
  await page.screenshot({ path: '/tmp/ks/grid-big.png' });

  // small grid: edit a cell and save through the adapter
  await page.goto(`${server.url}?a=001000000000002AAA`);
  await page.locator('td[role="gridcell"]').first().waitFor();
  await page.locator('td[role="gridcell"]').first().click();
  await page.getByLabel('Estimated value').fill('777000');
  await page.locator('[data-id="save-cell"]').click();
  await page.locator('[data-id="dialog"]').waitFor({ state: 'detached' });
  console.log('after save, first cell:', (await page.locator('td[role="gridcell"]').first().innerText()).replace(/\s+/g, ' '));
  await page.locator('td[role="gridcell"]').first().click();
  await page.locator('[data-id="start-opportunity"]').click().catch(() => console.log('no create-opportunity button on that cell'));
  if (await page.locator('[data-id="create-opportunity"]').count()) {
    await page.locator('[data-id="create-opportunity"]').click();
    await page.waitForTimeout(300);
    console.log('toasts:', await page.locator('#toasts').innerText());
  }
  await page.screenshot({ path: '/tmp/ks/grid-small.png', fullPage: true });

  // plan editor
  await page.goto(`${server.url}?c=plan&a=001000000000002AAA`);
  await page.locator('[data-id="completeness"]').waitFor();
  console.log('plan:', await page.locator('[data-id="title"]').innerText(), '|', await page.locator('[data-id="completeness"]').innerText(), '|', await page.locator('[data-id="freshness"]').innerText());
  await page.getByLabel('Financial context').fill('Typed in the browser');
  await page.getByLabel('Period start').fill('2026-01-01');
  await page.getByLabel('Period end').fill('2026-12-31');
  await page.locator('[data-id="save-plan"]').click();
  await page.waitForTimeout(300);
  console.log('after save:', await page.locator('[data-id="dirty"]').innerText(), '|', await page.locator('[data-id="completeness"]').innerText());
  await page.locator('[data-id="mark-reviewed"]').click();
  await page.waitForTimeout(300);
  console.log('after review:', await page.locator('[data-id="freshness"]').innerText(), '|', await page.locator('[data-id="review"]').innerText());
  await page.getByLabel('Revenue target').fill('-3');
  await page.locator('[data-id="save-plan"]').click();
  console.log('bad target:', await page.locator('[data-error="revenueTarget"]').innerText(), '| kept:', await page.getByLabel('Revenue target').inputValue());
  await page.screenshot({ path: '/tmp/ks/plan.png', fullPage: true });
} catch (e) {
  console.log('PROBE FAILED', e);
  await page.screenshot({ path: '/tmp/ks/failed.png', fullPage: true });
} finally {
  console.log('console errors/warnings:', consoleErrors.slice(0, 15));
  await browser.close();
  await server.close();
}

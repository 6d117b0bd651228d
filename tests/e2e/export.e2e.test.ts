import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClaimReviewPack } from '../../lib/claims/claimreview';
import { buildBundleFromDir } from '../../lib/node/bundle';
import { type Harness, launchExtension, repoRoot } from './harness';

// The options page's "Export the claim index" in real Chromium: the file the browser downloads is the
// bundled index as ClaimReview JSON-LD (the file `cli export` writes), and importing it back through the
// same page yields the same claims, texts and verdicts. Nothing is uploaded: the harness fails the suite
// on any request beyond the fixture server.

describe('exporting the claim index from the options page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launchExtension();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('downloads the bundled index as ClaimReview, which imports back as the same claims', async () => {
    const bundled = buildBundleFromDir(join(repoRoot, 'seeds')).index.claims;
    const options = await h.openOptions();
    await options.getByRole('heading', { name: 'Claimlight settings' }).waitFor();
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Export the claim index' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('claimlight-index.claimreview.json');
    const file = (await download.path()) as string;
    const text = readFileSync(file, 'utf8');
    const back = parseClaimReviewPack(JSON.parse(text), 'back');
    expect(back.claims.map((c) => [c.id, c.text, c.verdict])).toEqual(
      bundled.map((c) => [c.id, c.text, c.verdict]),
    );
    await options.getByText('Saved claimlight-index.claimreview.json.').waitFor();

    // And through the product: the page imports the file it exported, every claim counted.
    await options.getByLabel('Import a ClaimReview file').setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/ld+json',
      buffer: Buffer.from(text),
    });
    await options
      .getByText(new RegExp(`^Imported claimlight-index\\.claimreview\\.json: ${bundled.length} claims\\b`))
      .waitFor({ timeout: 15_000 });
    h.assertNoErrors();
  });
});

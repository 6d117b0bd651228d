import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMatcherWithPacks } from '../../lib/cli/io';
import { CLEF_DIR, hasClef, loadClefClaims, loadClefSplit } from '../bench/clef';
import { type Harness, launchExtension, repoRoot } from './harness';

// The real CLEF 2020 pack (10,389 fact-checked claims) imported through the options page, then searched
// from the popup with real tweets: the first result is the tweet's fact-check, not a seed claim, and the
// popup ranks as the CLI does (one index over the bundle and the pack in both).

const packFile = path.join(CLEF_DIR, 'verified-claims.claimreview.json');
const skip = !hasClef();
if (skip) console.warn(`[skip] CLEF pack test: the CLEF data is absent (${CLEF_DIR})`);

describe.skipIf(skip)('the CLEF pack in the extension', () => {
  let h: Harness;
  // Dev tweets (never fitting data) whose first CLI hit is their fact-check: the popup must agree.
  let tweets: { text: string; claim: string }[] = [];
  beforeAll(async () => {
    const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
    const cli = loadMatcherWithPacks([packFile], path.join(repoRoot, 'seeds'), quiet);
    const byId = new Map(loadClefClaims().map((c) => [c.id, c.text]));
    tweets = loadClefSplit('dev')
      .filter((q) => q.text.length > 60 && q.text.length < 250)
      .flatMap((q) => {
        const first = cli.search(q.text, 1)[0]?.claim.id;
        return first && q.relevant.has(first) ? [{ text: q.text, claim: byId.get(first) as string }] : [];
      })
      .slice(0, 3);
    h = await launchExtension();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('imports the pack; the popup’s first result for a CLEF tweet is its fact-check', async () => {
    expect(tweets).toHaveLength(3);
    const options = await h.openOptions();
    await options.getByRole('heading', { name: 'Claimlight settings' }).waitFor();
    await options.getByLabel('Import a ClaimReview file').setInputFiles(packFile);
    await options
      .getByText(/Imported verified-claims\.claimreview\.json: 10,?389 claims/)
      .waitFor({ timeout: 60_000 });

    const popup = await h.openPopup();
    const box = popup.getByRole('searchbox', { name: 'Search claims' });
    const first = popup.getByRole('list', { name: 'Search results' }).getByRole('listitem').first();
    for (const t of tweets) {
      await box.fill(t.text);
      await expect.poll(() => first.textContent(), { timeout: 15_000 }).toContain(t.claim);
    }
    // A local-news sentence states none of these fact-checks nor a seed claim.
    await box.fill('The ferry timetable changes on Monday, with an extra sailing on Fridays in summer.');
    await popup.getByText('No claims found.').waitFor({ timeout: 10_000 });
    h.assertNoErrors();
  });
});

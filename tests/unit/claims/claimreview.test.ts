import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PackError, parseClaimReviewPack } from '../../../lib/claims/claimreview';

const review = (over: Record<string, unknown> = {}) => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  identifier: 'cr-1',
  url: 'https://factcheck.example/reviews/1',
  claimReviewed: 'Six North Korean officers were killed in a missile strike near Donetsk.',
  name: 'Were six North Korean officers killed near Donetsk?',
  datePublished: '2024-10-05T10:00:00Z',
  author: { '@type': 'Organization', name: 'Example Checks' },
  reviewRating: { '@type': 'Rating', alternateName: 'Unproven' },
  ...over,
});

describe('parseClaimReviewPack', () => {
  it('reads a bare array of ClaimReview objects', () => {
    const { claims, skipped } = parseClaimReviewPack([review(), review({ identifier: 'cr-2' })], 'pack-a');
    expect(skipped).toBe(0);
    expect(claims.map((c) => c.id)).toEqual(['cr-1', 'cr-2']);
    const c = claims[0];
    expect(c).toMatchObject({
      text: 'Six North Korean officers were killed in a missile strike near Donetsk.',
      verdict: null,
      rating: 'Unproven',
      origin: 'pack-a',
      title: 'Were six North Korean officers killed near Donetsk?',
    });
    expect(c?.sources).toEqual([
      {
        seed: 'pack-a',
        outlet: 'Example Checks',
        date: '2024-10-05',
        quote: 'Were six North Korean officers killed near Donetsk?',
        stance: 'conflicts',
        url: 'https://factcheck.example/reviews/1',
      },
    ]);
  });

  it('reads a JSON-LD @graph, skipping and counting non-ClaimReview nodes', () => {
    const doc = { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', name: 'x' }, review()] };
    const out = parseClaimReviewPack(doc, 'g');
    expect(out.claims).toHaveLength(1);
    expect(out.skipped).toBe(1);
    expect(out.skippedReasons[0]).toMatch(/item 0: not a ClaimReview \(@type WebPage\)/);
  });

  it('reads a DataFeed of DataFeedItems and of bare ClaimReviews', () => {
    const feed = {
      '@context': 'https://schema.org',
      '@type': 'DataFeed',
      dataFeedElement: [
        { '@type': 'DataFeedItem', item: [review({ identifier: 'a' })] },
        { '@type': 'DataFeedItem', item: review({ identifier: 'b' }) },
        review({ identifier: 'c' }),
      ],
    };
    expect(parseClaimReviewPack(feed, 'f').claims.map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('uses the url as id when there is no identifier, and maps ratings to a source stance', () => {
    const { claims } = parseClaimReviewPack(
      [
        review({ identifier: undefined, reviewRating: { alternateName: 'False' } }),
        review({ identifier: 7, url: undefined, reviewRating: { alternateName: 'True' } }),
        review({ identifier: 8, reviewRating: { ratingValue: 1, worstRating: 1, bestRating: 5 } }),
      ],
      'p',
    );
    expect(claims.map((c) => [c.id, c.sources[0]?.stance, c.rating])).toEqual([
      ['https://factcheck.example/reviews/1', 'conflicts', 'False'],
      ['7', 'supports', 'True'],
      ['8', 'conflicts', '1/5'],
    ]);
  });

  it('skips and counts bad items with reasons', () => {
    const out = parseClaimReviewPack(
      [
        review(),
        review(),
        review({ identifier: 'x', claimReviewed: '  ' }),
        42,
        review({ identifier: undefined, url: 'not a url' }),
      ],
      'p',
    );
    expect(out.claims).toHaveLength(1);
    expect(out.skipped).toBe(4);
    expect(out.skippedReasons).toEqual([
      'item 1: duplicate id "cr-1"',
      'item 2: no claimReviewed text',
      'item 3: not an object (number)',
      'item 4: no identifier or url',
    ]);
  });

  it('rejects packs that are not ClaimReview packs, saying why', () => {
    expect(() => parseClaimReviewPack('hello', 'p')).toThrow(PackError);
    expect(() => parseClaimReviewPack({ foo: 1 }, 'p')).toThrow(/not a ClaimReview pack/);
    expect(() => parseClaimReviewPack({ '@type': 'DataFeed', dataFeedElement: 3 }, 'p')).toThrow(
      /dataFeedElement/,
    );
    expect(() => parseClaimReviewPack([], 'p')).toThrow(/no usable ClaimReview items/);
    expect(() => parseClaimReviewPack([{ '@type': 'Claim' }], 'p')).toThrow(/first problem: item 0/);
  });

  const clef = path.resolve(
    __dirname,
    '../../../../shared/corpora/clef2020/verified-claims.claimreview.json',
  );
  it.skipIf(!existsSync(clef))(
    'imports the CLEF 2020 pack of 10,389 claims (skipped: /work/shared absent)',
    () => {
      const out = parseClaimReviewPack(JSON.parse(readFileSync(clef, 'utf8')), 'clef2020');
      expect(out.claims).toHaveLength(10389);
      expect(out.skipped).toBe(0);
      expect(new Set(out.claims.map((c) => c.id)).size).toBe(10389);
    },
  );
});

import { describe, expect, it } from 'vitest';
import { assertedContent, splitAttribution } from '../../../lib/text/attribution';

describe('splitAttribution', () => {
  it.each([
    [
      'Ukrainian President also indicated that Russia plans to train 10,000 North Korean soldiers.',
      'Ukrainian President also indicated',
      'Russia plans to train 10,000 North Korean soldiers.',
    ],
    [
      'Zelensky said in his nightly address on Sunday that North Korea was transferring people as well as weapons.',
      'Zelensky said in his nightly address on Sunday',
      'North Korea was transferring people as well as weapons.',
    ],
    [
      'The Guardian reported on Oct. 10, citing an unnamed source in Ukraine, that there are dozens of North Koreans behind Russian lines.',
      'The Guardian reported on Oct. 10, citing an unnamed source in Ukraine',
      'there are dozens of North Koreans behind Russian lines.',
    ],
    [
      'North Korean officers are already present in the occupied territories, Zelenskyy stated during a briefing in Brussels on October 17.',
      'Zelenskyy stated during a briefing in Brussels on October 17',
      'North Korean officers are already present in the occupied territories.',
    ],
    [
      'The soldiers arrived in the Russian-held part of Ukraine, Interfax-Ukraine reported on Oct. 4, citing a military intelligence source.',
      'Interfax-Ukraine reported on Oct. 4, citing a military intelligence source',
      'The soldiers arrived in the Russian-held part of Ukraine.',
    ],
    [
      'According to him, the military from the DPRK will be in Russian uniforms.',
      'According to him',
      'the military from the DPRK will be in Russian uniforms.',
    ],
    [
      'Kyiv Post reported on a Ukrainian missile strike on Oct. 3 in which six North Korean officers were killed.',
      'Kyiv Post reported on',
      'a Ukrainian missile strike on Oct. 3 in which six North Korean officers were killed.',
    ],
    [
      '“I have discussed this with several leaders and it is official,” the President added.',
      'the President added',
      '“I have discussed this with several leaders and it is official.',
    ],
    [
      'And I know that Russia plans to train 10,000 soldiers, said Zelensky.',
      'I know … said Zelensky',
      'Russia plans to train 10,000 soldiers.',
    ],
  ])('%s', (text, attribution, proposition) => {
    expect(splitAttribution(text)).toEqual({ attribution, proposition });
  });

  it('leaves a sentence that names no source whole', () => {
    const text = 'The two countries signed a mutual defense pact during Putin’s visit to Pyongyang.';
    expect(splitAttribution(text)).toEqual({ attribution: null, proposition: text });
  });

  it('does not take an object for a frame: "said the area was used" asserts the area', () => {
    const text = 'It said the area was being used for intensive artillery live firing training.';
    expect(splitAttribution(text).attribution).toBeNull();
    // "… sources have indicated the presence of …" is the assertion itself, not a trailing frame.
    const t2 =
      'As reported by Ukrinform, intelligence sources have indicated the presence of North Korean citizens.';
    expect(splitAttribution(t2)).toEqual({
      attribution: 'As reported by Ukrinform',
      proposition: 'intelligence sources have indicated the presence of North Korean citizens.',
    });
  });

  it('keeps the frame when too little would remain', () => {
    expect(splitAttribution('He said that it is true.').attribution).toBeNull();
  });

  it('gives the index what a statement asserts', () => {
    expect(
      assertedContent('The report said that North Korean instructors set up the training grounds.'),
    ).toBe('North Korean instructors set up the training grounds.');
  });
});

/** The geometry of the full-size diagram viewer (src/site/diagram-viewer.ts); the browser side is in tests/e2e. */
import { describe, expect, test } from 'vitest';
import { clampScale, MAX_SCALE, MIN_SCALE, openingScale, scrollAfterZoom } from '../../src/site/diagram-viewer.ts';

describe('openingScale: natural size or fitted to the stage, whichever is larger', () => {
  test('a small diagram is enlarged until it fills the stage in one direction', () => {
    expect(openingScale({ width: 552, height: 152 }, { width: 1200, height: 800 })).toBeCloseTo(1200 / 552);
    expect(openingScale({ width: 200, height: 400 }, { width: 1200, height: 800 })).toBeCloseTo(2);
  });

  test('a diagram larger than the stage opens at its natural size (pan to see the rest)', () => {
    expect(openingScale({ width: 2160, height: 900 }, { width: 1200, height: 800 })).toBe(1);
  });

  test('never beyond the zoom limit, and 1 for a diagram without a size', () => {
    expect(openingScale({ width: 10, height: 10 }, { width: 1200, height: 800 })).toBe(MAX_SCALE);
    expect(openingScale({ width: 0, height: 0 }, { width: 1200, height: 800 })).toBe(1);
  });
});

test('clampScale keeps zoom between its limits', () => {
  expect(clampScale(100)).toBe(MAX_SCALE);
  expect(clampScale(0.01)).toBe(MIN_SCALE);
  expect(clampScale(1.5)).toBe(1.5);
});

describe('scrollAfterZoom keeps the point under the pointer in place', () => {
  test('zooming in 2× at (100, 50) from the top-left corner', () => {
    expect(scrollAfterZoom({ x: 0, y: 0 }, { x: 100, y: 50 }, 1, 2)).toEqual({ x: 100, y: 50 });
  });

  test('the diagram point under the anchor is the same before and after', () => {
    const scroll = { x: 300, y: 120 };
    const anchor = { x: 400, y: 250 };
    const after = scrollAfterZoom(scroll, anchor, 1.5, 2.4);
    expect((after.x + anchor.x) / 2.4).toBeCloseTo((scroll.x + anchor.x) / 1.5);
    expect((after.y + anchor.y) / 2.4).toBeCloseTo((scroll.y + anchor.y) / 1.5);
  });
});

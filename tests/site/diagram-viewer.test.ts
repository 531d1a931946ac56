/** The geometry of the full-size diagram viewer (src/site/diagram-viewer.ts); the browser side is in tests/e2e. */
import { describe, expect, test } from 'vitest';
import { clampScale, MAX_SCALE, MIN_SCALE, openingScale, scrollAfterZoom } from '../../src/site/diagram-viewer.ts';

describe('openingScale: fitted to the stage, never enlarged beyond the natural size', () => {
  test('a diagram larger than the stage is scaled down until all of it shows', () => {
    expect(openingScale({ width: 2160, height: 900 }, { width: 1200, height: 800 })).toBeCloseTo(1200 / 2160);
    expect(openingScale({ width: 900, height: 1600 }, { width: 1200, height: 800 })).toBeCloseTo(0.5);
  });

  test('a phone fits a wide diagram even below the zoom buttons\' lower limit', () => {
    expect(openingScale({ width: 2400, height: 500 }, { width: 340, height: 600 })).toBeCloseTo(340 / 2400);
  });

  test('a diagram smaller than the stage opens at its natural size', () => {
    expect(openingScale({ width: 552, height: 152 }, { width: 1200, height: 800 })).toBe(1);
  });

  test('1 for a diagram or a stage without a size', () => {
    expect(openingScale({ width: 0, height: 0 }, { width: 1200, height: 800 })).toBe(1);
    expect(openingScale({ width: 552, height: 152 }, { width: 0, height: 0 })).toBe(1);
  });
});

test('clampScale keeps zoom between its limits', () => {
  expect(clampScale(100)).toBe(MAX_SCALE);
  expect(clampScale(0.01)).toBe(MIN_SCALE);
  expect(clampScale(1.5)).toBe(1.5);
});

test('clampScale lowers its floor to a fitted scale under MIN_SCALE, so Fit and − reach it', () => {
  expect(clampScale(0.1, 0.14)).toBe(0.14);
  expect(clampScale(0.01, 0.14)).toBe(0.14);
  expect(clampScale(0.2, 0.14)).toBe(0.2);
  // A fitted scale above MIN_SCALE leaves the floor where it is.
  expect(clampScale(0.2, 0.5)).toBe(MIN_SCALE);
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

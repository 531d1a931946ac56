/**
 * "Open full size" for the diagrams on a page: a small browser script (loaded once per page by
 * components/MarkdownContent.astro) that gives every `figure.book-diagram` a real button and shows the
 * diagram in a native modal <dialog>, fitted to it: all of the diagram shows, scaled down when it is larger
 * than the window and never enlarged beyond its natural size (+, or 1:1, to read the labels of a wide one).
 *
 *   enhanceDiagrams(document);
 *   // every <figure class="book-diagram"> gains
 *   //   <button type="button" class="book-diagram__open" aria-label="Open full size: A Service in front of…">
 *   // and the page one <dialog class="diagram-viewer"> with − / 100 % / + / 1:1 / Fit / close and a scrolling stage.
 *
 * Without JavaScript nothing is added, so the figure stays exactly as it was (and print never sees the
 * button: the CSS hides it). The figure's two theme variants are *moved* into the dialog while it is open
 * and put back on close: the SVGs keep their ids (their <style> is scoped by id, their arrowheads are
 * referenced by id), nothing is duplicated, and diagrams.css keeps choosing the variant for the reader's
 * theme inside the dialog too. The button's icon is drawn in CSS, so the figure holds no SVG but the diagram's.
 *
 * Zoom: the + and − buttons (and the + / − keys), 1:1 for the natural size (key 1), Fit for the opening view
 * (key 0), Ctrl/⌘ + wheel (also a trackpad pinch) and a two-finger pinch. Pan: scroll, or drag with the
 * mouse or one finger. Close: Esc, the close button, or a click outside the dialog; focus then returns to
 * the figure's button.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Zoom limits, relative to the diagram's natural size. */
export const MIN_SCALE = 0.25;
export const MAX_SCALE = 8;
/** One step of the + and − buttons. */
export const ZOOM_STEP = 1.25;

/**
 * `scale` kept between the zoom limits. `fitted` (the scale at which the whole diagram shows) lowers the
 * floor when it is under MIN_SCALE: a very wide diagram on a phone must still fit, and − must not jump
 * above the view Fit gives.
 *
 *   clampScale(0.1)        // → 0.25
 *   clampScale(0.1, 0.14)  // → 0.14
 */
export function clampScale(scale: number, fitted: number = MIN_SCALE): number {
  return Math.min(MAX_SCALE, Math.max(Math.min(MIN_SCALE, fitted), scale));
}

/**
 * The scale a diagram opens at (and Fit returns to): the whole diagram inside the stage, scaled down when it
 * is larger, never above 1 — enlarging a small diagram only makes its labels huge, and the reader who
 * wants that has +.
 *
 *   openingScale({ width: 2160, height: 900 }, { width: 1200, height: 800 }) // → 0.55…
 *   openingScale({ width: 552, height: 152 }, { width: 1200, height: 800 })  // → 1
 */
export function openingScale(natural: Size, stage: Size): number {
  if (natural.width <= 0 || natural.height <= 0 || stage.width <= 0 || stage.height <= 0) return 1;
  return Math.min(1, stage.width / natural.width, stage.height / natural.height);
}

/**
 * Where to scroll after a zoom so the diagram point under `anchor` (stage coordinates) stays under it.
 *
 *   scrollAfterZoom({ x: 0, y: 0 }, { x: 100, y: 50 }, 1, 2)  // → { x: 100, y: 50 }
 */
export function scrollAfterZoom(scroll: Point, anchor: Point, from: number, to: number): Point {
  const ratio = to / from;
  return { x: (scroll.x + anchor.x) * ratio - anchor.x, y: (scroll.y + anchor.y) * ratio - anchor.y };
}

/** The natural size of a rendered diagram: its width/height attributes, else its viewBox. */
export function naturalSize(svg: SVGSVGElement): Size {
  const attribute = (name: string) => Number.parseFloat(svg.getAttribute(name) ?? '');
  const width = attribute('width');
  const height = attribute('height');
  if (width > 0 && height > 0 && !/%/.test(svg.getAttribute('width') ?? '')) return { width, height };
  const box = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  if (box.length === 4 && (box[2] ?? 0) > 0 && (box[3] ?? 0) > 0) return { width: box[2]!, height: box[3]! };
  const rect = svg.getBoundingClientRect();
  return { width: rect.width || 300, height: rect.height || 150 };
}

/** The name the figure's button and the dialog get: the caption, else the diagram's alt text. */
function figureName(figure: HTMLElement): string {
  const caption = figure.querySelector('figcaption')?.textContent?.trim();
  const alt = figure.querySelector('.book-diagram__svg svg')?.getAttribute('aria-label')?.trim();
  if (caption && alt && !caption.includes(alt)) return `${caption}: ${alt}`;
  return caption || alt || 'Diagram';
}

function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, props: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  for (const [key, value] of Object.entries(props)) el.setAttribute(key, value);
  if (text !== undefined) el.textContent = text;
  return el;
}

class DiagramViewer {
  readonly dialog: HTMLDialogElement;
  private readonly title: HTMLElement;
  private readonly stage: HTMLElement;
  private readonly level: HTMLOutputElement;
  private figure: HTMLElement | undefined;
  private trigger: HTMLButtonElement | undefined;
  private moved: HTMLElement[] = [];
  private natural: Size = { width: 1, height: 1 };
  private scale = 1;
  private readonly pointers = new Map<number, Point>();
  private pinch: { distance: number; scale: number } | undefined;
  private pressedOutside = false;

  constructor(doc: Document) {
    this.dialog = element(doc, 'dialog', { class: 'diagram-viewer', 'aria-labelledby': 'diagram-viewer-title' });
    const bar = element(doc, 'div', { class: 'diagram-viewer__bar' });
    this.title = element(doc, 'p', { class: 'diagram-viewer__title', id: 'diagram-viewer-title' });
    const zoomOut = element(doc, 'button', { type: 'button', 'data-zoom': 'out', 'aria-label': 'Zoom out', title: 'Zoom out (−)' }, '−');
    this.level = element(doc, 'output', { class: 'diagram-viewer__level', 'aria-live': 'polite' });
    const zoomIn = element(doc, 'button', { type: 'button', 'data-zoom': 'in', 'aria-label': 'Zoom in', title: 'Zoom in (+)' }, '+');
    // Named by its text plus a hidden word, not by aria-label: the name must contain what is shown ("1:1").
    const actual = element(doc, 'button', { type: 'button', 'data-zoom': 'actual', title: 'Natural size, 100 % (1)' }, '1:1');
    actual.append(element(doc, 'span', { class: 'sr-only' }, ' actual size'));
    // The dialog opens fitted, so Fit is also the way back to where it started; it needs no separate Reset.
    const fit = element(doc, 'button', { type: 'button', 'data-zoom': 'fit', 'aria-label': 'Fit to window', title: 'Show the whole diagram (0)' }, 'Fit');
    const close = element(doc, 'button', { type: 'button', class: 'diagram-viewer__close', 'aria-label': 'Close', title: 'Close (Esc)' }, '×');
    bar.append(this.title, zoomOut, this.level, zoomIn, actual, fit, close);
    // `book-diagram` brings the label settings of diagrams.css (font size, spacing) into the dialog.
    this.stage = element(doc, 'div', { class: 'diagram-viewer__stage book-diagram', tabindex: '0', role: 'group', 'aria-label': 'Diagram: scroll or drag to pan, Ctrl + wheel or pinch to zoom' });
    this.dialog.append(bar, this.stage);
    doc.body.append(this.dialog);

    zoomIn.addEventListener('click', () => this.zoomTo(this.scale * ZOOM_STEP));
    zoomOut.addEventListener('click', () => this.zoomTo(this.scale / ZOOM_STEP));
    actual.addEventListener('click', () => this.zoomTo(1));
    fit.addEventListener('click', () => this.fit());
    close.addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', () => this.restore());
    this.dialog.addEventListener('keydown', (event) => this.onKey(event));
    // A click outside the dialog's box (on the backdrop) closes it; a drag that merely ends there does not.
    this.dialog.addEventListener('pointerdown', (event) => { this.pressedOutside = this.outside(event); });
    this.dialog.addEventListener('click', (event) => {
      if (this.pressedOutside && this.outside(event)) this.dialog.close();
      this.pressedOutside = false;
    });
    this.stage.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    this.stage.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    this.stage.addEventListener('pointermove', (event) => this.onPointerMove(event));
    for (const type of ['pointerup', 'pointercancel'] as const) this.stage.addEventListener(type, (event) => this.onPointerUp(event));
  }

  open(figure: HTMLElement, trigger: HTMLButtonElement): void {
    if (this.dialog.open) this.dialog.close();
    this.figure = figure;
    this.trigger = trigger;
    this.title.textContent = figureName(figure);
    // Keep the figure's place in the page while its diagrams are in the dialog: no jump behind the backdrop.
    figure.style.minHeight = `${figure.getBoundingClientRect().height}px`;
    this.moved = [...figure.querySelectorAll<HTMLElement>(':scope > .book-diagram__svg')];
    this.stage.replaceChildren(...this.moved);
    const svg = this.moved[0]?.querySelector('svg');
    this.natural = svg ? naturalSize(svg) : { width: 1, height: 1 };
    this.dialog.showModal();
    this.fit();
    this.stage.focus();
  }

  private restore(): void {
    const figure = this.figure;
    if (!figure) return;
    for (const variant of this.moved) {
      for (const svg of variant.querySelectorAll('svg')) {
        svg.style.removeProperty('width');
        svg.style.removeProperty('height');
      }
    }
    if (this.trigger?.parentElement === figure) this.trigger.after(...this.moved);
    else figure.prepend(...this.moved);
    figure.style.removeProperty('min-height');
    this.moved = [];
    this.figure = undefined;
    this.pointers.clear();
    this.pinch = undefined;
    this.trigger?.focus();
  }

  private outside(event: MouseEvent): boolean {
    const box = this.dialog.getBoundingClientRect();
    return event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
  }

  /** The fitted scale for the stage as it is now (the window may have turned or been resized since opening). */
  private opening(): number {
    // 16: the stage's padding (0.5rem on each side in diagram-viewer.css), inside clientWidth/clientHeight.
    return openingScale(this.natural, { width: this.stage.clientWidth - 16, height: this.stage.clientHeight - 16 });
  }

  /** The whole diagram, centred: scroll back to the start, where a fitting diagram sits centred by its auto margins. */
  private fit(): void {
    this.scale = this.opening();
    this.apply();
    this.stage.scrollTo(0, 0);
  }

  private apply(): void {
    const width = `${Math.round(this.natural.width * this.scale)}px`;
    const height = `${Math.round(this.natural.height * this.scale)}px`;
    for (const variant of this.moved) {
      for (const svg of variant.querySelectorAll('svg')) {
        svg.style.width = width;
        svg.style.height = height;
      }
    }
    this.level.textContent = `${Math.round(this.scale * 100)} %`;
  }

  /** Zooms to `target`, keeping the point under `anchor` (stage coordinates; the centre by default) in place. */
  private zoomTo(target: number, anchor?: Point): void {
    const to = clampScale(target, this.opening());
    if (to === this.scale) return;
    const at = anchor ?? { x: this.stage.clientWidth / 2, y: this.stage.clientHeight / 2 };
    const next = scrollAfterZoom({ x: this.stage.scrollLeft, y: this.stage.scrollTop }, at, this.scale, to);
    this.scale = to;
    this.apply();
    this.stage.scrollTo(next.x, next.y);
  }

  private stagePoint(event: { clientX: number; clientY: number }): Point {
    const box = this.stage.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  private onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const actions: Record<string, () => void> = {
      '+': () => this.zoomTo(this.scale * ZOOM_STEP),
      '=': () => this.zoomTo(this.scale * ZOOM_STEP),
      '-': () => this.zoomTo(this.scale / ZOOM_STEP),
      '0': () => this.fit(),
      '1': () => this.zoomTo(1),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  private onWheel(event: WheelEvent): void {
    // Plain wheel scrolls (pans); Ctrl/⌘ + wheel, which is also what a trackpad pinch sends, zooms.
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    const lines = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? this.stage.clientHeight : 1;
    this.zoomTo(this.scale * Math.exp((-event.deltaY * lines) / 300), this.stagePoint(event));
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    this.stage.setPointerCapture(event.pointerId);
    if (this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()] as [Point, Point];
      this.pinch = { distance: Math.hypot(a.x - b.x, a.y - b.y) || 1, scale: this.scale };
    }
  }

  private onPointerMove(event: PointerEvent): void {
    const last = this.pointers.get(event.pointerId);
    if (!last) return;
    const now = { x: event.clientX, y: event.clientY };
    this.pointers.set(event.pointerId, now);
    if (this.pinch && this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()] as [Point, Point];
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      this.zoomTo((this.pinch.scale * distance) / this.pinch.distance, this.stagePoint({ clientX: (a.x + b.x) / 2, clientY: (a.y + b.y) / 2 }));
    } else if (this.pointers.size === 1) {
      this.stage.scrollBy(last.x - now.x, last.y - now.y);
    }
  }

  private onPointerUp(event: PointerEvent): void {
    this.pointers.delete(event.pointerId);
    if (this.pointers.size < 2) this.pinch = undefined;
  }
}

/** Gives every diagram figure of `doc` an "open full size" button and the page its one viewer dialog. */
export function enhanceDiagrams(doc: Document): void {
  const figures = [...doc.querySelectorAll<HTMLElement>('figure.book-diagram')].filter((figure) => !figure.querySelector(':scope > .book-diagram__open'));
  if (figures.length === 0 || typeof HTMLDialogElement === 'undefined') return;
  let viewer: DiagramViewer | undefined;
  for (const figure of figures) {
    const button = element(doc, 'button', { type: 'button', class: 'book-diagram__open', 'aria-label': `Open full size: ${figureName(figure)}`, title: 'Open full size' });
    const open = () => {
      viewer ??= new DiagramViewer(doc);
      viewer.open(figure, button);
    };
    button.addEventListener('click', open);
    figure.prepend(button);
    figure.classList.add('book-diagram--zoomable');
    // A click or tap on the diagram itself opens it too (the button is the keyboard's way in).
    for (const variant of figure.querySelectorAll<HTMLElement>(':scope > .book-diagram__svg')) variant.addEventListener('click', () => { if (variant.parentElement === figure) open(); });
  }
}

// Publishes how far the toolbar overflows its width (`data-overflow`, in CSS pixels; 0 when everything fits) and
// which parts stick out (`data-overflowing`), kept current as the panel is resized: the integration tests read
// them to prove a narrow split does not clip the toolbar.
export function watchToolbarFit(toolbar: HTMLElement): void {
  const measure = (): void => {
    toolbar.dataset['overflow'] = String(Math.max(0, toolbar.scrollWidth - toolbar.clientWidth));
    const right = toolbar.getBoundingClientRect().right;
    const out = [...toolbar.querySelectorAll<HTMLElement>('*')].filter((e) => !e.hidden && e.getBoundingClientRect().right > right + 0.5);
    toolbar.dataset['overflowing'] = out.map((e) => e.id || e.className || e.tagName).join(' ');
  };
  new ResizeObserver(measure).observe(toolbar);
  // The address and the status change the toolbar's content without resizing it.
  new MutationObserver(measure).observe(toolbar, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['hidden', 'class'] });
  measure();
}

// The one DOM helper the panel's scripts share.
export function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`preview page has no #${id}`);
  return found as T;
}

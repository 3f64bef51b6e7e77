// Keyboard walk helpers for test_keyboard.py, loaded into the page once (window.__koers).
// `prepare()` notes every element the keyboard should reach and how it looks unfocused;
// `inspect()` describes the focused element: is it on screen, not covered, and does its focus show?
() => {
  const SELECTOR = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable="true"]';
  const describe = (el) => {
    const text = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('placeholder') || '')
      .trim().replace(/\s+/g, ' ').slice(0, 60);
    const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '';
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls} "${text}"`;
  };
  // The focus indicator: outline and box-shadow (what the brief asks to change), per element.
  const look = (el) => {
    const s = getComputedStyle(el);
    const outline = s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 ? 'none' : [s.outlineStyle, s.outlineWidth, s.outlineColor].join(' ');
    return `${outline} | ${s.boxShadow}`;
  };
  const shown = (el) => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const tabbable = (el) => el.tabIndex >= 0 && !el.disabled && !el.closest('[inert]') && shown(el)
    && !(el.closest('details:not([open])') && !(el.tagName === 'SUMMARY' && el.parentElement.matches('details:not([open])')));
  const onScreen = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) return false;
    const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
    if (box.bottom <= 0 || box.top >= innerHeight || box.right <= 0 || box.left >= innerWidth) return false;
    const hit = document.elementFromPoint(x, y);
    return !!hit && (el === hit || el.contains(hit) || hit.contains(el) || (el.labels && [...el.labels].some(l => l.contains(hit))));
  };
  const state = {expected: [], before: new Map()};
  window.__koers = {
    prepare() {
      // Transitions would make a fresh focus look half-done; the test wants the end state.
      const style = document.createElement('style');
      style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
      document.head.append(style);
      document.activeElement && document.activeElement.blur();
      const candidates = [...document.querySelectorAll(SELECTOR)];
      state.expected = candidates.filter(tabbable);
      // Hidden candidates too: some only appear on the way (the search results open when the search box has focus).
      state.before = new Map(candidates.map(el => [el, look(el)]));
      return state.expected.length;
    },
    inspect() {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return null;
      if (!state.before.has(el)) {
        // Focusable without matching the selector (a scrollable box): compare with its blurred look.
        el.blur(); const plain = look(el); el.focus({focusVisible: true}); state.before.set(el, plain);
      }
      return {
        key: describe(el), index: state.expected.indexOf(el), onScreen: onScreen(el),
        indicator: look(el) !== state.before.get(el), look: look(el), inMenu: !!el.closest('.md-sidebar--primary'),
      };
    },
    unreached(reached) {
      const seen = new Set(reached);
      return state.expected.map((el, i) => [i, el]).filter(([i]) => !seen.has(i)).map(([, el]) => describe(el));
    },
  };
}

/**
 * The demo page's stylesheet, inlined so the page is one response. Logical
 * properties (inline-start/end) keep one stylesheet right for RTL and LTR.
 */
export const DEMO_PAGE_STYLE = `
:root { --ink: #2b2230; --muted: #6f6577; --brand: #b5713a; --sale: #c0392b; --bg: #fffaf5; --line: #eadfd3; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Rubik", "Assistant", "Segoe UI", Arial, sans-serif; color: var(--ink); background: var(--bg); line-height: 1.55; }
a { color: inherit; }
.site-header { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 24px; padding: 14px 24px; background: #fff; border-block-end: 1px solid var(--line); }
.brand { font-size: 1.5rem; font-weight: 700; color: var(--brand); text-decoration: none; }
.tagline { color: var(--muted); }
.site-header nav ul { display: flex; gap: 16px; list-style: none; margin: 0; padding: 0; }
.site-header nav a { text-decoration: none; }
.lang-toggle { margin-inline-start: auto; padding: 4px 12px; border: 1px solid var(--line); border-radius: 999px; text-decoration: none; }
.demo-notice { margin: 0; padding: 8px 24px; background: #fff3d6; color: #6b4e00; font-size: .9rem; }
.breadcrumbs { padding: 12px 24px; color: var(--muted); font-size: .9rem; }
.product { display: grid; grid-template-columns: minmax(260px, 420px) 1fr; gap: 32px; padding: 0 24px 24px; max-width: 1100px; }
.gallery .main-image { width: 100%; height: auto; border-radius: 12px; background: #fff; border: 1px solid var(--line); }
.thumbs { display: flex; gap: 8px; margin-block-start: 8px; }
.thumb { border-radius: 8px; border: 1px solid var(--line); }
.summary h1 { margin: 4px 0 8px; font-size: 1.7rem; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 999px; background: var(--sale); color: #fff; font-size: .85rem; }
.price { font-size: 1.35rem; font-weight: 600; }
.price del { color: var(--muted); font-weight: 400; margin-inline-end: 8px; }
.price ins { text-decoration: none; color: var(--sale); }
.stock.in { color: #1e6b3f; } .stock.out { color: var(--sale); }
.cart { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 16px 0; }
.cart select { padding: 6px; }
.cart button { padding: 10px 24px; border: 0; border-radius: 8px; background: var(--brand); color: #fff; font-size: 1rem; opacity: .7; }
.meta, .ask { color: var(--muted); font-size: .9rem; }
.description { grid-column: 1 / -1; border-block-start: 1px solid var(--line); }
.related { padding: 0 24px 24px; max-width: 1100px; }
.related ul { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 16px; list-style: none; padding: 0; }
.related a { display: flex; flex-direction: column; gap: 6px; text-decoration: none; }
.related img { width: 100%; height: auto; border-radius: 8px; border: 1px solid var(--line); }
.site-footer { padding: 24px; color: var(--muted); border-block-start: 1px solid var(--line); }
@media (max-width: 720px) { .product { grid-template-columns: 1fr; } }
`;

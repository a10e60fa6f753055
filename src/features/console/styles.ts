/**
 * The console's one stylesheet, inlined in every page (no build step, no external
 * assets). Colours keep at least 4.5:1 contrast on their backgrounds (axe checks it).
 */
export const CONSOLE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
a{color:#0a4f8f}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #c25e00;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
header.top{display:flex;flex-wrap:wrap;align-items:center;gap:1rem;justify-content:space-between;padding:.5rem 1rem;background:#12355b;color:#fff}
header.top a{color:#fff}
header.top .brand{font-weight:700;color:#fff;text-decoration:none}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}
nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
header.top form{display:flex;gap:.5rem;align-items:center;margin:0}
header.top button{background:#fff;color:#12355b;border:0;border-radius:4px;padding:.3rem .7rem;font:inherit;cursor:pointer}
main{padding:1rem;max-width:80rem;margin:0 auto}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #d0d0d0;vertical-align:top}
th{background:#eef2f6}
caption{text-align:left;font-weight:600;padding:.25rem 0}
.num{text-align:right;font-variant-numeric:tabular-nums}
.warn{color:#8a1c00;font-weight:600}
.ok{color:#1d5e20}
.muted{color:#555}
.notice{border-left:4px solid #c25e00;background:#fff6ec;padding:.5rem 1rem;margin:1rem 0}
.error{border-left:4px solid #a00;background:#fdecec;padding:.5rem 1rem;margin:1rem 0}
.badge{display:inline-block;padding:0 .4rem;border-radius:3px;background:#e6e6e6;color:#1a1a1a;font-size:.85rem}
.badge.bad{background:#fbe0dc;color:#7a1500}
.badge.good{background:#dcf0dc;color:#174d19}
form.stack{display:grid;gap:.75rem;max-width:32rem}
form.stack label{display:grid;gap:.2rem;font-weight:600}
fieldset{border:1px solid #c8c8c8;border-radius:4px}
input,select,textarea{font:inherit;padding:.35rem;border:1px solid #767676;border-radius:3px}
button.primary{background:#12355b;color:#fff;border:0;border-radius:4px;padding:.5rem 1rem;font:inherit;cursor:pointer}
.timeline li{margin:.4rem 0;list-style:none}
.timeline{padding:0}
.timeline .in{border-left:4px solid #0a4f8f;padding-left:.5rem}
.timeline .out{border-left:4px solid #6b6b6b;padding-left:.5rem}
svg text{font:12px system-ui,sans-serif;fill:#1a1a1a}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem}
.pager{display:flex;gap:1rem}
footer{padding:1rem;color:#555;font-size:.85rem;text-align:center}
@media print{header.top,.skip,footer,.pager{display:none}}
`;

"""Keep each page's first view small: drop or defer assets a page does not need.

mkdocs-glightbox and mkdocs-print-site-plugin add their stylesheets and scripts to
every page. This hook, run after them on each built page:

- removes print-site's CSS and JS from every page but the print page;
- removes glightbox's CSS, JS and initialiser from pages without a lightbox image;
- on pages with one (the diagrams), replaces them with a small loader that fetches
  glightbox (about 18 KB gzip) on the first click on a diagram, then opens it there.
  Without JavaScript, or before the loader runs, the link opens the bare SVG.

- on a page with `hide: [toc]` (the glossary, 129 terms), drops the contents list that
  Material still sends, hidden, twice (sidebar and phone menu): about 4 KB gzip.

- in the built copy of extra.css, drops the comments (they explain each rule to authors in
  docs/assets/stylesheets/extra.css; readers need not download them): 1.6 KB gzip a page.

It only changes asset tags, hidden markup and CSS comments, so a build without it
(`zensical build`, which ignores hooks) gives the same pages with a few unused or eagerly
loaded assets, a hidden contents list on the glossary and a commented stylesheet.
"""

import re
from pathlib import Path

PRINT_SITE_TAGS = re.compile(
    r'<link rel="stylesheet" href="[^"]*css/print-site[\w-]*\.css">'
    r'|<script[^>]*src="[^"]*js/print-site\.js"[^>]*></script>'   # also the data-src placeholder
)
GLIGHTBOX_CSS = re.compile(r'<link href="([^"]*assets/stylesheets/glightbox\.min\.css)" rel="stylesheet">')
GLIGHTBOX_JS = re.compile(r'<script src="([^"]*assets/javascripts/glightbox\.min\.js)"></script>')
GLIGHTBOX_INIT = re.compile(r'<script id="init-glightbox">.*?GLightbox\((\{.*?\})\);.*?</script>', re.S)
CSS_COMMENT = re.compile(r"/\*.*?\*/\s*", re.S)
GLIGHTBOX_STYLE = re.compile(r'<style id="glightbox-style">.*?</style>', re.S)

LAZY_GLIGHTBOX = """<script id="init-glightbox">
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.glightbox");
  if (!link || window.GLightbox) return;   /* once loaded, GLightbox handles its links */
  event.preventDefault();
  if (document.getElementById("glightbox-js")) return;
  function load(tag, attrs) {
    return new Promise(function (done) {
      var el = Object.assign(document.createElement(tag), attrs);
      el.onload = el.onerror = done;
      document.head.appendChild(el);
    });
  }
  Promise.all([
    load("link", {rel: "stylesheet", href: "%(css)s"}),
    load("script", {src: "%(js)s", id: "glightbox-js"}),
  ]).then(function () {
    if (window.GLightbox) GLightbox(%(options)s).open(link); else location.href = link.href;
  });
});
</script>"""

# The loader's code as the Content-Security-Policy hook (hooks/csp.py) recognises it: its
# placeholders stand for a relative asset address and glightbox's flat JSON options only.
KNOWN_INLINE_CODE = [re.compile(
    re.escape(LAZY_GLIGHTBOX.split(">", 1)[1].rsplit("<", 1)[0])
    .replace(re.escape("%(css)s"), r"[\w./-]+").replace(re.escape("%(js)s"), r"[\w./-]+")
    .replace(re.escape("%(options)s"), r'\{(?:"\w+": (?:true|false|"\w+")(?:, )?)*\}'), re.S)]


def on_page_context(context, page, config, nav):
    if "toc" in ((page.meta or {}).get("hide") or []):
        page.toc = type(page.toc)([])   # an empty TableOfContents: nothing to render
    return context


def on_post_page(output: str, page, config) -> str:
    if page.file.src_uri == "print_page.md":
        return output
    output = PRINT_SITE_TAGS.sub("", output)
    css, js, init = GLIGHTBOX_CSS.search(output), GLIGHTBOX_JS.search(output), GLIGHTBOX_INIT.search(output)
    if not (css and js and init):
        return output
    output = output.replace(css.group(0), "").replace(js.group(0), "")
    if 'class="glightbox"' in output:
        loader = LAZY_GLIGHTBOX % {"css": css.group(1), "js": js.group(1), "options": init.group(1)}
        return output.replace(init.group(0), loader)
    return GLIGHTBOX_STYLE.sub("", output.replace(init.group(0), ""))



def on_post_build(config) -> None:
    for name in config["extra_css"]:
        built = Path(config["site_dir"]) / str(name)
        if built.suffix == ".css" and built.is_file():
            built.write_text(CSS_COMMENT.sub("", built.read_text(encoding="utf-8")), encoding="utf-8")

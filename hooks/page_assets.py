"""Keep each page's first view small: drop assets a page does not use.

mkdocs-glightbox and mkdocs-print-site-plugin add their stylesheets and scripts to
every page. This hook removes them from the pages that do not need them:

- glightbox (about 18 KB gzip, render-blocking) stays only on pages with a lightbox
  image (an `<a class="glightbox">`, i.e. the pages with diagrams, and the print page);
- print-site's CSS and JS stay only on the print page.

It only removes tags, so a build without it (`zensical build`, which ignores hooks)
gives the same pages with a few unused assets.
"""

import re

GLIGHTBOX_TAGS = re.compile(
    r'<link href="[^"]*assets/stylesheets/glightbox\.min\.css" rel="stylesheet">'
    r'|<script src="[^"]*assets/javascripts/glightbox\.min\.js"></script>'
    r'|<style id="glightbox-style">.*?</style>'
    r'|<script id="init-glightbox">.*?</script>',
    re.S,
)
PRINT_SITE_TAGS = re.compile(
    r'<link rel="stylesheet" href="[^"]*css/print-site[\w-]*\.css">'
    r'|<script src="[^"]*js/print-site\.js"( defer)?></script>'
)


def on_post_page(output: str, page, config) -> str:
    if page.file.src_uri == "print_page.md":
        return output
    output = PRINT_SITE_TAGS.sub("", output)
    if 'class="glightbox"' not in output:
        output = GLIGHTBOX_TAGS.sub("", output)
    return output

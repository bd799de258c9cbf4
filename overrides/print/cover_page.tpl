{#- Cover of the printable edition (mkdocs-print-site-plugin, cover_page_template in mkdocs.yml):
    title, what it is, the date of the facts, the edition and the published address.
    Values come from mkdocs.yml (site_name, site_description, site_url, extra.edition). The address
    is printed only when it is a published one (SITE_URL set): a local build's loopback address
    (the default, http://127.0.0.1:8000/) means nothing to a reader, so the cover leaves it out
    (and `make export` says how to set it). -#}
{%- set published = config.site_url and "//127.0.0.1" not in config.site_url
      and "//localhost" not in config.site_url and "//[::1]" not in config.site_url %}
<div class="kb-cover">
  <h1>{{ config.site_name|e }}</h1>
  <p class="kb-cover__description">{{ config.site_description|e }}</p>
  <dl>
    <dt>Facts checked as of</dt><dd>{{ config.extra.edition.facts_as_of|e }}</dd>
    <dt>Edition</dt><dd>{{ config.extra.edition.version|e }}</dd>
    {%- if published %}
    <dt>Published at</dt><dd><a href="{{ config.site_url|e }}">{{ config.site_url|e }}</a></dd>
    {%- endif %}
    <dt>Licence</dt><dd>{{ config.copyright|e }}</dd>
  </dl>
  <p class="kb-cover__note">Each page's footnotes give the public source of every date, number, name and place.
  Where sources disagree, the page says so.</p>
</div>

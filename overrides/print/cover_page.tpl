{#- Cover of the printable edition (mkdocs-print-site-plugin, cover_page_template in mkdocs.yml):
    title, what it is, the date of the facts, the edition and the published address.
    Values come from mkdocs.yml (site_name, site_description, site_url, extra.edition). -#}
<div class="kb-cover">
  <h1>{{ config.site_name|e }}</h1>
  <p class="kb-cover__description">{{ config.site_description|e }}</p>
  <dl>
    <dt>Facts checked as of</dt><dd>{{ config.extra.edition.facts_as_of|e }}</dd>
    <dt>Edition</dt><dd>{{ config.extra.edition.version|e }}</dd>
    <dt>Published at</dt><dd><a href="{{ config.site_url|e }}">{{ config.site_url|e }}</a></dd>
    <dt>Licence</dt><dd>{{ config.copyright|e }}</dd>
  </dl>
  <p class="kb-cover__note">Each page's footnotes give the public source of every date, number, name and place.
  Where sources disagree, the page says so.</p>
</div>

"""
The site search patients use (`clinic_site.views.search`): what a query
finds beyond its own words (`synonyms`), what a mistyped word probably meant
(`suggestions`), the results editors put first (`promotions`) and how each
result is shown (`results`).
"""

"""
The site search patients use (`clinic_site.views.search`): what a query
finds beyond its own words (`synonyms`), what a mistyped word probably meant
(`suggestions`), the results editors put first (`promotions`), how each
result is shown (`results`) and what a repeated query costs (`kept`).
"""

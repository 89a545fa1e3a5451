"""Due dates of the medical review: calendar months, the same rule in the list and the dates."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_site.review_due import add_months, reviewed_before

days = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31))


def test_a_month_after_the_last_day_of_a_long_month_is_the_last_day_of_the_next():
    assert add_months(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2025, 11, 15), 3) == datetime.date(2026, 2, 15)


@settings(max_examples=300, derandomize=True, database=None)
@given(review=days, today=days, months=st.integers(min_value=1, max_value=60))
def test_content_is_listed_as_due_exactly_when_its_due_date_has_come(review, today, months):
    # The report lists what was reviewed on or before `reviewed_before(today)`; each
    # row shows `add_months(review)` as its due date: the two must always agree.
    listed = review <= reviewed_before(today, months)

    assert listed == (add_months(review, months) <= today)

"""
The professional regulators whose public registers a clinician's profile links
to, and how to find a registrant's entry on each.

Where a register gives every registrant an address of their own (the GMC's,
the GDC's), the link is made from the registration number, so editors never
paste one; where it offers only a search form (the NMC's, behind a robot check),
the link opens that form and the page shows the number to type in. An editor
can always enter the entry's address instead, and must for a regulator not
listed here.
"""

import re
from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Regulator:
    code: str
    name: str
    abbreviation: str
    # `{number}` is replaced by the registration number; empty: no page per registrant.
    entry_url: str = ""
    # The register's search form, for registers without a page per registrant.
    search_url: str = ""
    number_pattern: str = ""
    number_example: str = ""

    def url_for(self, number):
        if self.entry_url and number:
            return self.entry_url.format(number=number)
        return self.search_url

    def number_is_valid(self, number):
        return not self.number_pattern or bool(re.fullmatch(self.number_pattern, number))


REGULATORS = {
    regulator.code: regulator
    for regulator in [
        Regulator(
            "gmc",
            _("General Medical Council"),
            "GMC",
            entry_url="https://www.gmc-uk.org/doctors/{number}",
            number_pattern=r"\d{7}",
            number_example="7012345",
        ),
        Regulator(
            "nmc",
            _("Nursing and Midwifery Council"),
            "NMC",
            search_url="https://www.nmc.org.uk/registration/search-the-register/",
            number_pattern=r"\d{2}[A-Z]\d{4}[A-Z]",
            number_example="12A3456E",
        ),
        Regulator(
            "gdc",
            _("General Dental Council"),
            "GDC",
            entry_url="https://olr.gdc-uk.org/SearchRegister/SearchResult?RegistrationNumber={number}",
            number_pattern=r"\d{1,6}",
            number_example="101234",
        ),
        Regulator(
            "gphc",
            _("General Pharmaceutical Council"),
            "GPhC",
            search_url="https://www.pharmacyregulation.org/registers",
            number_pattern=r"\d{7}",
            number_example="2071234",
        ),
        Regulator(
            "hcpc",
            _("Health and Care Professions Council"),
            "HCPC",
            search_url="https://www.hcpc-uk.org/check-the-register/",
            number_pattern=r"[A-Z]{2}\d{4,6}",
            number_example="PA12345",
        ),
    ]
}

OTHER = "other"

REGULATOR_CHOICES = [
    *(
        (code, format_lazy("{} ({})", regulator.name, regulator.abbreviation))
        for code, regulator in REGULATORS.items()
    ),
    (OTHER, _("Another regulator (enter the register's address)")),
]


def get_regulator(code):
    return REGULATORS.get(code)

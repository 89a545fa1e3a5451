"""
A treatment page as schema.org structured data: the page, the treatment as a `MedicalTherapy`,
the questions it marks up and its breadcrumbs.
"""

from clinic_site import seo
from clinic_site.models import ClinicSettings

from ..faqs import faq_page_json_ld


class TreatmentStructuredDataMixin:
    """JSON-LD for `TreatmentPage` (`seo` puts it in the page's head and the API)."""

    def get_procedure_json_ld(self, request=None):
        """
        The treatment as a schema.org `MedicalTherapy` (a `MedicalProcedure` that can
        also name side effects and contraindications), also typed `Service` so it may
        carry `offers` (the price) and `provider`: the medical types have no property
        for what a treatment costs.
        """
        url = seo.absolute_url(self, request)
        data = {
            "@context": "https://schema.org",
            "@type": ["MedicalTherapy", "Service"],
            "@id": f"{url}#treatment",
            "name": self.title,
            "url": url,
        }
        if self.intro:
            data["description"] = self.intro
        if self.procedure_type:
            types = {"noninvasive": "NoninvasiveProcedure", "percutaneous": "PercutaneousProcedure"}
            data["procedureType"] = f"https://schema.org/{types[self.procedure_type]}"
        if self.how_performed:
            data["howPerformed"] = self.how_performed
        if self.preparation:
            data["preparation"] = " ".join(self.preparation_lines)
        if self.aftercare:
            data["followup"] = " ".join(self.aftercare_lines)
        if self.body_location:
            data["bodyLocation"] = self.body_location
        side_effects = [*self.common_side_effects, *self.rare_side_effects]
        if side_effects:
            data["adverseOutcome"] = [
                {"@type": "MedicalEntity", "name": effect.value["name"]} for effect in side_effects
            ]
        if self.contraindications:
            data["contraindication"] = [reason.value["reason"] for reason in self.contraindications]
        brands = self.brand_name_list
        if brands:
            data["brand"] = [{"@type": "Brand", "name": name} for name in brands]
        if self.shown_price is not None:
            data["offers"] = {
                "@type": "Offer",
                "price": f"{self.price_from:.2f}",
                "priceCurrency": self.price_currency,
                "url": url,
            }
        if request is not None:
            clinic = ClinicSettings.for_request(request)
            data["provider"] = {"@type": "MedicalClinic", "name": clinic.clinic_name}
        return data

    def get_json_ld(self, request=None):
        page = seo.medical_web_page(self, request)
        procedure = self.get_procedure_json_ld(request)
        page["about"] = {"@id": procedure["@id"]}
        objects = [page, procedure]
        faq = faq_page_json_ld(self.get_shown_questions(request), self)
        if faq:
            objects.append(faq)
        objects.append(seo.breadcrumb_list([*self.get_breadcrumbs(), self], request))
        return objects

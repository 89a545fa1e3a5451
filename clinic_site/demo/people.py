"""
The demo's authors, one definition for every part of the demo that names them
(treatment reviewers, article bylines), so a person's qualifications and role
read the same in a byline, a "Medically reviewed by" line and their profile.
"""

PEOPLE = {
    "Dr Ana Silva": {
        "credentials": "MD, MRCP",
        "job_title": "Consultant neurologist",
        "bio": (
            "Ana has treated people with chronic migraine for fifteen years and runs the "
            "clinic's headache service. She trained in Lisbon and London, and reviews our "
            "content about headaches."
        ),
    },
    "Cara Lee": {
        "credentials": "RN, MSc",
        "job_title": "Aesthetic nurse practitioner and independent prescriber",
        "bio": (
            "Cara is a registered nurse and independent prescriber who has specialised in "
            "injectable and skin treatments since 2014. She leads the clinic's training for "
            "new nurses."
        ),
    },
    "Dr Ben Okafor": {
        "credentials": "MBBS, FRCP",
        "job_title": "Consultant dermatologist and medical director",
        "bio": (
            "Ben checks the medical content on this site. He has worked in NHS and private "
            "dermatology for over twenty years."
        ),
    },
}

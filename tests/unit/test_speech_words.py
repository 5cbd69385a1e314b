"""What the read-aloud voice is given: no citations or markup, numbers a voice reads right."""

from __future__ import annotations

import pytest

from ketdesk.speech.words import SpokenForms, clean, sentences, spoken_sentences

EN = SpokenForms(percent="{number} percent", range="{low} to {high}")
ES = SpokenForms(percent="{number} por ciento", range="{low} a {high}")


@pytest.mark.parametrize(("shown", "said"), [
    ("Mood got better [Sources: 6, 11].", "Mood got better."),
    ("Mood got better [6].", "Mood got better."),
    ("It helps (Zarate 2006) in a day.", "It helps in a day."),
    ("It helps (Zarate et al., 2006; Berman 2000).", "It helps."),
    ("than another drug (midazolam).", "than another drug (midazolam)."),
    ("In 2022 and 2023, the FDA warned.", "In 2022 and 2023, the FDA warned."),
    ("<b>Bold</b> &amp; plain", "Bold & plain"),
    ("about 5 out of 10 people", "about 5 out of 10 people"),
    ("(67% and 20% in the study)", "(67 percent and 20 percent in the study)"),
    ("6-8 out of 10", "6 to 8 out of 10"),
    ("6 \u2013 8 weeks", "6 to 8 weeks"),
    ("10-20% of people", "10 to 20 percent of people"),
    ("the 40-minute drip", "the 40 minute drip"),
    ("S-ketamine", "S-ketamine"),
    ("0.5 mg", "0.5 mg"),
])
def test_clean_english(shown: str, said: str) -> None:
    assert clean(shown, EN) == said


@pytest.mark.parametrize(("shown", "said"), [
    ("(67% y 20% en el estudio)", "(67 por ciento y 20 por ciento en el estudio)"),
    ("de 6-8 semanas [Fuentes: 3, 4]", "de 6 a 8 semanas"),
    ("un 2,5%", "un 2,5 por ciento"),
])
def test_clean_spanish(shown: str, said: str) -> None:
    assert clean(shown, ES) == said


def test_sentences_split_at_ends_but_not_inside_numbers_or_abbreviations() -> None:
    assert sentences("It took 0.5 mg. Then 2 hours! Done? ¿Sí? Yes.") == [
        "It took 0.5 mg.", "Then 2 hours!", "Done?", "¿Sí?", "Yes."]
    assert sentences("En EE. UU., llame al 988. Es gratis.") == [
        "En EE. UU., llame al 988.", "Es gratis."]


def test_spoken_sentences_keep_order_and_drop_empty_texts() -> None:
    assert spoken_sentences(["Title", "", "[6]", "One. Two."], EN) == ["Title", "One.", "Two."]

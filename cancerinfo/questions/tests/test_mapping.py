"""MedQuAD's question types map to our topics; its Focus to a cancer type with a UK display name."""

import pytest

from cancerinfo.questions.mapping import QTYPE_TOPICS, cancer_type_name, clean_question, topic_slug_for, uk_spelling


@pytest.mark.parametrize(
    ("qtype", "topic"),
    [
        ("information", "about"),
        ("symptoms", "symptoms"),
        ("exams and tests", "tests"),
        ("stages", "stages"),
        ("treatment", "treatment"),
        ("outlook", "outlook"),
        ("susceptibility", "risk"),
        ("causes", "risk"),
        ("inheritance", "risk"),
        ("genetic changes", "risk"),
        ("prevention", "prevention"),
        ("research", "research"),
        ("Exams and Tests", "tests"),
        (" research ", "research"),
    ],
)
def test_each_question_type_maps_to_a_topic(qtype, topic):
    assert topic_slug_for(qtype) == topic


def test_unknown_question_types_have_no_topic():
    assert topic_slug_for("frequency") is None
    assert topic_slug_for("") is None
    assert topic_slug_for(None) is None


@pytest.mark.django_db
def test_every_mapped_topic_exists():
    from cancerinfo.taxonomy.models import Topic

    assert set(QTYPE_TOPICS.values()) <= set(Topic.objects.values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("focus", "name"),
    [
        ("Adult Acute Lymphoblastic Leukemia", "Adult Acute Lymphoblastic Leukaemia"),
        ("Wilms Tumor and Other Childhood Kidney Tumors", "Wilms Tumour and Other Childhood Kidney Tumours"),
        ("Esophageal Cancer", "Oesophageal Cancer"),
        ("Hematologic Malignancies", "Haematological Malignancies"),
        ("Polycythemia Vera", "Polycythaemia Vera"),
        ("Essential Thrombocythemia", "Essential Thrombocythaemia"),
        ("Mycosis Fungoides and the Szary Syndrome", "Mycosis Fungoides and the Sézary Syndrome"),
        ("Myelodysplastic/ Myeloproliferative Neoplasms", "Myelodysplastic/Myeloproliferative Neoplasms"),
        ("Breast Cancer", "Breast Cancer"),
    ],
)
def test_cancer_type_names_use_uk_spelling(focus, name):
    assert cancer_type_name(focus) == name


def test_uk_spelling_keeps_case_and_whole_words():
    assert uk_spelling("LEUKEMIA, leukemia, Leukemias") == "LEUKAEMIA, leukaemia, Leukaemias"
    assert uk_spelling("tumorigenesis") == "tumorigenesis"


def test_questions_are_tidied():
    assert clean_question(
        "What is (are) Adult Acute Lymphoblastic Leukemia ?", "Adult Acute Lymphoblastic Leukemia"
    ) == ("What is Adult Acute Lymphoblastic Leukaemia?")
    assert clean_question("Who is at risk for Lung Cancer? ?") == "Who is at risk for Lung Cancer?"


@pytest.mark.django_db
def test_focus_becomes_a_cancer_type_once_with_the_us_name_kept(questions_index, small_data):
    from cancerinfo.questions.importer import QuestionImporter, xml_files
    from cancerinfo.taxonomy.models import CancerType

    QuestionImporter().run(xml_files(small_data))
    QuestionImporter().run(xml_files(small_data))
    leukaemia = CancerType.objects.get(name="Sample Hairy Leukaemia")
    assert leukaemia.slug == "sample-hairy-leukaemia"
    assert "Sample Hairy Leukemia" in leukaemia.other_names_list
    tumour = CancerType.objects.get(name="Childhood Sample Tumour")
    assert tumour.questions.count() == 2
    assert CancerType.objects.filter(name__icontains="sample").count() == 2


@pytest.mark.django_db
def test_an_existing_cancer_type_is_reused_by_its_other_names(questions_index, small_data):
    from cancerinfo.questions.importer import QuestionImporter, xml_files
    from cancerinfo.taxonomy.models import CancerType

    ours = CancerType.objects.create(name="Hairy sample leukaemia", other_names="Sample Hairy Leukemia, HSL")
    QuestionImporter().run(xml_files(small_data))
    assert ours.questions.count() == 3
    assert not CancerType.objects.filter(name="Sample Hairy Leukaemia").exists()

"""Demonstration glossary: our own writing, sample content, not medical advice.

Each entry: (term, pronunciation, other names and spellings, definition[, longer explanation]).
"""

TERMS = [
    (
        "analgesic",
        "an-al-jee-zik",
        "analgesia, painkiller, pain relief",
        "A medicine that relieves pain. Paracetamol, ibuprofen and morphine are all analgesics.",
    ),
    (
        "anaemia",
        "a-nee-mee-a",
        "anemia",
        "Having fewer red blood cells than normal. It can make you feel tired, breathless and dizzy.",
    ),
    ("benign", "bee-nine", "non-cancerous", "Not cancer. A benign lump does not spread to other parts of the body."),
    (
        "biopsy",
        "by-op-see",
        "tissue sample",
        "Taking a small piece of tissue so a doctor can look at it under a microscope. It shows whether cells are "
        "cancer.",
    ),
    (
        "bisphosphonate",
        "bis-fos-fo-nate",
        "bisphosphonates, zoledronic acid, ibandronic acid",
        "A drug that slows down the cells that break down bone. It can make bones stronger and lower calcium in the "
        "blood.",
        "Bisphosphonates are given as a drip or as tablets. They can reduce bone pain and the risk of a broken bone.",
    ),
    ("blood count", "", "full blood count, FBC", "A blood test that counts your red cells, white cells and platelets."),
    (
        "blood transfusion",
        "trans-few-zhun",
        "transfusion",
        "Giving blood from a donor through a drip into a vein, usually to treat anaemia.",
    ),
    (
        "bone",
        "",
        "",
        "The hard tissue that makes up the skeleton. Bone is living tissue that is always being broken down and "
        "rebuilt.",
    ),
    ("bone marrow", "bone mar-oh", "marrow", "The soft, spongy tissue inside bones where blood cells are made."),
    (
        "bone scan",
        "",
        "isotope bone scan, bone scintigraphy",
        "A scan that shows areas of bone that are being damaged or repaired. A small amount of a radioactive "
        "substance is injected first.",
    ),
    (
        "calcium",
        "kal-see-um",
        "",
        "A mineral that keeps bones and teeth strong. Nerves and muscles also need the right level of calcium to work.",
    ),
    (
        "cancer",
        "kan-ser",
        "",
        "A disease in which abnormal cells grow out of control. They can spread into nearby tissue and to other parts "
        "of the body.",
    ),
    (
        "cannula",
        "kan-you-la",
        "cannulas, venflon",
        "A thin, soft tube put into a vein, usually in the back of the hand or arm, to give drugs or fluids.",
    ),
    (
        "chemotherapy",
        "kee-mo-ther-a-pee",
        "chemo",
        "Treatment with drugs that destroy cancer cells. It is often given as a drip or as tablets.",
    ),
    (
        "clinical trial",
        "klin-i-kal try-al",
        "research trial, medical trial",
        "A research study that tests a new treatment, or a new way of giving a treatment, with people who agree to "
        "take part.",
    ),
    (
        "constipation",
        "kon-sti-pay-shun",
        "",
        "Finding it hard to empty your bowels, or going less often than usual. Some painkillers cause it.",
    ),
    (
        "CT scan",
        "see-tee scan",
        "computed tomography, computerised tomography, computerized tomography, CAT scan",
        "A scan that uses x-rays and a computer to build up a detailed picture of the inside of the body.",
    ),
    (
        "denosumab",
        "den-oh-sue-mab",
        "Xgeva, Prolia",
        "A drug given as an injection under the skin that helps protect bones from damage by cancer.",
    ),
    (
        "diagnosis",
        "dy-ag-no-sis",
        "",
        "Finding out what illness someone has, from their symptoms, an examination and tests.",
    ),
    (
        "fatigue",
        "fa-teeg",
        "cancer-related fatigue, tiredness",
        "Feeling very tired or exhausted most of the time, even after rest. It is common during and after treatment.",
    ),
    (
        "fracture",
        "frak-cher",
        "broken bone, pathological fracture",
        "A break or crack in a bone. Bones weakened by cancer can break more easily.",
    ),
    (
        "haemoglobin",
        "hee-mo-glo-bin",
        "hemoglobin, Hb",
        "The substance in red blood cells that carries oxygen around the body.",
    ),
    (
        "hormonal therapy",
        "hor-mo-nal ther-a-pee",
        "hormone therapy, endocrine therapy",
        "Treatment that blocks or lowers hormones that some cancers need to grow, such as oestrogen or testosterone.",
    ),
    (
        "hypercalcaemia",
        "hy-per-kal-see-mee-a",
        "hypercalcemia, high calcium",
        "Too much calcium in the blood. It can make you feel sick, thirsty, confused and very tired.",
        "Hypercalcaemia can happen when cancer damages bone and calcium leaks into the blood. It is treated with "
        "fluids through a drip and with bisphosphonates.",
    ),
    (
        "immune system",
        "im-yoon sis-tem",
        "immunity",
        "The body's defence against infection and disease. White blood cells are an important part of it.",
    ),
    (
        "immunotherapy",
        "im-you-no-ther-a-pee",
        "",
        "Treatment that helps the immune system find and attack cancer cells.",
    ),
    (
        "infusion",
        "in-few-zhun",
        "drip, intravenous infusion",
        "Giving a drug or fluid slowly into a vein through a drip.",
    ),
    (
        "lymph node",
        "limf node",
        "lymph gland, lymph glands",
        "A small, bean-shaped gland that helps fight infection. Cancer cells can spread to lymph nodes.",
    ),
    (
        "malignant",
        "ma-lig-nant",
        "cancerous",
        "Cancer. A malignant tumour can grow into nearby tissue and spread to other parts of the body.",
    ),
    (
        "metastasis",
        "me-tas-ta-sis",
        "metastases, secondary cancer, secondaries, spread",
        "Cancer that has spread from where it started to another part of the body. It is also called secondary cancer.",
    ),
    (
        "morphine",
        "mor-feen",
        "oramorph",
        "A strong painkiller. It is used to control moderate or severe pain and can also ease breathlessness.",
    ),
    (
        "MRI scan",
        "em-ar-eye scan",
        "magnetic resonance imaging, MRI",
        "A scan that uses magnets and radio waves to make detailed pictures of the inside of the body.",
    ),
    (
        "multidisciplinary team",
        "mul-tee-dis-i-plin-a-ree teem",
        "MDT",
        "The group of health professionals who plan your care together, such as surgeons, oncologists, nurses and "
        "radiographers.",
    ),
    (
        "nausea",
        "naw-zee-a",
        "feeling sick",
        "Feeling as if you are going to be sick. Anti-sickness medicines can help.",
    ),
    (
        "neutropenia",
        "new-tro-pee-nee-a",
        "low white cell count, neutropaenia",
        "Having a low number of neutrophils, a type of white blood cell. It makes infections more likely.",
    ),
    (
        "oestrogen",
        "ee-stro-jen",
        "estrogen",
        "A hormone made mainly in the ovaries. Some breast cancers need oestrogen to grow.",
    ),
    (
        "oncologist",
        "on-kol-o-jist",
        "cancer specialist, oncologists",
        "A doctor who specialises in treating cancer with drugs or radiotherapy.",
    ),
    ("opioid", "oh-pee-oid", "opiate", "A type of strong painkiller, such as morphine, oxycodone or fentanyl."),
    ("osteoblast", "os-tee-oh-blast", "", "A bone cell that builds new bone."),
    (
        "osteoclast",
        "os-tee-oh-klast",
        "",
        "A bone cell that breaks down old bone so it can be replaced. Cancer in the bone can make osteoclasts too "
        "active.",
        "Bone is always being renewed: osteoclasts remove old bone and osteoblasts build new bone. Drugs such as "
        "bisphosphonates and denosumab slow the osteoclasts down.",
    ),
    (
        "osteoporosis",
        "os-tee-oh-por-oh-sis",
        "thinning of the bones",
        "A condition in which bones become thin and weak, so they break more easily.",
    ),
    (
        "palliative care",
        "pal-ee-a-tiv care",
        "supportive care, symptom control",
        "Care that controls symptoms such as pain and supports you and your family when cancer cannot be cured.",
    ),
    (
        "PET-CT scan",
        "pet see-tee scan",
        "PET scan, positron emission tomography",
        "A scan that combines a CT scan with a scan showing how active cells are, using a mildly radioactive sugar.",
    ),
    (
        "PICC line",
        "pick line",
        "peripherally inserted central catheter",
        "A long, thin tube put into a vein in the upper arm. It stays in for weeks or months, so you can have "
        "treatment without new needles each time.",
    ),
    (
        "platelet",
        "plate-let",
        "platelets, thrombocyte",
        "A tiny blood cell that helps the blood to clot and stop bleeding.",
    ),
    ("primary cancer", "", "primary tumour, primary", "Where a cancer first started in the body."),
    ("prognosis", "prog-no-sis", "outlook", "The likely course of an illness and the chance of treatment working."),
    (
        "radiographer",
        "ray-dee-og-ra-fer",
        "therapeutic radiographer",
        "A health professional who takes x-rays and scans, or who gives radiotherapy.",
    ),
    (
        "radiotherapy",
        "ray-dee-oh-ther-a-pee",
        "radiation therapy, radiation treatment",
        "Treatment that uses high-energy x-rays to destroy cancer cells. For bone pain it is often given in one or a "
        "few sessions.",
    ),
    (
        "red blood cell",
        "",
        "red blood cells, red cell, erythrocyte",
        "A blood cell that carries oxygen from the lungs around the body.",
    ),
    ("remission", "ree-mish-on", "", "When tests and scans show no sign of cancer, or the cancer has shrunk."),
    (
        "side effect",
        "",
        "adverse effect, unwanted effect",
        "An unwanted effect of a treatment, such as sickness, tiredness or hair loss.",
    ),
    (
        "spinal cord",
        "spy-nal kord",
        "",
        "The bundle of nerves that runs down the middle of the spine, carrying messages between the brain and the "
        "body.",
    ),
    (
        "spinal cord compression",
        "spy-nal kord kom-presh-on",
        "MSCC, metastatic spinal cord compression",
        "Pressure on the spinal cord, for example from cancer in the bones of the spine. It needs treatment straight "
        "away.",
        "Signs include new back or neck pain, numbness or weakness in the legs, and problems passing urine. Contact "
        "your hospital straight away if you have any of them.",
    ),
    (
        "stage",
        "",
        "staging",
        "How big a cancer is and whether it has spread. Knowing the stage helps doctors plan treatment.",
    ),
    (
        "steroid",
        "steer-oid",
        "corticosteroid, dexamethasone",
        "A drug that reduces swelling and inflammation. Steroids can also help with sickness and appetite.",
    ),
    (
        "surgery",
        "sur-jer-ee",
        "operation",
        "Treatment in which a surgeon removes or repairs part of the body during an operation.",
    ),
    (
        "symptom",
        "simp-tom",
        "",
        "A change in the body or mind that you notice and that may be a sign of illness, such as pain or tiredness.",
    ),
    (
        "targeted therapy",
        "tar-get-id ther-a-pee",
        "targeted drug",
        "A drug that acts on a particular feature of cancer cells that helps them grow or survive.",
    ),
    (
        "tumour",
        "tyoo-mer",
        "tumor, growth, lump",
        "A lump of abnormal cells. A tumour can be benign (not cancer) or malignant (cancer).",
    ),
    (
        "ultrasound scan",
        "ul-tra-sound scan",
        "ultrasound, sonogram",
        "A scan that uses sound waves to make a picture of the inside of the body.",
    ),
    ("vertebra", "ver-te-bra", "vertebrae", "One of the small bones that make up the spine."),
    (
        "white blood cell",
        "",
        "white blood cells, white cell, leucocyte, leukocyte",
        "A blood cell that fights infection. Chemotherapy can lower the number of white blood cells for a while.",
    ),
    (
        "X-ray",
        "eks-ray",
        "x ray, radiograph",
        "A picture of the inside of the body made with a small dose of radiation. It shows bones clearly.",
    ),
]
